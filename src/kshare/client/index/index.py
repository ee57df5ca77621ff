"""The search index of one profile: kept in step with the cache, rebuilt when it cannot be trusted.

One writer at a time (a lock); readers borrow searchers that see the last
commit and never wait for the writer. The index records the cache's identity
and the last ``local_seq`` it applied; :meth:`SearchIndex.catch_up` applies
what changed since (purges first), and a wrong identity, a new schema or
damaged files lead to a rebuild into a fresh folder while searches go on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from kshare.client.store.db import clock_of
from kshare.client.views import DocumentMatch, SearchResults
from kshare.clock import Clock

from . import parallel, source
from .schema import ITEM_KINDS, SCHEMA_VERSION
from .store import (
    IndexState,
    OpenIndex,
    generation_folder,
    load_state,
    remove_other_generations,
    save_state,
    state_is_current,
)
from .texts import ExtractedTexts, blob_path

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
BATCH = 1000  # rows read and indexed per step
COMMIT_EVERY = 20_000  # documents per commit during a long catch-up, so readers see progress
# a rebuild of at least this many rows is written by several processes (see .parallel)
PARALLEL_FROM = 2 * COMMIT_EVERY
FOLDER_SETTLED_S = 2.0  # a blob folder unchanged this long has no rename pending in its mtime


class SearchIndex:
    def __init__(
        self,
        index_dir: Path,
        cache_engine: Engine,
        *,
        blobs_dir: Path | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.index_dir = index_dir
        self.engine = cache_engine
        self.clock = clock or clock_of(cache_engine)  # recency, date facets, file ages
        index_dir.mkdir(parents=True, exist_ok=True)
        # the profile keeps blobs beside the index (see kshare.client.paths.ProfilePaths)
        self.texts = ExtractedTexts(index_dir / "texts", blobs_dir or index_dir.parent / "blobs")
        self._state_file = index_dir / "state.json"
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._state = load_state(self._state_file)
        self._current: OpenIndex | None = None
        self._closed = False
        self._stopping = threading.Event()
        self._background: threading.Thread | None = None
        self.rebuild_reason: str | None = None
        # blob folder -> its mtime when every awaited file in it was last looked for
        self._seen_folders: dict[Path, int] = {}
        self._blob_folders: dict[str, Path] = {}  # SHA -> its folder (the blob store's layout)
        self.progress: tuple[int, int] | None = None  # (done, total) of a running catch-up/rebuild
        self._open_current()

    # --- opening and state -------------------------------------------------------------------

    def _open_current(self) -> None:
        state = self._state
        if state is None:
            self.rebuild_reason = "no index yet"
            return
        if not state_is_current(state):
            self.rebuild_reason = f"index schema {state.schema} is not {SCHEMA_VERSION}"
            return
        try:
            self._current = OpenIndex.open(generation_folder(self.index_dir, state.generation))
        except Exception as exc:
            # Whoosh reports damaged files as whatever its decoder trips over (EOFError,
            # struct.error, ValueError, OSError, ...); any of them means "rebuild"
            log.warning("search index unreadable, it will be rebuilt: %r", exc)
            self._current = None
            self.rebuild_reason = "index files damaged"
            return
        remove_other_generations(self.index_dir, state.generation)

    @property
    def needs_rebuild(self) -> bool:
        return self.rebuild_reason is not None

    def _reading_index(self) -> OpenIndex | None:
        with self._open_lock:
            return self._current

    def mark_damaged(self, exc: BaseException) -> None:
        """A search tripped over damaged files: rebuild now, in the background."""
        log.warning("search index damaged, it will be rebuilt: %r", exc, exc_info=exc)
        self.rebuild_reason = "index files damaged"
        self.catch_up_in_background()

    def catch_up_in_background(self, progress: Progress | None = None) -> threading.Thread:
        """Run :meth:`catch_up` (or the rebuild it decides on) in a worker thread.

        For callers with no worker of their own, e.g. at start-up when offline. One
        runs at a time; a call while one runs returns that one.
        """
        with self._open_lock:
            running = self._background
            if running is not None and running.is_alive():
                return running
            worker = threading.Thread(
                target=self._catch_up_logged, args=(progress,), name="kshare-index", daemon=True
            )
            self._background = worker
        worker.start()
        return worker

    def _catch_up_logged(self, progress: Progress | None) -> None:
        try:
            self.catch_up(progress)
            self.warm()
        except Exception:  # a worker thread has no caller to raise to; the log must say why
            log.exception("updating the search index failed")

    def warm(self) -> None:
        """Load what the first search after a commit would otherwise wait for.

        The facet columns (per commit) and each segment's word list for typo
        suggestions (per segment) are read here, in the background after a catch-up.
        """
        from kshare.client.store import tag_aliases

        from . import spelling
        from .postings import warm_length_norms
        from .ranking import facet_counts
        from .searching import allowed_documents

        current = self._reading_index()
        if current is None:
            return
        aliases = tag_aliases.read(self.engine)
        with current.searcher() as reading:
            # codes every document's facet values (and loads the columns)
            facet_counts(reading, [], self.clock.now().timestamp(), aliases.to_tag)
            spelling.warm(reading)
            warm_length_norms(reading.searcher)  # the average lengths moved with the commit
            allowed_documents(reading, frozenset(ITEM_KINDS), None)  # what experts look in

    # --- writing -----------------------------------------------------------------------------

    def catch_up(self, progress: Progress | None = None) -> int:
        """Apply what the cache changed since the last ``local_seq`` applied (purges first)."""
        try:
            return self._catch_up(progress)
        except _Stopped:
            log.info("search index update stopped: the index is closing")
            return 0

    def _catch_up(self, progress: Progress | None) -> int:
        with self._write_lock:
            if self._closed:
                return 0
            cache_id = source.ensure_cache_id(self.engine)
            upto = source.latest_seq(self.engine)
            state = self._state
            current = self._reading_index()
            if (
                self.rebuild_reason is not None
                or state is None
                or current is None
                or state.cache_id != cache_id
                or upto < state.local_seq  # the cache was wiped and refilled
            ):
                reason = self.rebuild_reason or "the cache is not the one indexed"
                log.info("rebuilding the search index: %s", reason)
                return self._rebuild_locked(progress, cache_id)
            ready = self._blobs_arrived(state)
            if upto == state.local_seq and not ready:
                return 0
            total = source.count_changes(self.engine, state.local_seq, upto) + len(ready)
            applied = self._apply(current, state, state.local_seq, upto, ready, total, progress)
            state.local_seq = upto
            save_state(self._state_file, state)
            return applied

    def catch_up_elsewhere(self, worker: Any, progress: Progress | None = None) -> int:
        """:meth:`catch_up` done by another process (``worker.catch_up``), then read here.

        This index writes nothing meanwhile (it holds its writer lock); afterwards
        searches see what the worker committed, in a new folder if it rebuilt.
        """
        with self._write_lock:
            if self._closed:
                return 0
            applied = int(worker.catch_up(lambda done, total: self._report(progress, done, total)))
            self.progress = None
            self._adopt_state(changed=applied > 0)
            return applied

    def _adopt_state(self, *, changed: bool) -> None:
        state = load_state(self._state_file)
        if state is None or not state_is_current(state):
            return
        with self._open_lock:
            current, known = self._current, self._state
        if current is not None and known is not None and known.generation == state.generation:
            self._state = state
            if changed:
                current.committed()
            return
        fresh = OpenIndex.open(generation_folder(self.index_dir, state.generation))
        with self._open_lock:
            previous, self._current, self._state = self._current, fresh, state
            self.rebuild_reason = None
        if previous is not None:
            previous.close()
            previous.ix.close()
        remove_other_generations(self.index_dir, state.generation)

    def rebuild(self, progress: Progress | None = None) -> int:
        """Index the whole cache into a new folder, then switch to it; searches go on meanwhile."""
        try:
            with self._write_lock:
                if self._closed:
                    return 0
                return self._rebuild_locked(progress, source.ensure_cache_id(self.engine))
        except _Stopped:
            log.info("search index rebuild stopped: the index is closing")
            return 0

    def _rebuild_locked(self, progress: Progress | None, cache_id: str) -> int:
        upto = source.latest_seq(self.engine)
        generation = (self._state.generation + 1) if self._state else 1
        fresh = OpenIndex.create(generation_folder(self.index_dir, generation))
        state = IndexState(SCHEMA_VERSION, cache_id, 0, generation, {})
        total = source.count_changes(self.engine, 0, upto)
        builders = None
        workers = parallel.worker_count()
        if total >= PARALLEL_FROM and workers > 1:
            builders = parallel.SegmentBuilders(fresh.folder, workers)
        applied = self._apply(
            fresh, state, 0, upto, [], total, progress, fresh_index=True, builders=builders
        )
        state.local_seq = upto
        save_state(self._state_file, state)
        with self._open_lock:
            previous, self._current, self._state = self._current, fresh, state
            self.rebuild_reason = None
        if previous is not None:
            previous.close()
            previous.ix.close()
        remove_other_generations(self.index_dir, generation)
        return applied

    def _apply(
        self,
        target: OpenIndex,
        state: IndexState,
        after: int,
        upto: int,
        ready: list[str],
        total: int,
        progress: Progress | None,
        *,
        fresh_index: bool = False,
        builders: parallel.SegmentBuilders | None = None,
    ) -> int:
        done = 0
        self.progress = (0, total)
        writer = _Writer(target, fresh_index, builders)
        try:
            purged = [] if fresh_index else source.purges_between(self.engine, after, upto)
            for entity_type, entity_id in purged:
                writer.delete(entity_id, purge=True)
                if entity_type == "item":
                    self.texts.forget(entity_id)
            awaiting = dict(state.awaiting_blobs)
            for _, purged_id in purged:
                awaiting.pop(purged_id, None)
            done += len(purged)
            for table in (source.ITEMS, source.PEOPLE, source.GROUPS):
                for rows in source.rows_between(self.engine, table, after, upto, BATCH):
                    if self._stopping.is_set():
                        raise _Stopped  # closing the app must not wait for a long rebuild
                    if not fresh_index:
                        writer.note_absent([str(row["id"]) for row in rows])
                    for document in self._documents(table, rows, awaiting):
                        writer.put(document)
                    done += len(rows)
                    self._report(progress, done, total)
            writer.absent = set()  # what follows is looked up one by one
            if ready:
                # A document whose row also changed in this pass was just indexed with its
                # file: a second put in the same writer would add it twice (a delete only
                # reaches committed segments)
                again = [i for i in ready if i not in writer.put_ids]
                rows = list(source.rows_by_id(self.engine, source.ITEMS, again).values())
                for item_id in ready:
                    awaiting.pop(item_id, None)
                for document in self._documents(source.ITEMS, rows, awaiting):
                    writer.put(document)
                done += len(ready)
            state.awaiting_blobs = dict(sorted(awaiting.items()))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        finally:
            self.progress = None
        self._report(progress, total, total)
        return done

    def _documents(
        self, table: Any, rows: list[Any], awaiting: dict[str, str]
    ) -> list[dict[str, Any]]:
        if table is source.PEOPLE:
            return [source.person_document(row) for row in rows]
        if table is source.GROUPS:
            return [source.group_document(row) for row in rows]

        def text_of(row: Any) -> source.DocumentText:
            document = self.texts.text_of(row)
            item_id = str(row["id"])
            sha = str((row["attachment"] or {}).get("sha256") or "")
            if document.status == "missing" and sha:
                awaiting[item_id] = sha  # indexed again once the sync engine has the blob
            else:
                awaiting.pop(item_id, None)
            return document

        return source.item_documents(self.engine, rows, text_of)

    def _blobs_arrived(self, state: IndexState) -> list[str]:
        """Documents indexed without their file whose file the sync engine has fetched since.

        Runs on every catch-up, so it must not grow with the number of documents still
        waiting (with blobs fetched on open, that can be most of them): the SHA of each
        is kept in the state, and only blob folders changed since the last look are
        searched (a file arriving renames into its folder, which updates its mtime).
        """
        awaiting = state.awaiting_blobs
        if not awaiting:
            return []
        unknown = [i for i, sha in awaiting.items() if not sha]
        if unknown:  # a state written before SHAs were kept: look them up once
            rows = source.rows_by_id(self.engine, source.ITEMS, unknown)
            for item_id in unknown:
                row = rows.get(item_id)
                sha = str(
                    ((row["attachment"] or {}) if row is not None else {}).get("sha256") or ""
                )
                awaiting[item_id] = sha or "-"  # "-": gone or no file; the next change says
        by_folder: dict[Path, list[str]] = {}
        folders = self._blob_folders
        for item_id, sha in awaiting.items():
            folder = folders.get(sha)
            if folder is None:
                folder = folders[sha] = blob_path(self.texts.blobs_dir, sha).parent
            by_folder.setdefault(folder, []).append(item_id)
        arrived = []
        now = self.clock.now().timestamp()
        for folder, item_ids in by_folder.items():
            try:
                changed = folder.stat().st_mtime_ns
            except OSError:
                continue  # no blob of that prefix yet
            if self._seen_folders.get(folder) == changed:
                continue
            for item_id in item_ids:
                if blob_path(self.texts.blobs_dir, awaiting[item_id]).is_file():
                    arrived.append(item_id)
            # A folder changed within the last moments may change again within the same
            # mtime tick (coarse on some file systems): look at it again next time.
            if changed < (now - FOLDER_SETTLED_S) * 1e9:
                self._seen_folders[folder] = changed
        return arrived

    def _report(self, progress: Progress | None, done: int, total: int) -> None:
        self.progress = (done, total)
        if progress is not None:
            progress(done, total)

    # --- reading -----------------------------------------------------------------------------

    def search(
        self, query: str, *, limit: int = 20, page: int = 1, sort: str = "relevance"
    ) -> SearchResults:
        """Ranked hits for ``query``; never raises (``SearchResults.error`` says what was wrong)."""
        from .searching import run_search

        return run_search(self, query, limit=limit, page=page, sort=sort)

    def matching_documents(
        self,
        text: str,
        *,
        before: datetime | None = None,
        limit: int = 500,
        kinds: Collection[str] | None = None,
    ) -> list[DocumentMatch]:
        """Items matching a topic or a whole question: OR of its meaningful terms, by BM25."""
        from .searching import run_matching_documents

        return run_matching_documents(self, text, before=before, limit=limit, kinds=kinds)

    def matching_scores(
        self,
        text: str,
        *,
        before: datetime | None = None,
        limit: int = 500,
        kinds: Collection[str] | None = None,
    ) -> list[tuple[str, float]]:
        """(id, score) of :meth:`matching_documents`' matches, with nothing else read: for
        the expert finder, which asks one question after another."""
        from .topics import run_matching_scores

        return run_matching_scores(self, text, before=before, limit=limit, kinds=kinds)

    def extraction_status(self, item_id: str) -> tuple[str, str] | None:
        """(status, message) of a document's text extraction; None if not extracted yet."""
        found = self.texts.status_of(item_id)
        return (found.status, found.message) if found else None

    def close(self) -> None:
        """Stop a running update (what it committed stays valid) and release the files."""
        self._stopping.set()
        with self._write_lock, self._open_lock:
            self._closed = True
            if self._current is not None:
                self._current.close()
                self._current.ix.close()
                self._current = None


class _Stopped(Exception):
    """The index is closing: a running update gives up (what it committed stays valid)."""


class _Writer:
    """A Whoosh writer opened on first use, with the commit that makes purges complete."""

    def __init__(
        self,
        target: OpenIndex,
        fresh_index: bool,
        builders: parallel.SegmentBuilders | None = None,
    ) -> None:
        self.target = target
        self.fresh_index = fresh_index
        # a fresh index's documents go to worker processes in runs of COMMIT_EVERY, each
        # run a segment; the commit lists the segments, in order (see .parallel)
        self.builders = builders if fresh_index else None
        self.run: list[dict[str, Any]] = []
        self.writer: Any = None
        self.pending = 0
        self.purged = False
        self.put_ids: set[str] = set()  # documents added since this pass began
        # documents the last commit does not have (see note_absent)
        self.absent: set[str] = set()

    def _open(self) -> Any:
        if self.writer is None:
            from .bulk import FastSegmentWriter

            # COMMIT_EVERY bounds the memory its in-memory postings take
            self.writer = FastSegmentWriter(self.target.ix)
        return self.writer

    def delete(self, doc_id: str, *, purge: bool = False) -> None:
        self._delete(self._open(), doc_id)
        self.purged = self.purged or purge

    def _delete(self, writer: Any, doc_id: str) -> None:
        """Mark a document's committed copies deleted (those added by this writer stay).

        Whoosh's ``delete_by_term`` opens a reader of every segment for each writer,
        the most part of a one-change catch-up; a searcher of the same commit from the
        pool answers instead when its segments are the writer's, in the same order.
        """
        if doc_id in self.absent:
            return  # not in the last commit: nothing to mark
        found = self.target.docnums_of(writer.segments, "id", doc_id)
        if found is None:
            writer.delete_by_term("id", doc_id)
            return
        for docnum in found:
            writer.delete_document(docnum)

    def note_absent(self, doc_ids: list[str]) -> None:
        """Look up at once which of the documents about to be put the last commit does not
        have: those need no delete, which on a first sync (every row new, the index
        growing a batch at a time) was one query per row against every segment."""
        writer = self._open()
        found = self.target.absent_terms(writer.segments, "id", doc_ids)
        self.absent = found if found is not None else set()

    def put(self, document: dict[str, Any]) -> None:
        if self.builders is not None:
            self.run.append(document)
            self.put_ids.add(str(document["id"]))
            if len(self.run) >= COMMIT_EVERY:
                self.builders.build(self.run)
                self.run = []
            return
        writer = self._open()
        if not self.fresh_index:
            self._delete(writer, document["id"])
        writer.add_document(**document)
        self.put_ids.add(str(document["id"]))
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        builders = self.builders
        if builders is not None:
            if self.run:
                builders.build(self.run)
                self.run = []
            segments = builders.segments()
            builders.close()
            self.builders = None
            if segments:
                self._open().adopt_segments(segments)
        if self.writer is None:
            return
        from .purging import rewrite_segments_with_deletions

        # after a purge, segments still holding the deleted documents' words are rewritten
        # so nothing of them stays on disk (a plain delete only marks them)
        self.writer.commit(mergetype=rewrite_segments_with_deletions if self.purged else None)
        self.writer = None
        self.pending = 0
        self.purged = False
        self.absent = set()
        self.target.committed()

    def cancel(self) -> None:
        if self.builders is not None:
            self.builders.close()
            self.builders = None
        if self.writer is not None:
            self.writer.cancel()
            self.writer = None
