"""Keeping cached collections honest: an entry leaves with what it points at.

When the cache drops an item (or a person) the viewer may no longer see, the entries
of cached collections that point at it go too, note and all: a collection must not
keep on this computer what its reader lost, nor feed it to the search index.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from sqlalchemy import Connection, Table, select, update

from kshare.client.store.models import CachedItem

ITEMS: Table = CachedItem.__table__


def drop_entries(
    conn: Connection,
    item_ids: Collection[str],
    person_ids: Collection[str],
    take_seq: Callable[[Connection, int], int],
) -> set[str]:
    """Remove entries pointing at these ids; returns the collections that changed."""
    if not item_ids and not person_ids:
        return set()
    gone = {("item", i) for i in item_ids} | {("person", p) for p in person_ids}
    changed: set[str] = set()
    rows = conn.execute(
        select(ITEMS.c.id, ITEMS.c.entries).where(ITEMS.c.kind == "collection")
    ).all()
    for collection_id, entries in rows:
        kept = [
            e
            for e in entries or []
            if (str(e.get("kind", "item")), str(e.get("item_id", ""))) not in gone
        ]
        if len(kept) == len(entries or []):
            continue
        for position, entry in enumerate(kept):
            entry["position"] = position
        conn.execute(
            update(ITEMS)
            .where(ITEMS.c.id == collection_id)
            .values(entries=kept, local_seq=take_seq(conn, 1))
        )
        changed.add(str(collection_id))
    return changed
