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
    ``_values``, ``_maxweight``, ``_minlength``, ``_maxlength`` (a posting block),
    ``_postfile``, ``_compression``, ``_inlinelimit``, ``_byteids`` (how it writes);
    ``W3FieldWriter._fieldid``, ``_format``, ``_tindex`` (a term's entry);
    ``W3PerDocWriter._colwriters`` and ``PickleColumn.Writer._child`` (stored fields).
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
from collections.abc import Callable, Iterator
from itertools import accumulate
from operator import sub
from pickle import dumps, loads
from typing import Any

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3PostingsWriter,
    W3TermInfo,
    _lenfield,
)
from whoosh.columns import CompressedBytesColumn, PickleColumn, VarBytesColumn
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte
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
    "deflate_stored",
    "deleted_and_live",
    "field_b",
    "fill_blocks",
    "length_column",
    "per_document_reader",
    "posting_blocks",
    "postings_writer",
    "reads_blocks",
    "stored_fields_adder",
    "write_term",
    "writes_terms",
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
        "_inlinelimit",
        "_fieldid",
        "_format",
        "_tindex",
        "_colwriters",
        "_child",
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


def deflate_stored(data: bytes) -> bytes:
    """``data`` as a zlib stream of one stored (not compressed) deflate block, which
    ``zlib.decompress`` reads back as ``data``: for values too short to gain from
    compression (a document's stored fields), with no compressor set up at all."""
    if len(data) > 0xFFFF:
        return zlib.compress(data, 3)
    size = len(data)
    return b"".join(
        (
            b"\x78\x01",  # zlib header: deflate, 32 KB window, no dictionary
            b"\x01",  # the final block, stored
            size.to_bytes(2, "little"),
            (size ^ 0xFFFF).to_bytes(2, "little"),
            data,
            zlib.adler32(data).to_bytes(4, "big"),
        )
    )


def stored_fields_adder(perdoc: Any) -> Callable[[int, dict[str, Any]], None] | None:
    """A function writing a document's stored fields where ``finish_doc`` writes them,
    with the value :func:`deflate_stored` makes of the pickle (Whoosh compresses each
    one, setting up a compressor per document for a few dozen bytes); None when the per-document
    writer's stored column (``_colwriters``) is not the pickled, compressed one of the
    W3 codec whose values its reader inflates (``_child``)."""
    writer = getattr(perdoc, "_colwriters", {}).get("_stored")
    child = getattr(writer, "_child", None)
    if type(writer) is not PickleColumn.Writer or type(child) is not CompressedBytesColumn.Writer:
        return None
    add = VarBytesColumn.Writer.add

    def store(docnum: int, fields: dict[str, Any]) -> None:
        add(child, docnum, deflate_stored(dumps(fields, 2)))

    return store


# A block whose pickle is shorter than this is written uncompressed (its compression
# level 0 in the block's header, which readers go by): deflating a few dozen bytes saves
# nothing (measured over a whole index: the postings file is as large either way), and
# each call set up a compressor, a sixth of all indexing time. Whoosh meant to do the
# same below 20 bytes; a slip in its ``_write_block`` compresses every block.
SMALL_BLOCK = 128


class _BlockStats:
    """What ``W3TermInfo.add_block`` reads of a block (the methods ``W3PostingsWriter``
    has for it)."""

    __slots__ = ("_ids", "_maxlength", "_maxweight", "_minlength", "_weights")

    def __init__(self, ids: Any, weights: Any, minlength: Any, maxlength: Any, top: Any) -> None:
        self._ids = ids
        self._weights = weights
        self._minlength = minlength
        self._maxlength = maxlength
        self._maxweight = top

    def __len__(self) -> int:
        return len(self._ids)

    def min_id(self) -> int:
        return int(self._ids[0])

    def max_id(self) -> int:
        return int(self._ids[-1])

    def min_length(self) -> Any:
        return self._minlength

    def max_length(self) -> Any:
        return self._maxlength

    def max_weight(self) -> Any:
        return self._maxweight


def writes_terms(fieldwriter: Any) -> bool:
    """Whether :func:`write_term` can write the current field's terms: a W3 field writer
    whose postings writer writes document numbers and inlines no posting list."""
    postings: Any = getattr(fieldwriter, "_postwriter", None)
    return (
        type(postings) is W3PostingsWriter
        and not postings._byteids
        and postings._inlinelimit <= 1
        and all(hasattr(fieldwriter, name) for name in ("_fieldid", "_format", "_tindex"))
    )


def write_term(
    fieldwriter: Any,
    btext: bytes,
    docs: array[int],
    weights: array[float],
    values: list[bytes],
    lengths: list[int | None] | None,
    *,
    compress_from: int = SMALL_BLOCK,
) -> None:
    """What ``start_term``, ``add_posting`` once per posting and ``finish_term`` write for
    one term of the current field, block by block, in one step.

    The postings are in document order. ``W3PostingsWriter`` writes a block when it holds
    ``_blocklimit`` postings and another comes, and the rest at the end; each block is
    the header Whoosh writes (postings, last id, top weight, compression, length bytes)
    and the pickled tuple of delta-coded ids, weights and the non-empty values, deflated
    when the pickle is ``compress_from`` bytes or more (0: always, as Whoosh does;
    byte for byte what its writer writes). The term's entry (``W3TermInfo``, filled
    from the blocks as Whoosh fills it) goes into the term table (``_tindex``) under
    the field's number (``_fieldid``). Only where :func:`writes_terms` says so.
    """
    postings = fieldwriter._postwriter
    postfile = postings._postfile
    size = postings._blocklimit
    level = postings._compression
    fixed = fieldwriter._format.fixed_value_size()
    terminfo = W3TermInfo()
    start_offset = postfile.tell()
    parts = [WHOOSH3_HEADER_MAGIC]
    count = len(docs)
    for start in range(0, count, size):
        end = min(start + size, count)
        ids = docs[start:end].tolist()
        block_weights = weights[start:end]
        block_values = [v for v in values[start:end] if v]
        n = len(ids)
        first = block_weights[0]
        if block_weights.count(1.0) == n:
            mini_weights: Any = None
        elif block_weights.count(first) == n:
            mini_weights = first
        else:
            mini_weights = tuple(block_weights)
        if fixed is None or fixed < 0:
            mini_values: Any = tuple(block_values)
        elif fixed == 0:
            mini_values = None
        else:
            mini_values = b"".join(block_values)
        minlength: int | None = None
        maxlength = 0
        if lengths is not None:
            present = [m for m in map(lengths.__getitem__, ids) if m]
            if present:
                minlength = min(present)
                maxlength = max(present)
        top = max(0, max(block_weights))
        terminfo.add_block(_BlockStats(ids, block_weights, minlength, maxlength, top))
        deltas = (ids[0],) if n == 1 else (ids[0], *map(sub, ids[1:], ids[:-1]))
        data = dumps((deltas, mini_weights, mini_values), 2)
        comp = level if len(data) >= compress_from else 0
        if comp:
            data = zlib.compress(data, comp)
        head = dumps(
            (n, ids[-1], top, comp, length_to_byte(minlength), length_to_byte(maxlength)), 2
        )
        blocklength = len(head) + len(data)
        parts += (pack_int(-blocklength if end == count else blocklength), head, data)
    written = b"".join(parts)
    postfile.write(written)
    terminfo.set_extent(start_offset, len(written))
    fieldwriter._tindex.add(pack_ushort(fieldwriter._fieldid) + btext, terminfo.to_bytes())


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
