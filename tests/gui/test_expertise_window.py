"""Expertise in the window: from an expert or a question to a profile, and to one's own
choices. The workspace is real and signed out; its expertise methods are the in-memory
stand-in, so no server is needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kshare.client.services import Workspace
from kshare.ui.main_window import COMPOSE, EXPERTS, MainWindow
from kshare.ui.operations import TaskRunner
from kshare.ui.settings import ui_settings
from kshare.ui.sync_controller import SyncController
from tests.gui.conftest import detail, summary
from tests.gui.expertise_fakes import ME, FakeExpertise

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform says these whenever a top-level window is shown or raised.
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

QUESTION = detail(1, "<p>How do we fail over Postgres?</p>", summary=summary(1, kind="question"))


@pytest.fixture
def fake() -> FakeExpertise:
    made = FakeExpertise()
    made.suggestions = {QUESTION.summary.id: ["p-priya"]}
    return made


@pytest.fixture
def workspace(tmp_path: Path, fake: FakeExpertise, monkeypatch) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "profile")
    for name in (
        "expertise_profile",
        "suggested_experts",
        "update_expertise",
        "endorse",
        "experts",
    ):
        monkeypatch.setattr(opened, name, getattr(fake, name), raising=False)
    monkeypatch.setattr(
        opened, "item", lambda item_id: QUESTION if item_id == QUESTION.summary.id else None
    )
    monkeypatch.setattr(opened, "my_reactions", lambda item_id: frozenset())
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot, workspace: Workspace, runner: TaskRunner) -> MainWindow:
    sync = SyncController(workspace)
    made = MainWindow(workspace, runner, sync, ui_settings(workspace.paths))
    qtbot.addWidget(made)
    made.destroyed.connect(lambda: sync.stop())
    return made


def test_an_experts_name_opens_their_profile_in_the_reading_pane(qtbot, window):
    window.show_page(EXPERTS)
    with qtbot.waitSignal(window.experts.experts_shown):
        window.experts.find("postgres")
    card = window.experts.cards[0]
    with qtbot.waitSignal(window.person.profile_shown) as shown:
        card.name.linkActivated.emit("person:p-priya")
    assert shown.args == ["p-priya"]
    assert window.reading.currentWidget() is window.person
    assert window.person.name.text() == "Priya Raman"
    assert not window.person.back_button.isVisibleTo(window.person)

    # From one profile to a similar person's.
    with qtbot.waitSignal(window.person.profile_shown) as shown:
        window.person.similar_labels[0].linkActivated.emit("person:p-kwame")
    assert shown.args == ["p-kwame"] and window.person.opted_out.isVisibleTo(window.person)

    # An item link on a card brings the item back into the pane.
    with qtbot.waitSignal(window.detail.item_shown):
        card.reason_labels[0].linkActivated.emit("item:item-1")
    assert window.reading.currentWidget() is window.detail


def test_people_who_might_know_open_their_profile_and_lead_back(qtbot, window, fake):
    with qtbot.waitSignal(window.detail.suggestions_shown):
        window.show_item("item-1")
    [label] = window.detail.suggestions.labels
    with qtbot.waitSignal(window.person.profile_shown):
        label.linkActivated.emit("person:p-priya")
    person = window.person
    assert window.reading.currentWidget() is person
    assert person.back_button.isVisibleTo(person)
    assert person.back_button.text() == "← Back to the question"

    # Endorsing from there goes to the outbox and asks for a sync.
    with qtbot.waitSignal(window._sync.sync_finished):
        qtbot.mouseClick(person.skill_rows["PostgreSQL"].endorse_button, Qt.MouseButton.LeftButton)
    assert fake.endorsed == [("p-priya", "PostgreSQL")]

    qtbot.mouseClick(person.back_button, Qt.MouseButton.LeftButton)
    assert window.reading.currentWidget() is window.detail
    assert window.detail.item_id == "item-1"


def test_the_profile_menu_and_the_dialog_keep_the_pane_up_to_date(qtbot, window, fake):
    window.show_page(COMPOSE)
    with qtbot.waitSignal(window.person.profile_shown) as shown:
        window.my_profile_action.trigger()
    assert shown.args == [ME]
    assert window.navigation.currentRow() != COMPOSE  # the reading pane is on show
    assert window.reading.isVisibleTo(window)
    assert [r.name.text() for r in window.person.topic_rows] == [
        "kubernetes",
        "terraform",
        "expenses",
    ]

    # The button on one's own profile opens the dialog; a change there shows at once.
    qtbot.mouseClick(window.person.manage_button, Qt.MouseButton.LeftButton)
    dialog = window.expertise_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: "terraform" in dialog.topic_rows)
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.topic_rows["terraform"].hide_button, Qt.MouseButton.LeftButton)
    assert [r.name.text() for r in window.person.topic_rows] == ["kubernetes", "expenses"]
    assert list(dialog.hidden_rows) == ["terraform"]

    # The menu and the Experts page reach the same dialog, read again.
    dialog.close()
    assert window.open_expertise() is dialog
    window.my_expertise_action.trigger()
    window.experts.own_profile_button.click()
    assert dialog.isVisible() and not dialog.notice.isVisibleTo(dialog)
    assert window.expertise_dialog is dialog


def test_ctrl_e_puts_the_cursor_in_the_topic_field(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.experts.topic.hasFocus)
    qtbot.keyClicks(window.experts.topic, "postgres")
    qtbot.keyClick(window.experts.topic, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.experts.cards) == 1)
