"""The query language people already know, and a search that never raises on odd input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kshare.client.index import SearchIndex
from kshare.client.index.query import parse_date


def ids(index: SearchIndex, query: str, **kwargs: object) -> set[str]:
    results = index.search(query, limit=50, **kwargs)  # type: ignore[arg-type]
    assert results.error is None, results.error
    return {hit.id for hit in results.hits}


def test_all_words_must_match(corpus: SearchIndex) -> None:
    assert ids(corpus, "vpn certificate") == {"a-vpn-good"}
    assert ids(corpus, "kubernetes helm") == {"p-k8s", "p-helm"}


def test_words_are_stemmed(corpus: SearchIndex) -> None:
    assert "p-k8s" in ids(corpus, "deployment")
    assert "p-k8s" in ids(corpus, "deploys")
    assert "a-vpn-good" in ids(corpus, "renewing")


def test_exact_phrase_needs_the_words_together(corpus: SearchIndex) -> None:
    assert ids(corpus, '"vpn stays up"') == {"a-vpn-good"}
    assert ids(corpus, '"stays vpn"') == set()
    assert ids(corpus, '"helm charts"') == {"p-k8s", "p-helm"}  # stemmed: chart(s)
    assert ids(corpus, '"bare metal"') == {"p-k8s"}


def test_or_and_not_and_exclusion(corpus: SearchIndex) -> None:
    assert ids(corpus, "certificate OR budgets") == {"a-vpn-good", "g-fin"}
    assert ids(corpus, "vpn NOT certificate") == {"q-vpn", "a-vpn-meh"}
    assert ids(corpus, "vpn -certificate") == {"q-vpn", "a-vpn-meh"}
    assert ids(corpus, "vpn AND certificate") == {"a-vpn-good"}
    assert ids(corpus, "(certificate OR restarting) vpn") == {"a-vpn-good", "a-vpn-meh"}
    assert ids(corpus, '-"renew it" vpn') == {"q-vpn", "a-vpn-meh"}


def test_only_exclusions_means_everything_else(corpus: SearchIndex) -> None:
    found = ids(corpus, "-vpn")

    assert "p-k8s" in found
    assert not found & {"q-vpn", "a-vpn-meh", "a-vpn-good"}


def test_prefix(corpus: SearchIndex) -> None:
    assert {"p-k8s", "p-helm"} <= ids(corpus, "kuber*")
    assert ids(corpus, "certif*") == {"a-vpn-good"}


def test_field_filters(corpus: SearchIndex) -> None:
    assert ids(corpus, "tag:vpn") == {"q-vpn"}
    assert ids(corpus, "tag:VPN") == {"q-vpn"}
    assert ids(corpus, "vpn type:answer") == {"a-vpn-meh", "a-vpn-good"}
    assert ids(corpus, "type:questions") == {"q-vpn"}
    assert ids(corpus, "type:person") == {"u-alice", "u-bob"}
    assert ids(corpus, "vpn author:bob") == {"q-vpn"}
    assert ids(corpus, "vpn author:Bob Chen".replace("Bob Chen", '"Bob Chen"')) == {"q-vpn"}
    assert ids(corpus, "author:chen type:comment") == {"c-vpn"}
    assert ids(corpus, "group:finance") == {"p-budget", "g-fin"}
    assert ids(corpus, 'group:"platform team" type:post') == {"p-k8s", "p-helm"}
    assert ids(corpus, "title:helm") == {"p-helm"}


def test_answers_and_comments_take_their_question_s_groups(filler, make_index) -> None:  # type: ignore[no-untyped-def]
    filler.item("q", "question", title="Quota", audience={"groups": [{"id": "g-x", "name": "X"}]})
    filler.item("a", "answer", parent_id="q", body="raise the quota", audience={})
    index = make_index()
    index.catch_up()

    assert ids(index, "group:x") == {"q", "a"}


def test_date_filters(corpus: SearchIndex) -> None:
    assert ids(corpus, "before:2025") == {"p-budget"}
    assert ids(corpus, "expense before:2024-02-11") == {"p-budget"}
    assert ids(corpus, "expense before:2024-02-10") == set()
    assert ids(corpus, "expense after:2024-02") == {"p-budget"}
    assert ids(corpus, "expense after:2024-03") == set()
    assert "p-budget" not in ids(corpus, "type:article after:2025")


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ('vpn "unclosed phrase', "quotation mark"),
        ("type:spaceship", "Unknown type"),
        ("author:nobody-at-all", "No one called"),
        ("before:last-tuesday", "not a date"),
        ("tag:", "needs a value"),
    ],
)
def test_odd_queries_say_what_was_wrong(corpus: SearchIndex, query: str, says: str) -> None:
    results = corpus.search(query)

    assert results.error is not None
    assert says in results.error


def test_unknown_fields_and_lone_colons_are_just_words(corpus: SearchIndex) -> None:
    assert ids(corpus, "error: vpn") == ids(corpus, "error vpn")
    assert corpus.search(":").hits == ()
    assert corpus.search(":").error is None
    assert "q-vpn" in ids(corpus, "network:vpn")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        ":",
        '"',
        '""',
        "(((",
        ")))",
        "NOT",
        "AND OR NOT",
        "-",
        "*",
        "a*",
        "~",
        "vpn~~~",
        "tag:",
        "author:",
        'tag:"',
        "x" * 10_000,
        "vpn " * 5_000,
        "(" * 3_000 + "vpn" + ")" * 3_000,
        "\x00\x01\ufffd",
        "漢字 検索",
        "<script>alert(1)</script>",
    ],
)
def test_odd_input_never_raises(corpus: SearchIndex, query: str) -> None:
    results = corpus.search(query)

    assert results.total >= 0
    assert results.error is None or "damaged" not in results.error


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from([*'abvpn "():-*~\\/!+|&é', "AND", "OR", "NOT", "tag:", "type:", "vpn"]),
        max_size=30,
    ).map("".join)
)
def test_any_query_gives_results_not_exceptions(corpus: SearchIndex, query: str) -> None:
    results = corpus.search(query)

    assert results.total >= len(results.hits)
    assert results.error is None or "damaged" not in results.error


def test_parse_date() -> None:
    assert parse_date("2024").isoformat() == "2024-01-01T00:00:00+00:00"  # type: ignore[union-attr]
    assert parse_date("2024-03").month == 3  # type: ignore[union-attr]
    assert parse_date("2024/03/31").day == 31  # type: ignore[union-attr]
    assert parse_date("2024-02-30") is None
    assert parse_date("yesterday") is None
