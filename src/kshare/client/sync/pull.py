"""Pull the change feed page by page; each page and its cursor commit together.

While one page is written to SQLite the next one is already being fetched
(one page ahead, no more), so the network and the disk work at the same time
on a large initial sync. A page that asks for reconciliation is applied first,
its request is recorded in the same transaction, and then honoured.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from kshare.client.store import repository
from kshare.client.store.repository import ChangeSet
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import Cancelled, ResyncRequired
from kshare.client.sync.reconcile import (
    DROP_ABSENT,
    FULL,
    RECONCILE_NEEDED,
    MassPurgeRefused,
    reconcile,
)
from kshare.protocol.schemas import FeedPage, Removal

log = logging.getLogger(__name__)

PAGE_SIZE = 500  # the server's maximum: fewer round trips on an initial sync
# Hand new rows to the index after this many, not after every page: each catch-up is a
# Whoosh commit, and many small commits cost far more than a few large ones.
BATCH_ROWS = 20_000


@dataclass
class PullResult:
    changes: ChangeSet = field(default_factory=ChangeSet)
    removals: list[Removal] = field(default_factory=list)
    pages: int = 0
    upserts: int = 0
    refused: MassPurgeRefused | None = None


@dataclass
class PullTimings:
    """Seconds spent waiting on the network and writing SQLite (for the benchmark)."""

    network: float = 0.0
    sqlite: float = 0.0
    index: float = 0.0


_DONE = object()


class FeedPuller:
    def __init__(
        self,
        api: ApiClient,
        writer: Engine,
        *,
        page_size: int = PAGE_SIZE,
        on_batch: Callable[[], None] | None = None,
        on_page: Callable[[FeedPage, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self.api = api
        self.writer = writer
        self.page_size = page_size
        self.on_batch = on_batch
        self.on_page = on_page
        self.cancel = cancel or threading.Event()
        self.timings = PullTimings()

    def reconcile_pending(self) -> str | None:
        with self.writer.connect() as conn:
            return repository.get_state(conn, RECONCILE_NEEDED)

    def run(self) -> PullResult:
        """Pull until the feed says there is no more, reconciling when asked."""
        result = PullResult()
        refused: MassPurgeRefused | None = None
        for _ in range(5):  # each round ends in a reconcile; more than a few means a loop
            mode = self.reconcile_pending()
            if mode is not None and refused is None:
                try:
                    outcome = reconcile(self.api, self.writer, fetch_missing=mode != DROP_ABSENT)
                    result.changes.merge(outcome.changes)
                except MassPurgeRefused as exc:
                    # Keep pulling: explicit removals must still apply. The request to
                    # reconcile stays recorded until the person confirms.
                    refused = exc
            if not self._pull_rounds(result):
                break
        mode = self.reconcile_pending()
        if refused is not None and mode is not None:
            # Explicit removals may have shrunk the cache since: ask once more.
            try:
                outcome = reconcile(self.api, self.writer, fetch_missing=mode != DROP_ABSENT)
                result.changes.merge(outcome.changes)
                refused = None
            except MassPurgeRefused as exc:
                refused = exc
        self._index_batch()
        result.refused = refused
        return result

    def _pull_rounds(self, result: PullResult) -> bool:
        """Pull pages from the stored cursor; True when a reconcile interrupted the walk."""
        with self.writer.connect() as conn:
            cursor = repository.get_cursor(conn)
        pages: queue.Queue[object] = queue.Queue(maxsize=1)
        stop = threading.Event()
        fetcher = threading.Thread(
            target=self._fetch, args=(cursor, pages, stop), name="kshare-feed-fetch", daemon=True
        )
        fetcher.start()
        last_batch = result.upserts
        try:
            while True:
                waited = time.monotonic()
                got = pages.get()
                self.timings.network += time.monotonic() - waited
                if got is _DONE:
                    return False
                if isinstance(got, ResyncRequired):
                    self._request_reconcile(FULL)
                    return True
                if isinstance(got, BaseException):
                    raise got
                assert isinstance(got, FeedPage)
                if self.cancel.is_set():
                    raise Cancelled()
                self._apply(got, result)
                if self.on_batch is not None and result.upserts - last_batch >= BATCH_ROWS:
                    self._index_batch()
                    last_batch = result.upserts
                if got.reconcile:
                    return True
        finally:
            stop.set()
            while fetcher.is_alive():  # unblock a fetcher waiting to hand over a page
                try:
                    pages.get_nowait()
                except queue.Empty:
                    fetcher.join(timeout=0.05)

    def _index_batch(self) -> None:
        if self.on_batch is not None:
            started = time.monotonic()
            self.on_batch()
            self.timings.index += time.monotonic() - started

    def _fetch(self, cursor: str, pages: queue.Queue[object], stop: threading.Event) -> None:
        try:
            while not stop.is_set():
                page = self.api.feed(cursor, self.page_size)
                pages.put(page)
                if not page.more or page.reconcile:
                    pages.put(_DONE)
                    return
                cursor = page.cursor
        except BaseException as exc:  # handed to the consumer, which decides what it means
            pages.put(exc)

    def _apply(self, page: FeedPage, result: PullResult) -> None:
        started = time.monotonic()
        with self.writer.begin() as conn:
            changes = repository.upsert(conn, page.upserts)
            changes.merge(repository.purge(conn, [(r.type, r.id) for r in page.removals]))
            repository.set_cursor(conn, page.cursor)
            if page.reconcile:  # recorded with the page, so a crash cannot lose the request
                repository.set_state(conn, RECONCILE_NEEDED, DROP_ABSENT)
        self.timings.sqlite += time.monotonic() - started
        result.changes.merge(changes)
        result.removals += page.removals
        result.pages += 1
        result.upserts += len(page.upserts)
        if self.on_page is not None:
            self.on_page(page, result.upserts)

    def _request_reconcile(self, mode: str) -> None:
        with self.writer.begin() as conn:
            repository.set_state(conn, RECONCILE_NEEDED, mode)
