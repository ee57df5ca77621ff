"""Words the index holds that are close to a word it does not: typo tolerance and "did you mean".

Whoosh's corrector walks the whole term list from the word's first letter on,
computing an edit distance in Python for each term (about 1,700 terms per
typo at 100k posts, most of a fuzzy search's time). Here each segment's
title and body words are read once, grouped by first letter, and kept for as
long as the segment lives (a segment's term list never changes); the distances
are computed by rapidfuzz in C. Suggestions are ranked by edit distance, then
by how close their length is to the word typed, then by how often the word is
used, then alphabetically: frequency alone made "post" the answer to "postgres".
A word cut short by two letters or more ("auto" for "autosc") is never a
suggestion: the person typed more than that on purpose.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import Any

from .kept import Kept, segment_key
from .store import Reading

FIELDS = ("title", "body")
# segments; an index has a few dozen at most before they are merged
_SEGMENTS: Kept[tuple[str, int], dict[str, list[str]]] = Kept(32)


def suggest(reading: Reading, word: str, *, maxdist: int, limit: int = 4) -> list[str]:
    """Up to ``limit`` index terms within ``maxdist`` edits of ``word``, sharing its first letter.

    The distance counts a swap of two neighbouring letters as one edit ("optimal
    string alignment"), as Whoosh's corrector did.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    if not word:
        return []
    searcher = reading.searcher
    distances: dict[str, int] = {}
    for sub, _offset in searcher.leaf_searchers():
        words = segment_words(sub.reader()).get(word[0], [])
        for found, distance, _ in process.extract(
            word, words, scorer=OSA.distance, score_cutoff=maxdist, limit=None
        ):
            distances[found] = min(distance, distances.get(found, maxdist))
    distances.pop(word, None)
    # (one letter less is a stem's doing: "certifc" of "certifcate" is "certif" misspelt)
    for truncated in [t for t in distances if word.startswith(t) and len(t) < len(word) - 1]:
        del distances[truncated]
    if not distances:
        return []
    reader = searcher.reader()

    def frequency(term: str) -> float:
        return float(sum(reader.frequency(f, term) for f in FIELDS))

    def rank(term: str) -> tuple[int, int, float, str]:
        return (distances[term], abs(len(term) - len(word)), -frequency(term), term)

    return sorted(distances, key=rank)[:limit]


def completions(reading: Reading, start: str, *, limit: int = 8) -> list[str]:
    """Up to ``limit`` index terms (texts and tags) that begin with ``start``, most used first."""
    if not start:
        return []
    searcher = reading.searcher
    found: set[str] = set()
    for sub, _offset in searcher.leaf_searchers():
        words = segment_words(sub.reader()).get(start[0], [])
        at = bisect.bisect_left(words, start)
        while at < len(words) and words[at].startswith(start):
            if words[at] != start:
                found.add(words[at])
            at += 1
    reader = searcher.reader()
    for tag in reader.expand_prefix("tags", start):
        tag = tag.decode("utf-8") if isinstance(tag, bytes) else str(tag)
        if tag != start:
            found.add(tag)
        if len(found) > 4 * limit:
            break

    def used(term: str) -> int:
        return -int(sum(reader.doc_frequency(f, term) for f in (*FIELDS, "tags")))

    return sorted(found, key=lambda t: (used(t), t))[:limit]


def segment_words(reader: Any) -> dict[str, list[str]]:
    """A segment's title and body terms by first letter, read once per segment."""
    key = segment_key(reader)
    if key is None:  # not one segment: read it, do not keep it
        return _read(reader)
    return _SEGMENTS.get(key, lambda: _read(reader)) or {}


def _read(reader: Any) -> dict[str, list[str]]:
    terms: set[str] = set()
    for fieldname in FIELDS:
        terms.update(t.decode("utf-8") for t in reader.lexicon(fieldname))
    grouped: defaultdict[str, list[str]] = defaultdict(list)
    for term in sorted(terms):
        grouped[term[0]].append(term)
    return dict(grouped)


def warm(reading: Reading) -> None:
    """Read every segment's words now (after a commit, in the background), not at the first typo.

    Segments that are gone (merged, or rewritten after a purge) are forgotten: their
    words may include those of content the person can no longer see.
    """
    current = set()
    for sub, _offset in reading.searcher.leaf_searchers():
        reader = sub.reader()
        segment_words(reader)
        key = segment_key(reader)
        if key is not None:  # an empty index has no segment
            current.add(key[0])
    _SEGMENTS.forget(lambda key: key[0] not in current)
