"""Follow → a colleague posts → sync with the real server → inbox and notification → open it.

And the Home feed's mix control: moving it changes the order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from kshare.ui.home_page import EXPLORE, HomePage
from kshare.ui.main_window import INBOX, MainWindow
from kshare.ui.operations import TaskRunner
from tests.gui.conftest import PASSWORD

# The offscreen platform cannot raise or size a dialog as a desktop would, and says so.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def _sync(workspace: Workspace) -> None:
    report = workspace.sync()
    assert report.status.state == "idle", report.status.message


def test_follow_then_a_colleagues_post_lands_in_the_inbox_and_opens(
    qtbot: Any,
    desktop_of: Callable[..., Workspace],
    window_for: Callable[[Workspace], MainWindow],
) -> None:
    ana, priya = desktop_of("ana"), desktop_of("priya")
    _sync(ana)
    _sync(priya)
    ana.notifications.follow("tag", "postgresql")
    ana.notifications.follow("person", "priya")
    _sync(ana)  # the follows reach the server through the outbox
    assert {(f.kind, f.label) for f in ana.notifications.following()} == {
        ("tag", "#postgresql"),
        ("person", "Priya Raman (@priya)"),
    }

    window = window_for(ana)
    with qtbot.waitSignal(window.inbox.refreshed, timeout=10_000):
        window.show_page(INBOX)
    assert window.inbox.unread == 0  # nothing floods in from before

    vacuum = priya.publish(
        title="Vacuum settings that worked",
        body="Autovacuum tuning, @ana might like it",
        tags=("postgresql",),
    )
    _sync(priya)
    _sync(ana)
    with qtbot.waitSignal(window.notifier.announced, timeout=10_000) as announced:
        window.inbox.refresh()
        window.notifier.check()
    [entry] = announced.args[0]
    assert entry.open_id == vacuum and entry.kind == "mention"
    assert entry.text == "Priya Raman mentioned you in “Vacuum settings that worked”"
    qtbot.waitUntil(lambda: window.inbox.unread == 1, timeout=10_000)
    assert window.windowTitle() == "kshare (1)"
    assert window.navigation.item(INBOX).text() == "Inbox (1)"

    # A click on the notification (or the entry) opens the item and marks it read.
    with qtbot.waitSignal(window.inbox.refreshed, timeout=10_000):
        window.notifier.entry_clicked.emit(entry)
    qtbot.waitUntil(lambda: window.detail.item_id == vacuum, timeout=10_000)
    qtbot.waitUntil(lambda: window.inbox.unread == 0, timeout=10_000)
    assert window.windowTitle() == "kshare"

    # Announced once only, and a kind turned off is never announced.
    ana.settings.set("notify_mention", False)
    priya.publish(title="More tuning", body="cc @ana", tags=("postgresql",))
    _sync(priya)
    _sync(ana)
    assert not window.notifier.enabled("mention") and window.notifier.enabled("answer")
    assert ana.notifications.to_announce(window.notifier.enabled) == []
    assert ana.notifications.to_announce(lambda kind: True) == []


def test_the_mix_control_changes_the_order_and_is_saved(
    qtbot: Any,
    colleagues: AdminTools,
    desktop_of: Callable[..., Workspace],
    runner: TaskRunner,
) -> None:
    colleagues.add_user("omar", "Omar Haddad", PASSWORD)  # outside ana's team
    ana, priya, omar = desktop_of("ana"), desktop_of("priya"), desktop_of("omar")
    close = priya.publish(title="Close: pg notes", body="b", tags=("postgresql",))
    _sync(priya)
    popular = omar.publish(title="Far: kiln firing?", body="b", tags=("pottery",), kind="question")
    _sync(omar)
    _sync(priya)
    for n in range(4):  # a well-received question outside ana's circle
        priya.publish(title="", body=f"Answer {n}", kind="answer", parent_id=popular)
    _sync(priya)
    ana.notifications.follow("tag", "postgresql")
    _sync(ana)

    page = HomePage(ana, runner)
    qtbot.addWidget(page)
    page.mix.setValue(0)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.refresh()
    assert page.shown_ids()[0] == close
    assert page.reasons()[close] == "you follow #postgresql"

    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.mix.setValue(100)
    assert page.shown_ids().index(popular) < page.shown_ids().index(close)
    assert int(ana.settings.get("home_mix")) == 100

    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.set_view(EXPLORE)
    assert close not in page.shown_ids()


def test_following_from_the_app_goes_through_the_outbox(
    qtbot: Any, desktop_of: Callable[..., Workspace], runner: TaskRunner
) -> None:
    ana = desktop_of("ana")
    _sync(ana)
    page = HomePage(ana, runner)
    qtbot.addWidget(page)
    dialog = page.open_following()
    dialog.kind.setCurrentIndex(dialog.kind.findData("person"))
    dialog.name.setText("@priya")
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.follow()
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=10_000)
    assert dialog.list.item(0).text() == "Person: Priya Raman (@priya)"
    assert ana.pending_count() == 1  # waiting in the outbox until the next sync
    dialog.name.setText("nobody-here")
    dialog.follow()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "No colleague called @nobody-here" in dialog.error.text()
    _sync(ana)
    assert ana.pending_count() == 0
    dialog.list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.unfollow_selected()
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=10_000)
