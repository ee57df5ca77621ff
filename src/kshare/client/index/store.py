"""The Whoosh files on disk: the current generation, what it has applied, searchers for readers.

The index folder holds ``state.json`` (schema version, cache identity, last
``local_seq`` applied, the current generation), one ``whoosh-<n>`` folder per
generation, and ``texts/`` (extracted document text). A rebuild writes a new
generation beside the current one, so searches go on while it runs, and
switches over by rewriting ``state.json`` atomically.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from .kept import Kept, segment_key
from .schema import FACET_COLUMNS, SCHEMA_VERSION

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reading:
    """A borrowed searcher and the commit it reads."""

    searcher: Any
    version: int
    index: OpenIndex

    def columns(self) -> dict[str, list[Any]]:
        return self.index.columns(self)


@dataclass
class IndexState:
    schema: int = 0
    cache_id: str = ""
    local_seq: int = 0
    generation: int = 0
    # document id -> SHA-256 of its file, for documents indexed before their file arrived
    awaiting_blobs: dict[str, str] = field(default_factory=dict)


def load_state(path: Path) -> IndexState | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return IndexState(
            schema=int(raw["schema"]),
            cache_id=str(raw["cache_id"]),
            local_seq=int(raw["local_seq"]),
            generation=int(raw["generation"]),
            awaiting_blobs=_awaiting(raw.get("awaiting_blobs")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("index state %s unreadable, the index will be rebuilt: %s", path, exc)
        return None


def _awaiting(raw: Any) -> dict[str, str]:
    if isinstance(raw, list):  # written before the SHA was kept: "" has it looked up once
        return {str(i): "" for i in raw}
    return {str(k): str(v) for k, v in (raw or {}).items()}


def save_state(path: Path, state: IndexState) -> None:
    partial = path.with_suffix(".part")
    partial.write_text(json.dumps(asdict(state)), encoding="utf-8")
    os.replace(partial, path)  # atomic: a crash leaves the old or the new state, never half


class OpenIndex:
    """One generation's Whoosh index, with a pool of searchers that readers borrow.

    Whoosh searchers read files through shared handles, so a searcher is used by
    one thread at a time; the pool hands each reader its own and drops the ones
    older than the last commit.
    """

    def __init__(self, folder: Path, ix: Any) -> None:
        self.folder = folder
        self.ix = ix
        self._lock = threading.Lock()
        self._version = 0
        self._pool: list[tuple[int, Any]] = []
        self._columns: dict[int, dict[str, list[Any]]] = {}
        self._columns_lock = threading.Lock()
        self._memos: dict[int, dict[Any, Any]] = {}

    @classmethod
    def create(cls, folder: Path) -> OpenIndex:
        from whoosh import index

        from .schema import build_schema

        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        return cls(folder, index.create_in(str(folder), build_schema()))

    @classmethod
    def open(cls, folder: Path) -> OpenIndex:
        """Open and check an existing generation; raises if it is missing or damaged."""
        from whoosh import index

        ix = index.open_dir(str(folder))
        opened = cls(folder, ix)
        opened.check()
        return opened

    def check(self) -> None:
        """Touch every segment's files so damage shows now, not in the middle of a search."""
        with self.searcher() as reading:
            reader = reading.searcher.reader()
            for fieldname in ("title", "body"):
                for count, _term in enumerate(reader.lexicon(fieldname)):
                    if count >= 3:
                        break
            for name in ("kind", "created"):
                column = reader.column_reader(name)
                if reader.doc_count_all():
                    column[reader.doc_count_all() - 1]
            for docnum in range(min(reader.doc_count_all(), 3)):
                reader.stored_fields(docnum)

    def committed(self) -> None:
        """A writer committed: searchers handed out from now on see the new documents.

        One idle searcher is carried over to the new commit, keeping the readers of
        the segments the commit left as they were: opening every segment again cost
        the next search (and the warm-up after a sync) more than the catch-up itself.
        """
        with self._lock:
            self._version += 1
            version = self._version
            stale, self._pool = self._pool, []
        renewed = None
        if stale:
            try:
                renewed = _renewed(self.ix, stale.pop()[1])
            except Exception as exc:  # the next search opens a searcher of its own
                log.info("could not carry a searcher over to the new commit: %r", exc)
        for _version, searcher in stale:
            searcher.close()
        if renewed is not None:
            with self._lock:
                if version == self._version and len(self._pool) < 8:
                    self._pool.append((version, renewed))
                    renewed = None
            if renewed is not None:
                renewed.close()

    @contextmanager
    def searcher(self) -> Iterator[Reading]:
        with self._lock:
            version = self._version
            searcher = self._pool.pop()[1] if self._pool else None
        if searcher is None:
            searcher = self.ix.searcher()
        try:
            yield Reading(searcher, version, self)
        finally:
            with self._lock:
                if version == self._version and len(self._pool) < 8:
                    self._pool.append((version, searcher))
                    searcher = None
            if searcher is not None:
                searcher.close()

    def docnums_of(self, segments: list[Any], fieldname: str, text: str) -> list[int] | None:
        """Documents with this term in the last commit, numbered over ``segments``.

        None when the last commit's segments are not ``segments`` (the caller then
        asks Whoosh, which opens a reader of its own).
        """
        from whoosh.query import Term

        with self.searcher() as reading:
            reader = reading.searcher.reader()
            leaves = [r for r, _offset in reader.leaf_readers()] if reader.doc_count_all() else []
            mine = [(str(s.segment_id()), int(s.doc_count_all())) for s in segments]
            if [segment_key(r) for r in leaves] != mine:
                return None
            if not mine:
                return []
            query = Term(fieldname, text)
            return list(reading.searcher.docs_for_query(query, for_deletion=True))

    def absent_terms(
        self, segments: list[Any], fieldname: str, texts: list[str]
    ) -> set[str] | None:
        """Which of ``texts`` no document of the last commit has in ``fieldname``: what
        :meth:`docnums_of` would find nothing for, looked up in one go (one term-table
        look-up each, not a query each). None when the last commit's segments are not
        ``segments``."""
        with self.searcher() as reading:
            reader = reading.searcher.reader()
            leaves = [r for r, _offset in reader.leaf_readers()] if reader.doc_count_all() else []
            mine = [(str(s.segment_id()), int(s.doc_count_all())) for s in segments]
            if [segment_key(r) for r in leaves] != mine:
                return None
            if not leaves:
                return set(texts)
            field = reading.searcher.schema[fieldname]
            absent = set()
            for text in texts:
                try:
                    key = (fieldname, field.to_bytes(text))
                except ValueError:
                    continue  # not a term of the field: the query decides, as ever
                if not any(key in leaf for leaf in leaves):
                    absent.add(text)
            return absent

    def columns(self, reading: Reading) -> dict[str, list[Any]]:
        """Per-document values for facets and ranking, loaded once per commit.

        They are indexed by document number, so they must come from the same
        commit as the searcher that found the documents.
        """
        with self._columns_lock:
            cached = self._columns.get(reading.version)
            if cached is not None:
                return cached
            loaded: dict[str, list[Any]] = {name: [] for name in FACET_COLUMNS}
            # segment by segment, in document-number order; a segment's values never change
            # (deleting a document only marks it), so after a commit only new segments are read
            for sub, _offset in reading.searcher.leaf_searchers():
                values = _segment_columns(sub.reader())
                for name in FACET_COLUMNS:
                    loaded[name].extend(values[name])
            self._columns = {reading.version: loaded}  # older commits' readers are gone
            return loaded

    def per_segment(
        self,
        reading: Reading,
        key: Any,
        compute: Callable[[dict[str, list[Any]]], list[Any]],
    ) -> list[Any]:
        """A value per document worked out segment by segment from the segment's columns.

        Each segment's part is kept for as long as the segment lives (its columns never
        change), so after a commit only the new segments are worked out; the parts are
        joined once per commit, in document-number order.
        """

        def joined() -> list[Any]:
            parts = self.segment_parts(reading, key, compute)
            return list(chain.from_iterable(part or [] for part in parts))

        return self.memo(reading, ("per segment", key), joined)  # type: ignore[no-any-return]

    def segment_parts(
        self,
        reading: Reading,
        key: Any,
        compute: Callable[[dict[str, list[Any]]], Any],
    ) -> list[Any]:
        """What ``compute`` makes of each segment's columns, one part a segment in order.

        As :meth:`per_segment`, but the parts are handed back as they are (arrays, say)
        for the caller to join; each part is kept for as long as its segment lives.
        """
        parts: list[Any] = []
        for sub, _offset in reading.searcher.leaf_searchers():
            reader = sub.reader()
            segment = segment_key(reader)
            columns = _segment_columns(reader)
            if segment is None:
                parts.append(compute(columns))
            else:
                work = functools.partial(compute, columns)
                parts.append(_SEGMENT_VALUES.get((*segment, key), work))
        return parts

    def memo(self, reading: Reading, key: Any, compute: Callable[[], Any]) -> Any:
        """A value derived from one commit's columns, kept until the next commit (a few dozen)."""
        with self._columns_lock:
            memos = self._memos.get(reading.version)
            if memos is None:
                memos = {}
                self._memos = {reading.version: memos}  # older commits' readers are gone
            if key in memos:
                return memos[key]
        value = compute()
        with self._columns_lock:
            memos = self._memos.setdefault(reading.version, {})
            if len(memos) >= 32:
                memos.clear()
            memos[key] = value
        return value

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, []
            self._version += 1
        for _version, searcher in pool:
            searcher.close()


def _renewed(ix: Any, searcher: Any) -> Any:
    """A searcher of the index's last commit, reusing ``searcher``'s unchanged segment readers.

    A segment reader is reused only when its segment has the same deleted documents
    (deletions only ever grow, so the same count means the same set): Whoosh's own
    ``refresh`` matches segments by id alone and would keep showing deleted documents.
    ``searcher`` must not be used afterwards.
    """
    from whoosh.reading import EmptyReader, MultiReader, SegmentReader
    from whoosh.searching import Searcher

    old: dict[tuple[str, int], Any] = {}
    reader = searcher.reader()
    leaves = [r for r, _offset in reader.leaf_readers()] if reader.doc_count_all() else []
    for leaf in leaves:
        segment = leaf.segment() if isinstance(leaf, SegmentReader) else None
        if segment is None:
            leaf.close()
            continue
        old[(str(segment.segment_id()), int(segment.deleted_count()))] = leaf
    toc = ix._read_toc()
    readers = []
    try:
        for segment in toc.segments:
            kept = old.pop((str(segment.segment_id()), int(segment.deleted_count())), None)
            if kept is None:
                kept = SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
            readers.append(kept)
    except BaseException:
        for opened in readers:
            opened.close()
        raise
    finally:
        for unused in old.values():
            unused.close()
    if not readers:
        fresh: Any = EmptyReader(toc.schema)
    elif len(readers) == 1:
        fresh = readers[0]
    else:
        fresh = MultiReader(readers, generation=toc.generation)
    return Searcher(fresh, fromindex=ix, weighting=searcher.weighting)


# segments; an index has a few dozen at most before merging
_SEGMENT_COLUMNS: Kept[tuple[str, int], dict[str, list[Any]]] = Kept(32)
# (segment, what): values derived from one segment's columns, a few kinds per segment
_SEGMENT_VALUES: Kept[tuple[Any, ...], list[Any]] = Kept(128)


def _segment_columns(reader: Any) -> dict[str, list[Any]]:
    """One segment's facet columns, read once for as long as the segment lives."""

    def read() -> dict[str, list[Any]]:
        if not reader.doc_count_all():  # an empty index's reader has no columns at all
            return {name: [] for name in FACET_COLUMNS}
        return {name: list(reader.column_reader(name)) for name in FACET_COLUMNS}

    key = segment_key(reader)
    if key is None:  # not a single segment: read it, do not keep it
        return read()
    return _SEGMENT_COLUMNS.get(key, read) or read()


def generation_folder(root: Path, generation: int) -> Path:
    return root / f"whoosh-{generation}"


def remove_other_generations(root: Path, keep: int) -> None:
    """Delete old generations (a finished rebuild's predecessor, a crashed rebuild's leftovers)."""
    for folder in root.glob("whoosh-*"):
        if folder.name != f"whoosh-{keep}" and folder.is_dir():
            try:
                shutil.rmtree(folder)
            except OSError as exc:  # Windows keeps open files; next start-up tries again
                log.info("cannot remove old index %s yet: %s", folder, exc)


def state_is_current(state: IndexState | None) -> bool:
    return state is not None and state.schema == SCHEMA_VERSION
