"""Removing a profile's cached company content: when the account changes, is disabled,
or the policy's offline limit ran out.

What the person wrote and has not sent yet can be kept (the offline limit keeps
it); the files of unsent uploads are never removed while they wait.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Engine

from kshare.client.paths import ProfilePaths
from kshare.client.settings import Settings
from kshare.client.store import outbox, repository
from kshare.client.sync import messages
from kshare.client.sync.api import ApiClient
from kshare.client.sync.blobs import BlobStore
from kshare.client.sync.engine import SyncEngine
from kshare.client.sync.report import StatusTracker
from kshare.client.views import SyncStatus
from kshare.clock import Clock

log = logging.getLogger(__name__)


def stored_last_success(reader: Engine) -> datetime | None:
    """When this profile last synced completely (as the cache remembers it)."""
    with reader.connect() as conn:
        value = repository.get_state(conn, "last_success")
    return datetime.fromisoformat(value) if value else None


class Wiping:
    """Wipes one profile's cache; ``current_engine`` is the sync engine if one is open,
    ``close_index`` lets go of the search index before its files go."""

    def __init__(
        self,
        paths: ProfilePaths,
        reader: Engine,
        writer: Engine,
        settings: Settings,
        tracker: StatusTracker,
        clock: Clock,
        *,
        current_engine: Callable[[], SyncEngine | None],
        close_index: Callable[[], None],
    ) -> None:
        self.paths = paths
        self.reader = reader
        self.writer = writer
        self.settings = settings
        self.tracker = tracker
        self.clock = clock
        self._current_engine = current_engine
        self._close_index = close_index

    def after_wipe(self) -> None:
        """The engine wiped the cache (account disabled): drop the index with it."""
        self._close_index()
        shutil.rmtree(self.paths.index_dir, ignore_errors=True)

    def wipe_everything(self, *, keep_writes: bool = False) -> None:
        current = self._current_engine()
        engine = current or SyncEngine(
            ApiClient("http://127.0.0.1:9"), self.writer, clock=self.clock
        )
        engine.blobs = BlobStore(self.paths.blobs_dir, None, protected=self.unsent_uploads)
        engine.on_wipe = self.after_wipe
        engine.wipe(keep_writes=keep_writes)
        if engine is not current:
            engine.api.close()

    def enforce_offline_limit(self) -> None:
        """IT may decide that company content must not outlive N days without a sync."""
        days = int(self.settings.get("wipe_after_offline_days"))
        last = stored_last_success(self.reader)
        if days <= 0 or last is None or self.clock.now() - last < timedelta(days=days):
            return
        log.warning("no sync for more than %d days: removing cached content by policy", days)
        self.wipe_everything(keep_writes=True)
        self.tracker.set(SyncStatus.said("error", messages.say(messages.OFFLINE_WIPE, days=days)))

    def unsent_uploads(self) -> set[str]:
        """The files waiting to be uploaded: never removed from the blob cache."""
        with self.reader.connect() as conn:
            return {e.target_id for e in outbox.pending(conn) if e.operation == "upload_blob"}
