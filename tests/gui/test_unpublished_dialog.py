"""Could not publish: real conflicts (412) and refusals from a real server, resolved from
the dialog the status bar offers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton

from kshare.client.services import Workspace
from kshare.client.store.outbox import OutboxOp
from kshare.ui.main_window import MainWindow
from kshare.ui.unpublished_dialog import EMPTY, EntryCard, UnpublishedDialog, describe

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform says this whenever a top-level window is shown.
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

TIMEOUT_MS = 60_000
Desktops = Callable[..., Workspace]


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisibleTo(button.window()), f"{button.objectName()} is not offered"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def sync_and_wait(qtbot, window: MainWindow, **expected: int):
    """Run one sync from the window and return its report, checking its counters."""
    with qtbot.waitSignal(window._sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        window._sync.sync_now()
    report = finished.args[0]
    for name, value in expected.items():
        assert getattr(report, name) == value, report
    return report


def the_only_card(qtbot, dialog: UnpublishedDialog) -> EntryCard:
    qtbot.waitUntil(lambda: len(dialog.cards) == 1, timeout=TIMEOUT_MS)
    [card] = dialog.cards.values()
    return card


def press(qtbot, parent, name: str, text: str) -> None:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is not None)
    box = parent.findChild(QMessageBox, name)
    [button] = [b for b in box.buttons() if b.text().replace("&", "") == text]
    button.click()
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is None)


@pytest.mark.integration
def test_a_conflict_is_offered_and_resolved_both_ways(
    qtbot, desktop_of: Desktops, window_for: Callable[[Workspace], MainWindow]
) -> None:
    ana, laptop = desktop_of("ana"), desktop_of("ana", "laptop")
    post = ana.publish(title="Deploy freeze", body="From the 20th.", audience=["org"])
    ana.sync()
    laptop.sync()
    window = window_for(ana)
    window.refresh_status()
    assert window.unpublished_button.isHidden()

    # The laptop changes the post first; the desktop, not synced since, edits version 1.
    laptop.edit(post, body="From the 19th, see the calendar.")
    assert laptop.sync().status.state == "idle"
    with qtbot.waitSignal(window.detail.item_shown, timeout=TIMEOUT_MS):
        window.detail.show_item(post)
    actions = window.detail.item_actions
    assert actions is not None
    click(qtbot, actions.edit_button)
    actions.editor.body.setPlainText("From the 21st.")
    with qtbot.waitSignal(
        window._sync.sync_finished,
        timeout=TIMEOUT_MS,
        check_params_cb=lambda report: report.conflicts == 1,
    ):
        click(qtbot, actions.editor.submit_button)  # saving starts a sync, which meets a 412

    button = window.unpublished_button
    qtbot.waitUntil(lambda: button.isVisibleTo(window), timeout=TIMEOUT_MS)
    assert button.text() == "⚠ 1 could not be published"
    assert "(1)" in window.unpublished_action.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.unpublished_dialog
    assert dialog is not None and dialog.isVisible()
    card = the_only_card(qtbot, dialog)
    assert card.what.text() == "Your edit of “Deploy freeze”"
    assert "changed on the server before your edit arrived" in card.why.text()
    assert card.when.text() == "Written just now"
    assert card.mine.text() == "Yours: From the 21st."
    assert card.theirs.text() == "On the server: From the 19th, see the calendar."
    assert card.discard_button.isHidden()
    # Meanwhile the desktop shows the server's version.
    assert "19th" in ana.item(post).body_markdown

    # Keep mine: sent again, over the server's version, by the sync it starts.
    with qtbot.waitSignal(
        window._sync.sync_finished,
        timeout=TIMEOUT_MS,
        check_params_cb=lambda report: report.pushed == 1,
    ):
        click(qtbot, card.keep_mine_button)
    assert ana.pending_count() == 0 and ana.unpublished() == []
    qtbot.waitUntil(lambda: not dialog.empty.isHidden(), timeout=TIMEOUT_MS)
    assert dialog.empty.text() == EMPTY and dialog.cards == {}
    qtbot.waitUntil(button.isHidden, timeout=TIMEOUT_MS)
    laptop.sync()
    assert laptop.item(post).body_markdown == "From the 21st."

    # Another round; this time the server's version wins.
    laptop.edit(post, body="Cancelled: no freeze this month.")
    laptop.sync()
    version = laptop.item(post).version
    ana.edit(post, body="From the 22nd.")
    sync_and_wait(qtbot, window, conflicts=1)
    card = the_only_card(qtbot, dialog)  # the open dialog follows the sync
    assert card.mine.text() == "Yours: From the 22nd."
    with qtbot.waitSignal(dialog.resolved, timeout=TIMEOUT_MS):
        click(qtbot, card.keep_theirs_button)
    qtbot.waitUntil(lambda: dialog.cards == {}, timeout=TIMEOUT_MS)
    assert ana.unpublished() == [] and ana.pending_count() == 0
    assert ana.item(post).body_markdown == "Cancelled: no freeze this month."
    qtbot.waitUntil(button.isHidden, timeout=TIMEOUT_MS)
    laptop.sync()
    kept = laptop.item(post)
    assert kept.body_markdown == "Cancelled: no freeze this month." and kept.version == version


@pytest.mark.integration
def test_a_refused_comment_can_be_copied_and_discarded(
    qtbot, desktop_of: Desktops, window_for: Callable[[Workspace], MainWindow]
) -> None:
    priya, ana = desktop_of("priya"), desktop_of("ana")
    post = priya.publish(title="New on-call rota", body="Starts Monday.", audience=["org"])
    priya.sync()
    ana.sync()
    window = window_for(ana)
    with qtbot.waitSignal(window.detail.item_shown, timeout=TIMEOUT_MS):
        window.detail.show_item(post)

    # Priya deletes the post before ana's comment reaches the server.
    priya.delete(post)
    priya.sync()
    actions = window.detail.item_actions
    assert actions is not None
    click(qtbot, actions.comment_button)
    qtbot.keyClicks(actions.editor.body, "Can I swap the first week?")
    with qtbot.waitSignal(
        window._sync.sync_finished,
        timeout=TIMEOUT_MS,
        check_params_cb=lambda report: report.failed == 1,
    ):
        click(qtbot, actions.editor.submit_button)
    qtbot.waitUntil(lambda: window.detail.item_id is None, timeout=TIMEOUT_MS)  # gone for ana too
    qtbot.waitUntil(lambda: window.unpublished_button.isVisibleTo(window), timeout=TIMEOUT_MS)

    window.unpublished_action.trigger()
    dialog = window.unpublished_dialog
    assert dialog is not None
    card = the_only_card(qtbot, dialog)
    assert card.what.text() == "Your new comment “Can I swap the first week?”"
    assert card.why.text().startswith("The server refused it: ")
    assert card.keep_mine_button.isHidden() and card.keep_theirs_button.isHidden()

    click(qtbot, card.copy_button)
    assert QGuiApplication.clipboard().text() == "Can I swap the first week?"

    click(qtbot, card.discard_button)
    press(qtbot, dialog, "confirmDiscard", "Cancel")
    assert len(ana.unpublished()) == 1 and len(dialog.cards) == 1

    click(qtbot, card.discard_button)
    with qtbot.waitSignal(dialog.resolved, timeout=TIMEOUT_MS):
        press(qtbot, dialog, "confirmDiscard", "Discard")
    qtbot.waitUntil(lambda: dialog.cards == {}, timeout=TIMEOUT_MS)
    assert ana.unpublished() == []
    qtbot.waitUntil(window.unpublished_button.isHidden, timeout=TIMEOUT_MS)
    assert window.unpublished_action.text() == "Could not &publish…"


def entry(operation: str, payload: dict, state: str = "failed", error: str = "") -> OutboxOp:
    return OutboxOp(
        id=1,
        key="k",
        operation=operation,
        target_id="t-1",
        payload=payload,
        state=state,
        attempts=1,
        last_error=error,
        created_at=datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
    )


def test_entries_are_described_in_plain_words() -> None:
    reaction = describe(
        entry(
            "create_reaction",
            {"item_id": "i", "reaction": {"id": "r", "emoji": "🎉"}},
            error="Item not found.",
        )
    )
    assert reaction.what == "Your reaction 🎉"
    assert reaction.why == "The server refused it: Item not found."
    assert reaction.mine == ""
    post = describe(
        entry("create_item", {"create": {"kind": "question", "title": "Why?", "body": "x"}})
    )
    assert post.what == "Your new question “Why?”" and post.mine == "x"
    assert describe(entry("delete_item", {})).what == "Deleting an item"


def test_a_change_of_audience_alone_says_what_it_was() -> None:
    change = describe(
        entry(
            "update_item",
            {
                "update": {
                    "base_version": 3,
                    "audience": {
                        "groups": ["SRE"],
                        "people": ["bo"],
                        "editor_people": ["bo"],
                        "visible_until": "2026-12-31T23:00:00Z",
                    },
                },
                "base": {"title": "Runbook", "body": "Restart it", "tags": []},
            },
            error="You may not change who can see this.",
        )
    )
    assert change.what == "Your change of who can see “Runbook”"
    assert change.mine == (
        "Visible to: group SRE, person bo · can also edit: person bo · until 2026-12-31T23:00:00Z"
    )
    edit = describe(
        entry("update_item", {"update": {"base_version": 3, "body": "New"}, "base": {"title": "R"}})
    )
    assert edit.what == "Your edit of “R”" and edit.mine == "New"
