"""Evaluating a query a posting list at a time finds and scores what Whoosh's collector does."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index

from kshare.client.index.collect import scored_matches
from kshare.client.index.query import QueryContext, parse
from kshare.client.index.schema import day_number
from kshare.client.index.searching import analyze
from kshare.client.index.words import WordOr, WordTerm

WORDS = ["alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega", "zeta"]
KINDS = ["post", "question", "answer", "comment"]
TAGS = ["ops", "vpn", "helm"]


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Three segments of items with words, kinds, tags, authors and days; some deleted."""
    from kshare.client.index.schema import build_schema

    folder: Path = tmp_path_factory.mktemp("collect")
    ix = whoosh_index.create_in(str(folder), build_schema())
    rng = random.Random(9)
    number = 0
    for _segment in range(3):
        writer = ix.writer()
        for _ in range(150):
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 30)))
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 4)))
            writer.add_document(
                id=f"d{number}",
                kind=rng.choice(KINDS),
                title=title,
                body=body,
                tags=",".join(rng.sample(TAGS, rng.randint(0, 2))),
                author=f"u{rng.randint(1, 3)}",
                day=day_number(rng.randint(1_500_000_000, 1_800_000_000)),
            )
            number += 1
        writer.commit(merge=False)
    writer = ix.writer()
    for gone in range(3, number, 11):
        writer.delete_by_term("id", f"d{gone}")
    writer.commit(merge=False)
    yield ix
    ix.close()


CONTEXT = QueryContext(
    analyze=analyze,
    known=lambda term: True,
    corrections=lambda term: [],
    surface=lambda term: None,
    authors=lambda value: [value],
    groups=lambda value: [],
)

atoms = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(lambda w: f"-{w}"),
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(lambda ws: f'"{" ".join(ws)}"'),
    st.sampled_from([f"type:{k}" for k in KINDS] + [f"tag:{t}" for t in TAGS]),
    st.sampled_from(["author:u1", "before:2022", "after:2023-06", "alp*", "title:gamma"]),
)
queries = st.lists(
    st.one_of(atoms, st.sampled_from(["OR", "AND", "NOT"])), min_size=1, max_size=5
).map(" ".join)


def _truth(query: Any, searcher: Any) -> set[int]:
    from whoosh import query as q

    if isinstance(query, q.AndNot):
        return _truth(query.a, searcher) - _truth(query.b, searcher)
    if type(query) is q.And:
        return set.intersection(*(_truth(part, searcher) for part in query.subqueries))
    if type(query) is q.Or:
        return set.union(*(_truth(part, searcher) for part in query.subqueries))
    if isinstance(query, q.Every):
        return set(searcher.reader().all_doc_ids())
    return set(query.docs(searcher))  # a leaf: a word, a phrase, a filter, a range


def _whoosh(searcher: Any, query: Any) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=queries)
def test_same_matches_and_scores_as_whoosh(ix: Any, text: str) -> None:
    query = parse(text, CONTEXT).query
    if query is None:
        return
    with ix.searcher() as searcher:
        found = scored_matches(searcher, query)
        expected = _whoosh(searcher, query)
        assert found is not None  # the query language makes nothing Whoosh must answer
        docnums, scores = found
        assert docnums == sorted(docnums)
        # Which documents match is checked by set algebra over each leaf's documents:
        # Whoosh's own walks can let excluded documents through (its scored walk found
        # two for "alpha gamma type:post -alpha", its unscored one one for
        # "-alpha type:question")
        assert set(docnums) == _truth(query, searcher)
        if "-" in text or "NOT" in text:
            # Whoosh's scored walk also adds an excluded side's words into the score
            # ("alpha OR beta -alpha"); see the test below for what is right there
            return
        assert set(docnums) == set(expected)
        for docnum, score in zip(docnums, scores, strict=True):
            assert score == pytest.approx(expected[docnum], rel=1e-9, abs=1e-12)


def test_excluded_words_stay_out_where_whoosh_lets_them_through(ix: Any) -> None:
    query = parse("alpha gamma type:post -alpha", CONTEXT).query
    with ix.searcher() as searcher:
        assert scored_matches(searcher, query) == ([], [])


def test_an_excluded_side_adds_nothing_to_a_score(ix: Any) -> None:
    """In "alpha OR (beta but not alpha)" a document with alpha scores for alpha alone."""
    with ix.searcher() as searcher:
        alone = dict(zip(*scored_matches(searcher, parse("alpha", CONTEXT).query), strict=True))  # type: ignore[misc]
        docnums, scores = scored_matches(searcher, parse("alpha OR beta -alpha", CONTEXT).query)  # type: ignore[misc]
        both = dict(zip(docnums, scores, strict=True))
        assert alone and all(both[d] == pytest.approx(s) for d, s in alone.items())


def test_a_word_scores_to_the_bit(ix: Any) -> None:
    """A single field's term comes out exactly as Whoosh's BM25F scores it."""
    with ix.searcher() as searcher:
        for word in WORDS:
            for field in ("title", "body"):
                query = WordTerm(field, word, boost=3.0)
                docnums, scores = scored_matches(searcher, query)  # type: ignore[misc]
                expected = _whoosh(searcher, query)
                assert dict(zip(docnums, scores, strict=True)) == expected


def test_word_in_several_fields(ix: Any) -> None:
    query = WordOr([WordTerm("title", "alpha", boost=3.0), WordTerm("body", "alpha")])
    with ix.searcher() as searcher:
        docnums, scores = scored_matches(searcher, query)  # type: ignore[misc]
        expected = _whoosh(searcher, query)
        assert dict(zip(docnums, scores, strict=True)) == pytest.approx(expected, rel=1e-12)
        # inside Whoosh's own collector, top-N with quality skipping, the word still ranks alike
        top = [(h.docnum, h.score) for h in searcher.search(query, limit=5)]
        best = sorted(expected.items(), key=lambda pair: (-pair[1], pair[0]))[:5]
        assert [round(s, 9) for _, s in top] == [round(s, 9) for _, s in best]


def test_deleted_documents_never_match(ix: Any) -> None:
    with ix.searcher() as searcher:
        docnums, _ = scored_matches(searcher, parse("alpha OR beta OR gamma", CONTEXT).query)  # type: ignore[misc]
        reader = searcher.reader()
        assert docnums and not any(reader.is_deleted(d) for d in docnums)


def test_everything_but_a_word(ix: Any) -> None:
    """``-alpha`` alone: every live document without alpha, each scored 1 as Whoosh does."""
    query = parse("-alpha", CONTEXT).query
    with ix.searcher() as searcher:
        docnums, scores = scored_matches(searcher, query)  # type: ignore[misc]
        reader = searcher.reader()
        with_alpha = set(parse("alpha", CONTEXT).query.docs(searcher))
        assert set(docnums) == set(reader.all_doc_ids()) - with_alpha
        assert docnums and not any(reader.is_deleted(d) for d in docnums)
        assert set(scores) == {1.0}
        # Whoosh's own walk agrees here (no words on the kept side to add by mistake)
        assert dict(zip(docnums, scores, strict=True)) == _whoosh(searcher, query)


def test_a_field_wide_every_is_left_to_whoosh(ix: Any) -> None:
    from whoosh import query as q

    with ix.searcher() as searcher:
        assert scored_matches(searcher, q.AndNot(q.Every("title"), q.Term("body", "alpha"))) is None
