"""Whole posting lists read a block at a time, and matchers that carry finished scores.

Whoosh's matchers step through postings one document at a time in Python, with
several method calls per posting; for the few thousand postings of a word in a
big cache that is most of a search's time. These helpers read Whoosh's own
segment files (the W3 codec's blocks, the field-length columns) in bulk and
score with the same BM25F formula, so the queries in :mod:`.phrases` and
:mod:`.words` return what Whoosh would, only sooner. The codec's internal names
they need are in :mod:`.whoosh_private`; where those are missing they fall back
to the public, slower calls.
"""

from __future__ import annotations

from array import array
from itertools import accumulate
from pickle import loads
from typing import Any

import numpy as np
import numpy.typing as npt

from .kept import Kept, KeptBytes, segment_key
from .whoosh_private import (
    LENGTHS_COLUMN,
    ScoredList,
    column_bytes,
    column_values,
    deleted_and_live,
    field_b,
    length_column,
    per_document_reader,
    posting_blocks,
    reads_blocks,
)

_INT_SIZE = 4  # a position value starts with the frequency as an unsigned int

Docnums = npt.NDArray[np.intp]
Scores = npt.NDArray[np.float64]


class Postings:
    """One term's postings in one segment: parallel lists of docnums, weights and values."""

    __slots__ = ("ids", "values", "weights")

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.weights: list[float] = []
        self.values: list[Any] = []


def read_postings(reader: Any, fieldname: str, text: bytes, *, values: bool = True) -> Postings:
    """Every live posting of a term in an atomic (one-segment) reader, read block by block."""
    out = Postings()
    # a segment with deleted documents filters them out of its matcher
    deleted, matcher = deleted_and_live(reader.postings(fieldname, text))
    if reads_blocks(matcher):
        for ids, weights, block_values in posting_blocks(matcher, values=values):
            out.ids.extend(ids)
            out.weights.extend(weights)
            out.values.extend(block_values)
    else:  # another codec: the public, slower way
        while matcher.is_active():
            out.ids.append(matcher.id())
            out.weights.append(matcher.weight())
            if values:
                out.values.append(matcher.value())
            matcher.next()
    if deleted:
        keep = [i for i, docnum in enumerate(out.ids) if docnum not in deleted]
        out.ids = [out.ids[i] for i in keep]
        out.weights = [out.weights[i] for i in keep]
        if values:
            out.values = [out.values[i] for i in keep]
    return out


def positions(value: bytes) -> list[int]:
    """The positions in a Whoosh ``Positions`` value (frequency, then pickled deltas)."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(loads(value[_INT_SIZE:])))


# a segment's lengths, and their norms for one set of BM25 statistics, per field
_LENGTHS: Kept[tuple[str, int, str], Any] = Kept(64)


def field_lengths(reader: Any, fieldname: str) -> list[int] | None:
    """Each document's length in ``fieldname`` as BM25 sees it, for one segment (or None)."""
    segment = segment_key(reader)
    if segment is None:
        return None
    return _LENGTHS.get((*segment, fieldname), lambda: _read_lengths(reader, fieldname))


def _read_lengths(reader: Any, fieldname: str) -> list[int] | None:
    from whoosh.util.numeric import byte_to_length

    perdoc = per_document_reader(reader)
    lenfield = length_column(fieldname)
    if perdoc is None or not perdoc.has_column(lenfield):
        return None
    table = [byte_to_length(b) for b in range(256)]
    # one byte a document, nothing else: read the column file whole
    whole = column_bytes(perdoc, lenfield)
    raw = whole or b""
    count = reader.doc_count_all()
    if whole is not None and len(raw) < count and LENGTHS_COLUMN.default_value() == 0:
        # the file stops at the last document with a length; those after it (answers
        # and comments have no title) read as the default: a new process read a fifth
        # of a 100,000-item index's lengths value by value
        raw += bytes(count - len(raw))
    if len(raw) != count:  # another layout: the column reader, value by value
        raw = bytes(column_values(perdoc, lenfield, LENGTHS_COLUMN))
    return [table[b] for b in raw]


def _length_norms(
    reader: Any, fieldname: str, avgfl: float, b: float, k1: float
) -> array[float] | None:
    """BM25's length part, ``k1 * ((1 - b) + b * length / avgfl)``, for each document."""
    lengths = field_lengths(reader, fieldname)
    segment = segment_key(reader)
    if lengths is None or segment is None:
        return None
    key = (*segment, f"{fieldname} norms {avgfl!r} {b!r} {k1!r}")
    # an array of doubles: a fifth of the memory of a list of floats, as fast to index
    norms: array[float] | None = _LENGTHS.get(
        key, lambda: array("d", [k1 * ((1 - b) + b * length / avgfl) for length in lengths])
    )
    return norms


def warm_length_norms(searcher: Any, fields: tuple[str, ...] = ("title", "body", "tags")) -> None:
    """Work out each segment's BM25 length norms for the current average lengths, ahead of use."""
    from whoosh.scoring import BM25F

    weighting = searcher.weighting
    if type(weighting) is not BM25F:
        return
    for fieldname in fields:
        avgfl = searcher.avg_field_length(fieldname) or 1  # as BM25FScorer takes it
        b = field_b(weighting, fieldname)
        for sub, _offset in searcher.leaf_searchers():
            _length_norms(sub.reader(), fieldname, avgfl, b, weighting.K1)


def word_scores(
    searcher: Any, fieldname: str, text: bytes, ids: list[int], weights: list[float]
) -> list[float] | None:
    """BM25F scores of a term for the given documents and term weights (None: not BM25F).

    The expression of ``whoosh.scoring.bm25`` with its length part looked up: the
    same operations in the same order, so the scores agree with Whoosh's to the bit.
    """
    found = _scorer_terms(searcher, fieldname, text)
    if found is None:
        return None
    idf, k1, norms = found
    return [idf * ((w * (k1 + 1)) / (w + norms[d])) for d, w in zip(ids, weights, strict=True)]


def _scorer_terms(searcher: Any, fieldname: str, text: bytes) -> tuple[float, float, Any] | None:
    """(idf, k1, each document's length norm) of a term's BM25F scorer; None: not BM25F."""
    from whoosh.scoring import BM25F, BM25FScorer

    weighting = searcher.weighting
    if type(weighting) is BM25F:
        if not searcher.schema[fieldname].scorable:
            return None  # Whoosh scores such a field by weight alone
        # what BM25F.scorer would build the scorer with, without building it: the scorer
        # looks the term up once more (for its block quality, which is not used here)
        parent = searcher.get_parent()
        idf = parent.idf(fieldname, text)
        avgfl = parent.avg_field_length(fieldname) or 1
        b, k1 = field_b(weighting, fieldname), weighting.K1
    else:
        scorer = weighting.scorer(searcher, fieldname, text)
        if type(scorer) is not BM25FScorer:
            return None
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    norms = _length_norms(searcher.reader(), fieldname, avgfl, b, k1)
    if norms is None:
        return None
    return idf, k1, norms


def word_score_array(
    searcher: Any, fieldname: str, text: bytes, ids: Docnums, weights: Scores
) -> Scores | None:
    """:func:`word_scores` of arrays, in an array.

    The expression of ``whoosh.scoring.bm25`` with its length part looked up: the
    same operations in the same order, each on doubles as Python does them, so the
    scores agree with Whoosh's to the bit.
    """
    found = _scorer_terms(searcher, fieldname, text)
    if found is None:
        return None
    idf, k1, norms = found
    lengths = np.frombuffer(norms, dtype=np.float64)[ids]
    scores: Scores = idf * ((weights * (k1 + 1)) / (weights + lengths))
    return scores


# Filters (type:, group:, author:, tag:) come back query after query, and their few
# terms have long posting lists: their scored postings are kept per segment
KEPT_FIELDS = frozenset({"kind", "groups", "author", "tags"})
_SCORED: Kept[tuple[Any, ...], tuple[Docnums, Scores]] = Kept(48)


def term_scores(searcher: Any, fieldname: str, text: bytes, boost: float) -> ScoredList | None:
    """A term's postings in one segment, scored as Whoosh's BM25F would score them.

    None when Whoosh should answer instead (another weighting, an unscored field).
    """
    found = term_arrays(searcher, fieldname, text, boost)
    if found is None:
        return None
    return ScoredList(found[0].tolist(), found[1].tolist())


def term_arrays(
    searcher: Any, fieldname: str, text: bytes, boost: float
) -> tuple[Docnums, Scores] | None:
    """:func:`term_scores` as arrays: the documents in order, and their scores."""
    if fieldname not in KEPT_FIELDS:
        return _term_arrays(searcher, fieldname, text, boost)
    reader = searcher.reader()
    try:
        segment = reader.segment()
        # the scores follow the global statistics (idf, average length), which commits
        # change; deleted documents change the list (a purge rewrites the segment: a new id)
        key = (
            segment.segment_id(),
            segment.deleted_count(),
            fieldname,
            text,
            boost,
            searcher.get_parent().idf(fieldname, text),
            searcher.get_parent().avg_field_length(fieldname),
        )
    except AttributeError:
        return _term_arrays(searcher, fieldname, text, boost)
    return _SCORED.get(key, lambda: _term_arrays(searcher, fieldname, text, boost))


def _term_arrays(
    searcher: Any, fieldname: str, text: bytes, boost: float
) -> tuple[Docnums, Scores] | None:
    reader = searcher.reader()
    if not reader.is_atomic():
        return None
    found = posting_arrays(reader, fieldname, text)
    if found is None:
        return None
    ids, weights = found
    scores = word_score_array(searcher, fieldname, text, ids, weights)
    if scores is None:
        return None
    if boost != 1.0:
        scores = scores * boost
    # kept arrays are shared by every search that asks: nobody may change them
    ids.flags.writeable = False
    scores.flags.writeable = False
    return ids, scores


# A broad word's postings run to tens of thousands a segment, and unpickling them was
# most of the time of a search for it; searches come back to the same words (a query
# refined, a page turned, facets clicked), so each segment's decoded postings of a term
# are kept, in compact arrays, up to a bound in bytes. The scores are not kept: they
# follow the index-wide statistics, which every commit moves, and are cheap from these.
POSTINGS_BYTES = 32 * 1024 * 1024
_DECODED: KeptBytes[tuple[Any, ...], tuple[npt.NDArray[Any], npt.NDArray[Any]]] = KeptBytes(
    POSTINGS_BYTES, lambda found: int(found[0].nbytes + found[1].nbytes)
)


def posting_arrays(reader: Any, fieldname: str, text: bytes) -> tuple[Docnums, Scores] | None:
    """A term's live postings in one segment: (docnums, weights); None when it has none.

    Kept per segment and term (:data:`POSTINGS_BYTES` at most for all of them): a
    segment's postings never change, and a deletion makes a new key (its count).
    """
    segment = segment_key(reader)
    try:
        deleted = int(reader.segment().deleted_count())
    except AttributeError:
        segment = None
    if segment is None:
        found = _compact_postings(reader, fieldname, text)
    else:
        key = (*segment, deleted, fieldname, text)
        found = _DECODED.get(key, lambda: _compact_postings(reader, fieldname, text))
    if found is None:
        return None
    return found[0].astype(np.intp), found[1].astype(np.float64)


def _compact_postings(
    reader: Any, fieldname: str, text: bytes
) -> tuple[npt.NDArray[Any], npt.NDArray[Any]] | None:
    """The postings as the smallest arrays that hold them exactly (32-bit when they fit)."""
    found = read_postings(reader, fieldname, text, values=False)
    if not found.ids:
        return None
    ids: npt.NDArray[Any] = np.array(found.ids, dtype=np.intp)
    if int(ids[-1]) < 2**31:  # docnums ascend: the last is the largest
        ids = ids.astype(np.int32)
    weights: npt.NDArray[Any] = np.array(found.weights, dtype=np.float64)
    narrow = weights.astype(np.float32)
    if np.array_equal(narrow, weights):  # term frequencies: whole numbers, exact in 32 bits
        weights = narrow
    ids.flags.writeable = False
    weights.flags.writeable = False
    return ids, weights
