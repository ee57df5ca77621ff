"""Follows and the inbox for one profile: what the UI and the command line call.

Read marks live in the cache (``inbox_marks``). The first time the inbox is
built, everything already there counts as read, and desktop notifications
only ever announce entries newer than the last point they announced: the
first sync of a new computer never floods anyone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from datetime import datetime

from sqlalchemy import Engine, Table, delete, select, update

from kshare.client.errors import NothingCalled
from kshare.client.notifications import collections as watched
from kshare.client.notifications import follows as follow_store
from kshare.client.notifications import read_point
from kshare.client.notifications.follows import Followed, FollowSet
from kshare.client.notifications.inbox import Candidate, InboxEntry, candidates
from kshare.client.notifications.suggestions import FollowSuggestions, suggest
from kshare.client.store import repository
from kshare.client.store.models import InboxMark
from kshare.client.store.repository import PEOPLE, as_utc, utc_naive
from kshare.clock import SYSTEM, Clock
from kshare.protocol.schemas import FOLLOW_KINDS

log = logging.getLogger(__name__)

MARKS: Table = InboxMark.__table__
BASELINE = "inbox_baseline"  # entries up to here count as read: the history before us
NOTIFIED = "inbox_notified_through"  # desktop notifications went out up to here


class Notifications:
    """Follow and unfollow, the inbox and its read marks, what to announce on the desktop."""

    def __init__(
        self,
        reader: Engine,
        writer: Engine,
        me: Callable[[], str | None],
        clock: Clock = SYSTEM,
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.me = me
        self.clock = clock

    # --- follows -------------------------------------------------------------------------

    def follow(self, kind: str, name: str, *, following: bool = True) -> str:
        """Follow (or stop following) what ``name`` means; returns the target's id or tag.

        Raises LookupError with a sentence a person can read when nothing matches.
        """
        if kind not in FOLLOW_KINDS:
            raise NothingCalled(
                follow_store.CANNOT_FOLLOW, kind=kind, kinds=", ".join(FOLLOW_KINDS)
            )
        with self.writer.begin() as conn:
            if not following and kind != "tag":
                # Stopping needs only the id; a target that left the cache can still go.
                current = {f.target for f in follow_store.followed(conn) if f.kind == kind}
                target = name if name in current else follow_store.resolve(conn, kind, name)
            else:
                target = follow_store.resolve(conn, kind, name)
            follow_store.queue_change(conn, kind, target, following, self.clock.now())
            if kind == "collection":  # changes count from now on, and stop with the follow
                if following:
                    watched.remember(conn, target, self.clock.now())
                else:
                    watched.forget(conn, [target])
        return target

    def unfollow(self, kind: str, name: str) -> str:
        return self.follow(kind, name, following=False)

    def following(self) -> list[Followed]:
        with self.reader.connect() as conn:
            return follow_store.followed(conn)

    def person_id(self, username: str) -> str | None:
        """Who ``@username`` names in the cache (any case), or None."""
        try:
            with self.reader.connect() as conn:
                return follow_store.resolve(conn, "person", username)
        except LookupError:
            return None

    def follow_set(self) -> FollowSet:
        with self.reader.connect() as conn:
            return follow_store.follow_set(conn)

    def suggestions(self) -> FollowSuggestions:
        """Tags, groups and people to offer a newcomer (see ``notifications.suggestions``)."""
        me = self.me()
        if not me:
            return FollowSuggestions()
        with self.reader.connect() as conn:
            return suggest(conn, me)

    # --- the inbox -----------------------------------------------------------------------

    def inbox(self, *, unread_only: bool = False, limit: int = 500) -> list[InboxEntry]:
        """Entries newest first, with their read marks; records first sightings."""
        me = self.me()
        if not me:
            return []
        now = self.clock.now()
        with self.reader.connect() as conn:
            pending = watched.anything_to_watch(conn)
        if pending:  # the write lock only when a followed collection may have changed
            with self.writer.begin() as conn:
                watched.catch_up(conn, follow_store.follow_set(conn).collections, now)
        with self.reader.connect() as conn:
            found = candidates(conn, me, follow_store.follow_set(conn), now)
            names = {
                p.id: p.display_name
                for p in conn.execute(select(PEOPLE.c.id, PEOPLE.c.display_name))
            }
        entries = self._with_marks(found, now)
        shown = [
            InboxEntry(
                key=c.key,
                kind=c.kind,
                open_id=c.open_id,
                open_kind=c.open_kind,
                text=c.text,
                actor_name=names.get(c.actor_id, ""),
                at=at,
                read=read,
                phrase=c.phrase,
            )
            for c, at, read in entries
            if not (unread_only and read)
        ]
        shown.sort(key=lambda e: (e.at, e.key), reverse=True)
        return shown[:limit]

    def _with_marks(
        self, found: Sequence[Candidate], now: datetime
    ) -> list[tuple[Candidate, datetime, bool]]:
        with self.writer.begin() as conn:
            raw = repository.get_state(conn, BASELINE)
            baseline = datetime.fromisoformat(raw) if raw else now
            if raw is None:
                repository.set_state(conn, BASELINE, now.isoformat())
            shared = read_point.read_through(conn)  # another desktop's "mark all read"
            marks = {
                row.key: (as_utc(row.first_seen), row.read_at is not None)
                for row in conn.execute(select(MARKS))
            }
            fresh = []
            out: list[tuple[Candidate, datetime, bool]] = []
            for cand in found:
                if cand.key in marks:
                    first_seen, read = marks[cand.key]
                else:
                    first_seen = now
                    read = (cand.at or now) <= baseline
                    fresh.append(
                        {
                            "key": cand.key,
                            "first_seen": utc_naive(now),
                            "read_at": utc_naive(baseline) if read else None,
                        }
                    )
                at = cand.at or first_seen or now
                out.append((cand, at, read or (shared is not None and at <= shared)))
            if fresh:
                conn.execute(MARKS.insert(), fresh)
            gone = set(marks) - {c.key for c in found}
            if gone:
                conn.execute(delete(MARKS).where(MARKS.c.key.in_(sorted(gone))))
        return out

    def unread_count(self) -> int:
        return len(self.inbox(unread_only=True, limit=10_000))

    def mark_read(self, keys: Collection[str], *, read: bool = True) -> None:
        if not keys:
            return
        at = utc_naive(self.clock.now()) if read else None
        with self.writer.begin() as conn:
            conn.execute(update(MARKS).where(MARKS.c.key.in_(sorted(keys))).values(read_at=at))

    def mark_all_read(self) -> None:
        """Everything so far is read, on this desktop now and on the others after a sync."""
        with self.writer.begin() as conn:
            read_point.queue_read_point(conn, self.clock.now())
            conn.execute(
                update(MARKS)
                .where(MARKS.c.read_at.is_(None))
                .values(read_at=utc_naive(self.clock.now()))
            )

    def to_announce(self, enabled: Callable[[str], bool]) -> list[InboxEntry]:
        """Unread entries newer than the last announcement, of the kinds turned on.

        Moves the announcement point to now, so each entry is announced at most once
        and nothing older than the point ever is.
        """
        now = self.clock.now()
        unread = self.inbox(unread_only=True)
        with self.writer.begin() as conn:
            raw = repository.get_state(conn, NOTIFIED) or repository.get_state(conn, BASELINE)
            since = datetime.fromisoformat(raw) if raw else now
            repository.set_state(conn, NOTIFIED, now.isoformat())
        return [e for e in unread if e.at > since and enabled(e.kind)]
