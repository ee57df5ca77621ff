"""Reconciliation: compare the cache with the server's list of what the user may see now.

Used when the server asks (membership changed, cursor too old) and as a
periodic safety check. What the cache holds and the list lacks is purged;
what the list has and the cache lacks is fetched. Because dropping by absence
is only an inference, a reconciliation that would delete almost the whole
cache stops and asks instead (explicit removals in the feed always apply).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from kshare.client.store import outbox, repository
from kshare.client.store.db import clock_of
from kshare.client.store.repository import TABLES, ChangeSet
from kshare.client.sync import messages
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import NotFound, SyncError, UnreadableRecord
from kshare.protocol.schemas import ItemOut, ReconcileList, Removal

log = logging.getLogger(__name__)

MASS_PURGE_SHARE = 0.9
MASS_PURGE_MIN_ROWS = 100  # below this a cache is "trivial": losing most of it is plausible
FETCH_ONE_BY_ONE_MAX = 100  # beyond this, walking the whole feed again is cheaper
RECONCILE_NEEDED = "reconcile_needed"  # "drop" (absent only) or "full" (also fetch missing)
DROP_ABSENT = "drop"
FULL = "full"
ALLOW_MASS_PURGE = "allow_mass_purge"
LAST_RECONCILE = "last_reconcile"


class MassPurgeRefused(SyncError):
    def __init__(self, doomed: int, total: int) -> None:
        phrase = messages.say(messages.MASS_PURGE, doomed=doomed, total=total)
        super().__init__(phrase.text)
        self._phrase = phrase
        self.doomed = doomed
        self.total = total


@dataclass
class ReconcileOutcome:
    changes: ChangeSet
    full_repull: bool
    # What was dropped by absence, in the form the device acknowledges (audited there).
    removals: list[Removal] = field(default_factory=list)


def _local_versions(engine: Engine) -> dict[str, dict[str, int]]:
    versions: dict[str, dict[str, int]] = {}
    with engine.connect() as conn:
        for entity_type, table in TABLES.items():
            rows = conn.execute(select(table.c.id, table.c.version))
            versions[entity_type] = {row.id: row.version for row in rows}
    return versions


def reconcile(api: ApiClient, writer: Engine, *, fetch_missing: bool = True) -> ReconcileOutcome:
    """Purge what the server no longer lists and (with ``fetch_missing``) fetch what the
    cache lacks. Without it the cursor is left alone: that is the mode for a feed page that
    asked to reconcile, because such a page restarts a pass that re-sends all that is visible.
    """
    listing: ReconcileList = api.reconcile()
    remote = {
        "item": listing.items,
        "person": listing.people,
        "group": listing.groups,
        "reaction": listing.reactions,
    }
    local = _local_versions(writer)
    with writer.connect() as conn:
        protected = outbox.pending_targets(conn)
        allow_mass = repository.get_state(conn, ALLOW_MASS_PURGE) == "1"
    absent = [
        (entity_type, entity_id)
        for entity_type, ids in local.items()
        for entity_id in ids
        if entity_id not in remote[entity_type] and entity_id not in protected
    ]
    total = sum(len(ids) for ids in local.values())
    if total >= MASS_PURGE_MIN_ROWS and len(absent) >= MASS_PURGE_SHARE * total and not allow_mass:
        raise MassPurgeRefused(len(absent), total)
    stale_items = [i for i, v in listing.items.items() if local["item"].get(i) != v]
    stale_other = any(
        local[entity_type].get(entity_id) != version
        for entity_type in ("person", "group", "reaction")
        for entity_id, version in remote[entity_type].items()
    )
    full_repull = fetch_missing and (stale_other or len(stale_items) > FETCH_ONE_BY_ONE_MAX)
    fetched: list[ItemOut] = []
    if fetch_missing and not full_repull:
        for item_id in stale_items:
            try:
                fetched.append(api.get_item(item_id))
            except NotFound:
                log.info("item %s vanished while reconciling", item_id)
            except UnreadableRecord as exc:  # its cached copy, if any, stays as it was
                log.warning("refused %s from the server while reconciling", exc)
    changes = ChangeSet()
    with writer.begin() as conn:
        changes.merge(repository.purge(conn, absent))
        changes.merge(repository.upsert_items(conn, fetched))
        # People, groups and reactions cannot be fetched one by one: walk the feed again
        # from the start instead (upserts are idempotent, so nothing doubles).
        if fetch_missing:
            repository.set_cursor(conn, "" if full_repull else listing.cursor)
        repository.delete_state(conn, RECONCILE_NEEDED)
        repository.delete_state(conn, ALLOW_MASS_PURGE)
        repository.set_state(conn, LAST_RECONCILE, clock_of(conn).now().isoformat())
    log.info(
        "reconciled: %d purged, %d fetched, full re-pull %s",
        len(changes.removed),
        len(fetched),
        full_repull,
    )
    removals = [
        Removal(type=entity_type, id=entity_id, reason="access_revoked")  # type: ignore[arg-type]
        for entity_type, entity_id in absent
        if entity_id in changes.removed
    ]
    return ReconcileOutcome(changes=changes, full_repull=full_repull, removals=removals)
