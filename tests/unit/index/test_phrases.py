"""ExactPhrase finds and scores exactly what Whoosh's own Phrase does, only faster."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.query import And, Or, Phrase, Term

from kshare.client.index.phrases import ExactPhrase
from kshare.client.index.postings import positions, read_postings
from kshare.client.index.schema import build_schema

WORDS = ["alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega", "zeta"]


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Three segments over a tiny vocabulary (so phrases repeat), with deletions in two."""
    folder: Path = tmp_path_factory.mktemp("phrases")
    ix = whoosh_index.create_in(str(folder), build_schema())
    rng = random.Random(5)
    number = 0
    for _segment in range(3):
        writer = ix.writer()
        for _ in range(120):
            words = [
                rng.choice(WORDS[: rng.randint(3, len(WORDS))]) for _ in range(rng.randint(1, 40))
            ]
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 5)))
            writer.add_document(id=f"d{number}", kind="post", title=title, body=" ".join(words))
            number += 1
        writer.commit(merge=False)
    writer = ix.writer()
    for gone in range(0, number, 7):
        writer.delete_by_term("id", f"d{gone}")
    writer.commit(merge=False)
    yield ix
    ix.close()


def _results(searcher: object, query: object, limit: int | None) -> list[tuple[str, float]]:
    hits = searcher.search(query, limit=limit)  # type: ignore[attr-defined]
    return [(hit["id"], round(hit.score, 9)) for hit in hits]


phrases = st.lists(st.sampled_from(WORDS), min_size=2, max_size=4)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=phrases, boost=st.sampled_from([1.0, 3.0]), limit=st.sampled_from([None, 3, 10]))
def test_matches_and_scores_equal_whoosh(
    ix: object, words: list[str], boost: float, limit: int | None
) -> None:
    with ix.searcher() as searcher:  # type: ignore[attr-defined]
        for field in ("body", "title"):
            ours = _results(searcher, ExactPhrase(field, words, boost=boost), limit)
            theirs = _results(searcher, Phrase(field, words, boost=boost), limit)
            if limit is None:
                assert sorted(ours) == sorted(theirs)
            else:  # ties may be cut at a different place; the scores shown must agree
                assert [s for _, s in ours] == [s for _, s in theirs]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=phrases, other=st.sampled_from(WORDS))
def test_inside_compound_queries(ix: object, words: list[str], other: str) -> None:
    """As a part of an OR of fields and an AND with a word, as the query language builds it."""
    with ix.searcher() as searcher:  # type: ignore[attr-defined]
        for make in (
            lambda cls: Or([cls("title", words, boost=3.0), cls("body", words)]),
            lambda cls: And([cls("body", words), Term("body", other)]),
        ):
            assert sorted(_results(searcher, make(ExactPhrase), None)) == sorted(
                _results(searcher, make(Phrase), None)
            )


def test_deleted_documents_are_never_read(ix: object) -> None:
    with ix.searcher() as searcher:  # type: ignore[attr-defined]
        for sub, _offset in searcher.leaf_searchers():
            reader = sub.reader()
            postings = read_postings(reader, "body", b"alpha")
            assert postings.ids, "every segment holds the word"
            assert not any(reader.is_deleted(d) for d in postings.ids)
            public = reader.postings("body", b"alpha")
            assert postings.ids == list(public.all_ids())


def test_positions_decode_whoosh_values(ix: object) -> None:
    with ix.searcher() as searcher:  # type: ignore[attr-defined]
        matcher = searcher.reader().postings("body", b"beta")
        for _ in range(20):
            assert positions(matcher.value()) == matcher.value_as("positions")
            matcher.next()


def test_a_missing_word_matches_nothing(ix: object) -> None:
    with ix.searcher() as searcher:  # type: ignore[attr-defined]
        assert _results(searcher, ExactPhrase("body", ["alpha", "nowhere"]), None) == []


def test_sloppy_phrases_are_left_to_whoosh(ix: object) -> None:
    with ix.searcher() as searcher:  # type: ignore[attr-defined]
        ours = _results(searcher, ExactPhrase("body", ["alpha", "gamma"], slop=3), None)
        theirs = _results(searcher, Phrase("body", ["alpha", "gamma"], slop=3), None)
        assert sorted(ours) == sorted(theirs) and ours
