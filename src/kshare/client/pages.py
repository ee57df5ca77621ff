"""Tag pages and group pages, read from the desktop cache (so they open offline too).

A group page lists the members the server let this person know (the synced group
row carries only what the gate allows) and the items shared with the group that are
in the cache; a tag page lists the best-received items with the tag and who knows it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, Text, cast, func, select

from kshare.client.store import tag_descriptions
from kshare.client.store.queries import TOP_LEVEL_KINDS, _summaries, _with_author
from kshare.client.store.repository import GROUPS, ITEMS, PEOPLE
from kshare.client.views import Expert, ItemSummary

log = logging.getLogger(__name__)

TOP_ITEMS = 20
SCAN_LIMIT = 5000  # items read to find a tag's or a group's content
EXPERTS = 5


@dataclass(frozen=True)
class Member:
    person_id: str
    display_name: str
    title: str = ""
    is_owner: bool = False


@dataclass(frozen=True)
class TagPageView:
    tag: str
    description: str
    item_count: int
    top_items: tuple[ItemSummary, ...]
    experts: tuple[Expert, ...] = ()
    about: str = ""  # what the tag means, in its curators' words (synced, so offline too)


@dataclass(frozen=True)
class GroupPageView:
    group_id: str
    name: str
    kind: str
    visibility: str
    about: str
    members: tuple[Member, ...]
    content: tuple[ItemSummary, ...]


class Pages:
    """Builds tag and group pages from the cache; ``experts`` ranks people for a topic."""

    def __init__(
        self, reader: Engine, experts: Callable[[str, int], list[Expert]] | None = None
    ) -> None:
        self._reader = reader
        self._experts = experts

    def tag_page(self, tag: str) -> TagPageView:
        tag = tag.strip().lstrip("#").lower()
        with self._reader.connect() as conn:
            rows = conn.execute(
                _with_author()
                .where(
                    ITEMS.c.kind.in_(TOP_LEVEL_KINDS), cast(ITEMS.c.tags, Text).like(f'%"{tag}"%')
                )
                .order_by(ITEMS.c.score.desc(), ITEMS.c.created_at.desc())
                .limit(SCAN_LIMIT)
            ).all()
            tagged = [r for r in rows if tag in (r.tags or [])]
            authors = len({r.author_id for r in tagged})
            top = _summaries(conn, tagged[:TOP_ITEMS])
            about = tag_descriptions.description(conn, tag)
        experts: tuple[Expert, ...] = ()
        if self._experts is not None:
            try:
                experts = tuple(self._experts(tag, EXPERTS))
            except Exception as exc:  # the finder is optional: the page still shows
                log.info("no experts for #%s: %s", tag, exc)
        count = len(tagged)
        if count:
            noun = "item" if count == 1 else "items"
            people = "person" if authors == 1 else "people"
            description = f"{count} {noun} tagged #{tag}, by {authors} {people}."
        else:
            description = f"Nothing tagged #{tag} on this computer yet."
        return TagPageView(tag, description, count, tuple(top), experts, about)

    def person_id(self, username: str) -> str | None:
        return person_by_username(self._reader, username)

    def group_page(self, group: str) -> GroupPageView | None:
        """A group by id or name; None when the cache does not know it."""
        with self._reader.connect() as conn:
            row = conn.execute(select(GROUPS).where(GROUPS.c.id == group)).first()
            if row is None:
                row = conn.execute(
                    select(GROUPS).where(func.lower(GROUPS.c.name) == group.lower())
                ).first()
            if row is None:
                return None
            ids = list(row.member_ids or [])
            owners = set(row.owner_ids or [])
            people = {
                p.id: p
                for p in conn.execute(
                    select(PEOPLE.c.id, PEOPLE.c.display_name, PEOPLE.c.title).where(
                        PEOPLE.c.id.in_(ids)
                    )
                )
            }
            members = sorted(
                (
                    Member(pid, people[pid].display_name, people[pid].title or "", pid in owners)
                    for pid in ids
                    if pid in people
                ),
                key=lambda m: (not m.is_owner, m.display_name.casefold()),
            )
            rows = conn.execute(
                _with_author()
                .where(
                    ITEMS.c.kind.in_(TOP_LEVEL_KINDS),
                    cast(ITEMS.c.audience, Text).like(f'%"{row.id}"%'),
                )
                .order_by(ITEMS.c.created_at.desc())
                .limit(SCAN_LIMIT)
            ).all()
            shared = [
                r
                for r in rows
                if any(g.get("id") == row.id for g in (r.audience or {}).get("groups") or [])
            ]
            content = _summaries(conn, shared[:TOP_ITEMS])
        return GroupPageView(
            group_id=row.id,
            name=row.name,
            kind=row.kind,
            visibility=row.visibility,
            about=row.description or "",
            members=tuple(members),
            content=tuple(content),
        )


def person_by_username(reader: Engine, username: str) -> str | None:
    """The id of the colleague with this username in the cache."""
    with reader.connect() as conn:
        found = conn.execute(
            select(PEOPLE.c.id).where(func.lower(PEOPLE.c.username) == username.lower())
        ).scalar()
    return str(found) if found is not None else None
