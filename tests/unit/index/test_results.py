"""What a person sees in a result list: order, snippets, facets, pages, typo help."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import nh3

from kshare.client.index import SearchIndex

from .conftest import NOW, CacheFiller


def test_snippets_mark_matches_in_bold_and_are_safe_html(corpus: SearchIndex) -> None:
    results = corpus.search("expense")
    hit = results.hits[0]

    assert hit.id == "p-budget"
    assert "<b>expense</b>" in hit.snippet_html.lower()
    assert "<script" not in hit.snippet_html
    assert nh3.clean(hit.snippet_html, tags={"b"}, attributes={}) == hit.snippet_html


def test_snippet_marks_stemmed_forms_and_comes_from_rendered_markdown(corpus: SearchIndex) -> None:
    hit = corpus.search("deployment").hits[0]

    assert hit.id == "p-k8s"
    assert "<b>deploy</b>" in hit.snippet_html
    assert "**" not in hit.snippet_html


def test_document_snippets_come_from_the_file_text(corpus: SearchIndex) -> None:
    results = corpus.search("zanzibar")

    assert [h.id for h in results.hits] == ["d-handbook"]
    assert "<b>Zanzibar</b>" in results.hits[0].snippet_html


def test_hits_carry_what_the_list_shows(corpus: SearchIndex) -> None:
    hit = next(h for h in corpus.search("certificate").hits if h.id == "a-vpn-good")

    assert hit.kind == "answer"
    assert hit.title == "Why does the VPN drop every hour?"  # an answer shows its question
    assert hit.parent_id == "q-vpn"
    assert hit.author_name == "Alice Martin"
    assert hit.created_at is not None and hit.created_at.tzinfo is not None
    person = corpus.search("reliability").hits[0]
    assert (person.kind, person.title) == ("person", "Alice Martin")


def test_facets_count_every_match_not_only_the_page(corpus: SearchIndex) -> None:
    results = corpus.search("vpn", limit=1)

    assert len(results.hits) == 1
    assert results.total == 3
    assert dict(results.facets["type"]) == {"question": 1, "answer": 2}
    assert dict(results.facets["tag"]) == {"vpn": 1, "network": 1}
    assert dict(results.facets["author"]) == {"alice": 2, "bob": 1}
    assert sum(n for _, n in results.facets["date"]) == 3


def test_group_and_date_facets(corpus: SearchIndex) -> None:
    results = corpus.search("kubernetes OR expense")

    groups = dict(results.facets["group"])
    assert groups["Platform Team"] == 2
    assert groups["Finance"] == 2  # the article and the group itself, as group:finance finds
    dates = dict(results.facets["date"])
    # p-k8s 3 days old, the PDF handbook (mentions kubernetes) 20, p-helm 40, the article 2024
    assert dates == {"past week": 1, "past month": 1, "past year": 1, "older": 1}


def test_title_and_tags_weigh_more_than_a_passing_mention(corpus: SearchIndex) -> None:
    order = [h.id for h in corpus.search("kubernetes type:post").hits]

    assert order == ["p-k8s", "p-helm"]


def test_accepted_answer_ranks_above_others(filler: CacheFiller, make_index: Any) -> None:
    filler.item("q", "question", title="Printer", accepted_answer_id="a2")
    same = {"parent_id": "q", "created_at": NOW - timedelta(days=30)}
    filler.item("a1", "answer", body="Reinstall the printer driver.", **same)
    filler.item("a2", "answer", body="Reinstall the printer driver.", is_accepted=True, **same)
    filler.item("a3", "answer", body="Reinstall the printer driver.", **same)
    index = make_index()
    index.catch_up()

    assert index.search("printer driver type:answer").hits[0].id == "a2"


def test_recent_items_rank_above_old_ones_when_text_is_equal(
    filler: CacheFiller, make_index: Any
) -> None:
    for age in (900, 5, 300):
        filler.item(f"p{age}", title="Quarterly planning", created_at=NOW - timedelta(days=age))
    index = make_index()
    index.catch_up()

    assert [h.id for h in index.search("quarterly planning").hits] == ["p5", "p300", "p900"]


def test_sorting_by_date(corpus: SearchIndex) -> None:
    newest = [h.id for h in corpus.search("vpn", sort="newest").hits]
    oldest = [h.id for h in corpus.search("vpn", sort="oldest").hits]

    assert newest[0] == "a-vpn-good" or newest[0] == "a-vpn-meh"
    assert oldest[0] == "q-vpn"
    assert newest == list(reversed(oldest)) or newest[-1] == "q-vpn"
    assert corpus.search("vpn", sort="sideways").error is not None


def test_filter_only_queries_list_newest_first(corpus: SearchIndex) -> None:
    order = [h.id for h in corpus.search("type:post").hits]

    assert order == ["p-k8s", "p-helm"]


def test_paging_walks_all_results_once(filler: CacheFiller, make_index: Any) -> None:
    for n in range(45):
        filler.item(
            f"p{n:02}",
            title=f"Runbook {n}",
            body="incident runbook steps",
            created_at=NOW - timedelta(hours=n),
        )
    index = make_index()
    index.catch_up()

    seen: list[str] = []
    for page in (1, 2, 3):
        results = index.search("runbook", limit=20, page=page, sort="newest")
        assert results.total == 45
        assert results.page == page
        seen += [h.id for h in results.hits]
    assert seen == [f"p{n:02}" for n in range(45)]
    assert index.search("runbook", limit=20, page=4).hits == ()
    relevance = [h.id for p in (1, 2, 3) for h in index.search("runbook", page=p).hits]
    assert sorted(relevance) == sorted(seen)


def test_typos_are_forgiven_and_a_correction_offered(corpus: SearchIndex) -> None:
    results = corpus.search("certficate")

    assert [h.id for h in results.hits] == ["a-vpn-good"]
    assert results.suggestion == "certificate"


def test_explicit_fuzzy_term(corpus: SearchIndex) -> None:
    assert "a-vpn-good" in {h.id for h in corpus.search("certifcate~").hits}


def test_did_you_mean_keeps_the_rest_of_the_query(corpus: SearchIndex) -> None:
    results = corpus.search("vpn certficate")

    assert results.suggestion == "vpn certificate"
    assert results.hits[0].id == "a-vpn-good"


def test_known_words_get_no_suggestion(corpus: SearchIndex) -> None:
    assert corpus.search("vpn").suggestion is None


def test_nothing_found_reads_no_per_document_columns(corpus: SearchIndex, monkeypatch: Any) -> None:
    """A query with no match answers at once: the columns are only read for matches."""
    from kshare.client.index import store

    def refuse(*_args: Any) -> None:
        raise AssertionError("columns read for a query that matched nothing")

    monkeypatch.setattr(store.OpenIndex, "columns", refuse)
    empty = corpus.search("qwertyuiopnothing")
    assert (empty.total, empty.hits, empty.facets, empty.error) == (0, (), {}, None)
    for query in ("expense -expense", "type:question -type:question"):
        assert corpus.search(query).total == 0


def test_an_empty_cache_searches_warms_and_finds_no_one(make_index: Any, cache: Any) -> None:
    """Before the first sync (or after one that failed) nothing fails on an empty index."""
    from kshare.client.experts.finder import ExpertFinder

    index = make_index()
    index.catch_up()
    damaged: list[BaseException] = []
    index.mark_damaged = damaged.append
    index.warm()
    for query in ("kubernetes", "-kubernetes", "type:question", "kubernets", '"a b"'):
        found = index.search(query)
        assert (found.total, found.error) == (0, None), query
    assert index.matching_documents("kubernetes helm") == []
    finder = ExpertFinder(cache, index)
    finder.warm()
    assert finder.rank("kubernetes") == []
    assert damaged == []
