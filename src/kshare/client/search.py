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
from kshare.client.views import SearchResults
from kshare.clock import Clock

log = logging.getLogger(__name__)


class Searching:
    """The search index of one profile.

    ``caught_up`` runs after the index caught up with a sync page (the warm-up);
    ``curation`` notes searches that found nothing, when the person allowed it.
    """

    def __init__(
        self,
        paths: ProfilePaths,
        reader: Engine,
        clock: Clock,
        lock: threading.RLock,
        *,
        curation: Callable[[], Curation],
        caught_up: Callable[[], None],
    ) -> None:
        self.paths = paths
        self.reader = reader
        self.clock = clock
        self._lock = lock
        self._curation = curation
        self._caught_up = caught_up
        self.current: Any = None  # a SearchIndex once opened

    def index(self) -> Any:
        """The open index (opening it now if needed); ``FeatureUnavailable`` without one."""
        with self._lock:
            if self.current is None:
                try:
                    from kshare.client.index import SearchIndex
                except ImportError as exc:
                    log.warning("search is not available: %s", exc)
                    raise FeatureUnavailable(
                        "Search is not available in this installation of kshare."
                    ) from exc
                self.current = SearchIndex(
                    self.paths.index_dir,
                    self.reader,
                    blobs_dir=self.paths.blobs_dir,
                    clock=self.clock,
                )
            return self.current

    def take(self) -> Any:
        """Let go of the open index (None when none is open); the caller closes it."""
        with self._lock:
            index, self.current = self.current, None
            return index

    def catch_up(self) -> None:
        """After a sync page: index what arrived, then warm up for the next query."""
        try:
            index = self.index()
        except FeatureUnavailable:
            return
        index.catch_up()
        self._caught_up()

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
