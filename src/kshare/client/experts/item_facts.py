"""The expert finder's facts about items, and tag counts per person, kept in the cache.

``expert_items`` holds, per item, the few columns ranking needs (no body) filed
by author, so reading a person's contributions is one contiguous read; with the
tags the item credits its author with: its own, or else its thread's (answers
and comments carry none), each under the tag it stands for (``k8s`` for
``kubernetes``). ``expert_tag_people`` sums those per tag and person, so the
most active people of a topic are one indexed read. ``expert_activity`` and
``expert_activity_tags`` keep each person's decayed activity as of their latest
contribution (``kshare.domain.expertise.activity`` under the default weights),
worked out again from their rows whenever those change, so that ranking
a candidate later needs only the time since. A new process answers from
these without reading every item (:mod:`kshare.client.experts.stored`). They
are kept like the expert profiles (:mod:`profile_terms`):

- brought up to date from the cache's change counter after each sync page and
  before a query, reading only the rows newer than the last one applied, their
  threads' descendants (a question's tags are its answers') and the purges;
- made from scratch when the state is missing, belongs to another cache or to
  other tag aliases;
- and a purge takes its items out in its own transaction (:func:`forget_items`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, String, delete, insert, select, text, type_coerce

from kshare.client.store import tag_aliases
from kshare.client.store.models import (
    CachedItem,
    ExpertActivity,
    ExpertActivityTag,
    ExpertItem,
    ExpertTagPerson,
    Purge,
    SyncState,
)
from kshare.client.store.tag_aliases import TagAliases
from kshare.domain import expertise as ex

log = logging.getLogger(__name__)

STATE_KEY = "expert_items"  # in sync_state: {"seq", "aliases"} (digest of the aliases)
LOCAL_SEQ_KEY = "local_seq"
MAX_DEPTH = 4  # comment → answer → question; attachments of posts
_CHUNK = 500


@functools.lru_cache(maxsize=4096)  # a site has a few thousand combinations of tags at most
def raw_tags(text_: str | None) -> tuple[str, ...]:
    """An item's tags as the cache stores them (JSON text), lower-cased."""
    if not text_ or text_ == "[]":  # answers and comments: most rows
        return ()
    try:
        values = json.loads(text_)
    except ValueError:
        log.warning("ignoring unreadable tags %r in the cache", text_[:80])
        return ()
    return tuple(str(t).lower() for t in values) if isinstance(values, list) else ()


def own_tags(text_: str | None, aliases: TagAliases) -> tuple[str, ...]:
    """An item's own tags, each once, under the tag it stands for."""
    return tuple(dict.fromkeys(map(aliases.canonical, raw_tags(text_))))


def _aliases_digest(aliases: TagAliases) -> str:
    pairs = json.dumps(sorted(aliases.to_tag.items()))
    return hashlib.sha256(pairs.encode()).hexdigest()[:32]


def _cache_seq(conn: Connection) -> int:
    value = conn.execute(
        select(SyncState.value).where(SyncState.key == LOCAL_SEQ_KEY)
    ).scalar_one_or_none()
    return int(value) if value else 0


def _read_state(conn: Connection) -> tuple[int, str] | None:
    raw = conn.execute(
        select(SyncState.value).where(SyncState.key == STATE_KEY)
    ).scalar_one_or_none()
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        return int(data["seq"]), str(data["aliases"])
    except (ValueError, KeyError, TypeError):
        log.warning("unreadable expert item state: the facts are made again")
        return None


def _write_state(conn: Connection, seq: int, digest: str) -> None:
    conn.execute(delete(SyncState).where(SyncState.key == STATE_KEY))
    value = json.dumps({"seq": seq, "aliases": digest})
    conn.execute(insert(SyncState).values(key=STATE_KEY, value=value))


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def is_current(conn: Connection) -> bool:
    """Whether the facts reflect every change the cache holds (reads only)."""
    state = _read_state(conn)
    if state is None or state[0] != _cache_seq(conn):
        return False
    return state[1] == _aliases_digest(tag_aliases.read(conn))


# id, kind, parent, author, created (text), accepted, score, tags (JSON text), title
_Row = tuple[str, str, str | None, str, str, bool, int | None, str | None, str | None]
_COLUMNS = (
    CachedItem.id,
    CachedItem.kind,
    CachedItem.parent_id,
    CachedItem.author_id,
    type_coerce(CachedItem.created_at, String),
    CachedItem.is_accepted,
    CachedItem.score,
    type_coerce(CachedItem.tags, String),
    CachedItem.title,
)


def _rows(conn: Connection, column: Any, ids: Sequence[str]) -> list[_Row]:
    found: list[_Row] = []
    for chunk in _chunks(ids):
        found += cast(
            "list[_Row]",
            [tuple(r) for r in conn.execute(select(*_COLUMNS).where(column.in_(chunk)))],
        )
    return found


def slice_end(conn: Connection, since: int, seq: int, limit: int | None) -> int:
    """The change counter up to which a catch-up from ``since`` applies at most ``limit``
    changed items (all of them up to ``seq`` without a limit)."""
    if limit is None:
        return seq
    end = conn.execute(
        select(CachedItem.local_seq)
        .where(CachedItem.local_seq > since)
        .order_by(CachedItem.local_seq)
        .offset(limit - 1)
        .limit(1)
    ).scalar_one_or_none()
    return seq if end is None else min(int(end), seq)


def catch_up(conn: Connection, limit: int | None = None) -> bool:
    """Apply what changed in the cache since the facts were last brought up to date:
    everything, or the oldest ``limit`` changed items (call again for the rest).

    Call inside a write transaction. True when something was applied.
    """

    seq = _cache_seq(conn)
    aliases = tag_aliases.read(conn)
    digest = _aliases_digest(aliases)
    state = _read_state(conn)
    if state == (seq, digest):
        return False
    if state is None or state[0] > seq or state[1] != digest:
        _count_all(conn, aliases)
        _write_state(conn, seq, digest)
        return True
    since = state[0]
    seq = slice_end(conn, since, seq, limit)
    changed = list(
        conn.execute(
            select(CachedItem.id).where(CachedItem.local_seq > since, CachedItem.local_seq <= seq)
        ).scalars()
    )
    purged = list(
        conn.execute(
            select(Purge.entity_id).where(
                Purge.local_seq > since, Purge.local_seq <= seq, Purge.entity_type == "item"
            )
        ).scalars()
    )
    # everything below a changed or purged item: its thread's tags may be theirs
    affected: dict[str, _Row] = {r[0]: r for r in _rows(conn, CachedItem.id, changed)}
    frontier = list(dict.fromkeys([*changed, *purged]))
    for _ in range(MAX_DEPTH):
        below = [r for r in _rows(conn, CachedItem.parent_id, frontier) if r[0] not in affected]
        if not below:
            break
        affected.update((r[0], r) for r in below)
        frontier = [r[0] for r in below]
    people = _forget(conn, [*affected, *purged])
    # the ancestors of what is counted, for the tags of its thread
    known: dict[str, _Row] = dict(affected)
    wanted = {r[2] for r in affected.values() if r[2]} - known.keys()
    for _ in range(MAX_DEPTH):
        if not wanted:
            break
        above = _rows(conn, CachedItem.id, sorted(wanted))
        known.update((r[0], r) for r in above)
        wanted = {r[2] for r in above if r[2]} - known.keys()
    _count(conn, affected.values(), known, aliases)
    keep_activity(conn, people | {r[3] for r in affected.values()})
    _write_state(conn, seq, digest)
    return True


def _thread_tags(
    row: _Row, known: dict[str, _Row], aliases: TagAliases, memo: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """The item's own tags, or else those of the top of its thread (as the finder's
    ``Aggregates.thread_tags``: at most ``MAX_DEPTH`` steps up, through what the cache holds)."""
    mine = own_tags(row[7], aliases)
    if mine:
        return mine
    current = row
    for _ in range(MAX_DEPTH):
        parent = known.get(current[2]) if current[2] else None
        if parent is None:
            break
        current = parent
    root = current[0]
    if root not in memo:
        memo[root] = own_tags(current[7], aliases)
    return memo[root]


def _count(
    conn: Connection, rows: Iterable[_Row], known: dict[str, _Row], aliases: TagAliases
) -> None:
    memo: dict[str, tuple[str, ...]] = {}
    items: list[dict[str, object]] = []
    sums: Counter[tuple[str, str]] = Counter()
    for row in rows:
        item_id, kind, parent_id, author, created, accepted, score, tags, title = row
        counted = _thread_tags(row, known, aliases, memo)
        items.append(
            {
                "person_id": author,
                "item_id": item_id,
                "kind": kind,
                "parent_id": parent_id,
                "created_at": created,
                "accepted": int(bool(accepted)),
                "score": int(score or 0),
                "tags": " ".join(own_tags(tags, aliases)),
                "counted": " ".join(counted),
                "title": title or "",
            }
        )
        for tag in counted:
            sums[(tag, author)] += 1
    if items:
        conn.execute(insert(ExpertItem), items)
    _add(conn, sums)


def _add(conn: Connection, sums: Counter[tuple[str, str]]) -> None:
    more = [{"tag": t, "person": p, "n": n} for (t, p), n in sums.items() if n > 0]
    if more:
        conn.execute(
            text(
                "INSERT INTO expert_tag_people (tag, person_id, n) VALUES (:tag, :person, :n) "
                "ON CONFLICT (tag, person_id) DO UPDATE SET n = n + excluded.n"
            ),
            more,
        )
    fewer = [{"tag": t, "person": p, "n": -n} for (t, p), n in sums.items() if n < 0]
    if fewer:
        conn.execute(
            text(
                "UPDATE expert_tag_people SET n = n - :n WHERE tag = :tag AND person_id = :person"
            ),
            fewer,
        )
        conn.execute(delete(ExpertTagPerson).where(ExpertTagPerson.n <= 0))


def _forget(conn: Connection, item_ids: Collection[str]) -> set[str]:
    """Take items out (before they are counted again, or for good); their authors."""
    sums: Counter[tuple[str, str]] = Counter()
    people: set[str] = set()
    ids = list(item_ids)
    for chunk in _chunks(ids):
        for person_id, counted in conn.execute(
            select(ExpertItem.person_id, ExpertItem.counted).where(ExpertItem.item_id.in_(chunk))
        ):
            people.add(person_id)
            for tag in counted.split():
                sums[(tag, person_id)] -= 1
        conn.execute(delete(ExpertItem).where(ExpertItem.item_id.in_(chunk)))
    _add(conn, sums)
    return people


def forget_items(conn: Connection, item_ids: Collection[str]) -> None:
    """Items deleted from the cache leave these tables in the same transaction."""
    keep_activity(conn, _forget(conn, item_ids))


# what the kept activity is worked out under: a finder with other knobs reads the items
KEPT_WEIGHTS = ex.Weights()


def _cache_time(text_: str) -> datetime:
    moment = datetime.fromisoformat(text_)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _stamp(moment: datetime) -> str:
    """A time as the cache writes it (naive UTC)."""
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def keep_activity(conn: Connection, people: Collection[str]) -> None:
    """Work out again, from their rows in ``expert_items``, the kept activity of these
    people: as of each one's latest contribution, under :data:`KEPT_WEIGHTS`."""
    ids = sorted(set(people))
    for chunk in _chunks(ids):
        conn.execute(delete(ExpertActivity).where(ExpertActivity.person_id.in_(chunk)))
        conn.execute(delete(ExpertActivityTag).where(ExpertActivityTag.person_id.in_(chunk)))
        marks = ",".join("?" * len(chunk))
        rows = conn.exec_driver_sql(
            "SELECT person_id, kind, created_at, accepted, score, counted FROM expert_items "
            f"WHERE person_id IN ({marks}) ORDER BY person_id, created_at, item_id",
            tuple(chunk),
        ).all()
        by_person: dict[str, list[tuple[str, str, bool, int, str]]] = {}
        for person_id, kind, created, accepted, score, counted in rows:
            by_person.setdefault(person_id, []).append((kind, created, accepted, score, counted))
        totals: list[dict[str, object]] = []
        tags: list[dict[str, object]] = []
        for person_id, mine in by_person.items():
            contributions = [
                (kind, _cache_time(created), bool(accepted), score, tuple(counted.split()))
                for kind, created, accepted, score, counted in mine
            ]
            # the latest: no contribution is younger than the anchor, no weight above 1
            anchor = max(c[1] for c in contributions)
            found, total, recent = ex.activity(contributions, anchor, KEPT_WEIGHTS)
            totals.append(
                {
                    "person_id": person_id,
                    "anchor": _stamp(anchor),
                    "total": total,
                    "recent": " ".join(map(repr, recent)),
                }
            )
            tags += [{"person_id": person_id, "tag": t, "activity": v} for t, v in found.items()]
        if totals:
            conn.execute(insert(ExpertActivity), totals)
        if tags:
            conn.execute(insert(ExpertActivityTag), tags)


def _count_all(conn: Connection, aliases: TagAliases) -> None:
    for table in (ExpertItem, ExpertTagPerson, ExpertActivity, ExpertActivityTag):
        conn.execute(delete(table))
    rows = cast("list[_Row]", [tuple(r) for r in conn.execute(select(*_COLUMNS))])
    _count(conn, rows, {r[0]: r for r in rows}, aliases)
    keep_activity(conn, {r[3] for r in rows})
