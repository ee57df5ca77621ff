"""The one way the window runs work off the GUI thread.

An :class:`Operation` wraps a plain function. It runs on one of the
:class:`TaskRunner`'s pools and its success or failure callback always runs
back on the GUI thread. Work on the local cache (feed pages, item details,
search, publishing to the outbox) goes to a single worker so it stays in
order; network work (signing in and out) goes to a small separate pool so a
slow server never holds up reading. Sync has its own thread, see
:mod:`kshare.ui.sync_controller`.

Failures without their own callback go to :attr:`TaskRunner.failed`, which the
main window shows in one place.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kshare.client.errors import UserFacingError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    """What went wrong, in words for the user and in detail for a report."""

    message: str
    details: str
    exception: BaseException
    user_facing: bool


def describe_failure(exc: BaseException, label: str) -> Failure:
    details = "".join(traceback.format_exception(exc))
    # The façade raises UserFacingError subclasses whose text is written for
    # people; anything else is a bug, so the user gets a neutral sentence and
    # the details go to the log.
    user_facing = isinstance(exc, UserFacingError)
    if user_facing:
        return Failure(str(exc), details, exc, True)
    log.error("%s failed", label or "an operation", exc_info=exc)
    return Failure(f"Something went wrong while {label or 'working'}.", details, exc, False)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call back to us."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, operation: Operation) -> None:
        super().__init__()
        self._operation = operation
        self.succeeded.connect(self._on_self_succeeded)
        self.failed.connect(self._on_self_failed)

    @Slot(object)
    def _on_self_succeeded(self, result: object) -> None:
        self._operation._deliver(result, None)

    @Slot(object)
    def _on_self_failed(self, failure: object) -> None:
        self._operation._deliver(None, failure)  # type: ignore[arg-type]


class _Job(QRunnable):
    def __init__(self, operation: Operation) -> None:
        super().__init__()
        self._operation = operation

    def run(self) -> None:
        operation = self._operation
        try:
            result = operation.fn()
        except Exception as exc:  # every failure must reach the GUI thread
            operation.relay.failed.emit(describe_failure(exc, operation.label))
        else:
            operation.relay.succeeded.emit(result)


class Operation:
    """A function to run in the background and what to do with its outcome.

    ``owner`` is a widget whose deletion cancels the callbacks, so a page that
    was closed never receives a late result.
    """

    def __init__(
        self,
        fn: Callable[[], Any],
        *,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[Failure], None] | None = None,
        label: str = "",
        owner: QObject | None = None,
    ) -> None:
        self.fn = fn
        self.success = success
        self.failure = failure
        self.label = label
        self.owner = owner
        self.relay = _Relay(self)
        self.runner: TaskRunner | None = None

    def _deliver(self, result: object, failure: Failure | None) -> None:
        runner = self.runner
        if runner is not None:
            runner._finished(self)
        if self.owner is not None and not shiboken6.isValid(self.owner):
            log.debug("dropping the result of %r: its page is gone", self.label)
            return
        if failure is None:
            if self.success is not None:
                self.success(result)
        elif self.failure is not None:
            self.failure(failure)
        elif runner is not None:
            runner.failed.emit(failure)


class TaskRunner(QObject):
    """Owns the worker pools; one per window, shut down before the workspace closes."""

    failed = Signal(object)  # Failure: an operation failed and nobody else handled it
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._local = QThreadPool(self)
        self._local.setMaxThreadCount(1)
        self._network = QThreadPool(self)
        self._network.setMaxThreadCount(2)
        self._running: set[Operation] = set()
        self._closed = False

    def local(self, fn: Callable[[], Any], **kwargs: Any) -> Operation:
        """Work on the local cache and index, one at a time and in order."""
        return self._submit(self._local, Operation(fn, **kwargs))

    def network(self, fn: Callable[[], Any], **kwargs: Any) -> Operation:
        """Work that talks to the server and may take seconds."""
        return self._submit(self._network, Operation(fn, **kwargs))

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def _submit(self, pool: QThreadPool, operation: Operation) -> Operation:
        if self._closed:
            log.debug("not starting %r: the window is closing", operation.label)
            return operation
        operation.runner = self
        was_busy = self.busy
        self._running.add(operation)
        if not was_busy:
            self.busy_changed.emit(True)
        pool.start(_Job(operation))
        return operation

    def _finished(self, operation: Operation) -> None:
        self._running.discard(operation)
        if not self._running:
            self.busy_changed.emit(False)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Drop queued work, wait for running work; True when every worker is idle."""
        self._closed = True
        self._local.clear()
        self._network.clear()
        done = self._local.waitForDone(timeout_ms) and self._network.waitForDone(timeout_ms)
        if not done:
            log.warning("background work still running after %d ms", timeout_ms)
        return done
