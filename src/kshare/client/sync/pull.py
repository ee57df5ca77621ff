"""Pull the change feed page by page; each page and its cursor commit together.

While one page is written to SQLite the next one is already being fetched
(one page ahead, no more), and the search index catches up with what is
already committed on a thread of its own, so the network, the cache and the
index all work at the same time on a large initial sync. The index only ever
reads committed pages, so this changes nothing about what a crash can leave
behind. A page that asks for reconciliation is applied first, its request is
recorded in the same transaction, and then honoured.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from kshare.client.store import repository, tag_aliases, tag_descriptions
from kshare.client.store.db import clock_of
from kshare.client.store.repository import CURATOR_ROLE, ChangeSet
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import Cancelled, ResyncRequired
from kshare.client.sync.reconcile import (
    DROP_ABSENT,
    FULL,
    RECONCILE_NEEDED,
    MassPurgeRefused,
    reconcile,
)
from kshare.clock import SYSTEM, Clock
from kshare.protocol.schemas import FeedPage, Removal

log = logging.getLogger(__name__)

PAGE_SIZE = 500  # the server's maximum: fewer round trips on an initial sync
# Wake the index after this many new rows, not after every page: each catch-up is a
# Whoosh commit, and many small commits cost far more than a few large ones. While a
# catch-up runs, further wake-ups fold into one, so later batches take everything
# committed meanwhile and grow by themselves when the index is the slower side.
BATCH_ROWS = 5_000


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
    index: float = 0.0  # all catch-ups, most of it alongside the pull
    index_wait: float = 0.0  # the part the pull had to wait for at its end


class IndexFeeder:
    """Runs the index catch-up on its own thread while pages keep being written."""

    def __init__(
        self, catch_up: Callable[[], None], timings: PullTimings, clock: Clock = SYSTEM
    ) -> None:
        self._catch_up = catch_up
        self._timings = timings
        self._clock = clock
        self._wake = threading.Event()
        self._stopping = False
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def nudge(self) -> None:
        """Ask for a catch-up; one is already due if the last ask has not started yet."""
        if self._error is not None:
            raise self._error
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kshare-index-feed", daemon=True)
            self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stopping:
                return
            started = self._clock.monotonic()
            try:
                self._catch_up()
            except BaseException as exc:  # handed to the pull, which decides what it means
                self._error = exc
                return
            finally:
                self._timings.index += self._clock.monotonic() - started

    def close(self) -> None:
        """Let a running catch-up finish, stop the thread, and raise what it raised."""
        self.stop()
        if self._error is not None:
            raise self._error

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join()


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
        self.clock = clock_of(writer)  # measures the timings
        self._feeder: IndexFeeder | None = None

    def reconcile_pending(self) -> str | None:
        with self.writer.connect() as conn:
            return repository.get_state(conn, RECONCILE_NEEDED)

    def run(self) -> PullResult:
        """Pull until the feed says there is no more, reconciling when asked."""
        result = PullResult()
        refused: MassPurgeRefused | None = None
        self._feeder = (
            IndexFeeder(self.on_batch, self.timings, self.clock) if self.on_batch else None
        )
        try:
            for _ in range(5):  # each round ends in a reconcile; more than a few means a loop
                mode = self.reconcile_pending()
                if mode is not None and refused is None:
                    try:
                        outcome = reconcile(
                            self.api, self.writer, fetch_missing=mode != DROP_ABSENT
                        )
                        result.changes.merge(outcome.changes)
                        result.removals += outcome.removals
                    except MassPurgeRefused as exc:
                        # Keep pulling: explicit removals must still apply. The request to
                        # reconcile stays recorded until the person confirms.
                        refused = exc
                if not self._pull_rounds(result):
                    break
        except BaseException:
            if self._feeder is not None:
                self._feeder.stop()  # the pull's own error is the one to report
            raise
        if self._feeder is not None:
            waited = self.clock.monotonic()
            self._feeder.close()
            self.timings.index_wait += self.clock.monotonic() - waited
        mode = self.reconcile_pending()
        if refused is not None and mode is not None:
            # Explicit removals may have shrunk the cache since: ask once more.
            try:
                outcome = reconcile(self.api, self.writer, fetch_missing=mode != DROP_ABSENT)
                result.changes.merge(outcome.changes)
                result.removals += outcome.removals
                refused = None
            except MassPurgeRefused as exc:
                refused = exc
        waited = self.clock.monotonic()
        self._index_batch()  # the last rows, and whatever the feeder had not started on
        self.timings.index_wait += self.clock.monotonic() - waited
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
                waited = self.clock.monotonic()
                got = pages.get()
                self.timings.network += self.clock.monotonic() - waited
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
                if self._feeder is not None and result.upserts - last_batch >= BATCH_ROWS:
                    self._feeder.nudge()
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
            started = self.clock.monotonic()
            self.on_batch()
            self.timings.index += self.clock.monotonic() - started

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
        started = self.clock.monotonic()
        with self.writer.begin() as conn:
            changes = repository.upsert(conn, page.upserts)
            changes.merge(repository.purge(conn, [(r.type, r.id) for r in page.removals]))
            if page.tag_aliases is not None:
                tag_aliases.replace(conn, page.tag_aliases)
            if page.tag_descriptions is not None:
                tag_descriptions.replace(conn, page.tag_descriptions)
            if page.curator is not None:
                repository.set_state(conn, CURATOR_ROLE, page.curator.model_dump_json())
            repository.set_cursor(conn, page.cursor)
            if page.reconcile:  # recorded with the page, so a crash cannot lose the request
                repository.set_state(conn, RECONCILE_NEEDED, DROP_ABSENT)
        self.timings.sqlite += self.clock.monotonic() - started
        result.changes.merge(changes)
        result.removals += page.removals
        result.pages += 1
        result.upserts += len(page.upserts)
        if self.on_page is not None:
            self.on_page(page, result.upserts)

    def _request_reconcile(self, mode: str) -> None:
        with self.writer.begin() as conn:
            repository.set_state(conn, RECONCILE_NEEDED, mode)
