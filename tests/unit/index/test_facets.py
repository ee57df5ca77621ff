"""Facet counts from value codes come out as Counter.most_common over the matches' values."""

from __future__ import annotations

from collections import Counter
from itertools import chain

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from kshare.client.index import facets

VALUES = ["ops", "vpn", "helm", "k8s", "db", "u1", "u2", "", "ü"]

documents = st.lists(st.lists(st.sampled_from(VALUES), max_size=4).map(tuple), max_size=60)


def _expected(
    values: list[tuple[str, ...]], matched: list[int], size: int | None
) -> list[tuple[str, int]]:
    counts = Counter(chain.from_iterable(map(values.__getitem__, matched)))
    return counts.most_common(size)


@given(documents, st.data(), st.sampled_from([None, 1, 3, 15]))
def test_counts_and_order_match_counter(
    values: list[tuple[str, ...]], data: st.DataObject, size: int | None
) -> None:
    picks = st.lists(st.integers(0, max(len(values) - 1, 0)), unique=True)
    matched = sorted(data.draw(picks)) if values else []
    offsets, codes = facets._VOCABULARY.encode(values)
    found = facets.match_values(offsets, codes, facets.as_docnums(matched))
    assert facets.most_common(found, size) == _expected(values, matched, size)


def test_values_follow_the_order_of_the_matches() -> None:
    values = [("b",), ("a", "c"), (), ("c", "a"), ("a",)]
    offsets, codes = facets._VOCABULARY.encode(values)
    found = facets.match_values(offsets, codes, np.array([3, 1, 4], dtype=np.intp))
    assert facets.most_common(found) == [("a", 3), ("c", 2)]
    # one each: the order they first appear in, the matches' order and not the documents'
    found = facets.match_values(offsets, codes, np.array([3, 0], dtype=np.intp))
    assert facets.most_common(found) == [("c", 1), ("a", 1), ("b", 1)]
    assert facets.most_common(found, 2) == [("c", 1), ("a", 1)]
