"""Write what the server sent into the cache.

Every function takes the caller's connection, so a whole feed page (upserts,
removals, the new cursor) commits in the one transaction the caller opened.
Rows get a fresh ``local_seq`` from the counter in ``sync_state``; every purge
leaves an id-only row in ``purges`` so the search index can drop it too.

Times are stored as naive UTC: SQLite has no time zones, and one convention
keeps ordering by ``created_at`` right for everyone who reads the cache.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, select
from sqlalchemy.dialects.sqlite import insert

from kshare.client.store import declared
from kshare.client.store.models import (
    EXPERT_TABLES,
    CachedFollow,
    CachedGroup,
    CachedItem,
    CachedPerson,
    CachedReaction,
    CachedTagDescription,
    CollectionChange,
    CollectionWatch,
    InboxMark,
    OutboxEntry,
    Purge,
    SyncState,
)
from kshare.protocol.schemas import (
    GroupOut,
    GroupUpsert,
    ItemOut,
    ItemUpsert,
    PersonOut,
    PersonUpsert,
    ReactionOut,
    ReactionUpsert,
)

log = logging.getLogger(__name__)

LOCAL_SEQ = "local_seq"
CURSOR = "cursor"
CURATOR_ROLE = "curator_role"  # the person's own CuratorRole, as the feed last sent it
CHUNK = 400  # stays below SQLite's bound-parameter limit for IN (...) lists

ITEMS: Table = CachedItem.__table__
PEOPLE: Table = CachedPerson.__table__
GROUPS: Table = CachedGroup.__table__
REACTIONS: Table = CachedReaction.__table__
PURGES: Table = Purge.__table__
STATE: Table = SyncState.__table__
_ZERO = timedelta(0)
TABLES = {"item": ITEMS, "person": PEOPLE, "group": GROUPS, "reaction": REACTIONS}


@dataclass
class ChangeSet:
    """Ids touched by one transaction, by kind; ``removed`` holds every purged id."""

    items: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    purged: list[tuple[str, str]] = field(default_factory=list)  # (entity type, id)

    def merge(self, other: ChangeSet) -> None:
        self.items |= other.items
        self.people |= other.people
        self.groups |= other.groups
        self.removed |= other.removed
        self.purged.extend(other.purged)

    def __bool__(self) -> bool:
        return bool(self.items or self.people or self.groups or self.removed)


def utc_naive(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    if moment.utcoffset() == _ZERO:  # what the server sends: no conversion needed
        return moment.replace(tzinfo=None)
    return moment.astimezone(UTC).replace(tzinfo=None)


def as_utc(moment: datetime | None) -> datetime | None:
    """A time read back from the cache, made aware again."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


# --- small key/value state -------------------------------------------------------------


def get_state(conn: Connection, key: str) -> str | None:
    return conn.execute(select(STATE.c.value).where(STATE.c.key == key)).scalar_one_or_none()


def set_state(conn: Connection, key: str, value: str) -> None:
    stmt = insert(STATE).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def delete_state(conn: Connection, key: str) -> None:
    conn.execute(delete(STATE).where(STATE.c.key == key))


def get_cursor(conn: Connection) -> str:
    """The server cursor the cache is up to date with; empty means "from the beginning"."""
    return get_state(conn, CURSOR) or ""


def set_cursor(conn: Connection, cursor: str) -> None:
    set_state(conn, CURSOR, cursor)


def take_local_seqs(conn: Connection, count: int) -> int:
    """Reserve ``count`` numbers of the local change counter; returns the first."""
    current = int(get_state(conn, LOCAL_SEQ) or 0)
    set_state(conn, LOCAL_SEQ, str(current + count))
    return current + 1


# --- wire objects to rows ----------------------------------------------------------------


def item_row(item: ItemOut, local_seq: int) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.kind,
        "parent_id": item.parent_id,
        "quote_of": item.quote_of,
        "author_id": item.author_id,
        "title": item.title,
        "body": item.body,
        "tags": list(item.tags),
        "created_at": utc_naive(item.created_at),
        "updated_at": utc_naive(item.updated_at),
        "version": item.version,
        "accepted_answer_id": item.accepted_answer_id,
        "is_accepted": item.is_accepted,
        "score": item.score,
        "audience": item.audience.model_dump(mode="json"),
        "can_edit": item.can_edit,
        "mentions": list(item.mentions),
        "attachment": item.attachment.model_dump(mode="json") if item.attachment else None,
        "entries": [entry.model_dump(mode="json") for entry in item.entries],
        "verification": item.verification.model_dump(mode="json") if item.verification else None,
        "file_versions": [v.model_dump(mode="json") for v in item.file_versions],
        "local_seq": local_seq,
    }


def person_row(person: PersonOut, local_seq: int) -> dict[str, Any]:
    row = person.model_dump(mode="python")
    row["local_seq"] = local_seq
    return row


def group_row(group: GroupOut, local_seq: int) -> dict[str, Any]:
    row = group.model_dump(mode="python")
    row["local_seq"] = local_seq
    return row


def reaction_row(reaction: ReactionOut, local_seq: int) -> dict[str, Any]:
    row = reaction.model_dump(mode="python")
    row["created_at"] = utc_naive(reaction.created_at)
    row["local_seq"] = local_seq
    return row


@dataclass(frozen=True)
class _UpsertPlan:
    sql: str
    columns: tuple[str, ...]
    processors: tuple[Callable[[Any], Any] | None, ...]


_plans: dict[tuple[str, tuple[str, ...], str], _UpsertPlan] = {}


def _bind_processor(table: Table, name: str, conn: Connection) -> Callable[[Any], Any] | None:
    # The dialect's own type (SQLite's DATETIME storage format, its JSON), as SQLAlchemy
    # itself would use; the generic type would hand raw datetimes to the driver.
    kind = table.c[name].type.dialect_impl(conn.dialect)
    return kind.bind_processor(conn.dialect)


def _upsert_plan(conn: Connection, table: Table, columns: tuple[str, ...]) -> _UpsertPlan:
    """The statement and per-column bind processors for one shape of row, made once."""
    key = (table.name, columns, conn.dialect.name)
    plan = _plans.get(key)
    if plan is None:
        stmt = insert(table).values({name: bindparam(name) for name in columns})
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={name: stmt.excluded[name] for name in columns if name != "id"},
        )
        compiled = stmt.compile(dialect=conn.dialect)
        order = tuple(compiled.positiontup or ())
        assert set(order) == set(columns), (order, columns)
        plan = _plans[key] = _UpsertPlan(
            sql=compiled.string,
            columns=order,
            processors=tuple(_bind_processor(table, name, conn) for name in order),
        )
    return plan


def _bulk_upsert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = tuple(c.name for c in table.columns if c.name in rows[0])
    plan = _upsert_plan(conn, table, columns)
    # The same statement SQLAlchemy would send, with the same column types' bind
    # processors (JSON text, SQLite date strings), but without its per-row parameter
    # bookkeeping, which cost more than SQLite itself on an initial sync.
    pairs = tuple(zip(plan.columns, plan.processors, strict=True))
    params = [
        tuple(
            value if proc is None else proc(value) for name, proc in pairs for value in (row[name],)
        )
        for row in rows
    ]
    conn.exec_driver_sql(plan.sql, params)


def upsert(conn: Connection, upserts: Sequence[Any]) -> ChangeSet:
    """Insert or replace items, people, groups and reactions; each gets a fresh ``local_seq``."""
    changes = ChangeSet()
    if not upserts:
        return changes
    seq = take_local_seqs(conn, len(upserts))
    items: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    reactions: list[dict[str, Any]] = []
    for offset, entry in enumerate(upserts):
        local_seq = seq + offset
        if isinstance(entry, ItemUpsert):
            items.append(item_row(entry.data, local_seq))
            changes.items.add(entry.data.id)
        elif isinstance(entry, PersonUpsert):
            people.append(person_row(entry.data, local_seq))
            changes.people.add(entry.data.id)
        elif isinstance(entry, GroupUpsert):
            groups.append(group_row(entry.data, local_seq))
            changes.groups.add(entry.data.id)
        elif isinstance(entry, ReactionUpsert):
            reactions.append(reaction_row(entry.data, local_seq))
            changes.items.add(entry.data.item_id)  # the item's reaction counts changed
        else:  # a newer server may send kinds this client does not know: skip, do not fail
            log.warning("skipping an upsert of unknown type %r", getattr(entry, "type", entry))
    if reactions:
        reactions = _without_taken_back(conn, reactions)
    if people:
        people = _with_queued_choices(conn, people)
    # Within a page the same id may appear twice; the later one is newer and must win.
    for table, rows in ((ITEMS, items), (PEOPLE, people), (GROUPS, groups), (REACTIONS, reactions)):
        _bulk_upsert(conn, table, list({row["id"]: row for row in rows}.values()))
    return changes


def _without_taken_back(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reactions the person took back whose removal is still on its way stay removed.

    A page fetched before the removal reached the server still lists them; written
    back, the reaction would reappear and stay, as the removal was already queued.
    """
    outbox = OutboxEntry.__table__
    taken_back: set[str] = set()
    ids = [str(row["id"]) for row in rows]
    for chunk in _chunks(ids):
        found = conn.execute(
            select(outbox.c.target_id).where(
                outbox.c.operation == "delete_reaction",
                outbox.c.state == "pending",
                outbox.c.target_id.in_(chunk),
            )
        )
        taken_back.update(found.scalars())
    return [row for row in rows if row["id"] not in taken_back] if taken_back else rows


# Writes about a person that the cache shows before the server has them.
PERSON_WRITES = ("update_profile", "endorse")


def _queued_person_writes(conn: Connection, ids: Sequence[str]) -> dict[str, list[Any]]:
    """Pending profile changes and endorsements per person id, oldest first."""
    outbox = OutboxEntry.__table__
    found: dict[str, list[Any]] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(
            select(outbox.c.target_id, outbox.c.operation, outbox.c.payload)
            .where(
                outbox.c.operation.in_(PERSON_WRITES),
                outbox.c.state == "pending",
                outbox.c.target_id.in_(chunk),
            )
            .order_by(outbox.c.id)
        )
        for row in rows:
            found.setdefault(row.target_id, []).append(row)
    return found


def _with_queued_choices(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Person rows with the choices still on their way to the server applied over them.

    A page fetched before a profile change or an endorsement reached the server
    still holds the old row; written back as is, the person's choice would vanish
    from this desktop (and from its expert rankings) until the next change of that row.
    """
    queued = _queued_person_writes(conn, [str(row["id"]) for row in rows])
    if not queued:
        return rows
    result = []
    for row in rows:
        for write in queued.get(row["id"], ()):
            row = declared.overlay(row, write.operation, write.payload or {})
        result.append(row)
    return result


def person_columns(conn: Connection, person_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(PEOPLE).where(PEOPLE.c.id == person_id)).mappings().first()
    return dict(row) if row is not None else None


def update_person(
    conn: Connection, person_id: str, values: dict[str, Any], *, reapply_queued: bool = False
) -> ChangeSet:
    """Change columns of a cached person on this desktop; a fresh ``local_seq`` tells the
    index and the expert finder. With ``reapply_queued``, writes still queued for that
    person are applied over ``values`` (used when one of them is taken back)."""
    changes = ChangeSet()
    row = person_columns(conn, person_id)
    if row is None:
        return changes
    row.update(values)
    if reapply_queued:
        row = _with_queued_choices(conn, [row])[0]
    changed = {k: row[k] for k in row if k not in ("id", "local_seq")}
    changed["local_seq"] = take_local_seqs(conn, 1)
    conn.execute(PEOPLE.update().where(PEOPLE.c.id == person_id).values(**changed))
    changes.people.add(person_id)
    return changes


def upsert_items(conn: Connection, items: Iterable[ItemOut]) -> ChangeSet:
    return upsert(conn, [ItemUpsert(data=item) for item in items])


# --- purges ---------------------------------------------------------------------------------


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _existing(conn: Connection, table: Table, ids: Sequence[str]) -> list[str]:
    found: list[str] = []
    for chunk in _chunks(ids):
        found += conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars().all()
    return found


def _item_family(conn: Connection, roots: Sequence[str]) -> list[str]:
    """The items and, recursively, their answers, comments and attachments present in the cache."""
    family = _existing(conn, ITEMS, roots)
    frontier = list(family)
    seen = set(family)
    while frontier:
        children: list[str] = []
        for chunk in _chunks(frontier):
            rows = conn.execute(select(ITEMS.c.id).where(ITEMS.c.parent_id.in_(chunk)))
            children += [cid for cid in rows.scalars() if cid not in seen]
        seen.update(children)
        family += children
        frontier = children
    return family


def purge(conn: Connection, removals: Iterable[tuple[str, str]]) -> ChangeSet:
    """Delete rows (an item takes its children and reactions along) and record id-only purges.

    An id the cache does not hold is a no-op, so replaying a page is harmless.
    """
    wanted: dict[str, list[str]] = {"item": [], "person": [], "group": [], "reaction": []}
    for entity_type, entity_id in removals:
        if entity_type in wanted:
            wanted[entity_type].append(entity_id)
        else:
            log.warning("ignoring a removal of unknown type %r", entity_type)
    doomed: list[tuple[str, str]] = []
    items = _item_family(conn, wanted["item"]) if wanted["item"] else []
    doomed += [("item", item_id) for item_id in items]
    reactions = _existing(conn, REACTIONS, wanted["reaction"])
    for chunk in _chunks(items):
        rows = conn.execute(select(REACTIONS.c.id).where(REACTIONS.c.item_id.in_(chunk)))
        reactions += rows.scalars().all()
    doomed += [("reaction", rid) for rid in dict.fromkeys(reactions)]
    doomed += [("person", pid) for pid in _existing(conn, PEOPLE, wanted["person"])]
    doomed += [("group", gid) for gid in _existing(conn, GROUPS, wanted["group"])]
    changes = ChangeSet()
    if not doomed:
        return changes
    by_type: dict[str, list[str]] = {}
    for entity_type, entity_id in doomed:
        by_type.setdefault(entity_type, []).append(entity_id)
    for entity_type, ids in by_type.items():
        table = TABLES[entity_type]
        for chunk in _chunks(ids):
            conn.execute(delete(table).where(table.c.id.in_(chunk)))
    seq = take_local_seqs(conn, len(doomed))
    conn.execute(
        PURGES.insert(),
        [
            {"local_seq": seq + n, "entity_type": entity_type, "entity_id": entity_id}
            for n, (entity_type, entity_id) in enumerate(doomed)
        ],
    )
    if items or wanted["person"]:
        # what a person lost access to leaves expert finding's data in the same commit
        from kshare.client.experts import profile_terms

        profile_terms.forget_items(conn, items)
    changes.removed = {entity_id for _, entity_id in doomed}
    changes.purged = doomed
    from kshare.client.curation.cache import drop_entries

    changes.items |= drop_entries(
        conn, by_type.get("item", []), by_type.get("person", []), take_local_seqs
    )
    from kshare.client.notifications.collections import forget

    forget(conn, by_type.get("item", []))
    return changes


def wipe(conn: Connection, *, keep_writes: bool = False) -> None:
    """Forget everything the profile cached: content, outbox, cursor, counters.

    With ``keep_writes`` the person's unsent writes and their account stay, so a
    wipe demanded by policy never destroys their own work.
    """
    for model in (
        CachedItem,
        CachedReaction,
        CachedPerson,
        CachedGroup,
        Purge,
        CachedFollow,
        InboxMark,
        CollectionWatch,
        CollectionChange,
        CachedTagDescription,
        *EXPERT_TABLES,
    ):
        conn.execute(delete(model.__table__))
    if keep_writes:
        conn.execute(delete(SyncState).where(SyncState.key != "account"))
        return
    conn.execute(delete(SyncState))
    conn.execute(delete(OutboxEntry.__table__))
