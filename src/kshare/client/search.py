"""A profile's search: the full-text index over its cache, opened when first needed.

The index (:mod:`kshare.client.index`) is imported lazily: an installation
without its libraries still opens, and searching says plainly that it cannot.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from kshare.client.curation.service import Curation
from kshare.client.errors import FeatureUnavailable
from kshare.client.paths import ProfilePaths
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.views import SearchResults
from kshare.clock import SYSTEM, Clock

log = logging.getLogger(__name__)


class Searching:
    """The search index of one profile.

    ``curation`` notes searches that found nothing, when the person allowed it.
    In the desktop window the index catches up in a worker process of its own
    (:mod:`kshare.client.index.process`): indexing is pure Python, and beside the GUI
    thread it held the window up for seconds during a large first sync.
    """

    def __init__(
        self,
        paths: ProfilePaths,
        reader: Engine,
        clock: Clock,
        lock: threading.RLock,
        *,
        curation: Callable[[], Curation],
    ) -> None:
        self.paths = paths
        self.reader = reader
        self.clock = clock
        self._lock = lock
        self._curation = curation
        self.current: Any = None  # a SearchIndex once opened
        self._process: Any = None  # an IndexProcess, when indexing runs in a worker process
        self._elsewhere = False
        self.closings = 0  # how many times the index was let go (a late opener checks)

    def index(self) -> Any:
        """The open index (opening it now if needed); ``FeatureUnavailable`` without one."""
        with self._lock:
            if self.current is None:
                try:
                    from kshare.client.index import SearchIndex
                except ImportError as exc:
                    log.warning("search is not available: %s", exc)
                    raise FeatureUnavailable(
                        QT_TRANSLATE_NOOP(
                            "Errors", "Search is not available in this installation of kshare."
                        )
                    ) from exc
                self.current = SearchIndex(
                    self.paths.index_dir,
                    self.reader,
                    blobs_dir=self.paths.blobs_dir,
                    clock=self.clock,
                )
            return self.current

    def take(self) -> tuple[Any, Any]:
        """Let go of the open index and of the indexing process (None when there is none);
        the caller closes both, the process first (it stops at its next batch)."""
        with self._lock:
            index, self.current = self.current, None
            process, self._process = self._process, None
            self.closings += 1
            return index, process

    def index_in_worker_process(self) -> None:
        """From now on catch the index up in a process of its own (the desktop window)."""
        self._elsewhere = self.clock is SYSTEM  # the worker keeps the system's time

    def catch_up_index(self, index: Any) -> int:
        """Index what the cache holds and the index does not, here or in the worker."""
        with self._lock:
            if self._elsewhere and self._process is None:
                from kshare.client.index.process import IndexProcess

                paths = self.paths
                self._process = IndexProcess(paths.index_dir, paths.cache_db, paths.blobs_dir)
            process = self._process
        if process is None:
            return int(index.catch_up())
        return int(index.catch_up_elsewhere(process))

    def catch_up(self) -> None:
        """After a batch of sync pages: index what arrived. The warm-up waits for the end
        of the sync: after every batch, it re-read everything so far beside the pull."""
        try:
            index = self.index()
        except FeatureUnavailable:
            return
        self.catch_up_index(index)

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        page: int = 1,
        sort: str = "relevance",
        note_gap: bool = True,
    ) -> SearchResults:
        """``note_gap``: a search that found nothing is reported (with consent) as a gap;
        the desktop's search-as-you-type passes False and decides itself when a query was
        meant rather than half typed."""
        index = self.index()
        results: SearchResults = index.search(query, limit=limit, page=page, sort=sort)
        if note_gap and page == 1 and not results.total:
            self._curation().note_search(query, 0)  # only if the person allowed it
        return results

    def attachment_note(self, item_id: str) -> str:
        """Why a document's file is not searchable, as its text extraction ended."""
        try:
            found = self.index().extraction_status(item_id)
        except FeatureUnavailable:
            return ""
        if found is None or found[0] in ("ok", "missing"):
            return ""
        return str(found[1])
