"""Who will see this: how many people an audience reaches, and whether that is unusual.

Online the server counts (its preview knows every member of every group); offline the
cache counts what it holds and says the number is an estimate. Either is compared with
the author's own earlier items, so an audience much wider than their usual is flagged
before it is published.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from kshare.client.audiences import audience_spec
from kshare.client.errors import UserFacingError
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
from kshare.client.store.repository import GROUPS, ITEMS, PEOPLE
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import SyncError
from kshare.protocol import routes
from kshare.protocol.schemas import AudiencePreview

log = logging.getLogger(__name__)

PAST_ITEMS = 50  # the author's latest top-level items that make "usual"
WIDER = 3  # times the usual reach that counts as "much wider"
WIDER_BY = 10  # ... and by at least this many people (2 -> 6 is no alarm)

CONTEXT = "AudienceReach"
# (without groups, through groups) x (one person, several)
COUNTED = (
    (
        QT_TRANSLATE_NOOP("AudienceReach", "{count} person will see this"),
        QT_TRANSLATE_NOOP("AudienceReach", "{count} people will see this"),
    ),
    (
        QT_TRANSLATE_NOOP("AudienceReach", "{count} person will see this · through {groups}"),
        QT_TRANSLATE_NOOP("AudienceReach", "{count} people will see this · through {groups}"),
    ),
)
ESTIMATED = (  # counted from the cache, offline
    (
        QT_TRANSLATE_NOOP(
            "AudienceReach", "about {count} person will see this (estimate: offline)"
        ),
        QT_TRANSLATE_NOOP(
            "AudienceReach", "about {count} people will see this (estimate: offline)"
        ),
    ),
    (
        QT_TRANSLATE_NOOP(
            "AudienceReach",
            "about {count} person will see this · through {groups} (estimate: offline)",
        ),
        QT_TRANSLATE_NOOP(
            "AudienceReach",
            "about {count} people will see this · through {groups} (estimate: offline)",
        ),
    ),
)
MUCH_WIDER = (  # usually one person, usually several
    QT_TRANSLATE_NOOP(
        "AudienceReach",
        "Much wider than usual: your posts usually reach about {usual} person, this one {people}.",
    ),
    QT_TRANSLATE_NOOP(
        "AudienceReach",
        "Much wider than usual: your posts usually reach about {usual} people, this one {people}.",
    ),
)


@dataclass(frozen=True)
class Reach:
    """How far an audience reaches, said for the composer."""

    people: int
    groups: tuple[str, ...] = ()
    org_wide: bool = False
    estimate: bool = False  # counted from this computer's cache, not by the server
    usual: int | None = None  # the author's typical reach (median), when known
    warning: str = ""
    warning_phrase: Phrase | None = None  # ``warning`` for translation

    @property
    def phrase(self) -> Phrase:
        """``text`` for translation."""
        forms = (ESTIMATED if self.estimate else COUNTED)[bool(self.groups)]
        return Phrase.of(
            CONTEXT,
            forms[0] if self.people == 1 else forms[1],
            count=self.people,
            groups=", ".join(self.groups),
        )

    @property
    def text(self) -> str:
        return self.phrase.text


class AudienceReach:
    """Counts audiences for the signed-in person, from the server or from the cache."""

    def __init__(
        self,
        reader: Engine,
        me: Callable[[], str | None],
        api: Callable[[], ApiClient] | None = None,
    ) -> None:
        self._reader = reader
        self._me = me
        self._api = api

    def preview(self, audience: Sequence[str]) -> Reach:
        """The server's count when it answers, else the cache's estimate."""
        if self._api is not None:
            try:
                return self._with_usual(self._from_server(audience))
            except (SyncError, UserFacingError) as exc:
                log.info("audience preview offline: %s", exc)
        return self.estimate(audience)

    def estimate(self, audience: Sequence[str]) -> Reach:
        """Counted from the cache alone (groups' members as last synced)."""
        with self._reader.connect() as conn:
            counter = _Counter(conn, self._me())
            reach = counter.reach_of_choices(audience)
        return self._with_usual(reach)

    def usual_reach(self) -> int | None:
        """The median reach of the author's latest top-level items in the cache."""
        me = self._me()
        if me is None:
            return None
        with self._reader.connect() as conn:
            rows = conn.execute(
                select(ITEMS.c.audience)
                .where(ITEMS.c.author_id == me, ITEMS.c.parent_id.is_(None))
                .order_by(ITEMS.c.created_at.desc())
                .limit(PAST_ITEMS)
            ).all()
            counter = _Counter(conn, me)
            sizes = [counter.reach_of_view(row.audience or {}) for row in rows]
        return int(statistics.median(sizes)) if sizes else None

    def _from_server(self, audience: Sequence[str]) -> Reach:
        assert self._api is not None
        spec = audience_spec(audience)
        api = self._api()
        try:
            found: AudiencePreview = api.request(
                "POST",
                routes.AUDIENCE_PREVIEW,
                content=spec.model_dump_json(),
                headers={"Content-Type": "application/json"},
                parse=api.parser(AudiencePreview),
            )
        finally:
            api.close()
        return Reach(
            people=found.people_count,
            groups=tuple(g.name for g in found.groups),
            org_wide=found.org_wide,
        )

    def _with_usual(self, reach: Reach) -> Reach:
        usual = self.usual_reach()
        warning = None
        if usual is not None and reach.people >= max(usual * WIDER, usual + WIDER_BY):
            form = MUCH_WIDER[0] if usual == 1 else MUCH_WIDER[1]
            warning = Phrase.of(CONTEXT, form, usual=usual, people=reach.people)
        return Reach(
            people=reach.people,
            groups=reach.groups,
            org_wide=reach.org_wide,
            estimate=reach.estimate,
            usual=usual,
            warning=warning.text if warning else "",
            warning_phrase=warning,
        )


class _Counter:
    """Counts people in the cache: the active colleagues an audience names, plus the author."""

    def __init__(self, conn: Connection, me: str | None) -> None:
        self._conn = conn
        self._me = me
        self._active: set[str] | None = None
        self._groups: dict[str, tuple[str, list[str]]] | None = None

    def active(self) -> set[str]:
        if self._active is None:
            rows = self._conn.execute(select(PEOPLE.c.id).where(PEOPLE.c.active.is_(True)))
            self._active = {row.id for row in rows}
        return self._active

    def groups(self) -> dict[str, tuple[str, list[str]]]:
        """Group id and name (both lower-cased keys) -> (name, member ids)."""
        if self._groups is None:
            found: dict[str, tuple[str, list[str]]] = {}
            for row in self._conn.execute(select(GROUPS.c.id, GROUPS.c.name, GROUPS.c.member_ids)):
                entry = (row.name, list(row.member_ids or []))
                found[row.id] = entry
                found[str(row.name).casefold()] = entry
            self._groups = found
        return self._groups

    def _usernames(self, names: Iterable[str]) -> set[str]:
        wanted = {n.casefold() for n in names}
        if not wanted:
            return set()
        rows = self._conn.execute(select(PEOPLE.c.id, PEOPLE.c.username))
        return {row.id for row in rows if str(row.username).casefold() in wanted}

    def _count(self, people: set[str]) -> int:
        if self._me is not None:
            people = people | {self._me}
        return len(people & self.active()) or (1 if self._me else 0)

    def reach_of_choices(self, audience: Sequence[str]) -> Reach:
        if any(a == "org" for a in audience):
            return Reach(people=len(self.active()), org_wide=True, estimate=True)
        people: set[str] = set()
        names: list[str] = []
        usernames: list[str] = []
        for choice in audience:
            kind, _, ref = choice.partition(":")
            if kind == "group":
                entry = self.groups().get(ref) or self.groups().get(ref.casefold())
                if entry is not None:
                    names.append(entry[0])
                    people |= set(entry[1])
            elif kind == "person":
                usernames.append(ref)
        people |= self._usernames(usernames)
        return Reach(people=self._count(people), groups=tuple(names), estimate=True)

    def reach_of_view(self, view: dict[str, Any]) -> int:
        """The reach of a cached item's audience (``AudienceView`` as JSON)."""
        if view.get("org"):
            return len(self.active())
        people: set[str] = set()
        for group in view.get("groups") or []:
            entry = self.groups().get(str(group.get("id", "")))
            if entry is not None:
                people |= set(entry[1])
        people |= {str(p.get("id", "")) for p in view.get("people") or []}
        return self._count(people)
