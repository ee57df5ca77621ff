"""The Home and Explore feeds and the digest, built from the cache (so they work offline).

The cache holds only what the viewer may see, so nothing here can surface an
item the server's gate kept back; ranking itself is :mod:`.ranking`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, select

from kshare.client.home_feed.ranking import Circle, FeedCandidate, Ranked, popularity, rank
from kshare.client.notifications.follows import FollowSet
from kshare.client.phrases import Phrase
from kshare.client.store.queries import TOP_LEVEL_KINDS, summaries_by_id
from kshare.client.store.repository import GROUPS, ITEMS, PEOPLE, as_utc, utc_naive
from kshare.client.views import ItemSummary
from kshare.clock import SYSTEM, Clock

log = logging.getLogger(__name__)

WINDOW = timedelta(days=90)
MAX_CANDIDATES = 5000


@dataclass(frozen=True)
class HomeItem:
    """One row of the Home, Explore or digest view: the item and why it is shown."""

    summary: ItemSummary
    reason: str
    close: bool
    reason_phrase: Phrase | None = None  # ``reason`` for translation


class HomeFeed:
    def __init__(
        self,
        reader: Engine,
        me: Callable[[], str | None],
        follows: Callable[[], FollowSet],
        areas: Callable[[], Sequence[str]],
        clock: Clock = SYSTEM,
    ) -> None:
        self.reader = reader
        self.me = me
        self.follows = follows
        self.areas = areas
        self.clock = clock

    def _candidates(self, since: datetime) -> list[FeedCandidate]:
        answers = (
            select(ITEMS.c.parent_id, func.count().label("n"))
            .where(ITEMS.c.kind == "answer")
            .group_by(ITEMS.c.parent_id)
            .subquery()
        )
        query = (
            select(
                ITEMS.c.id,
                ITEMS.c.kind,
                ITEMS.c.author_id,
                ITEMS.c.title,
                ITEMS.c.created_at,
                ITEMS.c.tags,
                ITEMS.c.audience,
                ITEMS.c.score,
                ITEMS.c.accepted_answer_id,
                answers.c.n,
            )
            .join(answers, answers.c.parent_id == ITEMS.c.id, isouter=True)
            .where(
                ITEMS.c.parent_id.is_(None),
                ITEMS.c.kind.in_(TOP_LEVEL_KINDS),
                ITEMS.c.created_at >= utc_naive(since),
            )
            .order_by(ITEMS.c.created_at.desc())
            .limit(MAX_CANDIDATES)
        )
        with self.reader.connect() as conn:
            rows = conn.execute(query).all()
        return [_candidate(row) for row in rows]

    def circle(self) -> Circle:
        me = self.me() or ""
        follows = self.follows()
        with self.reader.connect() as conn:
            groups = conn.execute(
                select(GROUPS.c.id, GROUPS.c.name, GROUPS.c.kind, GROUPS.c.member_ids)
            ).all()
            people = conn.execute(select(PEOPLE.c.id, PEOPLE.c.display_name)).all()
        mine = [g for g in groups if me in (g.member_ids or ())]
        teammates = {m for g in mine if g.kind == "team" for m in (g.member_ids or ())} - {me}
        names = {p.id: p.display_name for p in people}
        names.update({g.id: g.name for g in groups})
        try:
            areas = tuple(self.areas())
        except Exception:  # an unavailable index must not empty the Home feed
            log.exception("could not read the viewer's areas of expertise")
            areas = ()
        return Circle(
            me=me,
            people=follows.people,
            tags=follows.tags,
            groups=follows.groups,
            questions=follows.questions,
            my_groups=frozenset(g.id for g in mine),
            teammates=frozenset(teammates),
            areas=areas,
            names=names,
        )

    def _show(self, ranked: Sequence[Ranked], limit: int) -> list[HomeItem]:
        chosen = list(ranked[:limit])
        summaries = summaries_by_id(self.reader, [r.id for r in chosen])
        return [
            HomeItem(summaries[r.id], r.reason, r.close, r.phrase)
            for r in chosen
            if r.id in summaries
        ]

    def home(self, mix: float, *, limit: int = 200) -> list[HomeItem]:
        """Close and explore mixed by ``mix`` (0 = only close, 1 = mostly explore)."""
        now = self.clock.now()
        ranked = rank(self._candidates(now - WINDOW), self.circle(), mix, now)
        return self._show(ranked, limit)

    def explore(self, *, limit: int = 200) -> list[HomeItem]:
        """Well-received items from outside the viewer's usual circle."""
        now = self.clock.now()
        ranked = rank(self._candidates(now - WINDOW), self.circle(), 1.0, now, explore_only=True)
        return self._show([r for r in ranked if r.score > 0], limit)

    def digest(self, since: datetime, *, limit: int = 20) -> list[HomeItem]:
        """The best since ``since`` from what I follow and my areas (a daily or weekly read)."""
        now = self.clock.now()
        circle = self.circle()
        found = [c for c in self._candidates(since) if c.created_at >= since]
        close = {r.id: r for r in rank(found, circle, 0.0, now) if r.close}
        # Top means well received here, not merely recent: the reader catches up.
        best = sorted(
            (c for c in found if c.id in close),
            key=lambda c: (-popularity(c), -c.created_at.timestamp(), c.id),
        )
        return self._show([close[c.id] for c in best], limit)


def _candidate(row: Any) -> FeedCandidate:
    audience = row.audience or {}
    return FeedCandidate(
        id=row.id,
        kind=row.kind,
        author_id=row.author_id,
        title=row.title or "",
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        tags=tuple(row.tags or ()),
        group_ids=frozenset(str(g.get("id")) for g in audience.get("groups", []) if g.get("id")),
        score=int(row.score or 0),
        answer_count=int(row.n or 0),
        accepted=bool(row.accepted_answer_id),
    )


def for_workspace(workspace: Any, clock: Clock = SYSTEM) -> HomeFeed:
    """The Home feed of a profile (a :class:`kshare.client.services.Workspace`)."""

    def areas() -> list[str]:
        profile = workspace.expertise_profile()
        if profile is None:
            return []
        return [t.name for t in profile.topics] + list(profile.skills)

    return HomeFeed(
        workspace.reader,
        lambda: workspace.account.user_id if workspace.account else None,
        workspace.notifications.follow_set,
        areas,
        clock,
    )
