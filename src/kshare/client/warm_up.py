"""Preparing search and the expert finder in a worker thread, before anyone asks.

The expert finder's per-person aggregates took seconds to build at the first
query on a big cache; the index's facet columns and word lists a little less.
One worker at a time: a sync page that lands meanwhile asks for one more round.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from kshare.client.errors import FeatureUnavailable

log = logging.getLogger(__name__)


class WarmUp:
    """Warms ``index()`` (the open index or None, never reopened here) and ``finder()``.

    At start-up the index may be opened here too (``open_index``), so that the window
    paints its feed meanwhile, unless it was let go since (``closings`` changed).
    """

    def __init__(
        self,
        lock: threading.RLock,
        *,
        index: Callable[[], Any],
        finder: Callable[[], Any],
        open_index: Callable[[], Any] = lambda: None,
        closings: Callable[[], int] = lambda: 0,
        catch_up: Callable[[Any], object] = lambda index: index.catch_up(),
    ) -> None:
        self._lock = lock
        self._index = index
        self._finder = finder
        self._open_index = open_index
        self._closings = closings
        self._catch_up = catch_up
        self.thread: threading.Thread | None = None
        self._again = False

    def start(self, *, catch_up: bool = False, open_index: bool = False) -> None:
        """Load in a worker what the next search and expert query need."""
        with self._lock:
            if self.thread is not None and self.thread.is_alive():
                self._again = True
                return
            self._again = False
            opened_at = self._closings() if open_index else None
            self.thread = threading.Thread(
                target=self._warm, args=(catch_up, opened_at), name="kshare-warm", daemon=True
            )
            self.thread.start()

    def _warm(self, catch_up: bool, opened_at: int | None = None) -> None:
        while True:
            try:
                with self._lock:
                    if opened_at is not None and opened_at == self._closings():
                        self._open_index()  # at start-up, unless let go since it was asked
                    opened_at = None
                    index = self._index()  # never reopened here: a logout or wipe closed it
                    finder = self._finder() if index is not None else None
                if index is None or finder is None:
                    return
                if catch_up:
                    self._catch_up(index)
                    catch_up = False
                index.warm()
                finder.warm()
            except FeatureUnavailable:
                return
            except Exception:  # a worker has no caller to raise to; the log must say why
                log.exception("preparing search and expert data failed")
                return
            with self._lock:
                if not self._again:
                    self.thread = None
                    return
                self._again = False
