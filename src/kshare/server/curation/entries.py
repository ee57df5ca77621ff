"""The entries of a collection: what each viewer is sent, and how curators change them.

A collection never reveals an entry its viewer could not see on its own, nor any
hint of one: positions are counted among the entries sent, and a section whose
entries are all hidden is simply not there. Curators change the order of what
they see; entries they cannot see keep their places and are never dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kshare.protocol.curation import CollectionEntryAdd
from kshare.protocol.schemas import CollectionEntry
from kshare.server.errors import ApiError
from kshare.server.policy import Gate, visible_items_clause
from kshare.server.tables import CollectionEntryRow, Item, Person

MAX_ENTRIES = 5000


def _rows(session: Session, collection_ids: Sequence[str]) -> list[CollectionEntryRow]:
    return list(
        session.scalars(
            select(CollectionEntryRow)
            .where(CollectionEntryRow.collection_id.in_(list(collection_ids)))
            .order_by(
                CollectionEntryRow.collection_id,
                CollectionEntryRow.position,
                CollectionEntryRow.item_id,
            )
        )
    )


def _visible_keys(gate: Gate, rows: Iterable[CollectionEntryRow]) -> set[tuple[str, str]]:
    rows = list(rows)
    item_ids = {r.item_id for r in rows if r.entry_kind == "item"}
    person_ids = {r.item_id for r in rows if r.entry_kind == "person"}
    seen: set[tuple[str, str]] = set()
    if item_ids:
        visible = gate.session.scalars(
            select(Item.id).where(
                Item.id.in_(list(item_ids)), visible_items_clause(gate.viewer, gate.now)
            )
        )
        seen |= {("item", i) for i in visible}
    if person_ids and gate.viewer.active:
        people = gate.session.scalars(
            select(Person.id).where(Person.id.in_(list(person_ids)), Person.active.is_(True))
        )
        seen |= {("person", p) for p in people}
    return seen


def visible_entries(gate: Gate, collection_ids: Sequence[str]) -> dict[str, list[CollectionEntry]]:
    """The entries of each collection that the viewer may see, numbered among themselves."""
    out: dict[str, list[CollectionEntry]] = defaultdict(list)
    if not collection_ids:
        return out
    rows = _rows(gate.session, collection_ids)
    seen = _visible_keys(gate, rows)
    for row in rows:
        if (row.entry_kind, row.item_id) not in seen:
            continue
        shown = out[row.collection_id]
        shown.append(
            CollectionEntry(
                item_id=row.item_id,
                note=row.note,
                position=len(shown),
                section=row.section,
                kind=row.entry_kind,  # type: ignore[arg-type]
            )
        )
    return out


def _check_wanted(gate: Gate, collection_id: str, wanted: Sequence[CollectionEntry]) -> None:
    """Every entry a curator names must be something they may see themselves."""
    probe = [
        CollectionEntryRow(collection_id=collection_id, item_id=e.item_id, entry_kind=e.kind)
        for e in wanted
    ]
    seen = _visible_keys(gate, probe)
    missing = [
        e.item_id for e in wanted if (e.kind, e.item_id) not in seen or e.item_id == collection_id
    ]
    if missing:
        raise ApiError(422, "invalid", f"Unknown collection entries: {', '.join(missing[:5])}")


def replace_entries(gate: Gate, collection: Item, entries: Sequence[CollectionEntry]) -> None:
    """Set the entries the curator sees to ``entries`` (in order), keeping the hidden ones.

    Hidden entries stay in the places they held; the curator's list fills the places of
    the entries they could see, in its own order, and runs on after the last of them.
    """
    wanted: dict[tuple[str, str], CollectionEntry] = {}
    for entry in sorted(entries, key=lambda e: e.position):
        wanted.setdefault((entry.kind, entry.item_id), entry)
    _check_wanted(gate, collection.id, list(wanted.values()))
    existing = _rows(gate.session, [collection.id])
    seen = _visible_keys(gate, existing)
    hidden = [r for r in existing if (r.entry_kind, r.item_id) not in seen]
    if len(hidden) + len(wanted) > MAX_ENTRIES:
        raise ApiError(422, "invalid", f"A collection holds at most {MAX_ENTRIES} entries.")
    queue = list(wanted.values())
    order: list[CollectionEntryRow | CollectionEntry] = []
    for row in existing:
        if (row.entry_kind, row.item_id) not in seen:
            order.append(row)
        elif queue:
            order.append(queue.pop(0))
    order.extend(queue)
    _write(gate.session, collection.id, order)


def _write(
    session: Session, collection_id: str, order: Sequence[CollectionEntryRow | CollectionEntry]
) -> None:
    kept = []
    for position, entry in enumerate(order):
        if isinstance(entry, CollectionEntryRow):
            kind, note, section = entry.entry_kind, entry.note, entry.section
        else:
            kind, note, section = entry.kind, entry.note, entry.section
        kept.append(
            CollectionEntryRow(
                collection_id=collection_id,
                item_id=entry.item_id,
                entry_kind=kind,
                note=note,
                section=" ".join(section.split()),
                position=position,
            )
        )
    session.flush()
    # The loaded rows would clash with the new ones of the same keys: forget them first.
    for loaded in [o for o in session.identity_map.values() if isinstance(o, CollectionEntryRow)]:
        if loaded.collection_id == collection_id:
            session.expunge(loaded)
    session.execute(
        delete(CollectionEntryRow).where(CollectionEntryRow.collection_id == collection_id)
    )
    session.add_all(kept)


def add_entry(gate: Gate, collection: Item, body: CollectionEntryAdd) -> None:
    """Add one entry at the end of its section (or change its section and note)."""
    entry = CollectionEntry(
        item_id=body.item_id, kind=body.kind, note=body.note, section=" ".join(body.section.split())
    )
    _check_wanted(gate, collection.id, [entry])
    existing = _rows(gate.session, [collection.id])
    current = next(
        (r for r in existing if (r.entry_kind, r.item_id) == (entry.kind, entry.item_id)), None
    )
    if current is not None and current.section == entry.section:
        current.note = entry.note  # same place: only the note changes
        return
    if current is None and len(existing) >= MAX_ENTRIES:
        raise ApiError(422, "invalid", f"A collection holds at most {MAX_ENTRIES} entries.")
    order: list[CollectionEntryRow | CollectionEntry] = [r for r in existing if r is not current]
    last_of_section = max(
        (i for i, r in enumerate(order) if r.section == entry.section), default=len(order) - 1
    )
    order.insert(last_of_section + 1, entry)
    _write(gate.session, collection.id, order)
