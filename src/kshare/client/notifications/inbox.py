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

from kshare.client.labels import reply_title_phrase
from kshare.client.notifications import collections as watched
from kshare.client.notifications.follows import FollowSet
from kshare.client.notifications.read_point import join_decisions
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
from kshare.client.store.repository import GROUPS, ITEMS, PEOPLE, as_utc, utc_naive

# The kinds, most personal first: one item shows once, under the first kind that fits.
KINDS = ("mention", "answer", "accepted", "reply", "endorsement", "joined", "followed")
CONTEXT = "Inbox"
KIND_LABELS = {
    "mention": QT_TRANSLATE_NOOP("Inbox", "Mentions of me"),
    "answer": QT_TRANSLATE_NOOP("Inbox", "Answers to my questions"),
    "accepted": QT_TRANSLATE_NOOP("Inbox", "Accepted answers"),
    "reply": QT_TRANSLATE_NOOP("Inbox", "Replies and comments"),
    "endorsement": QT_TRANSLATE_NOOP("Inbox", "Endorsements"),
    "joined": QT_TRANSLATE_NOOP("Inbox", "Group membership"),
    "followed": QT_TRANSLATE_NOOP("Inbox", "New in what I follow"),
}
# What an entry says; ``{title}`` is the thread's title, shortened.
MENTIONED = QT_TRANSLATE_NOOP("Inbox", "{who} mentioned you in “{title}”")
ANSWERED_YOURS = QT_TRANSLATE_NOOP("Inbox", "{who} answered your question “{title}”")
REPLIED = QT_TRANSLATE_NOOP("Inbox", "{who} replied to “{title}”")
POSTED = QT_TRANSLATE_NOOP("Inbox", "{who} posted: “{title}”")
IN_GROUP = QT_TRANSLATE_NOOP("Inbox", "New in a group you follow: “{title}”")
IN_TAG = QT_TRANSLATE_NOOP("Inbox", "New in #{tag}, which you follow: “{title}”")
ANSWERED_FOLLOWED = QT_TRANSLATE_NOOP("Inbox", "{who} answered “{title}”, which you follow")
COLLECTION_CHANGED = QT_TRANSLATE_NOOP("Inbox", "Collection “{title}” changed: {changes}")
JOIN_APPROVED = QT_TRANSLATE_NOOP("Inbox", "Your request to join {group} was approved")
JOIN_DECLINED = QT_TRANSLATE_NOOP("Inbox", "Your request to join {group} was declined")
ACCEPTED = QT_TRANSLATE_NOOP("Inbox", "Your answer to “{title}” was accepted")
ENDORSED = QT_TRANSLATE_NOOP("Inbox", "{who} endorsed you for {skill}")
MEMBER = QT_TRANSLATE_NOOP("Inbox", "You are now a member of {group}")
SOMEONE = QT_TRANSLATE_NOOP("Inbox", "Someone")
SOMEONE_YOU_FOLLOW = QT_TRANSLATE_NOOP("Inbox", "Someone you follow")
A_COLLEAGUE = QT_TRANSLATE_NOOP("Inbox", "A colleague")
WINDOW = timedelta(days=60)  # how far back the inbox looks
MAX_ROWS = 20_000  # items examined at most, newest first


@dataclass(frozen=True)
class Candidate:
    """An inbox entry before read marks: what happened, to what, and when."""

    key: str
    kind: str
    open_id: str  # the top-level item (or person, group) a click opens
    open_kind: str  # "item", "person" or "group"
    phrase: Phrase  # its ``text`` is what the command line prints
    actor_id: str
    at: datetime | None  # None: known only from when this desktop first saw it

    @property
    def text(self) -> str:
        return self.phrase.text


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
    phrase: Phrase | None = None  # ``text`` for translation


def _say(template: str, /, **args: object) -> Phrase:
    return Phrase.of(CONTEXT, template, **args)


def _short(title: str | None, kind: str = "", limit: int = 60) -> str | Phrase:
    """A title to quote, shortened; one missing reads as ``Post without a title``."""
    title = " ".join((title or "").split())
    if not title:
        return reply_title_phrase(kind if kind in ("post", "article", "question") else "", "")
    return f"{title[: limit - 1]}…" if len(title) > limit else title


def _group_ids(audience: dict[str, Any] | None) -> set[str]:
    return {str(g.get("id")) for g in (audience or {}).get("groups", []) if g.get("id")}


def _follow_news(row: Any, follows: FollowSet, names: dict[str, str]) -> Phrase | None:
    title = _short(row.title, row.kind)
    if row.author_id in follows.people:
        who = names.get(row.author_id) or _say(SOMEONE_YOU_FOLLOW)
        return _say(POSTED, who=who, title=title)
    groups = _group_ids(row.audience) & follows.groups
    if groups:
        return _say(IN_GROUP, title=title)
    tags = sorted(set(row.tags or ()) & follows.tags)
    if tags:
        return _say(IN_TAG, tag=tags[0], title=title)
    return None


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
    # A comment on an answer belongs to the answer's question: its title names the thread.
    root_ids = {p.parent_id for p in parents.values() if p.parent_id} - set(parents)
    if root_ids:
        parents.update(
            (p.id, p)
            for p in conn.execute(
                select(
                    ITEMS.c.id, ITEMS.c.kind, ITEMS.c.author_id, ITEMS.c.title, ITEMS.c.parent_id
                ).where(ITEMS.c.id.in_(sorted(root_ids)))
            )
        )
    people = {
        p.id: p.display_name for p in conn.execute(select(PEOPLE.c.id, PEOPLE.c.display_name))
    }
    out: list[Candidate] = []
    seen: set[str] = set()

    def add(kind: str, row: Any, open_id: str, phrase: Phrase) -> None:
        if row.id in seen:
            return
        seen.add(row.id)
        at = as_utc(row.created_at)
        out.append(Candidate(f"{kind}:{row.id}", kind, open_id, "item", phrase, row.author_id, at))

    for row in rows:
        if row.author_id == me:
            continue
        parent = parents.get(row.parent_id) if row.parent_id else None
        root = parent.parent_id if parent is not None and parent.parent_id else row.parent_id
        open_id = root or row.id
        who: str | Phrase = people.get(row.author_id) or _say(SOMEONE)
        # the thread's title: the question of an answer, or of a comment on one
        thread = parents.get(root, parent) if root is not None else row
        thread = thread if thread is not None else row
        title = _short(thread.title, thread.kind)
        if row.mentions_me:
            add("mention", row, open_id, _say(MENTIONED, who=who, title=title))
        if parent is not None and parent.author_id == me:
            if row.kind == "answer" and parent.kind == "question":
                add("answer", row, open_id, _say(ANSWERED_YOURS, who=who, title=title))
            else:
                add("reply", row, open_id, _say(REPLIED, who=who, title=title))
        if row.parent_id is None:
            news = _follow_news(row, follows, people)
            if news is not None:
                add("followed", row, row.id, news)
        elif row.parent_id in follows.questions:
            add("followed", row, open_id, _say(ANSWERED_FOLLOWED, who=who, title=title))
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
            _say(
                COLLECTION_CHANGED,
                title=_short(change.title, "collection"),
                changes=watched.describe_phrase(change.counts),
            ),
            "",
            change.at,
        )


def _decisions(conn: Connection) -> Iterable[Candidate]:
    for d in join_decisions(conn):
        if d.approved:
            key, text = f"joined:{d.group_id}", _say(JOIN_APPROVED, group=d.group_name)
        else:
            key = f"declined:{d.group_id}:{d.decided_at.isoformat()}"
            text = _say(JOIN_DECLINED, group=d.group_name)
        yield Candidate(key, "joined", d.group_id, "group", text, "", d.decided_at)


def _accepted(conn: Connection, me: str) -> Iterable[Candidate]:
    mine = conn.execute(
        select(ITEMS.c.id, ITEMS.c.parent_id).where(
            ITEMS.c.author_id == me, ITEMS.c.kind == "answer", ITEMS.c.is_accepted.is_(True)
        )
    ).all()
    for answer_id, question_id in mine:
        question = conn.execute(
            select(ITEMS.c.title, ITEMS.c.kind, ITEMS.c.author_id).where(ITEMS.c.id == question_id)
        ).one_or_none()
        if question is None:
            continue
        text = _say(ACCEPTED, title=_short(question.title, question.kind))
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
            who = names.get(endorser) or _say(A_COLLEAGUE)
            yield Candidate(
                f"endorsement:{skill.casefold()}:{endorser}",
                "endorsement",
                endorser,
                "person",
                _say(ENDORSED, who=who, skill=skill),
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
                _say(MEMBER, group=name),
                "",
                None,
            )
