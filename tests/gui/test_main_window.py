"""The window on a real, signed-out workspace: no server needed for these."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from kshare.client.services import Workspace
from kshare.ui.main_window import COMPOSE, EXPERTS, FEED, SEARCH, MainWindow
from kshare.ui.operations import TaskRunner
from kshare.ui.settings import UI_STATE_FILE, ui_settings
from kshare.ui.sync_controller import SyncController

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform says this whenever a top-level window is shown.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "profile")
    yield opened
    opened.close()


def open_window(qtbot, workspace: Workspace, runner: TaskRunner) -> tuple[MainWindow, QSettings]:
    sync = SyncController(workspace)
    settings = ui_settings(workspace.paths)
    window = MainWindow(workspace, runner, sync, settings)
    qtbot.addWidget(window)
    window.destroyed.connect(lambda: sync.stop())
    return window, settings


def test_empty_feed_invites_a_sync(qtbot, workspace, runner):
    window, _ = open_window(qtbot, workspace, runner)
    window.feed.refresh()
    qtbot.waitUntil(lambda: window.feed.model.loaded_once)
    assert window.feed.empty.text() == "Nothing here yet — sync to fetch your colleagues' posts."


def shown(qtbot, window: MainWindow) -> MainWindow:
    # Shortcuts only fire in the active window.
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_shortcuts_move_between_pages(qtbot, workspace, runner):
    window = shown(qtbot, open_window(qtbot, workspace, runner)[0])
    keys = (
        (Qt.Key.Key_F, SEARCH),
        (Qt.Key.Key_E, EXPERTS),
        (Qt.Key.Key_N, COMPOSE),
        (Qt.Key.Key_1, FEED),
    )
    for key, page in keys:
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.navigation.currentRow() == page
        assert window.pages.currentIndex() == page
    assert window.detail.isHidden() is False


def test_f5_syncs_and_the_status_bar_says_what_happened(qtbot, workspace, runner):
    window = shown(qtbot, open_window(qtbot, workspace, runner)[0])
    with qtbot.waitSignal(window._sync.sync_finished):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.status.state.text() == "Not signed in"
    assert not window.status.sync_button.isEnabled()


def test_window_state_is_kept_in_the_profile_folder(qtbot, workspace, runner):
    window, settings = open_window(qtbot, workspace, runner)
    window.resize(790, 540)  # the offscreen screen is 800 x 600
    window.show_page(EXPERTS)
    window.save_state()
    assert Path(settings.fileName()) == workspace.paths.root / UI_STATE_FILE
    assert (workspace.paths.root / UI_STATE_FILE).exists()

    again, _ = open_window(qtbot, workspace, runner)
    assert again.navigation.currentRow() == EXPERTS
    assert (again.width(), again.height()) == (790, 540)


def test_failures_are_shown_in_one_place_with_details(qtbot, workspace, runner):
    window, _ = open_window(qtbot, workspace, runner)

    def broken() -> None:
        raise RuntimeError("index file is truncated")

    runner.local(broken, label="searching")
    qtbot.waitUntil(lambda: not window.notice.isHidden())
    assert "Something went wrong while searching." in window.notice.text()
    assert window._failure is not None
    assert "index file is truncated" in window._failure.details


def test_the_gui_command_is_registered_without_loading_qt():
    code = (
        "import sys; from kshare.cli import build_parser; p = build_parser(); "
        "a = p.parse_args(['gui', '--profile', 'x', '--server', 'https://k.example']); "
        "assert a.server == 'https://k.example' and a.profile == 'x'; "
        "assert 'PySide6' not in sys.modules, 'Qt was imported at registration'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
