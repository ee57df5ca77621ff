"""The headline: a person signs in through the window, reads, searches, publishes to a group.

Real server process, real Workspace, real sync, index and outbox; only the
keyring is the test one. Nothing here is mocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from kshare.ui.app import DesktopApp
from kshare.ui.main_window import COMPOSE, FEED, MainWindow
from tests.support.server import ServerProcess

pytestmark = [
    pytest.mark.gui,
    pytest.mark.integration,
    # The offscreen platform says this whenever a top-level window is shown.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

PASSWORD = "correct horse battery"
TIMEOUT_MS = 60_000


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    proc = ServerProcess(tmp_path / "server-data").start()
    yield proc
    pipe = proc.process.stdout if proc.process else None
    proc.stop()
    if pipe is not None:
        pipe.close()  # else the test fails on an unclosed-file ResourceWarning


@pytest.fixture
def team(server: ServerProcess, monkeypatch: pytest.MonkeyPatch) -> Iterator[AdminTools]:
    """ana and priya are in "SRE on-call"; bruno is not."""
    monkeypatch.setenv("KSHARE_TEST_FAST_HASH", "1")
    admin = AdminTools(server.data_dir)
    admin.add_group("SRE on-call", kind="team", visibility="closed")
    for username, name in (("ana", "Ana Souza"), ("priya", "Priya Raman"), ("bruno", "Bruno")):
        admin.add_user(username, name, PASSWORD)
    admin.add_member("SRE on-call", "ana")
    admin.add_member("SRE on-call", "priya")
    yield admin
    admin.close()


@pytest.fixture
def colleague(server: ServerProcess, team: AdminTools, tmp_path: Path) -> Iterator[Workspace]:
    """Priya's desktop: she has already written a few posts."""
    workspace = Workspace.open(tmp_path / "priya")
    workspace.login(server.url, "priya", PASSWORD)
    for n in range(3):
        workspace.publish(
            title=f"Postmortem {n}: checkout latency",
            body=f"The **kubernetes** node pool ran out of memory (incident {n}).",
            tags=["kubernetes", "postmortem"],
        )
    workspace.publish(title="Expense policy for 2027", body="Receipts within 30 days.")
    assert workspace.sync().status.state == "idle"
    yield workspace
    workspace.close()


@pytest.fixture
def desktop(qtbot, tmp_path: Path) -> Iterator[DesktopApp]:
    workspace = Workspace.open(tmp_path / "ana")
    app = DesktopApp(workspace)
    yield app
    app.shutdown()  # stops and joins the sync and watch threads and the pools
    workspace.close()


def sign_in(qtbot, desktop: DesktopApp, url: str, username: str) -> MainWindow:
    desktop.start()
    dialog = desktop.login_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.server, url)
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(desktop.window_shown, timeout=TIMEOUT_MS) as shown:
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    window: MainWindow = shown.args[0]
    qtbot.addWidget(window)
    return window


def test_sign_in_read_search_and_publish_to_a_group(
    qtbot, server: ServerProcess, colleague: Workspace, desktop: DesktopApp, tmp_path: Path
) -> None:
    window = sign_in(qtbot, desktop, server.url, "ana")
    assert window.account_label.text() == "Ana Souza"

    # The first sync fills the feed, without anyone asking.
    feed = window.feed.model
    qtbot.waitUntil(lambda: feed.rowCount() == 4, timeout=TIMEOUT_MS)
    titles = {feed.index(r).data() for r in range(feed.rowCount())}
    assert "Expense policy for 2027" in titles
    qtbot.waitUntil(lambda: window.status.state.text() == "Up to date", timeout=TIMEOUT_MS)

    # A newcomer is offered a few topics to follow once the first sync has data; skip it.
    qtbot.waitUntil(lambda: window.follow_topics_dialog is not None, timeout=TIMEOUT_MS)
    offer = window.follow_topics_dialog
    assert offer is not None and offer.isVisible()
    qtbot.mouseClick(offer.skip_button, Qt.MouseButton.LeftButton)
    assert window.follow_topics_dialog is None
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT_MS)  # its shortcuts work again

    # Reading: choosing a row shows it in the reading pane.
    with qtbot.waitSignal(window.detail.item_shown, timeout=TIMEOUT_MS):
        window.feed.list.setCurrentIndex(feed.index(0))
    assert window.detail.browser.toPlainText()

    # Search: Ctrl+F, type, Enter.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.search
    with qtbot.waitSignal(window.search.results_shown, timeout=TIMEOUT_MS) as found:
        qtbot.keyClicks(window.search.box, "kubernetes")
        qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    results = found.args[0]
    assert results.total == 3
    assert window.search.model.rowCount() == 3
    assert "kubernetes" in window.search.model.index(0).data(Qt.ItemDataRole.ToolTipRole).lower()

    # Compose: Ctrl+N, write, choose the group, publish.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentRow() == COMPOSE
    composer = window.composer
    picker = composer.audience
    qtbot.waitUntil(lambda: picker.model.rowCount() > 0, timeout=TIMEOUT_MS)
    qtbot.keyClicks(composer.title, "Handover for the night shift")
    qtbot.keyClicks(composer.body, "Watch the **payments** queue depth.")
    qtbot.keyClicks(composer.tags, "on-call")
    picker.chosen.setChecked(True)
    role = Qt.ItemDataRole.UserRole  # the audience string each row stands for
    keys = [picker.model.index(r).data(role) for r in range(picker.model.rowCount())]
    assert "person:priya" in keys and "person:ana" not in keys
    group_row = keys.index("group:SRE on-call")
    picker.model.setData(
        picker.model.index(group_row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    assert picker.summary.text() == "Visible to: SRE on-call"
    with qtbot.waitSignal(composer.published, timeout=TIMEOUT_MS) as published:
        qtbot.mouseClick(composer.publish_button, Qt.MouseButton.LeftButton)
    item_id = published.args[0]

    # It is in the feed at once, selected, then the sync sends it.
    assert window.navigation.currentRow() == FEED
    qtbot.waitUntil(lambda: feed.row_of(item_id) >= 0, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.feed.current_item_id() == item_id, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: desktop.workspace.pending_count() == 0, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.detail._pending.isVisibleTo(window), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.status.pending.isHidden(), timeout=TIMEOUT_MS)

    # Synced for real: a member of the group gets it, with the audience we chose.
    assert colleague.sync().status.state == "idle"
    seen = colleague.item(item_id)
    assert seen is not None and "payments" in seen.body_markdown
    assert seen.summary.tags == ("on-call",)
    assert not feed.canFetchMore(QModelIndex())


def test_a_wrong_password_is_shown_in_the_dialog_and_nothing_is_stored(
    qtbot, server: ServerProcess, team: AdminTools, desktop: DesktopApp, memory_keyring
) -> None:
    desktop.start()
    dialog = desktop.login_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.server, server.url)
    qtbot.keyClicks(dialog.username, "ana")
    qtbot.keyClicks(dialog.password, "not it")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=TIMEOUT_MS)
    assert "did not accept" in dialog.error.text()
    assert desktop.window is None
    assert memory_keyring.secrets == {}


def test_offline_the_window_says_so_and_keeps_the_cached_feed(
    qtbot, server: ServerProcess, colleague: Workspace, desktop: DesktopApp
) -> None:
    window = sign_in(qtbot, desktop, server.url, "ana")
    qtbot.waitUntil(lambda: window.feed.model.rowCount() == 4, timeout=TIMEOUT_MS)
    assert desktop.sync is not None
    pipe = server.process.stdout if server.process else None
    server.stop()
    if pipe is not None:
        pipe.close()

    # A sync started before the server stopped (live updates) may still finish "idle":
    # wait for the one that meets the outage.
    with qtbot.waitSignal(
        desktop.sync.sync_finished,
        timeout=TIMEOUT_MS,
        check_params_cb=lambda report: report.status.state != "idle",
    ) as finished:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert finished.args[0].status.state in ("offline", "retrying")
    assert not window.status.offline.isHidden()
    assert window.feed.model.rowCount() == 4  # still there to read
