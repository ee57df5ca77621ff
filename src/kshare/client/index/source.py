"""Reading the cache for the index: what changed since a ``local_seq``, and rows as index documents.

The cache is the source of truth. Everything here reads it with SQLAlchemy Core
(plain rows, no ORM objects) because a rebuild walks every row of a big cache.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError

from kshare.client.store.models import CachedGroup, CachedItem, CachedPerson, Purge, SyncState

from .ranking import with_verified
from .schema import SEP, day_number

CACHE_ID_KEY = "cache_id"
ITEMS: Table = CachedItem.__table__
PEOPLE: Table = CachedPerson.__table__
GROUPS: Table = CachedGroup.__table__
PURGES: Table = Purge.__table__
STATE: Table = SyncState.__table__

# entity type (as the purge log and the wire protocol name it) -> its table
ENTITY_TABLES: dict[str, Table] = {"item": ITEMS, "person": PEOPLE, "group": GROUPS}


def ensure_cache_id(engine: Engine) -> str:
    """The cache's identity, created on first use, so an index can tell it belongs to this cache."""
    with engine.begin() as conn:
        value = conn.execute(select(STATE.c.value).where(STATE.c.key == CACHE_ID_KEY)).scalar()
        if value:
            return str(value)
    try:
        with engine.begin() as conn:
            conn.execute(insert(STATE).values(key=CACHE_ID_KEY, value=uuid.uuid4().hex))
    except IntegrityError:
        pass  # another thread or process created it first; read theirs below
    with engine.begin() as conn:
        return str(conn.execute(select(STATE.c.value).where(STATE.c.key == CACHE_ID_KEY)).scalar())


def latest_seq(engine: Engine) -> int:
    """The highest ``local_seq`` of any row or purge (each column is indexed: cheap)."""
    tables = (ITEMS, PEOPLE, GROUPS, PURGES)
    with engine.connect() as conn:
        return max(int(conn.execute(select(func.max(t.c.local_seq))).scalar() or 0) for t in tables)


def count_changes(engine: Engine, after: int, upto: int) -> int:
    """How many rows and purges lie in ``(after, upto]``, for honest progress."""
    total = 0
    with engine.connect() as conn:
        for table in (ITEMS, PEOPLE, GROUPS, PURGES):
            seq = table.c.local_seq
            total += int(
                conn.execute(select(func.count()).where(seq > after, seq <= upto)).scalar() or 0
            )
    return total


def purges_between(engine: Engine, after: int, upto: int) -> list[tuple[str, str]]:
    seq = PURGES.c.local_seq
    query = select(PURGES.c.entity_type, PURGES.c.entity_id).where(seq > after, seq <= upto)
    with engine.connect() as conn:
        return [(str(t), str(i)) for t, i in conn.execute(query.order_by(seq))]


def rows_between(
    engine: Engine, table: Table, after: int, upto: int, batch: int = 1000
) -> Iterator[list[RowMapping]]:
    """Current rows of ``table`` stamped in ``(after, upto]``, in batches (keyset by local_seq)."""
    seq = table.c.local_seq
    cursor = after
    while True:
        query = select(table).where(seq > cursor, seq <= upto).order_by(seq).limit(batch)
        with engine.connect() as conn:
            rows = list(conn.execute(query).mappings())
        if not rows:
            return
        yield rows
        cursor = int(rows[-1]["local_seq"])


def rows_by_id(
    engine: Engine | Connection,
    table: Table,
    ids: Sequence[str],
    columns: Sequence[str] | None = None,
) -> dict[str, RowMapping]:
    """Current rows by id; pass a connection to share it between several look-ups.

    ``columns`` (with ``id``) reads only those: decoding the JSON columns of rows
    whose JSON is not needed was a good part of a search's time.
    """
    found: dict[str, RowMapping] = {}
    if not ids:
        return found
    if isinstance(engine, Engine):
        with engine.connect() as conn:
            return rows_by_id(conn, table, ids, columns)
    chosen = select(*(table.c[name] for name in columns)) if columns else select(table)
    for start in range(0, len(ids), 500):  # stay far below SQLite's bound-parameter limit
        chunk = list(ids[start : start + 500])
        for row in engine.execute(chosen.where(table.c.id.in_(chunk))).mappings():
            found[str(row["id"])] = row
    return found


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; the cache writes UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def epoch(value: datetime | None) -> int:
    moment = as_utc(value)
    return int(moment.timestamp()) if moment else 0


@dataclass(frozen=True)
class DocumentText:
    text: str
    status: str
    message: str = ""


TextOf = Callable[[RowMapping], DocumentText]


def static_boost(row: RowMapping) -> float:
    """What makes an item more useful than its words say: an accepted answer, votes, and
    a verification."""
    boost = 1.0
    if row["kind"] == "answer" and row["is_accepted"]:
        boost *= 1.5
    if row["kind"] == "question" and row["accepted_answer_id"]:
        boost *= 1.15
    votes = max(int(row["score"] or 0), 0)
    boost *= 1.0 + min(0.1 * math.log1p(votes), 0.3)
    return with_verified(boost, bool(row.get("verification")))


def _group_terms(audience: dict[str, Any] | None) -> list[tuple[str, str]]:
    groups = (audience or {}).get("groups") or []
    return [(str(g.get("id", "")), str(g.get("name", ""))) for g in groups if isinstance(g, dict)]


def item_documents(
    engine: Engine, rows: Sequence[RowMapping], text_of: TextOf
) -> list[dict[str, Any]]:
    """Index documents for item rows; answers and comments take their parent's groups."""
    orphans = [
        str(r["parent_id"]) for r in rows if r["parent_id"] and not _group_terms(r["audience"])
    ]
    parents = rows_by_id(engine, ITEMS, orphans) if orphans else {}
    documents = []
    for row in rows:
        groups = _group_terms(row["audience"])
        parent = parents.get(str(row["parent_id"])) if row["parent_id"] else None
        if not groups and parent is not None:
            groups = _group_terms(parent["audience"])
        body = row["body"] or ""
        if row["kind"] == "collection":
            notes = [str(e.get("note", "")) for e in row["entries"] or [] if isinstance(e, dict)]
            body = "\n".join([body, *notes])
        if row["kind"] == "document":
            extracted = text_of(row)
            if extracted.text:
                body = f"{body}\n\n{extracted.text}"
        tags = [str(t) for t in row["tags"] or []]
        created = epoch(row["created_at"])
        documents.append(
            {
                "id": str(row["id"]),
                "kind": str(row["kind"]),
                "title": row["title"] or "",
                "body": body,
                "tags": ",".join(t.replace(",", " ") for t in tags),
                "author": str(row["author_id"]),
                "groups": ",".join(x.replace(",", " ") for pair in groups for x in pair if x),
                "created": created,
                "day": day_number(created),
                "c_tags": SEP.join(t.lower() for t in tags).encode(),
                "c_author": str(row["author_id"]).encode(),
                "c_groups": SEP.join(gid for gid, _ in groups if gid).encode(),
                "c_boost": static_boost(row),
            }
        )
    return documents


def person_document(row: RowMapping) -> dict[str, Any]:
    skills = [str(s) for s in row["skills"] or []]
    about = [str(s) for s in row["ask_me_about"] or []]
    body = "\n".join(
        [
            row["username"],
            row["title"] or "",
            row["department"] or "",
            row["location"] or "",
            *skills,
            *about,
        ]
    )
    return {
        "id": str(row["id"]),
        "kind": "person",
        "title": row["display_name"] or row["username"],
        "body": body,
        "tags": ",".join(s.replace(",", " ") for s in skills),
        "created": 0,
        "day": 0,
        "c_tags": SEP.join(s.lower() for s in skills).encode(),
        "c_author": b"",
        "c_groups": b"",
        "c_boost": 1.0 if row["active"] else 0.5,  # a colleague who left is rarely who you want
    }


def group_document(row: RowMapping) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "kind": "group",
        "title": row["name"] or "",
        "body": row["description"] or "",
        "groups": ",".join(x.replace(",", " ") for x in (row["id"], row["name"]) if x),
        "created": 0,
        "day": 0,
        "c_tags": b"",
        "c_author": b"",
        "c_groups": str(row["id"]).encode(),
        "c_boost": 1.0,
    }
