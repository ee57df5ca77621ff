"""The health report of a knowledge base, from what its curator may see.

Unanswered questions by tag and age; stale and never-verified content; busy topics
with nothing verified; and search gaps, reported without names and only for queries
that at least :data:`GAP_THRESHOLD` different people made.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kshare.domain.curation import Verified, review_reasons
from kshare.protocol.curation import (
    GAP_THRESHOLD,
    BusyTopic,
    HealthReport,
    ItemLine,
    SearchGapOut,
    SearchGapReport,
    UnansweredByTag,
)
from kshare.server.auth import Caller
from kshare.server.curation.roles import scope_of
from kshare.server.errors import ApiError
from kshare.server.policy import Gate, visible_items_clause
from kshare.server.serialize import topic_salt
from kshare.server.tables import Item, Person, SearchGap, Verification

LISTED = 50
TOP_LEVEL = ("post", "article", "question", "document")
RECENT = timedelta(days=30)
BUSY = 3  # items in the last RECENT that make a topic busy
WEEK, MONTH = timedelta(days=7), timedelta(days=30)


def _line(item: Item, review_by: datetime | None = None) -> ItemLine:
    return ItemLine(
        id=item.id,
        kind=item.kind,
        title=item.title,
        tags=list(item.tags),
        updated_at=item.updated_at,
        review_by=review_by,
    )


def report(session: Session, caller: Caller, now: datetime) -> HealthReport:
    """The report for ``caller``, a curator (of their scope) or an admin (of all they see)."""
    scope = scope_of(session, caller.viewer)
    if not scope.any:
        raise ApiError(403, "forbidden", "Health reports are for curators.")
    gate = Gate(session, caller.viewer, now)
    visible = list(session.scalars(select(Item).where(visible_items_clause(caller.viewer, now))))
    if not scope.everywhere:
        judged = gate.judge(visible)
        visible = [i for i in visible if scope.covers(judged[i.id])]
    by_id = {i.id: i for i in visible}
    answered = {i.parent_id for i in visible if i.kind == "answer" and i.parent_id}
    waiting: dict[str, Counter[str]] = defaultdict(Counter)
    for item in visible:
        if item.kind != "question" or item.id in answered:
            continue
        age = now - item.created_at
        bucket = "under_week" if age < WEEK else "under_month" if age < MONTH else "older"
        for tag in item.tags or [""]:
            waiting[tag][bucket] += 1
    unanswered = sorted(
        (UnansweredByTag(tag=tag, **counts) for tag, counts in waiting.items()),
        key=lambda u: (-(u.under_week + u.under_month + u.older), u.tag),
    )
    verified = {
        v.item_id: v
        for v in session.scalars(select(Verification).where(Verification.item_id.in_(list(by_id))))
    }
    authors = {i.author_id for i in by_id.values()}
    active = dict(
        session.execute(select(Person.id, Person.active).where(Person.id.in_(list(authors)))).all()
    )
    stale = []
    for item_id, v in verified.items():
        item = by_id[item_id]
        marks = Verified(
            v.review_by, v.blob_sha256, item.blob_sha256, active.get(item.author_id, False)
        )
        if review_reasons(marks, now):
            stale.append(_line(item, v.review_by))
    stale.sort(key=lambda b: (b.review_by or now, b.id))
    unverified = [i for i in by_id.values() if i.kind in TOP_LEVEL and i.id not in verified]
    unverified.sort(key=lambda i: (i.updated_at, i.id))
    recent: Counter[str] = Counter()
    verified_tags: set[str] = set()
    for item in by_id.values():
        if item.id in verified:
            verified_tags.update(item.tags or ())
        if now - item.created_at < RECENT:
            recent.update(item.tags or ())
    busy = sorted(
        (
            BusyTopic(tag=tag, recent_items=n)
            for tag, n in recent.items()
            if n >= BUSY and tag not in verified_tags
        ),
        key=lambda b: (-b.recent_items, b.tag),
    )
    return HealthReport(
        generated_at=now,
        unanswered=unanswered[:LISTED],
        stale=stale[:LISTED],
        never_verified=[_line(i) for i in unverified[:LISTED]],
        never_verified_count=len(unverified),
        busy_unverified=busy[:LISTED],
        search_gaps=search_gaps(session),
    )


def query_key(query: str) -> str:
    return " ".join(query.split()).casefold()[:200]


def record_gap(session: Session, caller: Caller, body: SearchGapReport, now: datetime) -> None:
    """Count one person once for one query; what is kept names nobody."""
    key = query_key(body.query)
    if not key:
        return
    digest = hashlib.sha256(
        f"search-gap\0{topic_salt(session)}\0{caller.id}\0{key}".encode()
    ).hexdigest()
    known = session.scalar(
        select(SearchGap.id).where(
            SearchGap.query_key == key, SearchGap.reporter == digest, SearchGap.kind == body.kind
        )
    )
    if known is None:
        session.add(SearchGap(query_key=key, query=key, reporter=digest, kind=body.kind, at=now))


def search_gaps(session: Session) -> list[SearchGapOut]:
    """Queries that found nothing for at least GAP_THRESHOLD different people, most first."""
    people = func.count(func.distinct(SearchGap.reporter))
    rows = session.execute(
        select(SearchGap.query_key, SearchGap.kind, people)
        .group_by(SearchGap.query_key, SearchGap.kind)
        .having(people >= GAP_THRESHOLD)
        .order_by(people.desc(), SearchGap.query_key)
        .limit(LISTED)
    ).all()
    return [SearchGapOut(query=q, kind=k, people=int(n)) for q, k, n in rows]
