"""Ids and scores only, for the expert finder: the same matches as ``matching_documents``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from kshare.client.index import SearchIndex

from .conftest import NOW, CacheFiller

QUESTIONS = (
    "Hi, does anyone know why my VPN keeps dropping every hour? Thanks!",
    "kubernetes platform finance expense",
    "vpn",
    "network",
    "vpn OR kubernetes",
)


def documents(index: SearchIndex, text: str, **options: Any) -> list[tuple[str, float]]:
    return [(m.id, m.score) for m in index.matching_documents(text, **options)]


@pytest.mark.parametrize("text", QUESTIONS)
def test_the_same_matches_in_the_same_order_with_the_same_scores(
    corpus: SearchIndex, text: str
) -> None:
    for options in (
        {},
        {"kinds": ["answer"]},
        {"before": NOW - timedelta(days=100)},
        {"limit": 2},
    ):
        expected = documents(corpus, text, **options)
        assert corpus.matching_scores(text, **options) == expected
        assert corpus.matching_scores(text, **options) == expected  # kept, and still right


def test_equal_scores_keep_the_order_of_the_documents(filler: CacheFiller, make_index: Any) -> None:
    for n in range(12):
        filler.item(f"p{n:02}", title="Printer jam", body="the printer jams")
    index = make_index()
    index.catch_up()

    expected = documents(index, "printer jam", limit=5)
    assert len({score for _, score in documents(index, "printer jam")}) == 1  # all tied
    assert index.matching_scores("printer jam", limit=5) == expected
    assert len(expected) == 5


def test_scores_follow_the_commits_that_move_the_statistics(
    filler: CacheFiller, make_index: Any
) -> None:
    filler.item("a", title="Printer jam", body="the printer jams on tray two")
    filler.item("b", title="Coffee machine", body="descaling the coffee machine")
    index = make_index()
    index.catch_up()
    first = index.matching_scores("printer tray")
    assert [i for i, _ in first] == ["a"]

    # more documents with the words: their idf falls, the kept scores must not be reused
    for n in range(5):
        filler.item(f"p{n}", title="Printer tray", body=f"tray {n} of the printer")
    index.catch_up()
    after = index.matching_scores("printer tray")
    assert after == documents(index, "printer tray")
    assert dict(after)["a"] != dict(first)["a"]

    filler.purge("item", "p0")
    index.catch_up()
    assert "p0" not in dict(index.matching_scores("printer tray"))
    assert index.matching_scores("printer tray") == documents(index, "printer tray")


def test_nothing_meaningful_matches_nothing(corpus: SearchIndex) -> None:
    assert corpus.matching_scores("") == []
    assert corpus.matching_scores("the and of") == []
    assert corpus.matching_scores("qwzxv") == []
    assert corpus.matching_scores("vpn", kinds=["no such kind"]) == []
