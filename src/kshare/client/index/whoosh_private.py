"""Every use kshare makes of Whoosh's private names, in one module.

The decision
------------
kshare's search runs on ``whoosh-reloaded``, pinned to exactly **2.7.5** in
``pyproject.toml``. The project is no longer maintained: nothing upstream will change
these internals, and nothing will fix them either. kshare reads a few of them because
Whoosh's public API walks postings one document at a time in Python, which was most of
the time of indexing and of searching a large cache (see :mod:`.bulk` and
:mod:`.postings`). Reading the W3 codec's blocks and columns directly gives the same
numbers many times faster.

That trade is kept safe by three rules:

* No other kshare module touches a private Whoosh name; each one used is wrapped below,
  with what it is for (``tests/unit/index/test_whoosh_private.py`` greps for strays).
* For each wrapper, that test holds its result equal to what stock Whoosh gives through
  its public API on a real index, so a different Whoosh fails there first, by name.
* :data:`PINNED` is the version these were checked against; the same test compares it
  with the installed Whoosh. Moving the pin means re-running those tests, and fixing
  here, and only here, whatever they find.

Where a wrapper can tell that the internals are not there (another codec), it says so
(None, False) and the caller takes the public, slower path.

The private names, by where they live in Whoosh 2.7.5:

``whoosh.codec.whoosh3``
    ``_lenfield`` (the per-document length column's name), ``W3FieldWriter._postwriter``;
    ``W3PostingsWriter._blocklimit``, ``_write_block``, ``_ids``, ``_weights``,
    ``_values``, ``_maxweight``, ``_minlength``, ``_maxlength`` (a posting block);
    ``W3LeafMatcher._read_ids``, ``_read_weights``, ``_read_values``, ``_read_data``,
    ``_next_block``, ``_ids``, ``_weights``, ``_values``, ``_data``, ``_byteids`` (reading
    a block), ``_postfile``, ``_dataoffset``, ``_nextoffset``, ``_compression``,
    ``_blocklength``, ``_maxid`` (a block's bytes and what its header says); ``W3PerDocReader``
    ``._get_column_file`` and ``._cached_reader`` (a column read whole).
``whoosh.reading``
    ``SegmentReader._perdoc`` (a segment's per-document reader).
``whoosh.matching``
    ``FilterMatcher._ids`` (the deleted documents a segment's matcher skips);
    ``ListMatcher._ids`` and ``_i`` (the state :class:`ScoredList` builds on).
``whoosh.scoring``
    ``BM25F._field_B`` (per-field ``B`` parameters).
``whoosh.writing``
    ``SegmentWriter._check_state``, ``_check_fields``, ``_added``, the
    ``_flush_segment`` step that :class:`SegmentWriterHooks` lets a subclass replace,
    ``_finalize_segment`` (a segment written without a commit) and ``_merge_segments``
    (the segments a commit lists, where segments written elsewhere join them).
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterator
from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PostingsWriter, _lenfield
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.writing import SegmentWriter

__all__ = [
    "LENGTHS_COLUMN",
    "PINNED",
    "PRIVATE_NAMES",
    "ScoredList",
    "SegmentWriterHooks",
    "W3PostingsWriter",
    "column_bytes",
    "column_values",
    "deleted_and_live",
    "field_b",
    "fill_blocks",
    "length_column",
    "per_document_reader",
    "posting_blocks",
    "postings_writer",
    "reads_blocks",
]

PINNED = (2, 7, 5)

# Every private Whoosh name used here; nothing else in kshare may name one of them.
PRIVATE_NAMES = frozenset(
    {
        "_lenfield",
        "_postwriter",
        "_blocklimit",
        "_write_block",
        "_ids",
        "_weights",
        "_values",
        "_maxweight",
        "_minlength",
        "_maxlength",
        "_read_ids",
        "_read_weights",
        "_read_values",
        "_read_data",
        "_data",
        "_byteids",
        "_next_block",
        "_postfile",
        "_dataoffset",
        "_nextoffset",
        "_compression",
        "_blocklength",
        "_maxid",
        "_get_column_file",
        "_cached_reader",
        "_perdoc",
        "_field_B",
        "_check_state",
        "_check_fields",
        "_added",
        "_flush_segment",
        "_finalize_segment",
        "_merge_segments",
        "_i",
    }
)

_BLOCK_API = (
    *("_read_ids", "_read_weights", "_read_values", "_read_data", "_next_block"),
    *("_ids", "_values", "_data", "_byteids"),
    *("_postfile", "_dataoffset", "_nextoffset", "_compression", "_blocklength", "_maxid"),
)
# where a block's pickled values begin: each non-empty bytes value is pickled (protocol 2)
# as a call of one of these; an empty one as a call of the other
_VALUE_STARTS = (b"c_codecs\nencode\n", b"c__builtin__\nbytes\n")
_MARK = ord("(")
# a block's docnum deltas and weights come first: at most 5 bytes a docnum and 9 a weight
# in the pickle, with a few bytes of framing; what follows (the values) is not inflated
_HEAD_BYTES_PER_POSTING = 14
_HEAD_FRAMING = 64


# --- columns ----------------------------------------------------------------------------


def length_column(fieldname: str) -> str:
    """The name of the column holding each document's length in ``fieldname``.

    ``_lenfield``: the W3 codec keeps field lengths (one byte a document) in a column named
    after the field; kshare reads the whole column at once instead of asking
    ``reader.doc_field_length`` once per document.
    """
    name: str = _lenfield(fieldname)
    return name


def per_document_reader(reader: Any) -> Any | None:
    """A one-segment reader's per-document reader (``SegmentReader._perdoc``); None when
    the reader is not a segment reader."""
    return getattr(reader, "_perdoc", None)


def column_bytes(perdoc: Any, column: str) -> bytes | None:
    """A fixed one-byte-a-document column's file, whole (``_get_column_file``); None when
    the file cannot be read that way."""
    try:
        colfile, offset, length = perdoc._get_column_file(column)
        try:
            return bytes(colfile.get(offset, length))
        finally:
            colfile.close()
    except (AttributeError, OSError):
        return None


def column_values(perdoc: Any, column: str, coltype: Any) -> Any:
    """A column's values through the codec's own cached reader (``_cached_reader``)."""
    return perdoc._cached_reader(column, coltype)


# --- scoring ----------------------------------------------------------------------------


def field_b(weighting: Any, fieldname: str) -> float:
    """BM25F's ``B`` for ``fieldname``: its per-field value (``BM25F._field_B``) or the
    default; what :class:`whoosh.scoring.BM25FScorer` is built with."""
    b: float = weighting._field_B.get(fieldname, weighting.B)
    return b


# --- reading postings -------------------------------------------------------------------


def deleted_and_live(matcher: Any) -> tuple[frozenset[int], Any]:
    """(documents deleted in the segment, the matcher over all its postings).

    A segment with deletions wraps its matcher in a ``FilterMatcher`` excluding them
    (``FilterMatcher._ids``); kshare reads the inner matcher block by block and drops the
    deleted documents itself.
    """
    if isinstance(matcher, FilterMatcher):
        return frozenset(matcher._ids), matcher.child
    return frozenset(), matcher


def reads_blocks(matcher: Any) -> bool:
    """Whether ``matcher`` is a W3 leaf matcher that :func:`posting_blocks` can read."""
    return all(hasattr(matcher, name) for name in _BLOCK_API)


def posting_blocks(
    matcher: Any, *, values: bool = True
) -> Iterator[tuple[list[int], list[float], list[Any]]]:
    """Each block of a W3 leaf matcher: (docnums, weights, values; [] unless ``values``).

    ``_read_data`` loads the current block's tuple of delta-coded docnums, weights and
    values into ``_data``; the docnums are summed up here in C (``_read_ids`` does it
    with a generator, a Python step per posting), the weights read as ``_read_weights``
    reads them (None: every weight 1.0; one float: all the same), the values through
    ``_read_values``; ``_next_block`` moves on. The same postings as ``id()``,
    ``weight()``, ``value()`` and ``next()`` give one at a time.
    """
    if matcher._byteids:  # term vectors: not a posting list
        yield from _posting_blocks_stepped(matcher, values=values)
        return
    while matcher.is_active():
        if values or matcher._data is not None:
            if matcher._data is None:
                matcher._read_data()
            deltas, raw_weights, _raw_values = matcher._data
        else:
            deltas, raw_weights = _block_head(matcher)
        ids = list(accumulate(deltas))
        if raw_weights is None:
            weights = [1.0] * len(ids)
        elif isinstance(raw_weights, float):
            weights = [raw_weights] * len(ids)
        else:
            weights = list(raw_weights)
        block_values: list[Any] = []
        if values:
            matcher._read_values()
            block_values = list(matcher._values)
        yield ids, weights, block_values
        matcher._next_block()


def _block_head(matcher: Any) -> tuple[tuple[int, ...], Any]:
    """The current block's docnum deltas and raw weights, its values left unread.

    What ``_read_data`` loads, less the values: the block's bytes (``_postfile`` from
    ``_dataoffset`` to ``_nextoffset``) hold a pickled tuple (deltas, weights, values),
    zlib-compressed when ``_compression`` says so. The values (one pickled bytes object a
    posting, positions in the text fields) are most of the bytes and most of the time
    to unpickle; here only the part before them is inflated, and unpickled with the
    values replaced by None. The result is checked against the block's header (the
    number of postings, ``_blocklength``, and its last docnum, ``_maxid``); anything
    unexpected reads the whole block as ``_read_data`` does.
    """
    count = matcher._blocklength
    raw = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
    inflater = None
    if matcher._compression:
        inflater = zlib.decompressobj()
        data = inflater.decompress(raw, _HEAD_BYTES_PER_POSTING * count + _HEAD_FRAMING)
    else:
        data = bytes(raw)
    starts = [at for at in (data.find(mark) for mark in _VALUE_STARTS) if at > 0]
    if starts:
        at = min(starts)
        # a tuple of more than three values opens with a mark; the byte before may also
        # end a weight or a memo index, so both cuts are tried, each checked
        for cut in (at - 1, at) if data[at - 1] == _MARK else (at,):
            head = _checked_head(data[:cut], count, matcher._maxid)
            if head is not None:
                return head
    if inflater is not None and not inflater.eof:
        data += inflater.decompress(inflater.unconsumed_tail) + inflater.flush()
    deltas, raw_weights, _values = loads(data)
    return deltas, raw_weights


def _checked_head(prefix: bytes, count: int, last: int) -> tuple[tuple[int, ...], Any] | None:
    """The (deltas, weights) a block's pickle begins with, or None if ``prefix`` does not
    end where its values begin."""
    try:
        # push None for the values, make the three-tuple (TUPLE3), stop
        found = loads(prefix + b"N\x87.")
    except Exception:
        return None
    if not (isinstance(found, tuple) and len(found) == 3 and found[2] is None):
        return None
    deltas, raw_weights, _ = found
    if not (isinstance(deltas, tuple) and len(deltas) == count and sum(deltas) == last):
        return None
    if raw_weights is None or isinstance(raw_weights, float):
        return deltas, raw_weights
    if isinstance(raw_weights, tuple) and len(raw_weights) == count:
        return deltas, raw_weights
    return None


def _posting_blocks_stepped(
    matcher: Any, *, values: bool
) -> Iterator[tuple[list[int], list[float], list[Any]]]:
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids = list(matcher._ids)
        weights = list(matcher._weights)
        block_values: list[Any] = []
        if values:
            matcher._read_values()
            block_values = list(matcher._values)
        yield ids, weights, block_values
        matcher._next_block()


# --- a matcher with finished scores ------------------------------------------------------


class ScoredList(ListMatcher):  # type: ignore[misc]
    """Documents with final scores, as one block whose quality is its best score.

    Built on ``ListMatcher``, whose state it reads: ``_ids`` (the documents) and ``_i``
    (the current one). Used by :mod:`.postings`, :mod:`.words`, :mod:`.phrases`.
    """

    _i: int
    _ids: list[int]

    def __init__(self, ids: list[int], scores: list[float], position: int = 0) -> None:
        super().__init__(ids, weights=scores, position=position)
        self._scores = scores
        self._best = max(scores)

    def copy(self) -> ScoredList:
        return ScoredList(self._ids, self._scores, self._i)

    def supports_block_quality(self) -> bool:
        return True

    def max_quality(self) -> float:
        return self._best

    def block_quality(self) -> float:
        return self._best

    def block_max_weight(self) -> float:
        return self._best

    def score(self) -> float:
        return self._scores[self._i]

    def __len__(self) -> int:
        """How many documents it holds in all (wherever it stands now)."""
        return len(self._ids)

    def ids_and_scores(self) -> tuple[list[int], list[float]]:
        """The documents from the current one on, with their scores."""
        if self._i == 0:
            return list(self._ids), list(self._scores)
        return list(self._ids[self._i :]), list(self._scores[self._i :])

    def skip_to_quality(self, minquality: float) -> int:
        if self._i < len(self._ids) and self._best <= minquality:
            self._i = len(self._ids)  # one block, and nothing in it can reach the minimum
            return 1
        return 0


# --- writing postings -------------------------------------------------------------------


def postings_writer(fieldwriter: Any) -> Any:
    """The postings writer of a field writer (``W3FieldWriter._postwriter``)."""
    return fieldwriter._postwriter


def fill_blocks(
    postings: Any,
    docs: array[int],
    weights: array[float],
    values: list[bytes],
    lengths: list[int | None] | None,
) -> None:
    """What calling ``add_posting`` once per posting leaves behind, a block at a time.

    Whoosh writes a block when it holds ``blocklimit`` postings and another posting
    comes, and leaves the last block for ``finish_postings``; so does this. The
    postings are in document order; like ``add_posting``, a block keeps only the
    non-empty values. ``postings`` must be a ``W3PostingsWriter`` in a term.
    """
    size = postings._blocklimit
    count = len(docs)
    for start in range(0, count, size):
        if start:
            postings._write_block()
        end = min(start + size, count)
        postings._ids = docs[start:end]
        block_weights = weights[start:end]
        postings._weights = block_weights
        block_values = values[start:end]
        postings._values = block_values if all(block_values) else [v for v in block_values if v]
        postings._maxweight = max(0, max(block_weights))
        if lengths is not None:
            present = [n for n in map(lengths.__getitem__, postings._ids) if n]
            if present:
                postings._minlength = min(present)
                postings._maxlength = max(present)


class SegmentWriterHooks(SegmentWriter):  # type: ignore[misc]
    """``SegmentWriter`` with its private steps under public names, for a subclass that
    adds documents its own way (:class:`.bulk.FastSegmentWriter`)."""

    def check_state(self) -> None:
        """Refuse to add to a closed writer (``_check_state``)."""
        self._check_state()

    def check_fields(self, schema: Any, names: list[str]) -> None:
        """Refuse field names the schema does not have (``_check_fields``)."""
        self._check_fields(schema, names)

    def mark_added(self) -> None:
        """Record that a document was added, so the commit writes a segment (``_added``)."""
        self._added = True

    _adopted: tuple[Any, ...] = ()

    def flush_segment(self) -> None:
        """Write the segment's files; what ``_flush_segment`` does, unless overridden."""
        super()._flush_segment()

    def _flush_segment(self) -> None:
        self.flush_segment()

    def finish_segment(self) -> Any:
        """Write this writer's segment (``_finalize_segment``) and return it, committing
        nothing: for a writer opened without the lock, whose segment another writer's
        commit lists (:meth:`adopt_segments`)."""
        return self._finalize_segment()

    def adopt_segments(self, segments: list[Any]) -> None:
        """Let the commit list ``segments`` (written by :meth:`finish_segment` elsewhere)
        after the index's own, in order, and before the one this writer adds."""
        self._adopted = (*self._adopted, *segments)

    def _merge_segments(self, mergetype: Any, optimize: Any, merge: Any) -> list[Any]:
        kept: list[Any] = super()._merge_segments(mergetype, optimize, merge)
        return [*kept, *self._adopted]
