"""A collection in the cache drops an entry, note and all, when what it points at is purged."""

from __future__ import annotations

from sqlalchemy import Engine, select

from kshare.client.store import repository
from kshare.client.store.repository import ITEMS
from kshare.protocol.schemas import CollectionEntry, PersonUpsert
from tests.unit.client.factories import item, person


def test_purging_an_item_or_a_person_takes_its_entries_out_of_cached_collections(
    writer: Engine,
) -> None:
    kept, lost = item("keep-1", title="Welcome"), item("lost-1", title="Pager rota")
    entries = [
        CollectionEntry(item_id="keep-1", note="read first", position=0),
        CollectionEntry(item_id="lost-1", note="quokkas guard it", position=1, section="On call"),
        CollectionEntry(item_id="p-1", kind="person", note="ask her", position=2),
    ]
    collection = item("coll-1", kind="collection", title="Onboarding", entries=entries)
    with writer.begin() as conn:
        repository.upsert_items(conn, [kept, lost, collection])
        repository.upsert(conn, [PersonUpsert(data=person("p-1", "cleo"))])
        before = conn.execute(select(ITEMS.c.local_seq).where(ITEMS.c.id == "coll-1")).scalar()
        changes = repository.purge(conn, [("item", "lost-1"), ("person", "p-1")])
        row = conn.execute(select(ITEMS).where(ITEMS.c.id == "coll-1")).one()
    assert "coll-1" in changes.items
    assert [(e["item_id"], e["position"]) for e in row.entries] == [("keep-1", 0)]
    assert "quokkas" not in str(row.entries) and row.local_seq > before
    with writer.begin() as conn:
        again = repository.purge(conn, [("item", "unknown")])
    assert "coll-1" not in again.items
