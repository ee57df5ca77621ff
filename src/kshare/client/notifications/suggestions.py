"""What a person new on this desktop might follow: popular tags, their own groups, and people
near them (their department) or active in what they may see.

Read from the cache only, which holds nothing the server's gate did not let this person
see; what is already followed is left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from kshare.client.notifications.follows import follow_set
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
from kshare.client.store.queries import TOP_LEVEL_KINDS
from kshare.client.store.repository import GROUPS, ITEMS, PEOPLE

LIMIT = 6  # of each kind: a short step, not a catalogue
SCANNED = 5_000  # newest top-level items counted at most

CONTEXT = "FollowSuggestion"
POSTS = (  # one post, several
    QT_TRANSLATE_NOOP("FollowSuggestion", "{count} post"),
    QT_TRANSLATE_NOOP("FollowSuggestion", "{count} posts"),
)
A_MEMBER = QT_TRANSLATE_NOOP("FollowSuggestion", "You are a member")
IN_DEPARTMENT = QT_TRANSLATE_NOOP("FollowSuggestion", "In {department}")
ACTIVE = QT_TRANSLATE_NOOP("FollowSuggestion", "Active: {posts}")


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "tag", "group", "person"
    target: str  # the tag, or the group's or person's id
    label: str
    reason: str
    reason_phrase: Phrase | None = None  # ``reason`` for translation

    @classmethod
    def why(cls, kind: str, target: str, label: str, reason: Phrase) -> Suggestion:
        return cls(kind, target, label, reason.text, reason)


@dataclass(frozen=True)
class FollowSuggestions:
    tags: tuple[Suggestion, ...] = field(default=())
    groups: tuple[Suggestion, ...] = field(default=())
    people: tuple[Suggestion, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.tags or self.groups or self.people)

    @property
    def all(self) -> tuple[Suggestion, ...]:
        return self.tags + self.groups + self.people


def _posts(count: int) -> Phrase:
    return Phrase.of(CONTEXT, POSTS[0] if count == 1 else POSTS[1], count=count)


def suggest(conn: Connection, me: str, *, limit: int = LIMIT) -> FollowSuggestions:
    followed = follow_set(conn)
    rows = conn.execute(
        select(ITEMS.c.author_id, ITEMS.c.tags)
        .where(ITEMS.c.kind.in_(TOP_LEVEL_KINDS))
        .order_by(ITEMS.c.created_at.desc())
        .limit(SCANNED)
    ).all()
    tag_counts: Counter[str] = Counter()
    author_counts: Counter[str] = Counter()
    for author_id, tags in rows:
        tag_counts.update({str(t) for t in tags or ()})
        if author_id != me:
            author_counts[str(author_id)] += 1

    tags = tuple(
        Suggestion.why("tag", tag, f"#{tag}", _posts(count))
        for tag, count in sorted(tag_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if tag not in followed.tags
    )[:limit]

    groups = tuple(
        Suggestion.why("group", str(row.id), str(row.name), Phrase.of(CONTEXT, A_MEMBER))
        for row in conn.execute(select(GROUPS.c.id, GROUPS.c.name, GROUPS.c.member_ids))
        if me in (row.member_ids or ()) and str(row.id) not in followed.groups
    )
    groups = tuple(sorted(groups, key=lambda s: s.label.casefold()))[:limit]

    people_rows = {
        str(row.id): row
        for row in conn.execute(
            select(PEOPLE.c.id, PEOPLE.c.display_name, PEOPLE.c.department, PEOPLE.c.active)
        )
    }
    mine = people_rows.get(me)
    department = (mine.department if mine is not None else "") or ""
    people: list[Suggestion] = []

    def add(person_id: str, reason: Phrase) -> None:
        row = people_rows.get(person_id)
        if (
            row is None
            or person_id == me
            or not row.active
            or person_id in followed.people
            or any(p.target == person_id for p in people)
        ):
            return
        people.append(Suggestion.why("person", person_id, str(row.display_name), reason))

    if department:
        near = sorted(
            (pid for pid, row in people_rows.items() if row.department == department),
            key=lambda pid: (-author_counts[pid], people_rows[pid].display_name.casefold()),
        )
        for person_id in near:
            add(person_id, Phrase.of(CONTEXT, IN_DEPARTMENT, department=department))
    for person_id, count in sorted(author_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        add(person_id, Phrase.of(CONTEXT, ACTIVE, posts=_posts(count)))
    return FollowSuggestions(tags=tags, groups=groups, people=tuple(people[:limit]))
