"""What the expert finder keeps in memory about the cache, brought up to date incrementally.

One pass over the cache builds, per item, the few columns scoring needs (no
bodies), the thread structure, each person's items and a tag → people count
table for finding candidates. Later calls read only the rows whose
``local_seq`` is newer than the last one applied, plus the purges, so a query
after a sync page costs a few small reads instead of a rescan. Only what sync
wrote into the cache is ever read: content the user may not see never gets here.
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Engine, String, select, type_coerce

from kshare.client.experts.item_facts import own_tags
from kshare.client.store import tag_aliases
from kshare.client.store.models import CachedItem, CachedPerson, Purge, SyncState
from kshare.client.store.tag_aliases import TagAliases
from kshare.domain.expertise import Declared, Weights

log = logging.getLogger(__name__)

LOCAL_SEQ_KEY = "local_seq"  # the cache's change counter in sync_state (see store.repository)
MAX_DEPTH = 4  # comment → answer → question; attachments of posts


@dataclass(slots=True)
class ItemFacts:
    id: str
    kind: str
    author_id: str
    parent_id: str | None
    created_at: datetime
    accepted: bool
    score: int
    tags: tuple[str, ...]
    title: str
    counted_tags: tuple[str, ...] = ()  # tags credited to the author in ``tag_people``


@dataclass(slots=True)
class PersonFacts:
    id: str
    display_name: str
    title: str
    department: str
    active: bool
    declared: Declared


# id, kind, author, parent, created (text), accepted, score, tags (JSON text), title
_ItemRow = tuple[str, str, str, str | None, str, bool, int | None, str | None, str | None]


def _time(text: str) -> datetime:
    """A cache time (naive UTC, as the store writes it) as an aware datetime."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _endorsement_counts(raw: object) -> dict[str, int]:
    """The cache keeps skill → endorser ids; tolerate a bare count as well."""
    counts: dict[str, int] = {}
    if isinstance(raw, dict):
        for skill, value in raw.items():
            if isinstance(value, list | tuple | set):
                counts[str(skill)] = len(value)
            elif isinstance(value, int):
                counts[str(skill)] = value
    return counts


def current_seq(conn: Connection) -> int:
    """The cache's change counter: it moves on every upsert and every purge."""
    value = conn.execute(
        select(SyncState.value).where(SyncState.key == LOCAL_SEQ_KEY)
    ).scalar_one_or_none()
    return int(value) if value else 0


@dataclass
class Aggregates:
    """Items, threads, people and tag activity counts, as of cache ``seq``."""

    seq: int = -1
    items: dict[str, ItemFacts] = field(default_factory=dict)
    children: dict[str, set[str]] = field(default_factory=dict)
    by_person: dict[str, set[str]] = field(default_factory=dict)
    tag_people: dict[str, Counter[str]] = field(default_factory=dict)
    people: dict[str, PersonFacts] = field(default_factory=dict)
    declared_topics: dict[str, set[str]] = field(default_factory=dict)  # topic → people
    touched: set[str] = field(default_factory=set)  # people whose facts the last refresh changed
    # the synced tag aliases: every tag is counted under the tag it stands for
    aliases: TagAliases = field(default_factory=TagAliases)
    _timeline: list[tuple[datetime, str]] = field(default_factory=list)
    _timeline_seq: int = -2

    # --- keeping up with the cache --------------------------------------------------

    def refresh(self, engine: Engine) -> bool:
        """Apply what changed in the cache since the last call; True when something did."""
        with engine.connect() as conn:
            seq = current_seq(conn)
            aliases = tag_aliases.read(conn)
            if seq == self.seq and aliases == self.aliases:
                return False
            # other aliases: every item is read again, so its tags are counted anew
            since = self.seq if aliases == self.aliases else -1
            self.aliases = aliases
            self.touched = set()
            item_rows = conn.execute(
                select(
                    CachedItem.id,
                    CachedItem.kind,
                    CachedItem.author_id,
                    CachedItem.parent_id,
                    # Raw text, decoded below: SQLAlchemy's per-row type processing is
                    # most of the cost of a first fill of 100,000 items.
                    type_coerce(CachedItem.created_at, String).label("created_at"),
                    CachedItem.is_accepted,
                    CachedItem.score,
                    type_coerce(CachedItem.tags, String).label("tags"),
                    CachedItem.title,
                ).where(CachedItem.local_seq > since)
            ).all()
            person_rows = conn.execute(
                select(CachedPerson).where(CachedPerson.local_seq > since)
            ).all()
            purged = conn.execute(
                select(Purge.entity_type, Purge.entity_id).where(Purge.local_seq > since)
            ).all()
        fresh_items = {row.id for row in item_rows}
        fresh_people: set[str] = set()
        # plain tuples, unpacked: a first fill reads every item of the cache
        rows = cast("list[_ItemRow]", [tuple(row) for row in item_rows])
        facts = [
            ItemFacts(
                id=item_id,
                kind=kind,
                author_id=author_id,
                parent_id=parent_id,
                created_at=_time(created_at),
                accepted=bool(accepted),
                score=int(score or 0),
                tags=own_tags(tags, aliases),
                title=title or "",
            )
            for item_id, kind, author_id, parent_id, created_at, accepted, score, tags, title in (
                rows
            )
        ]
        if self.items:
            for one in facts:
                self._put_item(one)
        else:
            self._load(facts)
        for person in person_rows:
            fresh_people.add(person.id)
            self._put_person(person)
        # The tables hold the current truth: an id purged and then sent again is
        # in ``fresh_*`` and must stay.
        for entity_type, entity_id in purged:
            if entity_type == "item" and entity_id not in fresh_items:
                self._drop_item(entity_id)
            elif entity_type == "person" and entity_id not in fresh_people:
                self._drop_person(entity_id)
        log.debug(
            "expert aggregates %s → %s: %d items, %d people, %d purges",
            self.seq,
            seq,
            len(item_rows),
            len(person_rows),
            len(purged),
        )
        self.seq = seq
        return True

    def _put_person(self, row: Any) -> None:
        """A person's row of the cache (or the same columns, read raw)."""
        old = self.people.get(row.id)
        if old is not None:
            self._index_declared(old, add=False)
        facts = PersonFacts(
            id=row.id,
            display_name=row.display_name,
            title=row.title or "",
            department=row.department or "",
            active=bool(row.active),
            declared=Declared(
                skills=tuple(row.skills or ()),
                ask_me_about=tuple(row.ask_me_about or ()),
                endorsements=_endorsement_counts(row.endorsements),
                confirmed=tuple(row.expertise_confirmed or ()),
                hidden=tuple(row.expertise_hidden or ()),
                opt_out=bool(row.expert_opt_out),
            ),
        )
        self.people[row.id] = facts
        self.touched.add(row.id)
        self._index_declared(facts, add=True)

    def _index_declared(self, person: PersonFacts, *, add: bool) -> None:
        d = person.declared
        for name in {*d.skills, *d.ask_me_about, *d.confirmed, *d.endorsements}:
            holders = self.declared_topics.setdefault(name, set())
            if add:
                holders.add(person.id)
            else:
                holders.discard(person.id)
                if not holders:
                    del self.declared_topics[name]

    def _drop_person(self, person_id: str) -> None:
        old = self.people.pop(person_id, None)
        self.touched.add(person_id)
        if old is not None:
            self._index_declared(old, add=False)

    def _put_item(self, facts: ItemFacts) -> None:
        old = self.items.get(facts.id)
        if old is not None:
            self._detach(old)
            if old.parent_id != facts.parent_id and old.parent_id in self.children:
                self.children[old.parent_id].discard(old.id)
        self.items[facts.id] = facts
        if facts.parent_id:
            self.children.setdefault(facts.parent_id, set()).add(facts.id)
        self.by_person.setdefault(facts.author_id, set()).add(facts.id)
        self._attach(facts)
        # Children that arrived first, or whose thread's tags changed, are recounted.
        for child_id in self.descendants(facts.id):
            child = self.items[child_id]
            self._detach(child)
            self._attach(child)

    def _load(self, facts: list[ItemFacts]) -> None:
        """First fill: every parent is known before any tag is counted, so nothing is recounted."""
        for one in facts:
            self.items[one.id] = one
        for one in facts:
            if one.parent_id:
                self.children.setdefault(one.parent_id, set()).add(one.id)
            self.by_person.setdefault(one.author_id, set()).add(one.id)
            self._attach(one)

    def _drop_item(self, item_id: str) -> None:
        old = self.items.pop(item_id, None)
        if old is None:
            return
        self._detach(old)
        if old.parent_id in self.children:
            self.children[old.parent_id].discard(item_id)
        mine = self.by_person.get(old.author_id)
        if mine is not None:
            mine.discard(item_id)

    def _attach(self, facts: ItemFacts) -> None:
        self.touched.add(facts.author_id)
        facts.counted_tags = self.thread_tags(facts)
        for tag in facts.counted_tags:
            counter = self.tag_people.get(tag)
            if counter is None:
                counter = self.tag_people[tag] = Counter()
            counter[facts.author_id] += 1

    def _detach(self, facts: ItemFacts) -> None:
        self.touched.add(facts.author_id)
        for tag in facts.counted_tags:
            counter = self.tag_people.get(tag)
            if counter is not None:
                counter[facts.author_id] -= 1
                if counter[facts.author_id] <= 0:
                    del counter[facts.author_id]
                if not counter:
                    del self.tag_people[tag]
        facts.counted_tags = ()

    # --- reading ----------------------------------------------------------------------

    def root(self, facts: ItemFacts) -> ItemFacts:
        """The thread an item belongs to: the question of an answer, the post of a comment."""
        current = facts
        for _ in range(MAX_DEPTH):
            parent = self.items.get(current.parent_id) if current.parent_id else None
            if parent is None:
                return current
            current = parent
        return current

    def canonical(self, tag: str) -> str:
        """The tag ``tag`` stands for ("k8s" -> "kubernetes")."""
        return self.aliases.canonical(tag)

    def thread_tags(self, facts: ItemFacts) -> tuple[str, ...]:
        """An item's own tags, or else its thread's (answers and comments carry none)."""
        return facts.tags or self.root(facts).tags

    def descendants(self, item_id: str) -> list[str]:
        found: list[str] = []
        frontier = [item_id]
        for _ in range(MAX_DEPTH):
            nxt = [c for p in frontier for c in self.children.get(p, ()) if c in self.items]
            if not nxt:
                break
            found += nxt
            frontier = nxt
        return found

    def prefetch_threads(self, item_ids: Collection[str]) -> None:
        """Read ahead what the threads of these items need (all of it is in memory here)."""

    def prefetch_people(self, people: Collection[str], *, threads: bool = False) -> None:
        """Read ahead these people's contributions (all of them are in memory here)."""

    def prefetch_activity(
        self, people: Collection[str], now: datetime, w: Weights
    ) -> Collection[str]:
        """Read ahead these people's kept activity (:meth:`kept_activity`); the people
        whose contributions must be read instead (here: all of them, nothing is kept)."""
        return people

    def kept_activity(
        self, person_id: str, now: datetime, w: Weights, hidden: Collection[str] = ()
    ) -> tuple[dict[str, float], float, tuple[float, ...]] | None:
        """``kshare.domain.expertise.activity`` of everything the person contributed, at
        ``now``, from what is kept of it; None when nothing is (then read their items)."""
        return None

    def recent_authors(self, now: datetime, count: int) -> set[str]:
        """Authors of the ``count`` latest contributions before ``now`` but questions."""
        timeline = self.timeline()
        end = bisect.bisect_left(timeline, (now,))
        return {author for _, author in timeline[max(0, end - count) : end]}

    def timeline(self) -> list[tuple[datetime, str]]:
        """(time, author) of every contribution but questions, oldest first; rebuilt per seq."""
        if self._timeline_seq != self.seq:
            self._timeline = sorted(
                (f.created_at, f.author_id) for f in self.items.values() if f.kind != "question"
            )
            self._timeline_seq = self.seq
        return self._timeline

    def thread_title(self, facts: ItemFacts) -> str:
        return self.root(facts).title or facts.title
