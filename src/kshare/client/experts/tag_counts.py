"""Tag activity on disk: which tags each item credits its author with, and the counts per person.

An item counts under its own tags, or else under its thread's (answers and
comments carry none), each under the tag it stands for (``k8s`` for
``kubernetes``). ``expert_item_tags`` keeps that per item and
``expert_tag_people`` the sums per tag and person, so a new process finds the
most active people of a topic with one indexed read instead of reading every
item. They are kept like the expert profiles (:mod:`profile_terms`):

- brought up to date from the cache's change counter after each sync page and
  before a query, reading only the rows newer than the last one applied, their
  threads' descendants (a question's tags are its answers' tags) and the purges;
- counted from scratch when the state is missing, belongs to another cache or
  to other tag aliases;
- and a purge takes its items out in its own transaction (:func:`forget_items`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import Connection, String, delete, insert, select, text, type_coerce

from kshare.client.store import tag_aliases
from kshare.client.store.models import (
    CachedItem,
    ExpertItemTags,
    ExpertTagPerson,
    Purge,
    SyncState,
)
from kshare.client.store.tag_aliases import TagAliases

log = logging.getLogger(__name__)

STATE_KEY = "expert_tags"  # in sync_state: {"seq", "aliases"}
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
        log.warning("unreadable expert tag state: the counts are made again")
        return None


def _write_state(conn: Connection, seq: int, digest: str) -> None:
    conn.execute(delete(SyncState).where(SyncState.key == STATE_KEY))
    value = json.dumps({"seq": seq, "aliases": digest})
    conn.execute(insert(SyncState).values(key=STATE_KEY, value=value))


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def is_current(conn: Connection) -> bool:
    """Whether the counts reflect every change the cache holds (reads only)."""
    state = _read_state(conn)
    if state is None or state[0] != _cache_seq(conn):
        return False
    return state[1] == _aliases_digest(tag_aliases.read(conn))


# id, parent, author, tags (JSON text)
_Row = tuple[str, str | None, str, str | None]


def _rows(conn: Connection, column: object, ids: Sequence[str]) -> list[_Row]:
    found: list[_Row] = []
    for chunk in _chunks(ids):
        found += [
            (r[0], r[1], r[2], r[3])
            for r in conn.execute(
                select(
                    CachedItem.id,
                    CachedItem.parent_id,
                    CachedItem.author_id,
                    type_coerce(CachedItem.tags, String),
                ).where(column.in_(chunk))  # type: ignore[attr-defined]
            )
        ]
    return found


def catch_up(conn: Connection) -> bool:
    """Apply what changed in the cache since the counts were last brought up to date.

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
    changed = [
        r[0] for r in conn.execute(select(CachedItem.id).where(CachedItem.local_seq > since))
    ]
    purged = list(
        conn.execute(
            select(Purge.entity_id).where(Purge.local_seq > since, Purge.entity_type == "item")
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
    _forget(conn, [*affected, *purged])
    # the ancestors of what is recounted, for the tags of its thread
    known: dict[str, _Row] = dict(affected)
    wanted = {r[1] for r in affected.values() if r[1]} - known.keys()
    for _ in range(MAX_DEPTH):
        if not wanted:
            break
        above = _rows(conn, CachedItem.id, sorted(wanted))
        known.update((r[0], r) for r in above)
        wanted = {r[1] for r in above if r[1]} - known.keys()
    _count(conn, affected.values(), known, aliases)
    _write_state(conn, seq, digest)
    return True


def _thread_tags(
    row: _Row, known: dict[str, _Row], aliases: TagAliases, memo: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """The item's own tags, or else those of the top of its thread (as the finder's
    ``Aggregates.thread_tags``: at most ``MAX_DEPTH`` steps up, through what the cache holds)."""
    mine = own_tags(row[3], aliases)
    if mine:
        return mine
    current = row
    for _ in range(MAX_DEPTH):
        parent = known.get(current[1]) if current[1] else None
        if parent is None:
            break
        current = parent
    root = current[0]
    if root not in memo:
        memo[root] = own_tags(current[3], aliases)
    return memo[root]


def _count(
    conn: Connection, rows: Iterable[_Row], known: dict[str, _Row], aliases: TagAliases
) -> None:
    memo: dict[str, tuple[str, ...]] = {}
    items: list[dict[str, object]] = []
    sums: Counter[tuple[str, str]] = Counter()
    for row in rows:
        tags = _thread_tags(row, known, aliases, memo)
        if not tags:
            continue
        items.append({"item_id": row[0], "person_id": row[2], "tags": list(tags)})
        for tag in tags:
            sums[(tag, row[2])] += 1
    if items:
        conn.execute(insert(ExpertItemTags), items)
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


def _forget(conn: Connection, item_ids: Collection[str]) -> None:
    """Take items out of the counts (before they are counted again, or for good)."""
    sums: Counter[tuple[str, str]] = Counter()
    ids = list(item_ids)
    for chunk in _chunks(ids):
        for person_id, tags in conn.execute(
            select(ExpertItemTags.person_id, ExpertItemTags.tags).where(
                ExpertItemTags.item_id.in_(chunk)
            )
        ):
            for tag in tags:
                sums[(tag, person_id)] -= 1
        conn.execute(delete(ExpertItemTags).where(ExpertItemTags.item_id.in_(chunk)))
    _add(conn, sums)


def forget_items(conn: Connection, item_ids: Collection[str]) -> None:
    """Items deleted from the cache leave the counts in the same transaction."""
    _forget(conn, item_ids)


def _count_all(conn: Connection, aliases: TagAliases) -> None:
    conn.execute(delete(ExpertItemTags))
    conn.execute(delete(ExpertTagPerson))
    rows: dict[str, _Row] = {
        r[0]: (r[0], r[1], r[2], r[3])
        for r in conn.execute(
            select(
                CachedItem.id,
                CachedItem.parent_id,
                CachedItem.author_id,
                type_coerce(CachedItem.tags, String),
            )
        )
    }
    _count(conn, rows.values(), rows, aliases)
