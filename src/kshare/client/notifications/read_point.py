"""Up to when the person read their inbox, shared by all their desktops through the server.

"Mark all read" on one desktop moves the point; the others learn it at their
next sync and count everything up to it as read. The point only moves forward.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Connection, Engine

from kshare.client.store import outbox, repository
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import NotFound
from kshare.protocol.schemas import InboxState

log = logging.getLogger(__name__)

READ_THROUGH = "inbox_read_through"
OPERATION = "set_inbox_read"


def read_through(conn: Connection) -> datetime | None:
    raw = repository.get_state(conn, READ_THROUGH)
    return datetime.fromisoformat(raw) if raw else None


def store_read_point(conn: Connection, state: InboxState) -> None:
    """Keep the later of the cached point and ``state``'s."""
    known = read_through(conn)
    wanted = state.read_through
    if wanted is not None and (known is None or wanted > known):
        repository.set_state(conn, READ_THROUGH, wanted.isoformat())


def queue_read_point(conn: Connection, at: datetime) -> None:
    """Everything up to ``at`` is read: here now, on the other desktops after a sync."""
    state = InboxState(read_through=at)
    store_read_point(conn, state)
    outbox.add(conn, OPERATION, "inbox", {"state": state.model_dump(mode="json")})


def pull_read_point(api: ApiClient, writer: Engine) -> None:
    """The sync step: learn the point the person's other desktops set."""
    try:
        state = api.inbox_state()
    except NotFound:
        log.info("the server keeps no inbox read point (an older server)")
        return
    with writer.begin() as conn:
        store_read_point(conn, state)
