"""Facet counts over a search's matches, from per-document value codes in numpy arrays.

Each segment's facet values (type, tags, author, groups, date range) are turned
once into integer codes, a segment's documents one after another with the
offset where each document's values begin; a commit joins its segments' arrays.
Counting the matches of a broad query is then a gather and a sort in C instead
of a Python pass over every value of every match.

The counts and their order are those of ``collections.Counter.most_common``
over the matches' values in match order: by count, ties in the order a value
first appears.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from .store import Reading

Codes = npt.NDArray[np.int32]
Offsets = npt.NDArray[np.int64]


class _Vocabulary:
    """Facet values by code, the same codes in every segment (values are a few thousand)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._codes: dict[str, int] = {}
        self.names: list[str] = []

    def encode(self, values: Sequence[tuple[str, ...]]) -> tuple[Offsets, Codes]:
        """Offsets (one more than documents) and the codes of each document's values."""
        with self._lock:
            codes = self._codes
            names = self.names
            flat: list[int] = []
            for document in values:
                for value in document:
                    code = codes.get(value)
                    if code is None:
                        code = codes[value] = len(names)
                        names.append(value)
                    flat.append(code)
        offsets = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, values), dtype=np.int64, count=len(values)), out=offsets[1:])
        return offsets, np.array(flat, dtype=np.int32)


_VOCABULARY = _Vocabulary()


def encoded(
    reading: Reading,
    key: Any,
    values_of: Callable[[dict[str, list[Any]]], Sequence[tuple[str, ...]]],
) -> tuple[Offsets, Codes]:
    """The commit's documents' codes for one kind of facet value, joined over its segments.

    ``values_of`` gives a segment's values per document from its columns; each
    segment's codes are kept while it lives, the join once per commit.
    """

    def segment(columns: dict[str, list[Any]]) -> tuple[Offsets, Codes]:
        return _VOCABULARY.encode(values_of(columns))

    def joined() -> tuple[Offsets, Codes]:
        parts = reading.index.segment_parts(reading, ("facet codes", key), segment)
        if not parts:
            return np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32)
        if len(parts) == 1:
            return parts[0]  # type: ignore[no-any-return]
        starts = np.cumsum([0] + [int(offsets[-1]) for offsets, _ in parts[:-1]])
        offsets = np.concatenate(
            [parts[0][0][:1]] + [o[1:] + start for (o, _), start in zip(parts, starts, strict=True)]
        )
        return offsets, np.concatenate([codes for _, codes in parts])

    return reading.index.memo(reading, ("facet codes", key), joined)  # type: ignore[no-any-return]


def match_values(offsets: Offsets, codes: Codes, matched: npt.NDArray[np.intp]) -> Codes:
    """The codes of the matches' values, document after document in ``matched`` order."""
    starts = offsets[matched]
    lengths = offsets[matched + 1] - starts
    total = int(lengths.sum())
    if total == len(matched) and bool((lengths == 1).all()):
        return codes[starts]  # one value a document (an author, a date range)
    # each match's run of positions: starts[j], starts[j] + 1, ... (lengths[j] of them)
    shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    found: Codes = codes[np.arange(total, dtype=np.int64) + shift]
    return found


def most_common(values: Codes, size: int | None = None) -> list[tuple[str, int]]:
    """(value, count) by count, ties by first appearance; as ``Counter.most_common``."""
    if not len(values):
        return []
    counts = np.bincount(values)
    present = np.flatnonzero(counts)
    first = np.full(len(counts), len(values), dtype=np.int64)
    np.minimum.at(first, values, np.arange(len(values), dtype=np.int64))
    order = present[np.lexsort((first[present], -counts[present]))]
    if size is not None:
        order = order[:size]
    names = _VOCABULARY.names
    return [(names[code], int(counts[code])) for code in order.tolist()]


def as_docnums(matched: Sequence[int] | npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    return np.asarray(matched, dtype=np.intp)


def count(
    reading: Reading,
    key: Any,
    values_of: Callable[[dict[str, list[Any]]], Sequence[tuple[str, ...]]],
    matched: npt.NDArray[np.intp],
    size: int | None = None,
) -> list[tuple[str, int]]:
    offsets, codes = encoded(reading, key, values_of)
    return most_common(match_values(offsets, codes, matched), size)


def per_document(values: Sequence[Any]) -> list[tuple[str, ...]]:
    """One value per document as facet values (None and "" count as no value)."""
    return [(str(v),) if v else () for v in values]
