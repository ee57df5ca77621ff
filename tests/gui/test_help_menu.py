"""The Help menu: every shortcut of the window listed from its own actions, and an About
box with the version, the server and the organisation's support contact."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction

from kshare import __version__
from kshare.client.services import Workspace
from kshare.client.settings import POLICY_ENV
from kshare.ui.main_window import MainWindow
from kshare.ui.operations import TaskRunner
from kshare.ui.settings import ui_settings
from kshare.ui.sync_controller import SyncController

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"values": {"support_contact": "IT desk, ext. 4242"}}))
    monkeypatch.setenv(POLICY_ENV, str(policy))
    workspace = Workspace.open(tmp_path / "profile")
    runner = TaskRunner()
    sync = SyncController(workspace)
    win = MainWindow(workspace, runner, sync, ui_settings(workspace.paths))
    qtbot.addWidget(win)
    yield win
    win.close()
    sync.stop()
    assert runner.shutdown(10_000)
    workspace.close()


def test_the_help_menu_lists_every_shortcut_of_the_window(window: MainWindow) -> None:
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[-1] == "&Help"
    dialog = window.open_shortcuts()
    table = dialog.table
    rows = {
        table.item(r, 1).text(): (table.item(r, 0).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }
    # Everything in the menus that has keys is listed, and nothing else.
    with_keys = {
        a.text().replace("&", "").rstrip("…")
        for menu in window.menuBar().actions()
        for a in menu.menu().actions()
        if isinstance(a, QAction) and not a.shortcut().isEmpty()
    }
    assert set(rows) == with_keys
    assert rows["Sync now"] == ("File", "F5")
    assert rows["Experts"][0] == "Go"
    assert rows["Keyboard shortcuts"] == ("Help", "Ctrl+/")


def test_about_names_the_version_and_whom_to_ask(window: MainWindow) -> None:
    dialog = window.open_about()
    text = dialog.text.text()
    assert __version__ in text
    assert "not signed in" in text
    assert "IT desk, ext. 4242" in text
