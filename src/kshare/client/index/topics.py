"""A topic's best matches as ids and scores only, for the expert finder's many questions.

The finder asks the index about one question after another and needs, of the
best matches, nothing but their ids and scores (it knows the rest from its
aggregates). Here the words' scored postings are kept between questions (per
segment and for the index-wide statistics they were scored with: a commit that
moves them scores anew), the documents of the allowed kinds and dates are a
mask worked out once per commit, the best few are chosen in arrays, and only
those few documents' ids are read (and kept per segment). The matches and
their order are those of ``SearchIndex.matching_documents``, scores to the bit.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from kshare.client.store import tag_aliases

from . import source
from .kept import Kept, KeptBytes, segment_key
from .schema import ITEM_KINDS
from .searching import allowed_documents, run_matching_documents, topic_options
from .store import Reading
from .words import NOTHING, WordTerm

if TYPE_CHECKING:
    from .index import SearchIndex

KEPT_POSTINGS = 4_000_000  # scored postings kept for the words asked lately (~50 MB at most)


_IDS: Kept[tuple[str, int], dict[int, str]] = Kept(64)  # per segment: docnum -> item id


def _postings(found: Any) -> int:
    return 1 if found is NOTHING else len(found[0])


# a word's scored postings, per segment and statistics, weighed by their count
_SCORED: KeptBytes[Any, Any] = KeptBytes(KEPT_POSTINGS, _postings)


def run_matching_scores(
    index: SearchIndex,
    text: str,
    *,
    before: datetime | None = None,
    limit: int = 500,
    kinds: Collection[str] | None = None,
) -> list[tuple[str, float]]:
    """(id, score) of what ``index.matching_documents`` would return, best first.

    An id the cache no longer holds may be among them: the caller checks against the
    cache (the expert finder's aggregates are read from it).
    """
    current = index._reading_index()
    if current is None or not text.strip():
        return []
    wanted = frozenset(k for k in (kinds or ITEM_KINDS) if k in ITEM_KINDS)
    if not wanted:
        return []
    aliases = tag_aliases.read(index.engine)
    limit = max(1, min(limit, 5000))
    try:
        with current.searcher() as reading:
            options = topic_options(reading, text, aliases)
            if not options:
                return []
            found = _best(reading, options, _cutoff(before), wanted, limit)
    except Exception as exc:  # see run_search: damaged files mean a rebuild, not a crash
        index.mark_damaged(exc)
        return []
    if found is None:  # not evaluable in arrays: the general way
        matches = run_matching_documents(index, text, before=before, limit=limit, kinds=kinds)
        return [(m.id, m.score) for m in matches]
    return found


def _cutoff(before: datetime | None) -> int | None:
    return int(source.as_utc(before).timestamp()) if before is not None else None  # type: ignore[union-attr]


def _best(
    reading: Reading, options: list[WordTerm], cutoff: int | None, kinds: frozenset[str], limit: int
) -> list[tuple[str, float]] | None:
    scored = _scored(reading, options)
    if scored is None:
        return None
    totals, matched, subs, offsets = scored
    docnums = np.flatnonzero(matched & _allowed(reading, kinds, cutoff))
    values = totals[docnums]
    if len(values) > limit:  # the best ``limit``, and any tied with the last of them
        last = np.partition(values, len(values) - limit)[len(values) - limit]
        near = values >= last
        docnums, values = docnums[near], values[near]
    # best first; equal scores by document number, as Whoosh orders them
    order = np.lexsort((docnums, -values))[:limit]
    keys = [segment_key(sub.reader()) for sub in subs]
    return [
        (_item_id(subs, keys, offsets, int(d)), float(s))
        for d, s in zip(docnums[order], values[order], strict=True)
    ]


def _scored(
    reading: Reading, options: list[WordTerm]
) -> tuple[Any, Any, list[Any], list[int]] | None:
    """Every document's score for the OR of ``options`` (and which documents match), as
    ``WordOr`` sums them: per document, 0.0 plus each matching part in the order of the
    parts. None when some part must be left to Whoosh."""
    searcher = reading.searcher
    total = searcher.doc_count_all()
    totals = np.zeros(total, dtype=np.float64)
    matched = np.zeros(total, dtype=bool)
    # the index-wide statistics each part is scored with: asked once, not once a segment
    averages = {o.fieldname: searcher.avg_field_length(o.fieldname) for o in options}
    # (keyed by the words' bytes, as the parts' scorers ask: each idf is worked out once)
    idfs = [searcher.idf(o.fieldname, _as_bytes(searcher, o)) for o in options]
    subs: list[Any] = []
    offsets: list[int] = []
    for sub, offset in searcher.leaf_searchers():
        subs.append(sub)
        offsets.append(offset)
        context = sub.context()
        try:
            segment = sub.reader().segment()
            kept = (segment.segment_id(), segment.deleted_count())
        except AttributeError:  # not one segment of a Whoosh index on disk
            return None
        for option, idf in zip(options, idfs, strict=True):
            # what the scores depend on besides the segment's files: deleted documents
            # leave the list, and every commit moves the idf and the average length
            average = averages[option.fieldname]
            key = (*kept, option.fieldname, option.text, option.boost, idf, average)
            found = _SCORED.get(key, partial(option.arrays, sub, context))
            if found is None:
                return None
            if found is NOTHING:
                continue
            ids = found[0] + offset if offset else found[0]
            totals[ids] += found[1]  # a part's documents are distinct
            matched[ids] = True
    return totals, matched, subs, offsets


def _as_bytes(searcher: Any, option: WordTerm) -> Any:
    """The word as the index stores it (its text when the field cannot say)."""
    try:
        return searcher.schema[option.fieldname].to_bytes(option.text)
    except (KeyError, ValueError):
        return option.text


def _allowed(reading: Reading, kinds: frozenset[str], cutoff: int | None) -> Any:
    """:func:`allowed_documents` as a mask over document numbers, once per commit."""

    def mask() -> Any:
        allow = allowed_documents(reading, kinds, cutoff)
        flags = np.zeros(reading.searcher.doc_count_all(), dtype=bool)
        if allow:
            flags[np.fromiter(allow, dtype=np.intp, count=len(allow))] = True
        return flags

    return reading.index.memo(reading, ("allowed mask", kinds, cutoff), mask)


def _item_id(
    subs: list[Any], keys: list[tuple[str, int] | None], offsets: list[int], docnum: int
) -> str:
    """A document's id, read from its segment's stored fields once while the segment lives."""
    n = bisect.bisect_right(offsets, docnum) - 1
    local = docnum - offsets[n]
    key = keys[n]
    kept = _IDS.get(key, dict) if key is not None else None
    known = kept if kept is not None else {}
    found = known.get(local)
    if found is None:
        found = known[local] = str(subs[n].stored_fields(local)["id"])
    return found
