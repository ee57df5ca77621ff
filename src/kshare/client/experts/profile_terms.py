"""Expert profiles on disk: the words of everything each person answered or wrote, per person.

The ranking matches a topic against each person's profile with BM25
(``kshare.domain.expertise.bm25``): one document per person, so the counts
are kept per person (``expert_postings``: word, person, frequency), with each
profile's length and in how many profiles each word occurs. They live in the
cache file, beside what they are derived from, and are brought up to date
from the cache's change counter (``local_seq``):

- after each sync page (the sync engine's ``aggregates_catch_up`` hook) and,
  if a page has not been applied yet, before a query (``catch_up``);
- from scratch when the state is missing (a new or wiped cache) or belongs to
  another cache (its counter went backwards).

Nothing a person lost access to stays: ``repository.purge`` calls
:func:`forget_items` in the transaction that deletes the items, and a wipe
empties the tables. Only the cache's rows are read, so content the user may
not see never gets here. ``expert_docs`` records which items are counted (an
id, a person and a digest of the text, no content), so an edit or a purge
recounts just that person.
"""

from __future__ import annotations

import hashlib
import json
import logging
from array import array
from collections import Counter, OrderedDict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, delete, func, insert, select, text

from kshare.client.experts import item_facts
from kshare.client.store.models import (
    CachedItem,
    ExpertDoc,
    ExpertPosting,
    ExpertProfile,
    ExpertTerm,
    Purge,
    SyncState,
)
from kshare.domain import expertise as ex

log = logging.getLogger(__name__)

STATE_KEY = "expert_profiles"  # in sync_state: {"seq", "people", "length"}
LOCAL_SEQ_KEY = "local_seq"
PROFILE_KINDS = ("answer", "post", "article")  # writing that shows knowledge; asking never does
MAX_CHARS = 20_000  # of one item's text: a long paste says no more about its author
MAX_TERM = 64  # longer tokens are noise (and do not fit the column)
QUERY_TERMS = 128  # a question's rarest words used: a bound on what a long paste costs
# profile postings a warm finder keeps (each 8 bytes in arrays, a word's own about as
# much as TERM_COST of them): every word's if they fit, or else those of the words asked
# lately; about 50 MB at most
KEPT_POSTINGS = 6_000_000
TERM_COST = 40
_CHUNK = 500


@dataclass
class _Stats:
    seq: int = -1
    people: int = 0
    length: int = 0


def _read_state(conn: Connection) -> _Stats | None:
    raw = conn.execute(
        select(SyncState.value).where(SyncState.key == STATE_KEY)
    ).scalar_one_or_none()
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        return _Stats(int(data["seq"]), int(data["people"]), int(data["length"]))
    except (ValueError, KeyError, TypeError):
        log.warning("unreadable expert profile state: the profiles are rebuilt")
        return None


def _write_state(conn: Connection, stats: _Stats) -> None:
    value = json.dumps({"seq": stats.seq, "people": stats.people, "length": stats.length})
    conn.execute(delete(SyncState).where(SyncState.key == STATE_KEY))
    conn.execute(insert(SyncState).values(key=STATE_KEY, value=value))


def _cache_seq(conn: Connection) -> int:
    value = conn.execute(
        select(SyncState.value).where(SyncState.key == LOCAL_SEQ_KEY)
    ).scalar_one_or_none()
    return int(value) if value else 0


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def terms_of(title: str | None, body: str | None) -> Counter[str]:
    """The counted words of one item's text."""
    words = ex.words(f"{title or ''}\n{(body or '')[:MAX_CHARS]}")
    return Counter(w for w in words if len(w) <= MAX_TERM)


def _digest(title: str | None, body: str | None) -> str:
    return hashlib.sha256(f"{title or ''}\n{body or ''}".encode()).hexdigest()[:32]


def is_current(conn: Connection) -> bool:
    """Whether the profiles reflect every change the cache holds (a read, no write)."""
    stats = _read_state(conn)
    return stats is not None and stats.seq == _cache_seq(conn)


def catch_up(conn: Connection, limit: int | None = None) -> bool:
    """Apply what changed in the cache since the profiles were last brought up to date:
    everything, or the oldest ``limit`` changed items (call again for the rest).

    Call inside a write transaction. True when something was applied.
    """
    seq = _cache_seq(conn)
    stats = _read_state(conn)
    if stats is not None and stats.seq == seq:
        return False
    if stats is None or stats.seq > seq:
        for model in (ExpertProfile, ExpertPosting, ExpertTerm, ExpertDoc):
            conn.execute(delete(model.__table__))
        stats = _Stats()
    since = stats.seq
    seq = item_facts.slice_end(conn, since, seq, limit)
    rows = conn.execute(
        select(
            CachedItem.id, CachedItem.author_id, CachedItem.kind, CachedItem.title, CachedItem.body
        )
        .where(CachedItem.local_seq > since, CachedItem.local_seq <= seq)
        .order_by(CachedItem.local_seq)
    ).all()
    purged = (
        conn.execute(
            select(Purge.entity_id).where(
                Purge.local_seq > since, Purge.local_seq <= seq, Purge.entity_type == "item"
            )
        )
        .scalars()
        .all()
    )
    ids = [r.id for r in rows] + list(purged)
    counted: dict[str, tuple[str, str]] = {}  # item -> (person, digest) as counted now
    for chunk in _chunks(ids):
        for doc in conn.execute(
            select(ExpertDoc.item_id, ExpertDoc.person_id, ExpertDoc.digest).where(
                ExpertDoc.item_id.in_(chunk)
            )
        ):
            counted[doc.item_id] = (doc.person_id, doc.digest)
    recount: set[str] = set()
    added: dict[str, Counter[str]] = {}
    added_items: Counter[str] = Counter()
    new_docs: list[dict[str, str]] = []
    gone: list[str] = []
    fresh = {r.id for r in rows}
    for row in rows:
        old = counted.get(row.id)
        if row.kind not in PROFILE_KINDS:
            if old is not None:
                gone.append(row.id)
                recount.add(old[0])
            continue
        digest = _digest(row.title, row.body)
        if old is not None and old == (row.author_id, digest):
            continue  # a vote or an acceptance: the words are the same
        if old is not None:
            gone.append(row.id)
            recount |= {old[0], row.author_id}
        elif row.author_id not in recount:
            added.setdefault(row.author_id, Counter()).update(terms_of(row.title, row.body))
            added_items[row.author_id] += 1
        new_docs.append({"item_id": row.id, "person_id": row.author_id, "digest": digest})
    for item_id in purged:
        if item_id not in fresh and item_id in counted:
            gone.append(item_id)
            recount.add(counted[item_id][0])
    for chunk in _chunks(gone):
        conn.execute(delete(ExpertDoc).where(ExpertDoc.item_id.in_(chunk)))
    if new_docs:
        conn.execute(insert(ExpertDoc), new_docs)
    for person_id in recount:
        added.pop(person_id, None)
        _recount(conn, person_id, stats)
    for person_id, tf in added.items():
        _add(conn, person_id, tf, added_items[person_id], stats)
    stats.seq = seq
    _write_state(conn, stats)
    return True


SLICE = 5_000  # changed items applied per transaction by the sync hook (a pull batch)


def catch_up_engine(engine: Engine) -> bool:
    """:func:`catch_up` and the finder's facts' (:mod:`item_facts`), a slice of changes per
    transaction (the sync engine's hook, after each page): the cache's write lock is never
    held for long, so the pages written meanwhile never wait long for it."""
    applied = False
    while True:
        with engine.connect() as conn:
            if is_current(conn) and item_facts.is_current(conn):
                return applied
        with engine.begin() as conn:
            profiles = catch_up(conn, SLICE)
            applied = item_facts.catch_up(conn, SLICE) or profiles or applied


def forget_items(conn: Connection, item_ids: Collection[str]) -> None:
    """Take items (already deleted from the cache) out of their authors' profiles.

    They leave the tag counts too.
    """
    item_facts.forget_items(conn, item_ids)
    people: set[str] = set()
    for chunk in _chunks(list(item_ids)):
        people |= set(
            conn.execute(select(ExpertDoc.person_id).where(ExpertDoc.item_id.in_(chunk))).scalars()
        )
        conn.execute(delete(ExpertDoc).where(ExpertDoc.item_id.in_(chunk)))
    if not people:
        return
    stats = _read_state(conn)
    if stats is None:  # no profiles yet: nothing to take out
        return
    for person_id in people:
        _recount(conn, person_id, stats)
    _write_state(conn, stats)


def _old_profile(conn: Connection, person_id: str) -> tuple[int, int] | None:
    row = conn.execute(
        select(ExpertProfile.length, ExpertProfile.items).where(
            ExpertProfile.person_id == person_id
        )
    ).first()
    return (row.length, row.items) if row is not None else None


def _recount(conn: Connection, person_id: str, stats: _Stats) -> None:
    """A person's profile counted again from the items the cache and ``expert_docs`` hold."""
    counted = select(ExpertDoc.item_id).where(ExpertDoc.person_id == person_id)
    tf: Counter[str] = Counter()
    items = 0
    for row in conn.execute(
        select(CachedItem.title, CachedItem.body).where(CachedItem.id.in_(counted))
    ):
        tf.update(terms_of(row.title, row.body))
        items += 1
    old_terms = set(
        conn.execute(
            select(ExpertPosting.term).where(ExpertPosting.person_id == person_id)
        ).scalars()
    )
    conn.execute(delete(ExpertPosting).where(ExpertPosting.person_id == person_id))
    _change_df(conn, [t for t in old_terms if t not in tf], -1)
    old = _old_profile(conn, person_id)
    if old is not None:
        stats.people -= 1
        stats.length -= old[0]
        conn.execute(delete(ExpertProfile).where(ExpertProfile.person_id == person_id))
    if items == 0:
        return
    _change_df(conn, [t for t in tf if t not in old_terms], +1)
    conn.execute(
        insert(ExpertPosting),
        [{"term": t, "person_id": person_id, "tf": n} for t, n in tf.items()],
    )
    length = sum(tf.values())
    conn.execute(insert(ExpertProfile).values(person_id=person_id, length=length, items=items))
    stats.people += 1
    stats.length += length


def _add(conn: Connection, person_id: str, tf: Counter[str], items: int, stats: _Stats) -> None:
    """New items of a person added to their profile without reading the older ones."""
    if not tf and items == 0:
        return
    old = _old_profile(conn, person_id)
    existing: set[str] = set()
    if old is not None:
        terms = list(tf)
        for chunk in _chunks(terms):
            existing |= set(
                conn.execute(
                    select(ExpertPosting.term).where(
                        ExpertPosting.person_id == person_id, ExpertPosting.term.in_(chunk)
                    )
                ).scalars()
            )
    new = [t for t in tf if t not in existing]
    _change_df(conn, new, +1)
    if new:
        conn.execute(
            insert(ExpertPosting), [{"term": t, "person_id": person_id, "tf": tf[t]} for t in new]
        )
    if existing:
        conn.execute(
            text(
                "UPDATE expert_postings SET tf = tf + :n WHERE term = :term AND person_id = :person"
            ),
            [{"n": tf[t], "term": t, "person": person_id} for t in existing],
        )
    length = sum(tf.values())
    if old is None:
        conn.execute(insert(ExpertProfile).values(person_id=person_id, length=length, items=items))
        stats.people += 1
    else:
        conn.execute(
            text(
                "UPDATE expert_profiles SET length = length + :n, items = items + :i "
                "WHERE person_id = :person"
            ),
            {"n": length, "i": items, "person": person_id},
        )
    stats.length += length


def _change_df(conn: Connection, terms: list[str], delta: int) -> None:
    if not terms:
        return
    if delta > 0:
        conn.execute(
            text(
                "INSERT INTO expert_terms (term, people) VALUES (:term, 1) "
                "ON CONFLICT (term) DO UPDATE SET people = people + 1"
            ),
            [{"term": t} for t in terms],
        )
        return
    conn.execute(
        text("UPDATE expert_terms SET people = people - 1 WHERE term = :term"),
        [{"term": t} for t in terms],
    )
    for chunk in _chunks(terms):
        conn.execute(delete(ExpertTerm).where(ExpertTerm.term.in_(chunk), ExpertTerm.people <= 0))


def scores(
    conn: Connection, people: Collection[str], topic: str, w: ex.Weights
) -> dict[str, float]:
    """BM25 of ``topic`` against each person's profile (people without one are left out)."""
    stats = _read_state(conn)
    if stats is None or stats.people <= 0 or not people:
        return {}
    words = sorted({t for t in ex.words(topic) if len(t) <= MAX_TERM})
    df: dict[str, int] = {}
    for chunk in _chunks(words):
        for term, count in conn.execute(
            select(ExpertTerm.term, ExpertTerm.people).where(ExpertTerm.term.in_(chunk))
        ):
            df[term] = count
    chosen = sorted(df, key=lambda t: (df[t], t))[:QUERY_TERMS]
    if not chosen:
        return {}
    idf = {t: ex.bm25_idf(df[t], stats.people) for t in chosen}
    average = stats.length / stats.people
    tf: dict[str, dict[str, int]] = {}
    lengths: dict[str, int] = {}
    terms = ",".join("?" * len(chosen))
    # raw rows: a long question reads thousands of postings, and SQLAlchemy's handling of
    # each row cost more than SQLite's reading it
    for chunk in _chunks(sorted(people)):
        marks = ",".join("?" * len(chunk))
        for term, person_id, n in conn.exec_driver_sql(
            "SELECT term, person_id, tf FROM expert_postings "
            f"WHERE term IN ({terms}) AND person_id IN ({marks})",
            (*chosen, *chunk),
        ):
            tf.setdefault(person_id, {})[term] = n
    found = sorted(tf)
    for chunk in _chunks(found):
        marks = ",".join("?" * len(chunk))
        for person_id, length in conn.exec_driver_sql(
            f"SELECT person_id, length FROM expert_profiles WHERE person_id IN ({marks})",
            tuple(chunk),
        ):
            lengths[person_id] = length
    return {
        p: ex.bm25(counts, lengths.get(p, 0), idf, average, w.bm25_k1, w.bm25_b)
        for p, counts in tf.items()
    }


class KeptProfiles:
    """:func:`scores` for a process that asks one question after another: each word's
    people count and postings, and every profile's length, are read once and kept
    until the profiles change (their state moves with every change applied).

    A word's postings are kept as two arrays (each person by number, and how often
    they used the word), so a question's scores are summed a word at a time over all
    the people asked about at once. The same scores as :func:`scores`, to the bit:
    each person's words are summed in the same order, with the same operations on
    doubles as :func:`kshare.domain.expertise.bm25`. Not thread-safe (the finder asks
    under its lock).
    """

    def __init__(self, budget: int = KEPT_POSTINGS) -> None:
        self._budget = budget
        self._state: tuple[int, int, int] | None = None
        self._df: dict[str, int] = {}  # 0: in no profile
        # term -> (people by number, their frequencies), least recently asked first
        self._postings: OrderedDict[str, tuple[Any, Any]] = OrderedDict()
        self._kept = 0
        self._numbers: dict[str, int] = {}  # person -> number, for the arrays
        self._names: list[str] = []  # number -> person
        self._lengths: list[int] = []  # by number: 0 for someone without a profile
        self._length_array: Any = None  # _lengths as an array, until someone is added
        self._whole = False  # every word's postings are in memory

    def scores(
        self, conn: Connection, people: Collection[str], topic: str, w: ex.Weights
    ) -> dict[str, float]:
        stats = self._current(conn)
        if stats is None or stats.people <= 0 or not people:
            return {}
        words = sorted({t for t in ex.words(topic) if len(t) <= MAX_TERM})
        self._read_df(conn, [t for t in words if t not in self._df])
        df = {t: self._df[t] for t in words if self._df[t] > 0}
        chosen = sorted(df, key=lambda t: (df[t], t))[:QUERY_TERMS]
        if not chosen:
            return {}
        average = stats.length / stats.people
        found = [(t, self._term_postings(conn, t)) for t in sorted(chosen)]
        numbers = self._numbers
        asked = np.fromiter((n for p in people if (n := numbers.get(p)) is not None), dtype=np.intp)
        size = len(self._names)
        wanted = np.zeros(size, dtype=bool)
        wanted[asked] = True
        lengths = self._lengths_now()
        k1, b = w.bm25_k1, w.bm25_b
        # ex.bm25's length part, ``k1 * (1.0 - b + b * length / average_length)``
        norms = k1 * (1.0 - b + b * lengths / average) if average > 0 else None
        totals = np.zeros(size, dtype=np.float64)
        matched = np.zeros(size, dtype=bool)
        # by term, in order: each person's sum takes their words in the order scores()
        # adds them (0.0 plus the first is the first exactly)
        for term, (holders, counts) in found:
            mine = wanted[holders]
            if not mine.any():
                continue
            who, n = holders[mine], counts[mine]
            matched[who] = True
            if norms is None:
                continue
            idf = ex.bm25_idf(df[term], stats.people)
            counted = n > 0
            who, n = who[counted], n[counted]
            # a person occurs once in a word's postings: each addition touches them once
            totals[who] += idf * n * (k1 + 1.0) / (n + norms[who])
        people_found = np.flatnonzero(matched)
        # no profile length (or no average) scores 0.0, as ex.bm25 says
        values = np.where(lengths[people_found] > 0, totals[people_found], 0.0)
        if norms is None:
            values = np.zeros(len(people_found))
        names = self._names
        return {names[n]: v for n, v in zip(people_found.tolist(), values.tolist(), strict=True)}

    def warm(self, conn: Connection) -> None:
        """Read every word's postings now (in a worker), if they fit in what is kept: the
        questions asked next then read none."""
        stats = self._current(conn)
        if stats is None or self._whole:
            return  # no profiles, or every word is in memory already
        rows = int(conn.exec_driver_sql("SELECT count(*) FROM expert_postings").scalar_one())
        terms = int(conn.exec_driver_sql("SELECT count(*) FROM expert_terms").scalar_one())
        if rows + TERM_COST * terms > self._budget:
            return  # too many: the words asked are read as they come
        self._df = dict(conn.exec_driver_sql("SELECT term, people FROM expert_terms").all())
        # rows as they come and compact arrays: a million postings never sit in memory
        # as Python tuples or lists at once
        grouped: dict[str, tuple[array[int], array[int]]] = {}
        number = self._number
        cursor = conn.connection.cursor()
        try:
            cursor.execute("SELECT term, person_id, tf FROM expert_postings")
            while batch := cursor.fetchmany(10_000):
                for term, person_id, n in batch:
                    found = grouped.get(term)
                    if found is None:
                        found = grouped[term] = (array("i"), array("i"))
                    found[0].append(number(person_id))
                    found[1].append(n)
        finally:
            cursor.close()
        self._postings = OrderedDict(
            (term, _arrays(holders, counts)) for term, (holders, counts) in grouped.items()
        )
        self._kept = rows + TERM_COST * len(grouped)
        self._whole = True

    def _current(self, conn: Connection) -> _Stats | None:
        """The profiles' state; what is kept is dropped when it moved."""
        stats = _read_state(conn)
        if stats is None:
            return None
        state = (stats.seq, stats.people, stats.length)
        if state != self._state:
            self._df = {}
            self._postings = OrderedDict()
            self._kept = 0
            self._whole = False
            self._numbers, self._names, self._lengths = {}, [], []
            for person_id, length in conn.exec_driver_sql(
                "SELECT person_id, length FROM expert_profiles"
            ):
                self._number(person_id)
                self._lengths[-1] = int(length)
            self._state = state
        return stats

    def _number(self, person_id: str) -> int:
        """A person's number in the arrays (someone new gets the next, without a length)."""
        found = self._numbers.get(person_id)
        if found is None:
            found = self._numbers[person_id] = len(self._names)
            self._names.append(person_id)
            self._lengths.append(0)
            self._length_array = None
        return found

    def _lengths_now(self) -> Any:
        if self._length_array is None:
            self._length_array = np.array(self._lengths, dtype=np.int64)
        return self._length_array

    def _read_df(self, conn: Connection, terms: list[str]) -> None:
        if self._whole:  # every word of every profile is known: these are in none
            self._df.update(dict.fromkeys(terms, 0))
            return
        for chunk in _chunks(terms):
            for term in chunk:
                self._df[term] = 0
            for term, count in conn.execute(
                select(ExpertTerm.term, ExpertTerm.people).where(ExpertTerm.term.in_(chunk))
            ):
                self._df[term] = count

    def _term_postings(self, conn: Connection, term: str) -> tuple[Any, Any]:
        found = self._postings.get(term)
        if found is not None:
            self._postings.move_to_end(term)
            return found
        # the driver's own cursor: a common word has a row per person, and SQLAlchemy's
        # handling of each row would cost more than SQLite's reading it
        cursor = conn.connection.cursor()
        try:
            cursor.execute("SELECT person_id, tf FROM expert_postings WHERE term = ?", (term,))
            rows = cursor.fetchall()
        finally:
            cursor.close()
        number = self._number
        found = _arrays([number(p) for p, _ in rows], [n for _, n in rows])
        self._postings[term] = found
        self._kept += len(rows) + TERM_COST
        while self._kept > self._budget and len(self._postings) > 1:
            _, (dropped, _counts) = self._postings.popitem(last=False)
            self._kept -= len(dropped) + TERM_COST
        return found


def _arrays(
    holders: Sequence[int] | array[int], counts: Sequence[int] | array[int]
) -> tuple[Any, Any]:
    """A word's postings as arrays: people by number, and their frequencies."""
    return np.array(holders, dtype=np.int32), np.array(counts, dtype=np.int32)


def profile_count(conn: Connection) -> int:
    """How many people have a profile (for tests and benchmarks)."""
    return int(conn.execute(select(func.count()).select_from(ExpertProfile)).scalar_one())
