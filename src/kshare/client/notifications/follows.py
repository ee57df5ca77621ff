"""What the person follows: the server's list in the cache, with queued changes shown over it.

A follow or unfollow is written to the outbox and to the cache at once, so it
works offline; the server's answer (or the next sync) replaces the cached list
whole, with still-queued changes applied on top so none flickers back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, select
from sqlalchemy.dialects.sqlite import insert

from kshare.client.errors import NothingCalled
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.store import outbox
from kshare.client.store.models import CachedFollow
from kshare.client.store.repository import GROUPS, ITEMS, PEOPLE, as_utc, utc_naive
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import NotFound
from kshare.protocol.schemas import FOLLOW_KINDS, FollowChange, FollowList

log = logging.getLogger(__name__)

CANNOT_FOLLOW = QT_TRANSLATE_NOOP("Errors", "kshare cannot follow a {kind!r}; try one of: {kinds}.")

FOLLOWS: Table = CachedFollow.__table__
OPERATION = "set_follow"


@dataclass(frozen=True)
class Followed:
    """One thing followed, with a name a person can read."""

    kind: str
    target: str
    label: str
    created_at: datetime


@dataclass(frozen=True)
class FollowSet:
    """Everything followed, by kind, for quick "is this close to me" questions."""

    people: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    questions: frozenset[str] = frozenset()
    collections: frozenset[str] = frozenset()

    def __contains__(self, pair: object) -> bool:
        if not isinstance(pair, tuple) or len(pair) != 2:
            return False
        kind, target = pair
        return target in getattr(self, f"{kind}s", frozenset())


def canonical_tag(tag: str) -> str:
    """The server's spelling of a tag (case-folded, inner spaces as hyphens)."""
    import unicodedata

    return "-".join(unicodedata.normalize("NFKC", tag).casefold().split())


def _set(conn: Connection, kind: str, target: str, following: bool, at: datetime) -> None:
    if following:
        stmt = insert(FOLLOWS).values(kind=kind, target=target, created_at=utc_naive(at))
        conn.execute(stmt.on_conflict_do_nothing(index_elements=["kind", "target"]))
    else:
        conn.execute(delete(FOLLOWS).where(FOLLOWS.c.kind == kind, FOLLOWS.c.target == target))


def store_follows(conn: Connection, listing: FollowList) -> None:
    """Replace the cached list with the server's; queued changes stay applied over it."""
    conn.execute(delete(FOLLOWS))
    for follow in listing.follows:
        _set(conn, follow.kind, follow.target, True, follow.created_at)
    for entry in outbox.pending(conn):
        if entry.operation == OPERATION:
            change = entry.payload["change"]
            _set(conn, change["kind"], change["target"], change["following"], entry.created_at)


def pull_follows(api: ApiClient, writer: Engine) -> None:
    """The sync step: fetch the list whole (it is small) and store it."""
    try:
        listing = api.follows()
    except NotFound:
        log.info("the server keeps no follows (an older server); keeping the local list")
        return
    with writer.begin() as conn:
        store_follows(conn, listing)


def queue_change(conn: Connection, kind: str, target: str, following: bool, at: datetime) -> None:
    """Follow or stop following, on this desktop now and on the server at the next push."""
    change = FollowChange(kind=kind, target=target, following=following)
    outbox.add(conn, OPERATION, f"{kind}:{target}", {"change": change.model_dump(mode="json")})
    _set(conn, kind, target, following, at)


def follow_set(conn: Connection) -> FollowSet:
    rows = conn.execute(select(FOLLOWS.c.kind, FOLLOWS.c.target)).all()
    by_kind: dict[str, set[str]] = {kind: set() for kind in FOLLOW_KINDS}
    for kind, target in rows:
        by_kind.setdefault(kind, set()).add(target)
    return FollowSet(
        people=frozenset(by_kind["person"]),
        tags=frozenset(by_kind["tag"]),
        groups=frozenset(by_kind["group"]),
        questions=frozenset(by_kind["question"]),
        collections=frozenset(by_kind["collection"]),
    )


def _label(conn: Connection, kind: str, target: str) -> str:
    if kind == "tag":
        return f"#{target}"
    if kind == "person":
        row = conn.execute(
            select(PEOPLE.c.display_name, PEOPLE.c.username).where(PEOPLE.c.id == target)
        ).one_or_none()
        return f"{row.display_name} (@{row.username})" if row else target
    if kind == "group":
        name = conn.execute(select(GROUPS.c.name).where(GROUPS.c.id == target)).scalar()
        return str(name) if name else target
    title = conn.execute(select(ITEMS.c.title).where(ITEMS.c.id == target)).scalar()
    return str(title) if title else target


def followed(conn: Connection) -> list[Followed]:
    """Everything followed, oldest first, named for people."""
    rows = conn.execute(
        select(FOLLOWS).order_by(FOLLOWS.c.kind, FOLLOWS.c.created_at, FOLLOWS.c.target)
    ).all()
    return [
        Followed(
            kind=row.kind,
            target=row.target,
            label=_label(conn, row.kind, row.target),
            created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        )
        for row in rows
    ]


def resolve(conn: Connection, kind: str, name: str) -> str:
    """The target a person means by ``name`` (a username, group name, title or id).

    Raises LookupError with a sentence when nothing in the cache matches.
    """
    wanted = " ".join(name.split())
    if kind == "tag":
        tag = canonical_tag(wanted.lstrip("#"))
        if not tag:
            raise NothingCalled(QT_TRANSLATE_NOOP("Errors", "Name the tag to follow."))
        return tag
    query: Any
    if kind == "person":
        username = wanted.lstrip("@").casefold()
        rows = conn.execute(select(PEOPLE.c.id, PEOPLE.c.username)).all()
        for person_id, found in rows:
            if person_id == wanted or found.casefold() == username:
                return str(person_id)
        raise NothingCalled(
            QT_TRANSLATE_NOOP(
                "Errors", "No colleague called @{name} on this computer (sync first?)."
            ),
            name=username,
        )
    if kind == "group":
        query = select(GROUPS.c.id, GROUPS.c.name)
        for group_id, group_name in conn.execute(query):
            if group_id == wanted or " ".join(group_name.split()).casefold() == wanted.casefold():
                return str(group_id)
        raise NothingCalled(
            QT_TRANSLATE_NOOP("Errors", "No group called “{name}” that you may see."), name=wanted
        )
    if kind in ("question", "collection"):
        query = select(ITEMS.c.id, ITEMS.c.title).where(ITEMS.c.kind == kind)
        matches = [
            str(item_id)
            for item_id, title in conn.execute(query)
            if item_id == wanted or (title or "").casefold() == wanted.casefold()
        ]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NothingCalled(
                QT_TRANSLATE_NOOP("Errors", "More than one {kind} is called “{name}”; use its id."),
                kind=kind,
                name=wanted,
            )
        raise NothingCalled(
            QT_TRANSLATE_NOOP("Errors", "No {kind} “{name}” on this computer."),
            kind=kind,
            name=wanted,
        )
    raise NothingCalled(CANNOT_FOLLOW, kind=kind, kinds=", ".join(FOLLOW_KINDS))
