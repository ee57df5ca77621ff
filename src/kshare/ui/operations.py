"""The one way the window runs work off the GUI thread.

Every result comes back through one long-lived QObject, the *mailbox*, created
once on the GUI thread and never dropped. Worker threads are plain Python
threads: they never create, hold or drop a Qt object. They put plain values
(an operation's number and its outcome) into a lock-protected queue and emit
the mailbox's single signal; the GUI thread empties the queue and runs the
callbacks. (Giving each operation its own relay QObject let Python's cycle
collector free it on whichever thread allocated next, running ``~QObject``
off the GUI thread — a rare hang inside ``QObject::disconnect``.)

An :class:`Operation` is a plain record of a function and its callbacks. It
stays on the GUI side (in the runner's table of running work) until its
outcome is delivered, so a worker is never the last holder of anything a
callback refers to. :mod:`kshare.ui.query_ops` builds reads and writes on top; all
run on the :class:`TaskRunner`'s lanes. Work on the local cache goes to a
single worker so it stays in order; network work (signing in and out) goes to a
small separate lane so a slow server never holds up reading. Sync and live
updates use lanes of their own, see :mod:`kshare.ui.sync_controller`.

Failures without their own callback go to :attr:`TaskRunner.failed`, which the
main window shows in one place.

An operation's ``label`` ("loading the feed") names the work in the log as it is
and, translated in the ``TaskLabel`` context, in the sentence a failure shows; call
sites mark their labels with ``QT_TRANSLATE_NOOP("TaskLabel", ...)``.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
import traceback
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from kshare.client.errors import UserFacingError
from kshare.ui.i18n import phrase_text

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
    if not user_facing:
        log.error("%s failed", label or "an operation", exc_info=exc)
    # The traceback's frames hold the work's locals (often a page); clearing
    # them means the failure keeps no widget alive on its way between threads.
    traceback.clear_frames(exc.__traceback__)
    if isinstance(exc, UserFacingError):  # its sentence in the window's language
        return Failure(phrase_text(exc.phrase, str(exc)), details, exc, True)
    return Failure(failure_sentence(label), details, exc, False)


def failure_sentence(label: str) -> str:
    """``Something went wrong while loading the feed.``, in the window's language."""
    if label:
        what = QCoreApplication.translate("TaskLabel", label)
    else:
        what = QCoreApplication.translate("TaskLabel", "working")
    sentence = QCoreApplication.translate("operations", "Something went wrong while {label}.")
    return sentence.format(label=what)


# -- the mailbox: the one QObject results travel through -------------------------


class _Mailbox(QObject):
    """Lives on the GUI thread for the whole run; its one signal is connected once."""

    posted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._letters: deque[tuple[int, object]] = deque()
        self._receivers: weakref.WeakValueDictionary[int, TaskRunner] = (
            weakref.WeakValueDictionary()
        )
        # Queued even when posted from the GUI thread, so a callback never runs
        # inside the code that started the work.
        self.posted.connect(self._on_self_posted, Qt.ConnectionType.QueuedConnection)

    def post(self, receiver: int, letter: object) -> None:
        """Any thread: queue a plain value for a receiver and wake the GUI thread."""
        with self._lock:
            wake = not self._letters
            self._letters.append((receiver, letter))
            # The caller's own name for the letter is the only other reference;
            # the GUI thread cannot take it before this lock is released.
            del letter
        if wake:
            self.posted.emit()

    def register(self, receiver: TaskRunner) -> int:
        key = next(_numbers)
        self._receivers[key] = receiver
        return key

    @Slot()
    def _on_self_posted(self) -> None:
        with self._lock:
            letters, self._letters = self._letters, deque()
        for key, letter in letters:
            receiver = self._receivers.get(key)
            if receiver is not None and shiboken6.isValid(receiver):
                receiver._receive(letter)


_numbers = itertools.count(1)
_mailbox: _Mailbox | None = None


def _the_mailbox() -> _Mailbox:
    global _mailbox
    if _mailbox is None:
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            raise RuntimeError("the first task runner must be made on the GUI thread")
        _mailbox = _Mailbox()
    return _mailbox


# -- lanes: plain worker threads ---------------------------------------------------


class Lane:
    """A queue of work and up to ``workers`` plain threads that run it in order.

    Threads start when work arrives and end as soon as the queue is empty, so an
    idle window holds no thread at all. Each job returns a plain letter, which
    goes to ``send`` only after the worker has let go of the job.
    """

    def __init__(
        self,
        name: str,
        workers: int,
        send: Callable[[object], None],
        patience_s: float | None = None,
    ) -> None:
        self.name = name
        self.patience_s = patience_s
        self._workers = workers
        self._threads: list[threading.Thread] = []
        self._send = send
        self._queue: deque[tuple[int, Callable[[], object]]] = deque()
        self._active = 0
        self._changed = threading.Condition()

    def submit(self, key: int, job: Callable[[], object]) -> None:
        with self._changed:
            self._queue.append((key, job))
            if self._active >= self._workers:
                return
            self._active += 1
            thread = threading.Thread(target=self._work, name=f"kshare-{self.name}", daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    @property
    def busy(self) -> bool:
        with self._changed:
            return self._active > 0

    def clear(self) -> list[int]:
        """Drop work that has not started; returns the operations dropped."""
        with self._changed:
            dropped = [key for key, _job in self._queue]
            self._queue.clear()
        return dropped

    def wait_idle(self, timeout_s: float) -> bool:
        """Wait until no worker runs (and every thread of this lane has ended)."""
        with self._changed:
            if not self._changed.wait_for(lambda: self._active == 0, timeout_s):
                return False
            threads, self._threads = self._threads, []
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join()  # past its last line already: instant
        return True

    def _work(self) -> None:
        while True:
            with self._changed:
                if not self._queue:
                    self._active -= 1
                    self._changed.notify_all()
                    return
                _key, job = self._queue.popleft()
            letter = job()
            # The operation keeps the function (and whatever page it refers to)
            # on the GUI side until its outcome arrives; letting go of the job
            # before sending means this thread never drops the last reference.
            del job
            if isinstance(letter, _Done) and letter.failure is not None:
                # Now that the job's frame has ended it can be cleared too.
                traceback.clear_frames(letter.failure.exception.__traceback__)
            self._send(letter)
            del letter


# -- operations --------------------------------------------------------------------


@dataclass
class Operation:
    """A function to run in the background and what to do with its outcome.

    ``owner`` is a widget whose deletion cancels the callbacks, so a page that
    was closed never receives a late result. A plain object: no Qt base, and it
    refers to nothing that refers back to it.
    """

    fn: Callable[..., Any]
    success: Callable[[Any], None] | None = None
    failure: Callable[[Failure], None] | None = None
    label: str = ""
    owner: QObject | None = None
    progress: Callable[[Any], None] | None = None
    # A write's failure is shown even when its page is gone: the user must learn
    # that what they did was not saved.
    report_failure_without_owner: bool = False
    key: int = 0

    @property
    def owner_gone(self) -> bool:
        return self.owner is not None and not shiboken6.isValid(self.owner)


@dataclass(frozen=True)
class _Done:
    key: int
    result: object
    failure: Failure | None


@dataclass(frozen=True)
class _Progress:
    key: int
    value: object


class TaskRunner(QObject):
    """Owns the lanes of one window; shut down before the workspace closes."""

    failed = Signal(object)  # Failure: an operation failed and nobody else handled it
    busy_changed = Signal(bool)
    activity_changed = Signal(str)  # label of the longest-running work that asked to be shown

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mailbox = _the_mailbox()
        self._me = self._mailbox.register(self)
        self._lanes: dict[str, Lane] = {}
        self._running: dict[int, Operation] = {}
        self._shown: dict[int, str] = {}
        self._closed = False
        self.add_lane("local", 1)
        self.add_lane("network", 2)

    def add_lane(self, name: str, workers: int, *, patience_s: float | None = None) -> None:
        """A lane of its own for a kind of work; ``patience_s`` caps the wait at shutdown.

        A patient lane is for work that only reads and may block (a live
        stream): shutdown waits that long at most and then leaves it to end on
        its own, so quitting never hangs on it.
        """
        send = functools.partial(self._mailbox.post, self._me)
        self._lanes[name] = Lane(name, workers, send, patience_s)

    def local(self, fn: Callable[[], Any], **kwargs: Any) -> Operation:
        """Work on the local cache and index, one at a time and in order."""
        return self.run("local", Operation(fn, **kwargs))

    def write(self, fn: Callable[[], Any], **kwargs: Any) -> Operation:
        """Change the local cache, in order with every local job (like a ``CollectionOp``).

        A failed write is shown even when its page was closed meanwhile.
        """
        return self.run("local", Operation(fn, report_failure_without_owner=True, **kwargs))

    def network(self, fn: Callable[[], Any], **kwargs: Any) -> Operation:
        """Work that talks to the server and may take seconds."""
        return self.run("network", Operation(fn, **kwargs))

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def is_running(self, operation: Operation) -> bool:
        return operation.key in self._running

    def run(self, lane: str, operation: Operation, *, shown: bool = False) -> Operation:
        """Start ``operation`` on ``lane``; with ``progress`` set, its function gets a reporter.

        The reporter may be called from the worker with plain values; each one
        reaches ``operation.progress`` on the GUI thread, in order.
        """
        if self._closed:
            log.debug("not starting %r: the window is closing", operation.label)
            return operation
        operation.key = next(_numbers)
        was_busy = self.busy
        self._running[operation.key] = operation
        if shown:
            self._shown[operation.key] = operation.label
            if len(self._shown) == 1:
                self.activity_changed.emit(operation.label)
        if not was_busy:
            self.busy_changed.emit(True)
        self._lanes[lane].submit(operation.key, self._job(operation))
        return operation

    def _job(self, operation: Operation) -> Callable[[], object]:
        # Built on the GUI thread; the worker sees the function, plain values
        # and the mailbox, which lives for the whole run.
        mailbox, me, key, fn = self._mailbox, self._me, operation.key, operation.fn
        label = operation.label
        wants_progress = operation.progress is not None

        def report(value: object) -> None:
            mailbox.post(me, _Progress(key, value))

        def job() -> object:
            try:
                result = fn(report) if wants_progress else fn()
            except Exception as exc:  # every failure must reach the GUI thread
                return _Done(key, None, describe_failure(exc, label))
            return _Done(key, result, None)

        return job

    # -- on the GUI thread ------------------------------------------------------

    def _receive(self, letter: object) -> None:
        if isinstance(letter, _Progress):
            operation = self._running.get(letter.key)
            if operation is not None and operation.progress and not operation.owner_gone:
                operation.progress(letter.value)
            return
        assert isinstance(letter, _Done)
        operation = self._finish(letter.key)
        if operation is not None:
            self._deliver(operation, letter.result, letter.failure)

    def _finish(self, key: int) -> Operation | None:
        operation = self._running.pop(key, None)
        if self._shown.pop(key, None) is not None:
            self.activity_changed.emit(next(iter(self._shown.values()), ""))
        if operation is not None and not self._running:
            self.busy_changed.emit(False)
        return operation

    def _deliver(self, operation: Operation, result: object, failure: Failure | None) -> None:
        if operation.owner_gone:
            if failure is not None and operation.report_failure_without_owner:
                self.failed.emit(failure)
            else:
                log.debug("dropping the result of %r: its page is gone", operation.label)
            return
        if failure is None:
            if operation.success is not None:
                operation.success(result)
        elif operation.failure is not None:
            operation.failure(failure)
        else:
            self.failed.emit(failure)

    def wait_idle(self, lane: str, timeout_s: float) -> bool:
        return self._lanes[lane].wait_idle(timeout_s)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Drop queued work, wait for running work; True when every worker is idle.

        Afterwards nothing counts as running: outcomes still on their way are
        dropped, as the window they were for is closing.
        """
        self._closed = True
        for lane in self._lanes.values():
            for key in lane.clear():
                self._running.pop(key, None)
        done = True
        for lane in self._lanes.values():
            if lane.patience_s is None:
                done = lane.wait_idle(timeout_ms / 1000) and done
            elif not lane.wait_idle(min(lane.patience_s, timeout_ms / 1000)):
                log.info("%s work will end on its own", lane.name)
        if not done:
            log.warning("background work still running after %d ms", timeout_ms)
        if any(lane.busy for lane in self._lanes.values()):
            # A worker still holds its job; keep the operations referenced from
            # here so nothing the job refers to is ever freed on that thread.
            _stragglers.extend(self._running.values())
        self._shown.clear()
        if self._running:
            self._running.clear()
            self.busy_changed.emit(False)
        return done


_stragglers: list[Operation] = []
