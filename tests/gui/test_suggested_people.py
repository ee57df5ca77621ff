"""People who might know, beside a question nobody has answered to the asker's satisfaction."""

from __future__ import annotations

import pytest

from kshare.ui.detail_view import DetailPane
from tests.gui.conftest import detail, summary
from tests.gui.expertise_fakes import FakeExpertise

pytestmark = pytest.mark.gui


def question(n: int, *answers) -> object:
    return detail(n, f"<p>Question {n}?</p>", summary=summary(n, kind="question"), answers=answers)


def answer(n: int, *, accepted: bool) -> object:
    return detail(n, "<p>Try this.</p>", summary=summary(n, kind="answer", is_accepted=accepted))


class Items(FakeExpertise):
    """Items by id, and the fake expertise for the people."""

    def __init__(self, *details) -> None:
        super().__init__()
        self.details = {d.summary.id: d for d in details}

    def item(self, item_id):
        return self.details.get(item_id)


@pytest.fixture
def items() -> Items:
    source = Items(
        question(1),
        question(2, answer(20, accepted=False)),
        question(3, answer(30, accepted=True)),
        detail(4, "<p>A post.</p>"),
        question(5),
    )
    source.suggestions = {
        "item-1": ["p-priya", "p-kwame"],
        "item-2": ["p-kwame"],
        "item-3": ["p-priya"],
        "item-4": ["p-priya"],
    }
    return source


@pytest.fixture
def pane(qtbot, runner, items) -> DetailPane:
    made = DetailPane(items, runner, experts=items)
    qtbot.addWidget(made)
    return made


def show(qtbot, pane: DetailPane, item_id: str) -> None:
    with qtbot.waitSignal(pane.item_shown):
        pane.show_item(item_id)


def test_an_unanswered_question_lists_people_who_might_know(qtbot, pane, items):
    with qtbot.waitSignal(pane.suggestions_shown) as shown:
        pane.show_item("item-1")
    assert shown.args[0] == "item-1"
    box = pane.suggestions
    assert box.isVisibleTo(pane) and box.heading.text() == "People who might know"
    assert [e.person_id for e in box.experts] == ["p-priya", "p-kwame"]
    first = box.labels[0].text()
    assert '<a href="person:p-priya">Priya Raman</a>' in first
    assert "Staff Site Reliability Engineer" in first
    assert "A question like item-1" in first  # the first reason
    assert box.labels[0].accessibleName() == "Open Priya Raman's profile"
    assert not items.on_gui_thread

    with qtbot.waitSignal(pane.person_link_clicked) as clicked:
        box.labels[1].linkActivated.emit("person:p-kwame")
    assert clicked.args == ["p-kwame"]


def test_answered_but_not_accepted_still_asks_for_help(qtbot, pane):
    with qtbot.waitSignal(pane.suggestions_shown):
        pane.show_item("item-2")
    assert [e.person_id for e in pane.suggestions.experts] == ["p-kwame"]


def test_nothing_is_suggested_for_an_accepted_answer_or_a_post(qtbot, pane, items):
    with qtbot.waitSignal(pane.suggestions_shown):
        pane.show_item("item-1")
    show(qtbot, pane, "item-3")
    assert not pane.suggestions.isVisibleTo(pane)
    show(qtbot, pane, "item-4")
    assert not pane.suggestions.isVisibleTo(pane)
    assert items.suggested_for == ["item-1"]  # the finder was not even asked


def test_a_question_without_suggestions_shows_no_box(qtbot, pane, items):
    with qtbot.waitSignal(pane.suggestions_shown) as shown:
        pane.show_item("item-5")
    assert shown.args == ["item-5", []]
    assert not pane.suggestions.isVisibleTo(pane)
    assert items.suggested_for == ["item-5"]


def test_a_late_answer_for_a_question_no_longer_shown_is_dropped(qtbot, pane, items):
    items.hold_suggestions.clear()
    show(qtbot, pane, "item-1")
    qtbot.waitUntil(lambda: items.suggested_for == ["item-1"])  # asked, and held back
    pane.show_item("item-4")  # waits behind the held request on the one local worker
    items.hold_suggestions.set()
    with qtbot.assertNotEmitted(pane.suggestions_shown), qtbot.waitSignal(pane.item_shown):
        pass
    assert pane.item_id == "item-4"
    assert not pane.suggestions.isVisibleTo(pane) and pane.suggestions.experts == []


def test_moving_to_another_question_shows_only_its_people(qtbot, pane, items):
    items.hold_suggestions.clear()
    show(qtbot, pane, "item-1")
    qtbot.waitUntil(lambda: items.suggested_for == ["item-1"])
    pane.show_item("item-2")
    items.hold_suggestions.set()
    with qtbot.waitSignal(pane.suggestions_shown) as shown:
        pass
    assert shown.args[0] == "item-2"
    assert [e.person_id for e in pane.suggestions.experts] == ["p-kwame"]
    assert items.suggested_for == ["item-1", "item-2"]


def test_a_pane_without_an_expert_finder_suggests_nothing(qtbot, runner, items):
    pane = DetailPane(items, runner)
    qtbot.addWidget(pane)
    show(qtbot, pane, "item-1")
    assert not pane.suggestions.isVisibleTo(pane)
    assert items.suggested_for == []
