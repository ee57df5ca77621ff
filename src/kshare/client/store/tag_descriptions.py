"""What tags mean, in their curators' words, as synced from the server.

The server sends every description whole with the change feed whenever one changed
(like the tag aliases), so the cache holds the latest full list: a description the
curators emptied is simply absent after the next sync, and the tag page shows the
rest offline.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, Engine, Table, delete, insert, select

from .models import CachedTagDescription
from .tag_aliases import MAX_TAG, read, tag_key

MAX_DESCRIPTION = 2000
TABLE: Table = CachedTagDescription.__table__


def replace(conn: Connection, descriptions: Mapping[str, str]) -> None:
    """Keep exactly ``descriptions`` (the server's whole list), in the caller's transaction."""
    rows = {
        tag_key(tag): text.strip()[:MAX_DESCRIPTION]
        for tag, text in descriptions.items()
        if 0 < len(tag_key(tag)) <= MAX_TAG and text.strip()
    }
    conn.execute(delete(TABLE))
    if rows:
        conn.execute(insert(TABLE), [{"tag": t, "description": d} for t, d in rows.items()])


def description(bind: Connection | Engine, tag: str) -> str:
    """The description of ``tag`` (an alias reads as its tag), or "" when it has none."""
    if isinstance(bind, Engine):
        with bind.connect() as conn:
            return description(conn, tag)
    key = read(bind).canonical(tag)
    found = bind.execute(select(TABLE.c.description).where(TABLE.c.tag == key)).scalar()
    return str(found or "")  # an alias reads its tag's description, never one of its own
