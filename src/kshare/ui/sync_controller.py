"""Sync on its own lane, live updates on another, and the "what changed" broadcast.

Only one sync runs at a time; asking while one runs queues exactly one more, so
a burst of server nudges costs one extra pass. After each sync the controller
emits :attr:`SyncController.changes_applied` with the façade's ``Changes``
value; views check whether they hold any of the ids and refresh themselves.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kshare.ui.i18n import translate_noop
from kshare.ui.operations import Failure, Operation, TaskRunner

log = logging.getLogger(__name__)

WATCH_RETRY_S = (2.0, 5.0, 15.0, 60.0)  # back off while the server cannot be reached


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus
    sync_started = Signal()
    sync_finished = Signal(object)  # SyncReport
    sync_failed = Signal(object)  # Failure
    changes_applied = Signal(object)  # Changes: what the last sync (or a local write) touched
    # The server stopped listing this many things without saying why: ask the person.
    removal_confirmation_needed = Signal(int)

    def __init__(
        self, workspace: Any, parent: QObject | None = None, *, tasks: TaskRunner | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        # Sync and live updates run through the same task runner as every other
        # background job, each on a lane of its own so they never wait for reading.
        self._owns_tasks = tasks is None
        self._tasks = tasks if tasks is not None else TaskRunner(self)
        self._tasks.add_lane("sync", 1)
        self._tasks.add_lane("watch", 1, patience_s=0.0)  # stop() gives it its own wait
        self._sync: Operation | None = None
        self._watcher: Operation | None = None
        self._cancel = threading.Event()
        self._again = False
        self._confirm_removal = False
        self._watch_stop = threading.Event()
        self._stopped = False
        self._periodic = QTimer(self)
        self._periodic.timeout.connect(self._on_periodic_timeout)

    @property
    def running(self) -> bool:
        return self._sync is not None

    @property
    def watching(self) -> bool:
        return self._watcher is not None

    @Slot()
    def sync_now(self) -> None:
        if self._stopped:
            return
        if self._sync is not None:
            self._again = True
            return
        self._cancel.clear()
        confirm, self._confirm_removal = self._confirm_removal, False
        extra = {"confirm_removal": True} if confirm else {}
        workspace, cancel = self._workspace, self._cancel
        self._sync = Operation(
            lambda report: workspace.sync(progress=report, cancel=cancel, **extra),
            success=self._on_sync_completed,
            failure=self._on_sync_crashed,
            progress=self.status_changed.emit,
            label=translate_noop("TaskLabel", "syncing"),
            owner=self,
        )
        self.sync_started.emit()
        self._tasks.run("sync", self._sync)

    def confirm_removal_and_sync(self) -> None:
        """The person agreed the unexplained removal is expected: the next sync carries it out."""
        self._confirm_removal = True
        self.sync_now()

    def start_periodic(self, interval_ms: int) -> None:
        """A safety net beside live updates: sync every so often anyway."""
        self._periodic.start(interval_ms)

    def start_live_updates(self) -> None:
        if self._watcher is not None or self._stopped:
            return
        self._watch_stop.clear()
        workspace, stop = self._workspace, self._watch_stop
        self._watcher = Operation(
            lambda nudge: _watch(workspace, nudge, stop),
            success=self._on_watch_ended,
            failure=self._on_watch_ended,
            progress=self._on_nudged,
            label=translate_noop("TaskLabel", "listening for live updates"),
            owner=self,
        )
        self._tasks.run("watch", self._watcher)

    def stop(self, timeout_s: float = 30.0, watch_timeout_s: float = 2.0) -> None:
        """Cancel and join the workers; call before the workspace closes.

        The sync writes to the cache, so it is always waited for. Live updates
        only read an HTTP stream and may sit in a blocking read until the
        server's next keep-alive (measured: about 15 s); they get a short wait
        and are otherwise left to end on their own (a daemon thread that touches
        nothing once ``stop`` is set), so quitting never hangs on them.
        """
        self._stopped = True
        self._periodic.stop()
        self._cancel.set()
        self._watch_stop.set()
        if not self._tasks.wait_idle("sync", timeout_s):
            log.warning("the sync did not stop within %.0f s", timeout_s)
        if not self._tasks.wait_idle("watch", watch_timeout_s):
            log.info("live updates will end when the server's stream next speaks")
        if self._owns_tasks:
            self._tasks.shutdown(0)
        self._sync = None
        self._watcher = None

    # -- back on the GUI thread -----------------------------------------

    def _finish_run(self) -> None:
        self._sync = None
        if self._again and not self._stopped:
            self._again = False
            self.sync_now()

    def _on_sync_completed(self, report: Any) -> None:
        self.status_changed.emit(report.status)
        self.sync_finished.emit(report)
        changes = report.changes
        if changes is not None and any(
            (changes.item_ids, changes.person_ids, changes.group_ids, changes.removed_ids)
        ):
            self.changes_applied.emit(changes)
        if report.removal_to_confirm:
            self.removal_confirmation_needed.emit(report.removal_to_confirm)
        self._finish_run()

    def _on_sync_crashed(self, failure: Failure) -> None:
        self.sync_failed.emit(failure)
        self._finish_run()

    def _on_nudged(self, _nudge: object) -> None:
        self.sync_now()

    def _on_watch_ended(self, outcome: object) -> None:
        if isinstance(outcome, Failure):
            log.warning("live updates stopped: %s", outcome.message)
        self._watcher = None

    @Slot()
    def _on_periodic_timeout(self) -> None:
        self.sync_now()


def _watch(workspace: Any, nudge: Callable[[object], None], stop: threading.Event) -> None:
    """On the watch lane: follow the server's live stream until stopped."""
    attempt = 0
    while not stop.is_set():
        try:
            workspace.watch(lambda: nudge(None), stop)
            attempt = 0
        except Exception as exc:  # offline or server gone: keep trying, slowly
            delay = WATCH_RETRY_S[min(attempt, len(WATCH_RETRY_S) - 1)]
            log.info("live updates interrupted (%s); retrying in %.0f s", exc, delay)
            attempt += 1
            stop.wait(delay)
        else:
            # watch() returned without being stopped: wait a little before
            # reconnecting so a server that closes at once is not hammered.
            stop.wait(WATCH_RETRY_S[0])
