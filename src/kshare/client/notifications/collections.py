"""What changed in the collections a person follows, noticed on the desktop from the cache.

A followed collection is remembered as last seen (``collection_watch``: ids and digests,
no text). Whenever the inbox is built, each followed collection in the cache is compared
with that memory; a difference is kept as one ``collection_changes`` row of counts
("2 entries added, 1 moved") and the memory moves on. Both sides of the comparison are
built only from entries whose item or person the cache holds, so an entry the follower
may not see never causes a change nor shows in one. An entry that left because its item
left the cache (deleted, or the follower lost access) is not a change of the collection.

The follower's own queued changes are absorbed silently: while the outbox still holds a
write to the collection, the memory follows the cache without a change being recorded.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, delete, select, update

from kshare.client.notifications.follows import FOLLOWS
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase, joined
from kshare.client.store import outbox
from kshare.client.store.models import CollectionChange, CollectionWatch
from kshare.client.store.repository import ITEMS, PEOPLE, as_utc, utc_naive

WATCH: Table = CollectionWatch.__table__
CHANGES: Table = CollectionChange.__table__
KEPT = timedelta(days=60)  # changes older than this leave (the inbox looks no further back)
OWN_WRITES = frozenset({"create_item", "update_item", "add_collection_entry", "delete_item"})


def _digest(text: str | None) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Counts:
    added: int = 0
    removed: int = 0
    moved: int = 0
    notes: int = 0
    title: int = 0
    description: int = 0

    def __bool__(self) -> bool:
        return any(vars(self).values())

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in vars(self).items() if v}


def _visible_entries(conn: Connection, entries: Iterable[dict[str, Any]]) -> list[list[str]]:
    """``[kind, id, section digest, note digest]`` of the entries the cache can show, in order."""
    rows = sorted(entries or (), key=lambda e: int(e.get("position", 0)))
    items = [str(e.get("item_id", "")) for e in rows if e.get("kind", "item") == "item"]
    people = [str(e.get("item_id", "")) for e in rows if e.get("kind") == "person"]
    known = _known(conn, items, people)
    return [
        [
            str(e.get("kind", "item")),
            str(e.get("item_id", "")),
            _digest(" ".join(str(e.get("section", "")).split())),
            _digest(str(e.get("note", ""))),
        ]
        for e in rows
        if (str(e.get("kind", "item")), str(e.get("item_id", ""))) in known
    ]


def _known(conn: Connection, items: Sequence[str], people: Sequence[str]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    if items:
        found = conn.execute(select(ITEMS.c.id).where(ITEMS.c.id.in_(sorted(set(items)))))
        out |= {("item", str(i)) for i in found.scalars()}
    if people:
        found = conn.execute(select(PEOPLE.c.id).where(PEOPLE.c.id.in_(sorted(set(people)))))
        out |= {("person", str(p)) for p in found.scalars()}
    return out


def _longest_increasing(values: Sequence[int]) -> int:
    tails: list[int] = []
    for value in values:
        at = bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
        else:
            tails[at] = value
    return len(tails)


def compare(
    conn: Connection, before: Sequence[Sequence[str]], after: Sequence[Sequence[str]]
) -> Counts:
    """Counts of entries added, removed (by a curator), moved and re-noted."""
    old = {(e[0], e[1]): (i, e[2], e[3]) for i, e in enumerate(before)}
    new = {(e[0], e[1]): (i, e[2], e[3]) for i, e in enumerate(after)}
    gone = [k for k in old if k not in new]
    still_known = _known(
        conn, [i for kind, i in gone if kind == "item"], [p for kind, p in gone if kind == "person"]
    )
    common = [k for k, _ in sorted(new.items(), key=lambda kv: kv[1][0]) if k in old]
    in_order = _longest_increasing([old[k][0] for k in common])
    moved_sections = {k for k in common if old[k][1] != new[k][1]}
    return Counts(
        added=sum(1 for k in new if k not in old),
        removed=sum(1 for k in gone if k in still_known),
        moved=max(len(common) - in_order, len(moved_sections)),
        notes=sum(1 for k in common if old[k][2] != new[k][2]),
    )


def _own_writes(conn: Connection) -> set[str]:
    return {e.target_id for e in outbox.pending(conn) if e.operation in OWN_WRITES}


def remember(conn: Connection, collection_id: str, now: datetime) -> None:
    """Start watching a collection as the cache shows it now (no change recorded)."""
    row = conn.execute(
        select(ITEMS.c.title, ITEMS.c.body, ITEMS.c.entries).where(
            ITEMS.c.id == collection_id, ITEMS.c.kind == "collection"
        )
    ).one_or_none()
    if row is None:
        return
    values = {
        "title_digest": _digest(row.title),
        "description_digest": _digest(row.body),
        "entries": _visible_entries(conn, row.entries or []),
        "seen_at": utc_naive(now),
    }
    if conn.execute(
        select(WATCH.c.collection_id).where(WATCH.c.collection_id == collection_id)
    ).first():
        conn.execute(update(WATCH).where(WATCH.c.collection_id == collection_id).values(**values))
    else:
        conn.execute(WATCH.insert().values(collection_id=collection_id, **values))


def anything_to_watch(conn: Connection) -> bool:
    """Whether a collection is followed or still remembered (else catch_up has nothing to do)."""
    followed = conn.execute(select(FOLLOWS.c.target).where(FOLLOWS.c.kind == "collection"))
    return (
        followed.first() is not None
        or conn.execute(select(WATCH.c.collection_id)).first() is not None
    )


def catch_up(conn: Connection, followed: frozenset[str], now: datetime) -> int:
    """Compare each followed collection with its memory; returns how many changes were kept."""
    watched = {r.collection_id: r for r in conn.execute(select(WATCH))}
    stale = sorted(set(watched) - set(followed))
    if stale:
        conn.execute(delete(WATCH).where(WATCH.c.collection_id.in_(stale)))
        conn.execute(delete(CHANGES).where(CHANGES.c.collection_id.in_(stale)))
    conn.execute(delete(CHANGES).where(CHANGES.c.at < utc_naive(now - KEPT)))
    if not followed:
        return 0
    rows = conn.execute(
        select(ITEMS.c.id, ITEMS.c.title, ITEMS.c.body, ITEMS.c.entries).where(
            ITEMS.c.id.in_(sorted(followed)), ITEMS.c.kind == "collection"
        )
    ).all()
    present = {r.id for r in rows}
    lost = sorted(set(watched) - present)
    if lost:  # no longer in the cache: nothing of it stays, not even its digests
        conn.execute(delete(WATCH).where(WATCH.c.collection_id.in_(lost)))
        conn.execute(delete(CHANGES).where(CHANGES.c.collection_id.in_(lost)))
    mine = _own_writes(conn)
    kept = 0
    for row in rows:
        memory = watched.get(row.id)
        if memory is None:
            remember(conn, row.id, now)
            continue
        entries = _visible_entries(conn, row.entries or [])
        title, description = _digest(row.title), _digest(row.body)
        if (
            entries == memory.entries
            and title == memory.title_digest
            and description == memory.description_digest
        ):
            continue
        counts = compare(conn, memory.entries or [], entries)
        counts = Counts(
            **{
                **vars(counts),
                "title": int(title != memory.title_digest),
                "description": int(description != memory.description_digest),
            }
        )
        if counts and row.id not in mine:
            conn.execute(
                CHANGES.insert().values(
                    collection_id=row.id, at=utc_naive(now), counts=counts.as_dict()
                )
            )
            kept += 1
        conn.execute(
            update(WATCH)
            .where(WATCH.c.collection_id == row.id)
            .values(
                title_digest=title,
                description_digest=description,
                entries=entries,
                seen_at=utc_naive(now),
            )
        )
    return kept


CONTEXT = "CollectionChange"
_COUNTED = {  # one, several
    "added": (
        QT_TRANSLATE_NOOP("CollectionChange", "{count} entry added"),
        QT_TRANSLATE_NOOP("CollectionChange", "{count} entries added"),
    ),
    "removed": (
        QT_TRANSLATE_NOOP("CollectionChange", "{count} entry removed"),
        QT_TRANSLATE_NOOP("CollectionChange", "{count} entries removed"),
    ),
    "moved": (
        QT_TRANSLATE_NOOP("CollectionChange", "{count} entry moved"),
        QT_TRANSLATE_NOOP("CollectionChange", "{count} entries moved"),
    ),
    "notes": (
        QT_TRANSLATE_NOOP("CollectionChange", "{count} note changed"),
        QT_TRANSLATE_NOOP("CollectionChange", "{count} notes changed"),
    ),
}
RENAMED = QT_TRANSLATE_NOOP("CollectionChange", "renamed")
DESCRIPTION_CHANGED = QT_TRANSLATE_NOOP("CollectionChange", "description changed")
CHANGED = QT_TRANSLATE_NOOP("CollectionChange", "changed")


def describe_phrase(counts: dict[str, int]) -> Phrase:
    """``2 entries added, 1 entry moved, renamed`` from a change's counts, for translation."""
    parts = []
    for key, (one, many) in _COUNTED.items():
        n = counts.get(key)
        if n:
            parts.append(Phrase.of(CONTEXT, one if n == 1 else many, count=n))
    if counts.get("title"):
        parts.append(Phrase.of(CONTEXT, RENAMED))
    if counts.get("description"):
        parts.append(Phrase.of(CONTEXT, DESCRIPTION_CHANGED))
    return joined(", ", parts) if parts else Phrase.of(CONTEXT, CHANGED)


def describe(counts: dict[str, int]) -> str:
    """``2 entries added, 1 entry moved, renamed`` from a change's counts."""
    return describe_phrase(counts).text


@dataclass(frozen=True)
class NoticedChange:
    id: int
    collection_id: str
    title: str
    at: datetime
    counts: dict[str, int]


def changes(conn: Connection, followed: frozenset[str], since: datetime) -> list[NoticedChange]:
    """The kept changes of collections still followed and in the cache, newest first."""
    if not followed:
        return []
    rows = conn.execute(
        select(CHANGES.c.id, CHANGES.c.collection_id, CHANGES.c.at, CHANGES.c.counts, ITEMS.c.title)
        .join(ITEMS, ITEMS.c.id == CHANGES.c.collection_id)
        .where(
            CHANGES.c.collection_id.in_(sorted(followed)),
            CHANGES.c.at >= utc_naive(since),
        )
        .order_by(CHANGES.c.at.desc(), CHANGES.c.id.desc())
    ).all()
    return [
        NoticedChange(r.id, r.collection_id, r.title or "", as_utc(r.at) or since, dict(r.counts))
        for r in rows
    ]


def forget(conn: Connection, collection_ids: Iterable[str]) -> None:
    """A collection left the cache: its memory and its changes go in the same commit."""
    ids = sorted(set(collection_ids))
    if ids:
        conn.execute(delete(WATCH).where(WATCH.c.collection_id.in_(ids)))
        conn.execute(delete(CHANGES).where(CHANGES.c.collection_id.in_(ids)))
