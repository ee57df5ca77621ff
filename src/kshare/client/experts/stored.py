"""The expert finder's aggregates read from the cache as a query needs them, not all at once.

A new process (``kshare experts``, or the desktop before its warm-up has
built :class:`Aggregates` in memory) answers from the facts and tag counts
kept in the cache (:mod:`item_facts`) and reads only the items a query
touches: its matching threads and the candidates' own contributions. What was read is kept until
the cache changes. The answers are those of the in-memory aggregates; only
the cost differs.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, select

from kshare.client.experts import item_facts
from kshare.client.experts.aggregates import Aggregates, ItemFacts, current_seq
from kshare.client.store import tag_aliases
from kshare.client.store.models import ExpertItem, ExpertTagPerson
from kshare.domain import expertise as ex

log = logging.getLogger(__name__)

_Activity = tuple[dict[str, float], float, tuple[float, ...]]
KEPT_SETTINGS = ex.activity_settings(item_facts.KEPT_WEIGHTS)
_NEVER = datetime.min.replace(tzinfo=UTC)  # the anchor of someone who contributed nothing
_NOTHING: _Activity = ({}, 0.0, ())
_CHUNK = 500
MAX_DEPTH = 4


class _Items(dict[str, ItemFacts]):
    """Items by id, read from the cache when first asked for."""

    def __init__(self, owner: StoredAggregates) -> None:
        super().__init__()
        self._owner = owner
        self.absent: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        found = dict.get(self, key)
        if found is None and key not in self.absent:
            self._owner.load_items([key])
            found = dict.get(self, key)
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __getitem__(self, key: str) -> ItemFacts:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found  # type: ignore[no-any-return]


class _Groups(dict[str, set[str]]):
    """Item ids grouped by a column (parent or author), read from the cache when first asked."""

    def __init__(self, load: Any) -> None:
        super().__init__()
        self._load = load

    def get(self, key: str, default: Any = None) -> Any:
        if not dict.__contains__(self, key):
            self._load([key])
        found = dict.get(self, key)
        return found if found else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self.get(key))

    def __getitem__(self, key: str) -> set[str]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found  # type: ignore[no-any-return]


class _TagPeople(dict[str, Counter[str]]):
    """tag → person → count, read from ``expert_tag_people`` when first asked."""

    def __init__(self, owner: StoredAggregates) -> None:
        super().__init__()
        self._owner = owner

    def get(self, key: str, default: Any = None) -> Any:
        if not dict.__contains__(self, key):
            self._owner.load_tags([key])
        found = dict.get(self, key)
        return found if found else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self.get(key))

    def __getitem__(self, key: str) -> Counter[str]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found  # type: ignore[no-any-return]


class _PersonRow(NamedTuple):
    """The columns of ``people`` that :meth:`Aggregates._put_person` reads."""

    id: str
    display_name: str
    title: str | None
    department: str | None
    active: bool
    skills: Any
    ask_me_about: Any
    endorsements: Any
    expertise_confirmed: Any
    expertise_hidden: Any
    expert_opt_out: bool


_PEOPLE = f"SELECT {', '.join(_PersonRow._fields)} FROM people"
_EMPTY_JSON: dict[str, Any] = {"[]": (), "{}": {}, "null": None}


def _json(raw: str | None) -> Any:
    """A JSON column's value, as SQLAlchemy's ``JSON`` type decodes it."""
    if raw is None:
        return None
    if raw in _EMPTY_JSON:  # most people declare nothing
        return _EMPTY_JSON[raw]
    return json.loads(raw)


def _fetch(conn: Connection, sql: str, values: list[str]) -> list[Any]:
    """Rows through the driver's own cursor: reading thousands of small rows, SQLAlchemy's
    handling of each cost more than SQLite's reading it."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, tuple(values))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _stamp(moment: datetime) -> str:
    """A time as the cache writes it (naive UTC), for comparing with its text."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class StoredAggregates(Aggregates):
    """:class:`Aggregates` over the cache's tables, read lazily; call :meth:`refresh` first.

    The facts on disk must be current (``item_facts.is_current``) when it refreshes.
    """

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self._engine = engine
        self._reset()

    def _reset(self) -> None:
        self._split: dict[str, tuple[str, ...]] = {}
        self._items = self.items = _Items(self)
        self.children = _Groups(self.load_children)
        self.by_person = _Groups(self.load_by_person)
        self.tag_people = _TagPeople(self)
        self.people = {}
        self.declared_topics = {}
        # person -> (anchor, (tag activity, total, recent)) at the anchor, as kept on disk
        self._kept: dict[str, tuple[datetime, _Activity]] = {}
        # what activity reads of each item, for people whose sums cannot be decayed forward
        self._contributions: dict[str, list[ex.Activity]] = {}

    # --- keeping up with the cache --------------------------------------------------

    def refresh(self, engine: Engine) -> bool:
        with engine.connect() as conn:
            seq = current_seq(conn)
            aliases = tag_aliases.read(conn)
            if seq == self.seq and aliases == self.aliases:
                return False
            # raw rows, their JSON decoded here: SQLAlchemy's per-row processing of every
            # person's lists was a sixth of a one-shot query
            people = [
                _PersonRow._make((*row[:5], *map(_json, row[5:10]), row[10]))
                for row in conn.exec_driver_sql(_PEOPLE).all()
            ]
        touched = {*self.people, *dict.keys(self.by_person)}
        self._reset()
        self.aliases = aliases
        for row in people:
            self._put_person(row)
        self.touched = touched | set(self.people)
        self.seq = seq
        return True

    # --- reading from the cache -------------------------------------------------------

    def _read(self, column: str, keys: list[str]) -> list[ItemFacts]:
        """The facts of the items whose ``column`` is one of ``keys`` (raw rows: a person's
        items can be thousands, and SQLAlchemy's per-row processing would be most of it)."""
        marks = ",".join("?" * len(keys))
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT item_id, kind, person_id, parent_id, created_at, accepted, score, tags, "
                f"counted, title FROM expert_items WHERE {column} IN ({marks})",
                tuple(keys),
            ).all()
        items = self._items
        found = []
        # A thread's items carry the same tags: each text is split once, and its tuple
        # shared (the candidates' contributions are tens of thousands of rows).
        split = self._split
        for item_id, kind, author, parent, created, accepted, score, tags, counted, title in rows:
            facts = dict.get(items, item_id)
            if facts is None:
                own = split.get(tags)
                if own is None:
                    own = split[tags] = tuple(tags.split())
                credited = split.get(counted)
                if credited is None:
                    credited = split[counted] = tuple(counted.split())
                moment = datetime.fromisoformat(created)
                if moment.tzinfo is None:  # as the cache writes it: naive UTC
                    moment = moment.replace(tzinfo=UTC)
                facts = ItemFacts(
                    item_id,
                    kind,
                    author,
                    parent,
                    moment,
                    bool(accepted),
                    score,
                    own,
                    title,
                    credited,
                )
                dict.__setitem__(items, item_id, facts)
            found.append(facts)
        return found

    def load_items(self, ids: Collection[str]) -> None:
        wanted = [i for i in dict.fromkeys(ids) if not dict.__contains__(self.items, i)]
        wanted = [i for i in wanted if i not in self._items.absent]
        for chunk in _chunks(wanted):
            got = {f.id for f in self._read("item_id", chunk)}
            self._items.absent.update(i for i in chunk if i not in got)

    def load_children(self, parents: Collection[str]) -> None:
        wanted = [p for p in dict.fromkeys(parents) if not dict.__contains__(self.children, p)]
        for chunk in _chunks(wanted):
            for p in chunk:
                dict.__setitem__(self.children, p, set())
            for facts in self._read("parent_id", chunk):
                if facts.parent_id is not None:
                    dict.__getitem__(self.children, facts.parent_id).add(facts.id)

    def load_by_person(self, people: Collection[str]) -> None:
        wanted = [p for p in dict.fromkeys(people) if not dict.__contains__(self.by_person, p)]
        for chunk in _chunks(wanted):
            for p in chunk:
                dict.__setitem__(self.by_person, p, set())
            for facts in self._read("person_id", chunk):
                dict.__getitem__(self.by_person, facts.author_id).add(facts.id)

    def load_tags(self, tags: Collection[str]) -> None:
        wanted = [t for t in dict.fromkeys(tags) if not dict.__contains__(self.tag_people, t)]
        with self._engine.connect() as conn:
            for chunk in _chunks(wanted):
                for t in chunk:
                    dict.__setitem__(self.tag_people, t, Counter())
                rows = conn.execute(
                    select(ExpertTagPerson.tag, ExpertTagPerson.person_id, ExpertTagPerson.n)
                    .where(ExpertTagPerson.tag.in_(chunk))
                    .order_by(ExpertTagPerson.n.desc(), ExpertTagPerson.person_id)
                )
                for tag, person_id, n in rows:
                    dict.__getitem__(self.tag_people, tag)[person_id] = n

    # --- what a query needs, in a few reads -------------------------------------------

    def prefetch_threads(self, item_ids: Collection[str]) -> None:
        """The items, their threads' tops and everything below those tops."""
        self.load_items(item_ids)
        frontier = [i for i in item_ids if dict.__contains__(self.items, i)]
        for _ in range(MAX_DEPTH):
            parents = [
                f.parent_id
                for i in frontier
                if (f := dict.get(self.items, i)) is not None and f.parent_id
            ]
            if not parents:
                break
            self.load_items(parents)
            frontier = parents
        roots = list(
            dict.fromkeys(self.root(self.items[i]).id for i in item_ids if i in self.items)
        )
        frontier = roots
        for _ in range(MAX_DEPTH):
            self.load_children(frontier)
            frontier = [c for p in frontier for c in dict.get(self.children, p, ())]
            if not frontier:
                break

    def prefetch_people(self, people: Collection[str], *, threads: bool = False) -> None:
        """Everything these people contributed; with ``threads``, also the tops of those
        threads (profiles read them; a ranking reads a few titles only, when it lists)."""
        self.load_by_person(people)
        if not threads:
            return
        parents = [
            f.parent_id
            for p in people
            for i in dict.get(self.by_person, p, ())
            if (f := dict.get(self.items, i)) is not None and f.parent_id
        ]
        for _ in range(MAX_DEPTH):
            if not parents:
                break
            self.load_items(parents)
            parents = [
                f.parent_id
                for i in parents
                if (f := dict.get(self.items, i)) is not None and f.parent_id
            ]

    def prefetch_activity(
        self, people: Collection[str], now: datetime, w: ex.Weights
    ) -> Collection[str]:
        """The kept activity of these people (``item_facts.keep_activity``), in two reads;
        the people it does not serve: all of them under other knobs. For anyone with a
        contribution dated after ``now`` (whose weight the anchor cannot decay forward),
        the columns activity needs are read instead."""
        if ex.activity_settings(w) != KEPT_SETTINGS:
            return people
        wanted = [p for p in dict.fromkeys(people) if p not in self._kept]
        found: dict[str, tuple[datetime, _Activity]] = {}
        tags: dict[str, dict[str, float]] = {}
        with self._engine.connect() as conn:
            for chunk in _chunks(wanted):
                marks = ",".join("?" * len(chunk))
                for person_id, tag, value in _fetch(
                    conn,
                    "SELECT person_id, tag, activity FROM expert_activity_tags "
                    f"WHERE person_id IN ({marks})",
                    chunk,
                ):
                    mine = tags.get(person_id)
                    if mine is None:
                        mine = tags[person_id] = {}
                    mine[tag] = value
                for person_id, anchor, total, recent in conn.exec_driver_sql(
                    f"SELECT person_id, anchor, total, recent FROM expert_activity "
                    f"WHERE person_id IN ({marks})",
                    tuple(chunk),
                ):
                    moment = datetime.fromisoformat(anchor).replace(tzinfo=UTC)
                    sums = tuple(float(v) for v in recent.split())
                    found[person_id] = (moment, (tags.get(person_id, {}), total, sums))
        for person_id in wanted:  # nothing contributed: nothing to decay
            self._kept[person_id] = found.get(person_id, (_NEVER, _NOTHING))
        # a contribution dated after ``now`` weighs 1 until then: the sums cannot be decayed
        # forward, so those people's facts are read, the few columns activity needs only
        later = [p for p in dict.fromkeys(people) if self._kept[p][0] > now]
        self._read_activity([p for p in later if p not in self._contributions])
        return []

    def _read_activity(self, people: list[str]) -> None:
        with self._engine.connect() as conn:
            for chunk in _chunks(people):
                marks = ",".join("?" * len(chunk))
                rows = _fetch(
                    conn,
                    "SELECT person_id, kind, created_at, accepted, score, counted "
                    f"FROM expert_items WHERE person_id IN ({marks})",
                    chunk,
                )
                for person_id in chunk:
                    self._contributions[person_id] = []
                split = self._split
                for person_id, kind, created, accepted, score, counted in rows:
                    credited = split.get(counted)
                    if credited is None:
                        credited = split[counted] = tuple(counted.split())
                    moment = datetime.fromisoformat(created)
                    if moment.tzinfo is None:  # as the cache writes it: naive UTC
                        moment = moment.replace(tzinfo=UTC)
                    self._contributions[person_id].append(
                        (kind, moment, bool(accepted), score, credited)
                    )

    def kept_activity(
        self, person_id: str, now: datetime, w: ex.Weights, hidden: Collection[str] = ()
    ) -> tuple[dict[str, float], float, tuple[float, ...]] | None:
        kept = self._kept.get(person_id)
        if kept is None or ex.activity_settings(w) != KEPT_SETTINGS:
            return None
        anchor, sums = kept
        if anchor > now:
            contributions = self._contributions.get(person_id)
            if contributions is None:
                return None
            return ex.activity(contributions, now, w, hidden)
        if anchor == _NEVER:
            return {}, 0.0, (0.0,) * len(w.recent_half_lives)
        return ex.activity_since(sums, anchor, now, w, hidden)

    def recent_authors(self, now: datetime, count: int) -> set[str]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(ExpertItem.person_id)
                .where(ExpertItem.kind != "question", ExpertItem.created_at < _stamp(now))
                .order_by(ExpertItem.created_at.desc(), ExpertItem.person_id.desc())
                .limit(count)
            )
            return {r[0] for r in rows}
