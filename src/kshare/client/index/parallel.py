"""A fresh index built by several processes: one segment per run of documents, in order.

Indexing is pure Python, so one process uses one core. A rebuild of a large
cache hands runs of ``index.COMMIT_EVERY`` documents, in document order, to
worker processes; each writes its run as one ordinary segment (with
:class:`.bulk.FastSegmentWriter`) into the new index folder without touching
the table of contents, and the segments are added to the index in the order of
their runs. The index is then the one a single process writes: a single
process also writes a segment per ``COMMIT_EVERY`` documents, the documents
keep their numbers, and the scores are the same (the statistics they use are
summed over segments).

Only for a fresh folder that nobody reads yet: until the final commit, the
segments are files the table of contents does not name, which a commit of
another writer would delete.
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future

MAX_WORKERS = 4
IN_FLIGHT = 2  # runs queued per worker: enough to keep it busy, bounded memory


def worker_count() -> int:
    """How many processes a rebuild may use; 1 means build in this process."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every platform
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


class SegmentBuilders:
    """Worker processes writing segments of one index folder; :meth:`segments` gives them
    back in the order their runs were handed over."""

    def __init__(self, folder: Path, workers: int) -> None:
        self.folder = str(folder)
        self.workers = workers
        # loaded here, not at import: a search or an expert query that rebuilds nothing
        # never starts (nor loads) multiprocessing
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, never fork: the desktop has threads (Qt, sync) a fork would copy half-held
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        self._pending: deque[Future[Any]] = deque()
        self._done: list[Any] = []

    def build(self, documents: list[dict[str, Any]]) -> None:
        """Hand a run of documents over; waits while enough runs are queued."""
        while len(self._pending) >= self.workers * IN_FLIGHT:
            self._done.append(self._pending.popleft().result())
        self._pending.append(self._pool.submit(build_segment, self.folder, documents))

    def segments(self) -> list[Any]:
        """Every segment written, in order (waits for the last runs); raises what a worker
        raised."""
        while self._pending:
            self._done.append(self._pending.popleft().result())
        return list(self._done)

    def close(self) -> None:
        """Stop the workers; runs not started are dropped."""
        for future in self._pending:
            future.cancel()
        self._pending.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)


def build_segment(folder: str, documents: list[dict[str, Any]]) -> Any:
    """In a worker: write ``documents`` as one segment of the index in ``folder``."""
    from whoosh import index as whoosh_index

    from .bulk import FastSegmentWriter

    ix = whoosh_index.open_dir(folder)
    try:
        # no lock: the desktop's writer holds it, and this writer commits nothing
        writer = FastSegmentWriter(ix, _lk=False)
        for document in documents:
            writer.add_document(**document)
        return writer.finish_segment()
    finally:
        ix.close()
