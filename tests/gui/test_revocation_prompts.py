"""The app asks before two things a person must decide: an unexplained mass removal, and
signing out with writes not yet sent. Real server, real profiles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import delete

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from kshare.server.changes import bump_epoch
from kshare.server.tables import AudienceRow, Item
from kshare.ui.main_window import MainWindow
from tests.integration.sync.seeding import seed_items
from tests.support.server import ServerProcess

pytestmark = [
    pytest.mark.gui,
    pytest.mark.integration,
    # The offscreen platform says this whenever a message box is shown.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def click_confirm(qtbot: Any, parent: MainWindow, name: str) -> None:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is not None)
    box = parent.findChild(QMessageBox, name)
    box.findChild(QPushButton, "confirmButton").click()
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is None)


def test_an_unexplained_mass_removal_is_carried_out_once_confirmed(
    qtbot: Any,
    server: ServerProcess,
    colleagues: AdminTools,
    desktop_of: Callable[[str], Workspace],
    window_for: Callable[[Workspace], MainWindow],
) -> None:
    seeded = seed_items(server.data_dir, "priya", 120, body_size=100)
    ana = desktop_of("ana")
    assert ana.sync().status.state == "idle"
    assert ana.feed_count() >= 120
    with colleagues.db.write() as session:  # rows gone without a tombstone: unexplained
        session.execute(delete(AudienceRow).where(AudienceRow.item_id.in_(seeded)))
        session.execute(delete(Item).where(Item.id.in_(seeded)))
        bump_epoch(session, [colleagues.user_id("ana")])
    window = window_for(ana)
    with qtbot.waitSignal(window._sync.removal_confirmation_needed, timeout=60_000) as asked:
        window._sync.sync_now()
    assert asked.args == [120]
    assert ana.feed_count() >= 120  # kept until the person says so
    with qtbot.waitSignal(window._sync.sync_finished, timeout=60_000) as finished:
        click_confirm(qtbot, window, "confirmRemovalBox")
    assert finished.args[0].status.state == "idle", finished.args[0].status.message
    assert ana.feed_count() == 0


def test_signing_out_with_unsent_writes_warns_and_keeps_them(
    qtbot: Any,
    desktop_of: Callable[[str], Workspace],
    window_for: Callable[[Workspace], MainWindow],
) -> None:
    ana = desktop_of("ana")
    ana.publish(title="Draft runbook", body="not sent yet", audience=["org"])
    window = window_for(ana)
    signed_out: list[bool] = []
    window.sign_out_requested.connect(lambda: signed_out.append(True))
    window.sign_out()
    assert signed_out == []  # the question comes first
    box = window.findChild(QMessageBox, "signOutWithWritesBox")
    assert box.text() == "Not sent to the server yet: 1 change of yours."
    click_confirm(qtbot, window, "signOutWithWritesBox")
    assert signed_out == [True]
    ana.logout()
    assert ana.pending_count() == 1
