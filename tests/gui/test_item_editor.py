"""The inline editor keeps what was typed, and offers only what fits the item."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from kshare.client.errors import UserFacingError
from kshare.ui.detail_view import DetailPane
from tests.gui.conftest import detail, summary

pytestmark = pytest.mark.gui


class Desk:
    """Items by id, signed in as ana; publishing can be made to fail."""

    def __init__(self, *details, fail: bool = False) -> None:
        self.details = {d.summary.id: d for d in details}
        self.account = SimpleNamespace(user_id="u-ana")
        self.fail = fail
        self.published: list[dict] = []

    def item(self, item_id):
        return self.details.get(item_id)

    def my_reactions(self, item_id):
        return frozenset()

    def publish(self, **kwargs):
        if self.fail:
            raise UserFacingError("The outbox could not be written: the disk is full.")
        self.published.append(kwargs)
        return "reply-1"


def question(n: int, author: str = "u-priya"):
    return detail(n, "<p>?</p>", summary=summary(n, kind="question", author_id=author))


def show(qtbot, pane: DetailPane, item_id: str) -> None:
    with qtbot.waitSignal(pane.item_shown):
        pane.show_item(item_id)


def test_a_draft_answer_survives_reading_another_item(qtbot, runner):
    desk = Desk(question(1), question(2))
    pane = DetailPane(desk, runner, writer=desk)
    qtbot.addWidget(pane)
    show(qtbot, pane, "item-1")
    actions = pane.item_actions
    assert actions is not None
    qtbot.mouseClick(actions.answer_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(actions.editor.body, "Half an answer")

    show(qtbot, pane, "item-2")
    assert not actions.editor.is_open

    show(qtbot, pane, "item-1")
    assert actions.editor.is_open and actions.editor.mode == "answer"
    assert actions.editor.body.toPlainText() == "Half an answer"


def test_a_failed_reply_keeps_the_text_and_says_why(qtbot, runner):
    desk = Desk(question(1), fail=True)
    pane = DetailPane(desk, runner, writer=desk)
    qtbot.addWidget(pane)
    show(qtbot, pane, "item-1")
    actions = pane.item_actions
    assert actions is not None
    qtbot.mouseClick(actions.comment_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(actions.editor.body, "Same here")
    qtbot.mouseClick(actions.editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not actions.editor.error.isHidden())
    assert actions.editor.error.text() == "The outbox could not be written: the disk is full."
    assert actions.editor.body.toPlainText() == "Same here"
    assert actions.editor.submit_button.isEnabled()


def test_an_answer_offers_its_question_and_no_answer_button(qtbot, runner):
    answer = detail(
        2,
        "<p>Restart it.</p>",
        summary=summary(2, kind="answer", author_id="u-ana"),
        body_markdown="Restart it.",
        parent_id="item-1",
    )
    desk = Desk(question(1), answer)
    pane = DetailPane(desk, runner, writer=desk)
    qtbot.addWidget(pane)
    show(qtbot, pane, "item-2")
    actions = pane.item_actions
    assert actions is not None
    assert not actions.answer_button.isVisibleTo(pane)
    assert actions.edit_button.isVisibleTo(pane)  # ana's own answer

    qtbot.mouseClick(actions.edit_button, Qt.MouseButton.LeftButton)
    assert not actions.editor.title.isVisibleTo(pane)  # answers have no title of their own
    assert actions.editor.body.toPlainText() == "Restart it."
    assert actions.editor.submit_button.isEnabled()

    with qtbot.waitSignal(pane.item_shown) as shown:
        qtbot.mouseClick(actions.parent_button, Qt.MouseButton.LeftButton)
    assert shown.args == ["item-1"]


def test_a_pane_without_a_writer_only_reads(qtbot, runner):
    desk = Desk(replace(question(1), attachment_name="plan.csv"))
    pane = DetailPane(desk, runner)
    qtbot.addWidget(pane)
    show(qtbot, pane, "item-1")
    assert pane.item_actions is None
