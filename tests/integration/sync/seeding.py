"""Fill a server's database directly (not through HTTP), for large-sync tests and the benchmark.

Rows are what the server itself writes for an org-wide post: the item, one
``org`` audience row, and a ``seq`` taken from the global counter in one step.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, update

from kshare.server.db import SEQ, Database
from kshare.server.settings import Settings
from kshare.server.tables import AudienceRow, Item, Person, ServerState

FILLER = (
    "Deploys roll out region by region; watch the error budget and the queue depth "
    "before widening. Runbooks live next to the dashboards, and every alert names an owner. "
)


def body_of(n: int, size: int) -> str:
    text = f"Note {n}: " + FILLER * (size // len(FILLER) + 1)
    return text[:size]


def seed_items(
    data_dir: Path,
    author: str,
    count: int,
    *,
    body_size: int = 1000,
    kind: str = "post",
    batch: int = 5000,
    documents: bool = False,
    group: str | None = None,
    marker: str = "",
) -> list[str]:
    """Insert ``count`` items by ``author`` (a username); returns their ids.

    They are org-wide unless ``group`` (a group id) is given; ``marker`` ends every body.
    """
    settings = Settings(data_dir=Path(data_dir))
    db = Database(settings.resolved_database_url)
    ids: list[str] = []
    try:
        with db.write() as session:
            author_id = session.scalars(select(Person.id).where(Person.username == author)).one()
        start = datetime(2026, 1, 1, tzinfo=UTC)
        for offset in range(0, count, batch):
            size = min(batch, count - offset)
            with db.write() as session:
                last = session.execute(
                    update(ServerState)
                    .where(ServerState.name == SEQ)
                    .values(value=ServerState.value + size)
                    .returning(ServerState.value)
                ).scalar_one()
                first = int(last) - size + 1
                items, audience = [], []
                for k in range(size):
                    n = offset + k
                    item_id = str(uuid.uuid4())
                    ids.append(item_id)
                    when = start + timedelta(seconds=n)
                    row = {
                        "id": item_id,
                        "kind": kind,
                        "parent_id": None,
                        "root_id": item_id,
                        "quote_of": None,
                        "author_id": author_id,
                        "title": f"{kind.title()} number {n}",
                        "body": body_of(n, body_size) + (f" {marker}" if marker else ""),
                        "tags": ["bench", f"t{n % 50}"],
                        "created_at": when,
                        "updated_at": when,
                        "version": 1,
                        "seq": first + k,
                        "score": 0,
                        "deleted": False,
                        "blob_mime": "",
                        "blob_filename": "",
                    }
                    if documents:
                        digest = hashlib.sha256(f"doc {n}".encode()).hexdigest()
                        row |= {
                            "blob_sha256": digest,
                            "blob_size": 6 + len(str(n)),
                            "blob_mime": "text/plain",
                            "blob_filename": f"doc-{n}.txt",
                        }
                    items.append(row)
                    kind_ref = ("group", group) if group else ("org", "")
                    audience.append(
                        {
                            "item_id": item_id,
                            "kind": kind_ref[0],
                            "ref": kind_ref[1],
                            "right": "view",
                        }
                    )
                session.execute(insert(Item), items)
                session.execute(insert(AudienceRow), audience)
    finally:
        db.dispose()
    return ids
