"""Expertise from the window against a real server: a question suggests a colleague, an
endorsement and an opt-out reach the others. Nothing here is faked."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from kshare.ui.main_window import MainWindow
from tests.gui.conftest import PASSWORD

pytestmark = [
    pytest.mark.gui,
    pytest.mark.integration,
    # The offscreen platform says these whenever a top-level window is shown or raised.
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

TIMEOUT_MS = 60_000
Desktops = Callable[..., Workspace]


def wait_until_sent(qtbot, workspace: Workspace) -> None:
    qtbot.waitUntil(lambda: workspace.pending_count() == 0, timeout=TIMEOUT_MS)


def test_from_a_question_to_a_colleague_and_back_to_ones_own_choices(
    qtbot,
    colleagues: AdminTools,
    desktop_of: Desktops,
    window_for: Callable[[Workspace], MainWindow],
) -> None:
    colleagues.add_user(
        "kwame",
        "Kwame Mensah",
        PASSWORD,
        title="Database Reliability Engineer",
        department="Platform Engineering",
        skills=["PostgreSQL"],
        ask_me_about=["Failover"],
    )
    kwame, priya, ana = desktop_of("kwame"), desktop_of("priya"), desktop_of("ana")
    for title, body in (
        ("Postgres failover runbook", "Promote the replica with pg_ctl promote, then repoint."),
        ("Postgres replication lag", "Watch replication lag before a postgres failover."),
    ):
        kwame.publish(title=title, body=body, tags=["postgres", "failover"], audience=["org"])
    assert kwame.sync().status.state == "idle"
    question = ana.publish(
        title="How do we fail over Postgres?",
        body="The primary needs maintenance. What is the postgres failover order?",
        tags=["postgres"],
        kind="question",
        audience=["org"],
    )
    assert ana.sync().status.state == "idle"
    window = window_for(ana)

    with qtbot.waitSignal(window.detail.suggestions_shown, timeout=TIMEOUT_MS) as shown:
        window.show_item(question)
    assert shown.args[0] == question
    suggested = [e.display_name for e in window.detail.suggestions.experts]
    assert "Kwame Mensah" in suggested and "Ana Souza" not in suggested
    label = window.detail.suggestions.labels[suggested.index("Kwame Mensah")]

    person = window.person
    kwame_id = window.detail.suggestions.experts[suggested.index("Kwame Mensah")].person_id
    with qtbot.waitSignal(person.profile_shown, timeout=TIMEOUT_MS):
        label.linkActivated.emit(f"person:{kwame_id}")
    assert person.name.text() == "Kwame Mensah"
    assert person.back_button.isVisibleTo(person)
    button = person.skill_rows["PostgreSQL"].endorse_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.text() == "Endorsed", timeout=TIMEOUT_MS)
    assert not button.isEnabled()
    wait_until_sent(qtbot, ana)
    assert kwame.sync().status.state == "idle"
    mine = kwame.expertise_profile()
    assert mine is not None and ("PostgreSQL", 1) in mine.endorsements

    # Ana's own profile, from the Profile menu, and the dialog from there.
    with qtbot.waitSignal(person.profile_shown, timeout=TIMEOUT_MS):
        window.my_profile_action.trigger()
    assert person.manage_button.isVisibleTo(person)
    qtbot.mouseClick(person.manage_button, Qt.MouseButton.LeftButton)
    dialog = window.expertise_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.profile is not None, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(dialog.changed, timeout=TIMEOUT_MS):
        qtbot.mouseClick(
            dialog.opt_out, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.opt_out.height() // 2)
        )
    assert dialog.opt_out.isChecked()
    assert "published at the next sync" in dialog.notice.text()
    assert person.opted_out.text() == "You chose not to be listed as an expert."
    wait_until_sent(qtbot, ana)
    assert priya.sync().status.state == "idle"
    seen = priya.expertise_profile(person.person_id)
    assert seen is not None and seen.opt_out
