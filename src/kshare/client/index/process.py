"""Catching the search index up in a process of its own, so indexing never holds up the window.

Indexing is pure Python (tokenizing, Whoosh's segment files) and was most of
the CPU a large first sync spent; run on a thread beside the GUI it held the
interpreter's lock for long stretches and the window stopped answering (a
heartbeat on the GUI thread measured gaps of half a second and more). In a
separate process it runs on its own interpreter.

One worker process is started on first use and reused for every catch-up. It
opens the same index folder and reads the same cache file as the desktop; the
desktop's :class:`~kshare.client.index.index.SearchIndex` holds its writer lock
while the worker writes, then reads what the worker committed
(:meth:`SearchIndex.catch_up_elsewhere`). Closing the index stops a running
catch-up between two batches, as in-process, through a shared event.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

STARTUP_S = 120.0  # a loaded desktop may take long to start Python and import Whoosh
POLL_S = 0.2


class IndexWorkerError(RuntimeError):
    """The worker failed (its message says how) or went away."""


class IndexProcess:
    """Runs :meth:`SearchIndex.catch_up` on a profile's index in a worker process.

    Thread-safe: one catch-up at a time. The worker reads the cache at ``cache_db``
    and writes the index in ``index_dir`` (files in ``blobs_dir`` for documents).
    """

    def __init__(self, index_dir: Path, cache_db: Path, blobs_dir: Path) -> None:
        self.index_dir = index_dir
        self.cache_db = cache_db
        self.blobs_dir = blobs_dir
        self.started = 0
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")  # never fork a threaded desktop
        self._stop = self._context.Event()
        self._process: Any = None
        self._conn: Connection | None = None
        self._closed = False

    @property
    def worker_pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def catch_up(self, progress: Any = None) -> int:
        """Let the worker apply what the cache changed; returns how many it applied.

        ``progress(done, total)`` is called here as the worker reports; a closed
        process applies nothing and returns 0.
        """
        with self._lock:
            if self._closed:
                return 0
            conn = self._start()
            try:
                conn.send("catch_up")
            except (OSError, ValueError):  # it died between two catch-ups: start again once
                self._end(kill=True)
                conn = self._start()
                conn.send("catch_up")
            while True:
                if not conn.poll(POLL_S):
                    if not self._process.is_alive():
                        self._end(kill=True)
                        raise IndexWorkerError("the indexing process ended unexpectedly")
                    continue
                try:
                    kind, *values = conn.recv()
                except (EOFError, OSError) as exc:
                    self._end(kill=True)
                    raise IndexWorkerError("the indexing process ended unexpectedly") from exc
                if kind == "progress":
                    if progress is not None:
                        progress(*values)
                elif kind == "done":
                    return int(values[0])
                else:
                    raise IndexWorkerError(str(values[0]))

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            self._closed = True
            self._end(kill=False)

    def _start(self) -> Connection:
        if self._conn is not None and self._process is not None and self._process.is_alive():
            return self._conn
        self._end(kill=True)
        ours, theirs = self._context.Pipe()
        # Not a daemon: the worker starts the file reader (a process of its own) itself.
        # It ends when the desktop closes the pipe or goes away.
        process = self._context.Process(
            target=serve,
            args=(theirs, str(self.index_dir), str(self.cache_db), str(self.blobs_dir), self._stop),
            name="kshare-indexer",
        )
        process.start()
        theirs.close()
        if not ours.poll(STARTUP_S):
            process.kill()
            process.join()
            raise IndexWorkerError("the indexing process did not start")
        try:
            ours.recv()  # "ready"
        except EOFError as exc:
            process.join()
            raise IndexWorkerError(
                f"the indexing process did not start ({process.exitcode})"
            ) from exc
        self._process, self._conn = process, ours
        self.started += 1
        _running.add(self)
        return ours

    def _end(self, *, kill: bool) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        _running.discard(self)
        if process is None:
            return
        if not kill and conn is not None:
            try:
                conn.send(None)
                process.join(30)
            except (OSError, ValueError):
                pass
        if process.is_alive():
            process.kill()
        process.join()
        if conn is not None:
            conn.close()
        process.close()


_running: set[IndexProcess] = set()


@atexit.register
def _stop_all() -> None:
    # The worker is no daemon (it starts the file reader), so an exit without closing
    # the workspace would otherwise wait for it forever.
    for worker in list(_running):
        worker.close()


# --- inside the worker -------------------------------------------------------------------------


def serve(conn: Connection, index_dir: str, cache_db: str, blobs_dir: str, stop: Any) -> None:
    """The worker: one catch-up per request until told to finish or the desktop goes away."""
    from kshare.client.store.db import create_cache_engine

    from .index import SearchIndex
    from .store import load_state

    engine = create_cache_engine(Path(cache_db))  # the desktop migrated it already
    index: SearchIndex | None = None
    conn.send("ready")
    try:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            if job is None:
                return
            try:
                if index is not None and index._state != load_state(index._state_file):
                    # the desktop rebuilt the index itself meanwhile (it found it damaged)
                    _close(index)
                    index = None
                if index is None:
                    index = SearchIndex(Path(index_dir), engine, blobs_dir=Path(blobs_dir))
                    index._stopping = stop
                applied = index.catch_up(lambda done, total: conn.send(("progress", done, total)))
                reply: tuple[Any, ...] = ("done", applied)
            except Exception as exc:  # the desktop logs it; the next request starts afresh
                log.exception("indexing failed")
                if index is not None:
                    _close(index)
                index = None
                reply = ("failed", f"{type(exc).__name__}: {exc}")
            try:
                conn.send(reply)
            except OSError:
                return
    finally:
        if index is not None:
            _close(index)
        engine.dispose()


def _close(index: Any) -> None:
    index._stopping = threading.Event()  # the shared event stays the desktop's to set
    index.close()
