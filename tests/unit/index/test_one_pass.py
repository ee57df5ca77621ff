"""Every way of finding matches gives the same page, total and facets.

Bulk evaluation (collect.py), Whoosh scoring every match in one pass, and Whoosh's
two passes (every match, then the best) must agree.
"""

from __future__ import annotations

import pytest

from kshare.client.index import SearchIndex, collect, ranking
from kshare.client.index.schema import stem_word

QUERIES = ("expense", "deployment", "zanzibar", '"expense report"', "expense type:question")


@pytest.mark.parametrize("text", QUERIES)
def test_one_pass_matches_two_passes(
    corpus: SearchIndex, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    bulk = corpus.search(text)
    monkeypatch.setattr(collect, "scored_matches", lambda *args, **kwargs: None)  # Whoosh's walk
    monkeypatch.setattr(collect, "scored_arrays", lambda *args, **kwargs: None)
    one = corpus.search(text)
    monkeypatch.setattr(ranking, "ONE_PASS_MAX", -1)  # every query takes two passes
    two = corpus.search(text)

    for other in (one, two):
        assert bulk.total == other.total
        assert [h.id for h in bulk.hits] == [h.id for h in other.hits]
        assert bulk.facets == other.facets


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Deploying the deploy.sh script; re-deploy later", {"deploy"}),
        ("v1.2 and node.js both count; Node too", {"node.j", "node"}),
        ("a.deploy is one token, deploy is another", {"deploy"}),
        ("Ünïcode deploy ünïcode", {"ünïcod"}),
    ],
)
def test_snippet_marks_the_same_words_as_a_word_by_word_scan(text: str, terms: set[str]) -> None:
    wanted = {stem_word(t) for t in terms} | terms
    expected = [
        m.group()
        for m in ranking._WORD.finditer(text)
        if m.group().lower()[:3] in {t[:3] for t in wanted}
        and stem_word(m.group().lower()) in wanted
    ]
    marked = ranking.snippet(text, wanted)

    for word in expected:
        assert f"<b>{word}</b>" in marked
    assert marked.count("<b>") == len(expected)
