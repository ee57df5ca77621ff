"""Sync on its own thread, live updates on another, and the "what changed" broadcast.

Only one sync runs at a time; asking while one runs queues exactly one more, so
a burst of server nudges costs one extra pass. After each sync the controller
emits :attr:`SyncController.changes_applied` with the façade's ``Changes``
value; views check whether they hold any of the ids and refresh themselves.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kshare.client.views import SyncStatus
from kshare.ui.operations import Failure, describe_failure

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

    # Emitted from worker threads; Qt queues them to the slots below on the GUI thread.
    _progressed = Signal(object)
    _completed = Signal(object)
    _crashed = Signal(object)
    _nudged = Signal()

    def __init__(self, workspace: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._again = False
        self._confirm_removal = False
        self._watch_thread: threading.Thread | None = None
        self._watch_stop = threading.Event()
        self._stopped = False
        self._periodic = QTimer(self)
        self._periodic.timeout.connect(self._on_periodic_timeout)
        self._progressed.connect(self._on_self_progressed)
        self._completed.connect(self._on_self_completed)
        self._crashed.connect(self._on_self_crashed)
        self._nudged.connect(self._on_self_nudged)

    @property
    def running(self) -> bool:
        return self._thread is not None

    @Slot()
    def sync_now(self) -> None:
        if self._stopped:
            return
        if self._thread is not None:
            self._again = True
            return
        self._cancel.clear()
        confirm, self._confirm_removal = self._confirm_removal, False
        self._thread = threading.Thread(
            target=self._run, args=(confirm,), name="kshare-sync", daemon=True
        )
        self.sync_started.emit()
        self._thread.start()

    def confirm_removal_and_sync(self) -> None:
        """The person agreed the unexplained removal is expected: the next sync carries it out."""
        self._confirm_removal = True
        self.sync_now()

    def start_periodic(self, interval_ms: int) -> None:
        """A safety net beside live updates: sync every so often anyway."""
        self._periodic.start(interval_ms)

    def start_live_updates(self) -> None:
        if self._watch_thread is not None or self._stopped:
            return
        self._watch_stop.clear()
        self._watch_thread = threading.Thread(target=self._watch, name="kshare-watch", daemon=True)
        self._watch_thread.start()

    def stop(self, timeout_s: float = 30.0, watch_timeout_s: float = 2.0) -> None:
        """Cancel and join the workers; call before the workspace closes.

        The sync thread writes to the cache, so it is always waited for. The
        live-updates thread only reads an HTTP stream and may sit in a blocking
        read until the server's next keep-alive (measured: about 15 s); it gets
        a short wait and is otherwise left to end on its own (it is a daemon and
        touches nothing once ``stop`` is set), so quitting never hangs on it.
        """
        self._stopped = True
        self._periodic.stop()
        self._cancel.set()
        self._watch_stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                log.warning("the sync did not stop within %.0f s", timeout_s)
        if self._watch_thread is not None:
            self._watch_thread.join(watch_timeout_s)
            if self._watch_thread.is_alive():
                log.info("live updates will end when the server's stream next speaks")
        self._thread = None
        self._watch_thread = None

    # -- worker threads -------------------------------------------------

    def _run(self, confirm_removal: bool) -> None:
        try:
            extra = {"confirm_removal": True} if confirm_removal else {}
            report = self._workspace.sync(
                progress=self._progressed.emit, cancel=self._cancel, **extra
            )
        except Exception as exc:  # the GUI thread decides how to show it
            self._crashed.emit(describe_failure(exc, "syncing"))
        else:
            self._completed.emit(report)

    def _watch(self) -> None:
        attempt = 0
        while not self._watch_stop.is_set():
            try:
                self._workspace.watch(self._nudged.emit, self._watch_stop)
                attempt = 0
            except Exception as exc:  # offline or server gone: keep trying, slowly
                delay = WATCH_RETRY_S[min(attempt, len(WATCH_RETRY_S) - 1)]
                log.info("live updates interrupted (%s); retrying in %.0f s", exc, delay)
                attempt += 1
                self._watch_stop.wait(delay)
            else:
                # watch() returned without being stopped: wait a little before
                # reconnecting so a server that closes at once is not hammered.
                self._watch_stop.wait(WATCH_RETRY_S[0])

    # -- back on the GUI thread -----------------------------------------

    def _finish_run(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()  # it has already emitted its last signal; this is instant
        if self._again and not self._stopped:
            self._again = False
            self.sync_now()

    @Slot(object)
    def _on_self_progressed(self, status: SyncStatus) -> None:
        self.status_changed.emit(status)

    @Slot(object)
    def _on_self_completed(self, report: Any) -> None:
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

    @Slot(object)
    def _on_self_crashed(self, failure: Failure) -> None:
        self.sync_failed.emit(failure)
        self._finish_run()

    @Slot()
    def _on_self_nudged(self) -> None:
        self.sync_now()

    @Slot()
    def _on_periodic_timeout(self) -> None:
        self.sync_now()
