"""My expertise: confirm, hide, remove, show again and opt out, over an in-memory workspace
whose state really changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox

from kshare.ui.expertise_dialog import HIDE_TIP, REMOVE_TIP, ExpertiseDialog
from tests.gui.expertise_fakes import ME, FakeExpertise

pytestmark = pytest.mark.gui


@pytest.fixture
def fake() -> FakeExpertise:
    return FakeExpertise()


@pytest.fixture
def dialog(qtbot, runner, fake) -> ExpertiseDialog:
    made = ExpertiseDialog(fake, runner)
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.profile_shown):
        made.refresh()
    return made


def press(qtbot, button) -> None:
    # A check box takes clicks on its box and its text, not on the empty rest of its row.
    if isinstance(button, QCheckBox):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click(qtbot, dialog: ExpertiseDialog, button) -> None:
    assert button.isVisibleTo(dialog), f"{button.accessibleName()} is not offered"
    with qtbot.waitSignal(dialog.changed):
        press(qtbot, button)


def test_your_topics_are_listed_with_what_you_can_do(dialog):
    assert list(dialog.topic_rows) == ["kubernetes", "terraform", "expenses"]
    kubernetes, terraform = dialog.topic_rows["kubernetes"], dialog.topic_rows["terraform"]
    # Confirm is offered only for what was found in your writing.
    assert not kubernetes.confirm_button.isVisibleTo(dialog)
    assert kubernetes.state.text() == "✓ Confirmed by you"
    assert terraform.confirm_button.isVisibleTo(dialog)
    assert terraform.state.text() == "Found in what you wrote"
    assert terraform.hide_button.toolTip() == HIDE_TIP
    assert "Never list me" in HIDE_TIP
    assert terraform.remove_button.toolTip() == REMOVE_TIP
    assert terraform.remove_button.accessibleName() == "Remove terraform from my profile"
    assert dialog.hidden_rows == {} and dialog.hidden_empty.isVisibleTo(dialog)
    assert not dialog.opt_out.isChecked() and dialog.opt_out.isEnabled()
    assert "not see you in expert results" in dialog.opt_out.toolTip()


def test_hiding_a_topic_lists_it_under_hidden_and_show_again_brings_it_back(qtbot, dialog, fake):
    click(qtbot, dialog, dialog.topic_rows["terraform"].hide_button)
    assert fake.updates[-1]["hide"] == ("terraform",)
    assert fake.people[ME].hidden == ["terraform"]
    assert "terraform" not in dialog.topic_rows
    assert list(dialog.hidden_rows) == ["terraform"]
    assert not dialog.hidden_empty.isVisibleTo(dialog)
    assert dialog.notice.isVisibleTo(dialog)
    assert "published at the next sync" in dialog.notice.text()
    assert not fake.on_gui_thread

    click(qtbot, dialog, dialog.hidden_rows["terraform"].show_button)
    assert fake.updates[-1]["unhide"] == ("terraform",)
    assert "terraform" in dialog.topic_rows and dialog.hidden_rows == {}
    assert "shown again" in dialog.notice.text()


def test_confirming_a_topic_marks_it_confirmed(qtbot, dialog, fake):
    click(qtbot, dialog, dialog.topic_rows["expenses"].confirm_button)
    assert fake.people[ME].topics["expenses"][1] == "confirmed"
    row = dialog.topic_rows["expenses"]
    assert row.state.text() == "✓ Confirmed by you"
    assert not row.confirm_button.isVisibleTo(dialog)
    assert dialog.notice.text().startswith("Confirmed “expenses”.")


def test_removing_drops_a_confirmed_topic_and_hides_a_mined_one(qtbot, dialog, fake):
    click(qtbot, dialog, dialog.topic_rows["kubernetes"].remove_button)
    assert "kubernetes" not in fake.people[ME].topics
    assert "kubernetes" not in dialog.topic_rows and "kubernetes" not in dialog.hidden_rows

    click(qtbot, dialog, dialog.topic_rows["expenses"].remove_button)
    assert "expenses" not in dialog.topic_rows
    assert list(dialog.hidden_rows) == ["expenses"]  # found in writing: kept hidden
    assert fake.updates[-1]["remove"] == ("expenses",)


def test_opting_out_and_back_in(qtbot, dialog, fake):
    click(qtbot, dialog, dialog.opt_out)
    assert fake.people[ME].opt_out is True
    assert fake.updates[-1]["opt_out"] is True
    assert dialog.opt_out.isChecked()
    assert "will not see you in expert results" in dialog.notice.text()

    click(qtbot, dialog, dialog.opt_out)
    assert fake.people[ME].opt_out is False
    assert not dialog.opt_out.isChecked()


def test_a_change_that_fails_is_shown_and_the_list_shows_what_is_saved(qtbot, dialog, fake):
    fake.fail_next = "Your profile could not be saved: the disk is full."
    press(qtbot, dialog.opt_out)
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog))
    assert dialog.error.text() == "Your profile could not be saved: the disk is full."
    qtbot.waitUntil(lambda: not dialog.opt_out.isChecked())  # back to what is saved
    assert fake.people[ME].opt_out is False
    assert not dialog.notice.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.opt_out.isEnabled())
    assert dialog.topic_rows["terraform"].hide_button.isEnabled()


def test_one_change_at_a_time(qtbot, dialog, fake):
    dialog.hide_topic("terraform")  # its result arrives at the next turn of the event loop
    assert dialog.busy
    assert not dialog.topic_rows["expenses"].hide_button.isEnabled()
    assert not dialog.opt_out.isEnabled()
    dialog.hide_topic("expenses")  # ignored while the first is saved
    qtbot.waitUntil(lambda: not dialog.busy)
    assert [u["hide"] for u in fake.updates] == [("terraform",)]
    assert dialog.topic_rows["expenses"].hide_button.isEnabled()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_change_keeps_the_list_where_it_was_and_the_focus_on_the_next_topic(qtbot, runner, fake):
    fake.people[ME].topics = {f"topic {n}": (1 - n / 40, "mined") for n in range(30)}
    made = ExpertiseDialog(fake, runner)
    qtbot.addWidget(made)
    made.resize(620, 560)
    made.show()
    qtbot.waitExposed(made)
    with qtbot.waitSignal(made.profile_shown):
        made.refresh()
    bar = made.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    row = made.topic_rows["topic 12"]
    bar.setValue(row.y() - 80)
    before = bar.value()
    click(qtbot, made, row.hide_button)
    assert "topic 12" in made.hidden_rows
    assert made.focusWidget() is made.topic_rows["topic 13"].hide_button
    assert bar.value() == before
