"""The inbox, derived on the desktop from what has synced.

Everything here reads the cache, which only ever holds what the server's gate
let this person see; an item purged from the cache takes its inbox entries
with it, because there is nothing left to derive them from. Works offline for
whatever has synced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, String, literal, select, type_coerce

from kshare.client.notifications import collections as watched
from kshare.client.notifications.follows import FollowSet
from kshare.client.notifications.read_point import join_decisions
from kshare.client.store.repository import GROUPS, ITEMS, PEOPLE, as_utc, utc_naive

# The kinds, most personal first: one item shows once, under the first kind that fits.
KINDS = ("mention", "answer", "accepted", "reply", "endorsement", "joined", "followed")
KIND_LABELS = {
    "mention": "Mentions of me",
    "answer": "Answers to my questions",
    "accepted": "Accepted answers",
    "reply": "Replies and comments",
    "endorsement": "Endorsements",
    "joined": "Group membership",
    "followed": "New in what I follow",
}
WINDOW = timedelta(days=60)  # how far back the inbox looks
MAX_ROWS = 20_000  # items examined at most, newest first


@dataclass(frozen=True)
class Candidate:
    """An inbox entry before read marks: what happened, to what, and when."""

    key: str
    kind: str
    open_id: str  # the top-level item (or person, group) a click opens
    open_kind: str  # "item", "person" or "group"
    text: str
    actor_id: str
    at: datetime | None  # None: known only from when this desktop first saw it


@dataclass(frozen=True)
class InboxEntry:
    key: str
    kind: str
    open_id: str
    open_kind: str
    text: str
    actor_name: str
    at: datetime
    read: bool


def _quote(title: str, limit: int = 60) -> str:
    title = " ".join((title or "").split()) or "(untitled)"
    return f"“{title[: limit - 1]}…”" if len(title) > limit else f"“{title}”"


def _group_ids(audience: dict[str, Any] | None) -> set[str]:
    return {str(g.get("id")) for g in (audience or {}).get("groups", []) if g.get("id")}


def _follow_reason(row: Any, follows: FollowSet, names: dict[str, str]) -> str:
    if row.author_id in follows.people:
        return f"{names.get(row.author_id, 'Someone you follow')} posted"
    groups = _group_ids(row.audience) & follows.groups
    if groups:
        return "New in a group you follow"
    tags = sorted(set(row.tags or ()) & follows.tags)
    if tags:
        return f"New in #{tags[0]}, which you follow"
    return ""


def candidates(conn: Connection, me: str, follows: FollowSet, now: datetime) -> list[Candidate]:
    """Every inbox entry the cache supports for ``me`` in the window, newest first."""
    since = utc_naive(now - WINDOW)
    # Only what derivation reads: never the bodies of thousands of items, and JSON
    # decoded only when something followed needs it (decoding dominated the time).
    pattern = '%"' + me.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + '"%'
    mentioned = type_coerce(ITEMS.c.mentions, String).like(pattern, escape="\\")
    rows = conn.execute(
        select(
            ITEMS.c.id,
            ITEMS.c.kind,
            ITEMS.c.parent_id,
            ITEMS.c.author_id,
            ITEMS.c.title,
            ITEMS.c.tags if follows.tags else literal(None).label("tags"),
            ITEMS.c.audience if follows.groups else literal(None).label("audience"),
            mentioned.label("mentions_me"),
            ITEMS.c.created_at,
        )
        .where(ITEMS.c.created_at >= since)
        .order_by(ITEMS.c.created_at.desc())
        .limit(MAX_ROWS)
    ).all()
    parent_ids = {r.parent_id for r in rows if r.parent_id}
    parents = (
        {
            p.id: p
            for p in conn.execute(
                select(
                    ITEMS.c.id, ITEMS.c.kind, ITEMS.c.author_id, ITEMS.c.title, ITEMS.c.parent_id
                ).where(ITEMS.c.id.in_(sorted(parent_ids)))
            )
        }
        if parent_ids
        else {}
    )
    people = {
        p.id: p.display_name for p in conn.execute(select(PEOPLE.c.id, PEOPLE.c.display_name))
    }
    out: list[Candidate] = []
    seen: set[str] = set()

    def add(kind: str, row: Any, open_id: str, text: str) -> None:
        if row.id in seen:
            return
        seen.add(row.id)
        at = as_utc(row.created_at)
        out.append(Candidate(f"{kind}:{row.id}", kind, open_id, "item", text, row.author_id, at))

    for row in rows:
        if row.author_id == me:
            continue
        parent = parents.get(row.parent_id) if row.parent_id else None
        root = parent.parent_id if parent is not None and parent.parent_id else row.parent_id
        open_id = root or row.id
        who = people.get(row.author_id, "Someone")
        title = parent.title if parent is not None else row.title
        if row.mentions_me:
            add("mention", row, open_id, f"{who} mentioned you in {_quote(title)}")
        if parent is not None and parent.author_id == me:
            if row.kind == "answer" and parent.kind == "question":
                add("answer", row, open_id, f"{who} answered your question {_quote(title)}")
            else:
                add("reply", row, open_id, f"{who} replied to {_quote(title)}")
        if row.parent_id is None:
            reason = _follow_reason(row, follows, people)
            if reason:
                add("followed", row, row.id, f"{reason}: {_quote(row.title)}")
        elif row.parent_id in follows.questions:
            add("followed", row, open_id, f"{who} answered {_quote(title)}, which you follow")
    out.extend(_accepted(conn, me))
    out.extend(_endorsements(conn, me))
    out.extend(_decisions(conn))
    out.extend(_memberships(conn, me))
    out.extend(_collection_changes(conn, follows, now))
    unique: dict[str, Candidate] = {}
    for cand in out:
        unique.setdefault(cand.key, cand)  # an approval says more than "you are a member"
    return list(unique.values())


def _collection_changes(conn: Connection, follows: FollowSet, now: datetime) -> Iterable[Candidate]:
    """Changes noticed in followed collections (see :mod:`.collections`), one entry each."""
    for change in watched.changes(conn, follows.collections, now - WINDOW):
        yield Candidate(
            f"collection:{change.collection_id}:{change.id}",
            "followed",
            change.collection_id,
            "item",
            f"Collection {_quote(change.title)} changed: {watched.describe(change.counts)}",
            "",
            change.at,
        )


def _decisions(conn: Connection) -> Iterable[Candidate]:
    for d in join_decisions(conn):
        if d.approved:
            key, text = f"joined:{d.group_id}", f"Your request to join {d.group_name} was approved"
        else:
            key = f"declined:{d.group_id}:{d.decided_at.isoformat()}"
            text = f"Your request to join {d.group_name} was declined"
        yield Candidate(key, "joined", d.group_id, "group", text, "", d.decided_at)


def _accepted(conn: Connection, me: str) -> Iterable[Candidate]:
    mine = conn.execute(
        select(ITEMS.c.id, ITEMS.c.parent_id).where(
            ITEMS.c.author_id == me, ITEMS.c.kind == "answer", ITEMS.c.is_accepted.is_(True)
        )
    ).all()
    for answer_id, question_id in mine:
        question = conn.execute(
            select(ITEMS.c.title, ITEMS.c.author_id).where(ITEMS.c.id == question_id)
        ).one_or_none()
        if question is None:
            continue
        text = f"Your answer to {_quote(question.title)} was accepted"
        yield Candidate(
            f"accepted:{answer_id}", "accepted", question_id, "item", text, question.author_id, None
        )


def _endorsements(conn: Connection, me: str) -> Iterable[Candidate]:
    row = conn.execute(select(PEOPLE.c.endorsements).where(PEOPLE.c.id == me)).one_or_none()
    if row is None:
        return
    names = {p.id: p.display_name for p in conn.execute(select(PEOPLE.c.id, PEOPLE.c.display_name))}
    for skill, endorsers in sorted((row.endorsements or {}).items()):
        for endorser in endorsers or ():
            if endorser == me:
                continue
            who = names.get(endorser, "A colleague")
            yield Candidate(
                f"endorsement:{skill.casefold()}:{endorser}",
                "endorsement",
                endorser,
                "person",
                f"{who} endorsed you for {skill}",
                endorser,
                None,
            )


def _memberships(conn: Connection, me: str) -> Iterable[Candidate]:
    """Groups I am in: a new one (a join request approved, an owner adding me) shows once."""
    for group_id, name, members in conn.execute(
        select(GROUPS.c.id, GROUPS.c.name, GROUPS.c.member_ids)
    ):
        if me in (members or ()):
            yield Candidate(
                f"joined:{group_id}",
                "joined",
                group_id,
                "group",
                f"You are now a member of {name}",
                "",
                None,
            )
