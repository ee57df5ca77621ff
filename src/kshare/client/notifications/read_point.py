"""Small private lists the inbox needs from the server: the read point and join decisions.

The read point says up to when the person read their inbox, shared by all their desktops.

"Mark all read" on one desktop moves the point; the others learn it at their
next sync and count everything up to it as read. The point only moves forward.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime

from sqlalchemy import Connection, Engine

from kshare.client.store import outbox, repository
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import NotFound
from kshare.protocol.schemas import InboxState, JoinDecision

log = logging.getLogger(__name__)

READ_THROUGH = "inbox_read_through"
JOIN_DECISIONS = "join_decisions"
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


def pull_join_decisions(api: ApiClient, writer: Engine) -> None:
    """The sync step: the owners' answers to my requests to join (a short list, kept whole)."""
    try:
        decisions = api.join_decisions()
    except NotFound:
        log.info("the server does not report join decisions (an older server)")
        return
    raw = json.dumps([d.model_dump(mode="json") for d in decisions])
    with writer.begin() as conn:
        repository.set_state(conn, JOIN_DECISIONS, raw)


def join_decisions(conn: Connection) -> list[JoinDecision]:
    raw = repository.get_state(conn, JOIN_DECISIONS)
    if not raw:
        return []
    try:
        return [JoinDecision.model_validate(d) for d in json.loads(raw)]
    except (ValueError, TypeError):
        log.warning("unreadable list of join decisions ignored")
        return []
