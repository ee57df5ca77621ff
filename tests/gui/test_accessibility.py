"""Every control a person can reach says what it is to a screen reader, and keyboard
focus is visible."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kshare.client.services import Workspace
from kshare.ui.main_window import MainWindow
from kshare.ui.operations import TaskRunner
from kshare.ui.resources import stylesheet
from kshare.ui.settings import ui_settings
from kshare.ui.sync_controller import SyncController

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    workspace = Workspace.open(tmp_path / "profile")
    runner = TaskRunner()
    sync = SyncController(workspace)
    win = MainWindow(workspace, runner, sync, ui_settings(workspace.paths))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    sync.stop()
    assert runner.shutdown(10_000)
    workspace.close()


def qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (clear buttons, spin box editors, popups)."""
    parent = widget.parentWidget()
    return (
        widget.objectName().startswith("qt_")
        or isinstance(parent, QLineEdit | QAbstractSpinBox | QAbstractItemView)
        or widget.window().windowType() == Qt.WindowType.Popup
    )


def unnamed(root: QWidget) -> list[str]:
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for control in root.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or qt_internal(control):
            continue
        text = control.text() if isinstance(control, QAbstractButton) else ""
        if not (text.strip() or control.accessibleName().strip() or control in buddies):
            missing.append(f"{type(control).__name__}#{control.objectName()}")
    return missing


def test_every_control_of_the_window_and_its_dialogs_has_a_name(window: MainWindow) -> None:
    assert unnamed(window) == []
    settings = window.open_settings()
    assert unnamed(settings) == []
    assert unnamed(window.open_shortcuts()) == []
    assert unnamed(window.open_about()) == []


def test_the_unnamed_check_is_not_blind(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(QLineEdit(objectName="nameless"))
    assert unnamed(root) == ["QLineEdit#nameless"]


def test_keyboard_focus_draws_a_ring(qtbot, window: MainWindow) -> None:
    holder = QWidget(window)
    holder.setStyleSheet(stylesheet())  # the application's, applied here alone
    layout = QVBoxLayout(holder)
    first, second = QPushButton("First"), QPushButton("Second")
    layout.addWidget(first)
    layout.addWidget(second)
    holder.resize(200, 100)
    holder.show()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    focused = first.grab().toImage()
    second.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(second.hasFocus)
    unfocused = first.grab().toImage()
    assert focused.size() == unfocused.size(), "focus must not move anything"
    edge = [(x, 1) for x in range(4, focused.width() - 4)]
    changed = sum(focused.pixelColor(x, y) != unfocused.pixelColor(x, y) for x, y in edge)
    assert changed > len(edge) // 2, "the focused button's edge looks the same"
