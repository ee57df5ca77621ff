from __future__ import annotations

import pytest

from kshare.client.views import SearchHit, SearchResults
from kshare.ui.card_delegate import Role
from kshare.ui.search_model import SearchResultsModel
from kshare.ui.search_page import SearchPage
from tests.gui.conftest import NOW

pytestmark = pytest.mark.gui


def hit(n: int, **kw: object) -> SearchHit:
    values: dict[str, object] = {
        "id": f"item-{n}",
        "kind": "question",
        "title": f"Kubernetes question {n}",
        "snippet_html": "draining a <b>kubernetes</b> node",
        "author_name": "Priya Raman",
        "created_at": NOW,
    }
    values.update(kw)
    return SearchHit(**values)  # type: ignore[arg-type]


class Index:
    def __init__(self) -> None:
        self.queries: list[tuple[str, int]] = []

    def search(self, query, *, limit=20, page=1, sort="relevance", note_gap=True):
        self.queries.append((query, page))
        if query == "kubernets":
            return SearchResults(query, (), 0, suggestion="kubernetes")
        hits = tuple(hit(n + 20 * (page - 1)) for n in range(min(limit, 25 - 20 * (page - 1))))
        return SearchResults(
            query, hits, 25, page=page, page_size=limit, facets={"kind": (("question", 25),)}
        )


def test_results_model_passes_the_model_tester(qtmodeltester):
    model = SearchResultsModel()
    model.set_hits([hit(1), hit(2, parent_id="item-0", kind="answer")])
    model.append_hits([hit(3), hit(4, kind="person", title="Priya Raman")])
    qtmodeltester.check(model)
    assert model.index(1).data(Role.ID) == "item-0"  # an answer opens its question
    assert model.index(3).data(Role.ID) is None  # a person is not an item


def test_search_shows_hits_total_and_facets(qtbot, runner):
    page = SearchPage(Index(), runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.results_shown):
        page.search("kubernetes")
    assert page.model.rowCount() == 20
    assert page.summary.text() == "25 results for “kubernetes”"
    assert '<a href="kind:question">Question</a> (25)' in page.facets.text()  # a link
    assert page.model.index(0).data(Role.SNIPPET_HTML) == "draining a <b>kubernetes</b> node"
    assert not page.more.isHidden()
    with qtbot.waitSignal(page.results_shown):
        page.more.click()
    assert page.model.rowCount() == 25
    assert page.more.isHidden()


def test_did_you_mean_runs_the_suggestion(qtbot, runner):
    index = Index()
    page = SearchPage(index, runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.results_shown):
        page.search("kubernets")
    assert page.summary.text() == "Nothing found for “kubernets”"
    assert not page.suggestion.isHidden()
    assert "kubernetes" in page.suggestion.text()
    with qtbot.waitSignal(page.results_shown):
        page.suggestion.linkActivated.emit("suggest")
    assert page.box.text() == "kubernetes"
    assert page.model.rowCount() == 20
    assert index.queries[-1] == ("kubernetes", 1)


def test_choosing_a_hit_opens_it(qtbot, runner):
    page = SearchPage(Index(), runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.results_shown):
        page.search("kubernetes")
    with qtbot.waitSignal(page.item_activated) as blocker:
        page.list.setCurrentIndex(page.model.index(2))
    assert blocker.args == ["item-2"]


def test_typing_searches_after_a_pause(qtbot, runner):
    index = Index()
    page = SearchPage(index, runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.results_shown, timeout=3000):
        for text in ("k", "ku", "kub"):
            page.box.setText(text)
            page.box.textEdited.emit(text)
    assert index.queries == [("kub", 1)]
