"""Exact phrases found from whole posting lists instead of Whoosh's span matchers.

Whoosh matches ``"deploy pipeline"`` by walking an intersection of the words'
postings one document at a time and building span objects for every position
of every candidate; at 100k posts that was most of a phrase search's time.
:class:`ExactPhrase` reads each word's postings a block at a time, intersects
the document sets, decodes positions only for documents that hold every word,
and hands the matches on as ordinary list matchers scored by the same BM25F
scorers, so a phrase ranks exactly as Whoosh's own :class:`~whoosh.query.Phrase`
would rank it (``tests/unit/test_phrases.py`` holds the two equal).

Only the exact case (``slop=1``: the words one after another) takes this path;
anything else is left to Whoosh.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh import matching
from whoosh.query import Phrase

from .kept import Kept, segment_key
from .postings import Postings, read_postings, word_scores
from .whoosh_private import ScoredList


def phrase_matches(lists: Sequence[Postings]) -> list[tuple[int, list[int]]]:
    """Documents where the terms stand one after another, with each term's posting index.

    ``lists[k]`` holds the postings of the phrase's k-th word. Returns ``(docnum,
    [index into lists[k] for each k])`` in docnum order.
    """
    # intersect from the rarest word: every other list is only probed
    order = sorted(range(len(lists)), key=lambda k: len(lists[k].ids))
    first = order[0]
    probes = [
        (k, dict(zip(lists[k].ids, range(len(lists[k].ids)), strict=True))) for k in order[1:]
    ]
    found: list[tuple[int, list[int]]] = []
    slots = [0] * len(lists)
    values = [p.values for p in lists]
    for slot, docnum in enumerate(lists[first].ids):
        slots[first] = slot
        for k, where in probes:
            at = where.get(docnum)
            if at is None:
                break
            slots[k] = at
        else:
            k = first  # the rarest word first: its positions are the fewest
            starts = {p - k for p in decoded(values[k][slots[k]])}
            for k in order[1:]:
                starts.intersection_update([p - k for p in decoded(values[k][slots[k]])])
                if not starts:
                    break
            if starts:
                found.append((docnum, list(slots)))
    return found


# Positions values by their bytes: most are of a word once or twice in a document, and
# the same few thousand values come back in every phrase search
_DECODED: dict[bytes, tuple[int, ...]] = {}
_DECODED_MAX = 50_000


def decoded(value: bytes) -> tuple[int, ...]:
    """The positions in a ``Positions`` value, as :func:`.postings.positions` gives them."""
    found = _DECODED.get(value)
    if found is None:
        # the frequency (4 bytes), then a pickled list of deltas without its stop mark
        found = tuple(accumulate(loads(value[4:] + b".")))
        if len(_DECODED) >= _DECODED_MAX:  # a long tail of rare values must not grow it
            _DECODED.clear()
        _DECODED[value] = found
    return found


class ExactPhrase(Phrase):  # type: ignore[misc]
    """A :class:`~whoosh.query.Phrase` whose exact case matches by whole posting lists."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        fieldname = self.fieldname
        if self.slop != 1 or len(self.words) < 2 or not reader.is_atomic():
            return super().matcher(searcher, context)
        if fieldname not in searcher.schema:
            return matching.NullMatcher()
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)  # Whoosh raises its own error
        texts = []
        for word in self.words:
            try:
                text = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (fieldname, text) not in reader:
                return matching.NullMatcher()
            texts.append(text)
        key = segment_key(reader)
        if key is None:
            ids, weights_of = _matches(reader, fieldname, texts)
        else:
            # the same phrase often comes twice in one query (a tag's other name, at a
            # lower weight) and again on the next page: its matches are kept per segment
            deleted = int(reader.segment().deleted_count())
            kept = _MATCHES.get(
                (*key, deleted, fieldname, tuple(texts)),
                lambda: _matches(reader, fieldname, texts),
            )
            ids, weights_of = kept if kept is not None else ([], [])
        if not ids:
            return matching.NullMatcher()
        per_word = []
        for k, text in enumerate(texts):
            scores = word_scores(searcher, fieldname, text, ids, weights_of[k])
            if scores is None:  # another weighting: Whoosh's own phrase matcher
                return super().matcher(searcher, context)
            per_word.append(scores)
        # summed in the shape of Whoosh's tree of intersections, so the floating-point
        # additions, and the scores, come out exactly as the span matcher's
        total = _tree_sum(per_word)
        if self.boost != 1.0:
            total = [s * self.boost for s in total]
        return ScoredList(list(ids), total)


def _matches(
    reader: Any, fieldname: str, texts: list[bytes]
) -> tuple[list[int], list[list[float]]]:
    """The documents with the phrase, and each word's weight in each of them."""
    # a repeated word ("bora bora") reads its postings once
    read: dict[bytes, Postings] = {}
    lists = [read.get(t) or read.setdefault(t, read_postings(reader, fieldname, t)) for t in texts]
    found = phrase_matches(lists)
    ids = [docnum for docnum, _ in found]
    weights = [[lists[k].weights[slots[k]] for _, slots in found] for k in range(len(texts))]
    return ids, weights


# (segment, deleted documents, field, words): the phrase's documents and word weights
_MATCHES: Kept[tuple[Any, ...], tuple[list[int], list[list[float]]]] = Kept(64)


def _tree_sum(parts: list[list[float]]) -> list[float]:
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    left, right = _tree_sum(parts[:half]), _tree_sum(parts[half:])
    return [a + b for a, b in zip(left, right, strict=True)]
