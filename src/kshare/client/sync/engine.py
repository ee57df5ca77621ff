"""One sync: push the outbox, pull the feed, reconcile when asked or due, tidy up.

Every failure ends as a :class:`SyncStatus` a person can read; none escapes
as a crash, and none can leave the cache half-written (each page commits
with its cursor, each outbox result with its cache change).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from kshare.client.phrases import Phrase
from kshare.client.store import outbox, repository
from kshare.client.store.db import checkpoint, clock_of
from kshare.client.store.repository import ITEMS, ChangeSet
from kshare.client.sync import messages
from kshare.client.sync.api import ApiClient
from kshare.client.sync.backoff import SYNC_BACKOFF, Backoff
from kshare.client.sync.blobs import BlobStore
from kshare.client.sync.errors import (
    AccountDisabled,
    ApiError,
    AuthRequired,
    Cancelled,
    DeviceWiped,
    IncompatibleServer,
    Offline,
    Transient,
)
from kshare.client.sync.pull import PAGE_SIZE, FeedPuller
from kshare.client.sync.push import OutboxPusher
from kshare.client.sync.reconcile import (
    FULL,
    LAST_RECONCILE,
    RECONCILE_NEEDED,
    MassPurgeRefused,
)
from kshare.client.sync.report import (
    Changes,
    ProgressCallback,
    StatusTracker,
    SyncReport,
    describe_wait,
)
from kshare.client.views import SyncStatus
from kshare.clock import Clock
from kshare.protocol.schemas import BlobRef, FeedPage, Removal

log = logging.getLogger(__name__)

LAST_SUCCESS = "last_success"
# removals this desktop dropped but could not yet report (the server audits them)
UNACKED_PURGES = "unacked_purges"
MAX_UNACKED = 20_000  # kept for a later sync; beyond this the oldest are only logged
ACK_CHUNK = 5000
STATUS_STATE = "status_state"
STATUS_MESSAGE = "status_message"
STATUS_PHRASE = "status_phrase"  # the message's Phrase, as JSON


@dataclass(frozen=True)
class EngineOptions:
    device: str = "kshare-desktop"
    page_size: int = PAGE_SIZE
    reconcile_every: timedelta = timedelta(hours=24)
    blob_policy: str = "lazy"  # eager | lazy | manual
    backoff: Backoff = SYNC_BACKOFF


class SyncEngine:
    def __init__(
        self,
        api: ApiClient,
        writer: Engine,
        *,
        options: EngineOptions | None = None,
        blobs: BlobStore | None = None,
        index_catch_up: Callable[[], object] | None = None,
        aggregates_catch_up: Callable[[], object] | None = None,
        on_wipe: Callable[[], None] | None = None,
        tracker: StatusTracker | None = None,
        clock: Clock | None = None,
        side_pulls: Sequence[Callable[[ApiClient, Engine], None]] = (),
    ) -> None:
        self.api = api
        self.writer = writer
        self.clock = clock or clock_of(writer)
        self.options = options or EngineOptions()
        self.blobs = blobs
        self.index_catch_up = index_catch_up
        self.aggregates_catch_up = aggregates_catch_up  # derived data kept in the cache
        self.on_wipe = on_wipe
        self.tracker = tracker or StatusTracker(
            SyncStatus.said("idle", messages.say(messages.NOT_SYNCED_YET))
        )
        # Small per-person lists fetched whole after the feed (what the person follows).
        self.side_pulls = tuple(side_pulls)
        self.failures = 0
        self._info_checked: float | None = None
        self._lock = threading.Lock()  # one sync at a time per engine
        self.timings: dict[str, float] = {}

    # --- the sync -------------------------------------------------------------------

    def sync(
        self, progress: ProgressCallback | None = None, cancel: threading.Event | None = None
    ) -> SyncReport:
        """Run one sync and say how it ended; safe to call from a worker thread."""
        with self._lock:
            self.tracker.listener = progress
            self.api.cancel = cancel
            try:
                return self._sync(cancel or threading.Event())
            finally:
                self.tracker.listener = None
                self.api.cancel = None

    def _sync(self, cancel: threading.Event) -> SyncReport:
        changes = ChangeSet()
        self.tracker.update(
            state="syncing",
            message=messages.SYNCING,
            phrase=messages.say(messages.SYNCING),
            items_done=0,
            items_total=None,
            bytes_done=0,
            bytes_total=None,
            retry_in_s=None,
            pending_outbox=self.pending_count(),
        )
        pushed = conflicts = failed = 0
        try:
            # Who answers only changes on an upgrade: ask once, and again after any failure.
            if self._info_checked is None or self.clock.monotonic() - self._info_checked > 600:
                self.api.info()
                self._info_checked = self.clock.monotonic()
            push = OutboxPusher(
                self.api, self.writer, blob_path=self.blobs.path if self.blobs else None
            ).run()
            changes.merge(push.changes)
            pushed, conflicts, failed = push.pushed, push.conflicts, push.failed
            self._pull_with_side_pulls(changes, cancel)
            self._after_pull(changes)
        except Cancelled:
            message = messages.say(messages.CANCELLED)
            return self._finish(changes, "idle", message, pushed, conflicts, failed)
        except Transient as exc:
            return self._transient(exc, changes)
        except IncompatibleServer as exc:
            return self._finish(changes, exc.state, exc.phrase, pushed, conflicts, failed)
        except AuthRequired:
            message = messages.say(messages.SIGN_IN_EXPIRED)
            return self._finish(changes, "auth_required", message, pushed, conflicts, failed)
        except AccountDisabled as exc:
            self.wipe()
            # a wiped device says why in the server's words; a disabled account in ours
            message = (
                exc.phrase if isinstance(exc, DeviceWiped) else messages.say(messages.DISABLED)
            )
            return self._finish(ChangeSet(), "signed_out", message, 0, 0, 0)
        except MassPurgeRefused as exc:
            report = self._finish(changes, "error", exc.phrase, pushed, conflicts, failed)
            return replace(report, removal_to_confirm=exc.doomed)
        except ApiError as exc:
            log.warning("sync stopped by the server: %s %s", exc.status, exc.code)
            message = messages.say(messages.REFUSED, reason=exc.phrase)
            return self._finish(changes, "error", message, pushed, conflicts, failed)
        except SQLAlchemyError:
            log.exception("the cache could not be written")
            message = messages.say(messages.CACHE_UNWRITABLE)
            return self._finish(changes, "error", message, pushed, conflicts, failed)
        self.failures = 0
        now = self.clock.now()
        with self.writer.begin() as conn:
            repository.set_state(conn, LAST_SUCCESS, now.isoformat())
        message = messages.say(messages.UP_TO_DATE)
        if conflicts or failed:
            count = conflicts + failed
            template = messages.UP_TO_DATE_BUT_ONE if count == 1 else messages.UP_TO_DATE_BUT
            message = messages.say(template, count=count)
        return self._finish(changes, "idle", message, pushed, conflicts, failed)

    def _pull_with_side_pulls(self, changes: ChangeSet, cancel: threading.Event) -> None:
        """The feed, and meanwhile the small lists (each one round trip of its own, after the
        push, so they see what it sent): an incremental sync waits for the slowest only."""
        if not self.side_pulls:
            self._pull(changes, cancel)
            return
        with ThreadPoolExecutor(len(self.side_pulls), "kshare-side-pull") as pool:
            pending = [pool.submit(pull, self.api, self.writer) for pull in self.side_pulls]
            try:
                self._pull(changes, cancel)
            finally:
                done = [f.exception() for f in pending]  # each one finished, whatever happened
            for error in done:
                if error is not None:
                    raise error

    def _pull(self, changes: ChangeSet, cancel: threading.Event) -> None:
        started = self.clock.monotonic()

        def on_page(page: FeedPage, done: int) -> None:
            total = done + page.total_estimate if page.total_estimate is not None else None
            phrase = (
                messages.say(messages.SYNCING_OF, done=done, total=total)
                if total
                else messages.say(messages.SYNCING_DONE, done=done)
            )
            self.tracker.update(
                items_done=done, items_total=total, message=phrase.text, phrase=phrase
            )

        puller = FeedPuller(
            self.api,
            self.writer,
            page_size=self.options.page_size,
            on_batch=self._catch_up_index,
            on_page=on_page,
            cancel=cancel,
        )
        result = puller.run()
        if self._reconcile_due():
            with self.writer.begin() as conn:
                repository.set_state(conn, RECONCILE_NEEDED, FULL)
            more = puller.run()
            result.changes.merge(more.changes)
            result.removals += more.removals
        changes.merge(result.changes)
        self.timings = {
            "network": puller.timings.network,
            "sqlite": puller.timings.sqlite,
            "index": puller.timings.index,
            "index_wait": puller.timings.index_wait,
            "total": self.clock.monotonic() - started,
        }
        self._acknowledge(result.removals, result.changes)
        if result.refused is not None:
            self._after_pull(changes)
            raise result.refused

    def _reconcile_due(self) -> bool:
        with self.writer.connect() as conn:
            last = repository.get_state(conn, LAST_RECONCILE)
            has_data = repository.get_cursor(conn) != ""
        if last is None:
            # A fresh cache came from a full pull: it is as good as reconciled.
            if has_data:
                with self.writer.begin() as conn:
                    repository.set_state(conn, LAST_RECONCILE, self.clock.now().isoformat())
            return False
        return self.clock.now() - datetime.fromisoformat(last) > self.options.reconcile_every

    def _acknowledge(self, removals: list[Removal], changes: ChangeSet) -> None:
        """Tell the server this desktop dropped what it was told to (audited there).

        What cannot be reported now (offline, a server error) is kept in the cache's
        state and reported at a later sync, before anything new.
        """
        waiting = self._unacked() + [r for r in removals if r.id in changes.removed]
        if not waiting:
            return
        if len(waiting) > MAX_UNACKED:
            log.warning("%d old purge acknowledgements dropped", len(waiting) - MAX_UNACKED)
            waiting = waiting[-MAX_UNACKED:]
        sent = 0
        while sent < len(waiting):
            chunk = waiting[sent : sent + ACK_CHUNK]
            try:
                self.api.ack_purged(self.options.device, chunk)
            except (Transient, ApiError) as exc:
                log.info("could not acknowledge purges now (kept for later): %s", exc)
                break
            sent += len(chunk)
        self._keep_unacked(waiting[sent:])

    def _unacked(self) -> list[Removal]:
        with self.writer.connect() as conn:
            raw = repository.get_state(conn, UNACKED_PURGES)
        if not raw:
            return []
        try:
            return [Removal.model_validate(r) for r in json.loads(raw)]
        except (ValueError, TypeError):
            log.warning("unreadable list of unacknowledged purges dropped")
            return []

    def _keep_unacked(self, waiting: list[Removal]) -> None:
        with self.writer.begin() as conn:
            if waiting:
                value = json.dumps([r.model_dump(mode="json") for r in waiting])
                repository.set_state(conn, UNACKED_PURGES, value)
            else:
                repository.delete_state(conn, UNACKED_PURGES)

    def _after_pull(self, changes: ChangeSet) -> None:
        if not changes:  # the pull brought the index up to date itself
            self._catch_up_index()
        eager = self.options.blob_policy == "eager"
        # Reading every document's reference is only worth it when something may be
        # collected or fetched; an ordinary incremental sync touches no blob.
        if self.blobs is not None and (changes.removed or eager):
            referenced = self.referenced_blobs()
            if changes.removed:
                self.blobs.collect({ref.sha256 for ref in referenced})
            if eager:
                missing = [ref for ref in referenced if not self.blobs.has(ref.sha256)]
                if missing:
                    total = sum(ref.size for ref in missing)
                    self.tracker.update(bytes_done=0, bytes_total=total)
                    self.blobs.fetch_many(missing)
        if changes.removed:
            # Revoked text must not linger in the write-ahead log either.
            checkpoint(self.writer)

    def _catch_up_index(self) -> None:
        if self.index_catch_up is not None:
            self.index_catch_up()
        if self.aggregates_catch_up is not None:
            self.aggregates_catch_up()

    def referenced_blobs(self) -> list[BlobRef]:
        with self.writer.connect() as conn:
            rows = conn.execute(select(ITEMS.c.attachment).where(ITEMS.c.kind == "document"))
            refs = []
            for (attachment,) in rows:
                if not attachment:
                    continue
                try:
                    refs.append(BlobRef.model_validate(attachment))
                except ValueError:
                    log.warning("skipping an unreadable attachment reference")
            return refs

    # --- endings ---------------------------------------------------------------------

    def _transient(self, exc: Transient, changes: ChangeSet) -> SyncReport:
        delay = self.options.backoff.delay(self.failures)
        if exc.retry_after is not None:
            delay = max(delay, exc.retry_after)
        self.failures += 1
        wait = describe_wait(delay)
        if isinstance(exc, Offline):
            # name the cause (proxy, certificate, DNS…): "offline" alone sends IT guessing
            state = "offline"
            message = messages.say(messages.OFFLINE, wait=wait, cause=exc.phrase)
        else:
            state, message = "retrying", messages.say(messages.SERVER_TROUBLE, wait=wait)
        log.info("sync failed (%s); next try in %.0f s", exc, delay)
        return self._finish(changes, state, message, 0, 0, 0, retry_in_s=delay)

    def _finish(
        self,
        changes: ChangeSet,
        state: str,
        message: Phrase,
        pushed: int,
        conflicts: int,
        failed: int,
        retry_in_s: float | None = None,
    ) -> SyncReport:
        try:
            with self.writer.begin() as conn:
                repository.set_state(conn, STATUS_STATE, state)
                repository.set_state(conn, STATUS_MESSAGE, message.text)
                repository.set_state(conn, STATUS_PHRASE, message.dumps())
        except SQLAlchemyError:
            log.exception("could not record the sync status")
        if state != "idle":
            self._info_checked = None
        status = self.tracker.update(
            state=state,
            message=message.text,
            phrase=message,
            retry_in_s=retry_in_s,
            last_success=self.last_success(),
            pending_outbox=self.pending_count(),
        )
        return SyncReport(
            status=status,
            changes=Changes.of(changes),
            pushed=pushed,
            conflicts=conflicts,
            failed=failed,
        )

    def last_success(self) -> datetime | None:
        try:
            with self.writer.connect() as conn:
                value = repository.get_state(conn, LAST_SUCCESS)
        except SQLAlchemyError:
            return None
        return datetime.fromisoformat(value) if value else None

    def pending_count(self) -> int:
        try:
            with self.writer.connect() as conn:
                return outbox.pending_count(conn)
        except SQLAlchemyError:
            return 0

    def wipe(self, *, keep_writes: bool = False) -> None:
        """Forget everything cached for this account: rows, blobs, index (via ``on_wipe``)."""
        log.warning("wiping the local cache")
        with self.writer.begin() as conn:
            repository.wipe(conn, keep_writes=keep_writes)
        if self.blobs is not None:
            self.blobs.collect(set())
        raw = self.writer.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("VACUUM")  # rebuild the file so no freed page keeps old text
            cursor.close()
        finally:
            raw.close()
        checkpoint(self.writer)
        if self.on_wipe is not None:
            self.on_wipe()
