"""The outbox: writes made on the desktop, kept until the server applied each exactly once.

An entry is ``pending`` until pushed. ``conflict`` means the server holds a
newer version (the user's edit waits as a draft they choose from); ``failed``
means the server refused it for good (no permission, target gone): the user
can copy their text from it, and it is never retried on its own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select, update

from kshare.client.store.db import clock_of
from kshare.client.store.models import OutboxEntry
from kshare.client.store.repository import as_utc

OUTBOX: Table = OutboxEntry.__table__

PENDING = "pending"
CONFLICT = "conflict"
FAILED = "failed"

OPERATIONS = frozenset(
    {
        "create_item",
        "update_item",
        "delete_item",
        "create_reaction",
        "delete_reaction",
        "update_profile",
        "upload_blob",
        "accept_answer",
        "endorse",
        # curation (kshare.client.curation.outbox_ops)
        "add_collection_entry",
        "verify_item",
        "report_search_gap",
        "record_export",
        "describe_tag",
        "merge_tags",
        "set_follow",
        "set_inbox_read",
    }
)


@dataclass(frozen=True)
class OutboxOp:
    """A snapshot of one outbox entry, free of any session."""

    id: int
    key: str
    operation: str
    target_id: str
    payload: dict[str, Any]
    state: str
    attempts: int
    last_error: str
    created_at: datetime


def _snapshot(row: Any, conn: Connection) -> OutboxOp:
    return OutboxOp(
        id=row.id,
        key=row.idempotency_key,
        operation=row.operation,
        target_id=row.target_id,
        payload=dict(row.payload),
        state=row.state,
        attempts=row.attempts,
        last_error=row.last_error,
        created_at=as_utc(row.created_at) or clock_of(conn).now(),
    )


def add(
    conn: Connection,
    operation: str,
    target_id: str,
    payload: dict[str, Any],
    *,
    key: str | None = None,
) -> OutboxOp:
    """Queue a write; its idempotency key is fixed now so every retry is the same request."""
    if operation not in OPERATIONS:
        raise ValueError(f"unknown outbox operation {operation!r}")
    key = key or str(uuid.uuid4())
    conn.execute(
        OUTBOX.insert().values(
            idempotency_key=key,
            operation=operation,
            target_id=target_id,
            payload=payload,
            created_at=clock_of(conn).now().replace(tzinfo=None),
            state=PENDING,
            attempts=0,
            next_attempt_at=None,
            last_error="",
        )
    )
    return get_by_key(conn, key)  # type: ignore[return-value]


def get(conn: Connection, entry_id: int) -> OutboxOp | None:
    row = conn.execute(select(OUTBOX).where(OUTBOX.c.id == entry_id)).one_or_none()
    return _snapshot(row, conn) if row else None


def get_by_key(conn: Connection, key: str) -> OutboxOp | None:
    row = conn.execute(select(OUTBOX).where(OUTBOX.c.idempotency_key == key)).one_or_none()
    return _snapshot(row, conn) if row else None


def pending(conn: Connection) -> list[OutboxOp]:
    """Entries still to push, oldest first (order matters: a create before its update)."""
    rows = conn.execute(select(OUTBOX).where(OUTBOX.c.state == PENDING).order_by(OUTBOX.c.id))
    return [_snapshot(row, conn) for row in rows]


def unpublished(conn: Connection) -> list[OutboxOp]:
    """Conflicted drafts and writes the server refused, for the user to look at."""
    rows = conn.execute(
        select(OUTBOX).where(OUTBOX.c.state.in_((CONFLICT, FAILED))).order_by(OUTBOX.c.id)
    )
    return [_snapshot(row, conn) for row in rows]


def pending_count(conn: Connection) -> int:
    return int(
        conn.execute(
            select(func.count()).select_from(OUTBOX).where(OUTBOX.c.state == PENDING)
        ).scalar_one()
    )


def pending_targets(conn: Connection) -> set[str]:
    """Ids with a write still on its way: reconciliation must not drop them as "absent"."""
    rows = conn.execute(select(OUTBOX.c.target_id).where(OUTBOX.c.state == PENDING))
    return set(rows.scalars())


def has_pending(conn: Connection, target_id: str, operation: str | None = None) -> bool:
    query = select(OUTBOX.c.id).where(OUTBOX.c.state == PENDING, OUTBOX.c.target_id == target_id)
    if operation:
        query = query.where(OUTBOX.c.operation == operation)
    return conn.execute(query.limit(1)).first() is not None


def mark_done(conn: Connection, entry_id: int) -> None:
    conn.execute(delete(OUTBOX).where(OUTBOX.c.id == entry_id))


def mark_attempt(conn: Connection, entry_id: int, error: str) -> None:
    """A try that failed for a passing reason (network, server busy): keep it pending."""
    conn.execute(
        update(OUTBOX)
        .where(OUTBOX.c.id == entry_id)
        .values(attempts=OUTBOX.c.attempts + 1, last_error=error[:2000])
    )


def mark_failed(conn: Connection, entry_id: int, error: str) -> None:
    """The server refused it for good: keep the text for the user, never retry on our own."""
    conn.execute(
        update(OUTBOX)
        .where(OUTBOX.c.id == entry_id)
        .values(state=FAILED, attempts=OUTBOX.c.attempts + 1, last_error=error[:2000])
    )


def mark_conflict(
    conn: Connection, entry_id: int, error: str, server_version: dict[str, Any] | None
) -> None:
    """Someone else changed it first: keep the user's edit as a draft next to the server's."""
    entry = get(conn, entry_id)
    if entry is None:
        return
    payload = {**entry.payload, "server": server_version}
    conn.execute(
        update(OUTBOX)
        .where(OUTBOX.c.id == entry_id)
        .values(
            state=CONFLICT,
            payload=payload,
            attempts=OUTBOX.c.attempts + 1,
            last_error=error[:2000],
        )
    )


def requeue(conn: Connection, entry_id: int, payload: dict[str, Any]) -> None:
    """The user chose to send it again (e.g. "keep mine" on a conflict) with a new key."""
    conn.execute(
        update(OUTBOX)
        .where(OUTBOX.c.id == entry_id)
        .values(
            state=PENDING,
            payload=payload,
            idempotency_key=str(uuid.uuid4()),
            last_error="",
        )
    )


def discard(conn: Connection, entry_id: int) -> None:
    conn.execute(delete(OUTBOX).where(OUTBOX.c.id == entry_id))
