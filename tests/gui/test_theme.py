"""Dark mode: every colour the UI names has a dark counterpart, and the window really
paints dark when the person (or the system) asks for it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication, QComboBox

from kshare.client.services import Workspace
from kshare.ui import theme
from kshare.ui.main_window import MainWindow
from kshare.ui.operations import TaskRunner
from kshare.ui.resources import stylesheet
from kshare.ui.settings import ui_settings
from kshare.ui.settings_dialog import SettingsDialog
from kshare.ui.sync_controller import SyncController

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

UI = Path(theme.__file__).parent
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


@pytest.fixture(autouse=True)
def back_to_the_system_look(qapp: QApplication) -> Iterator[None]:
    yield
    theme.ThemeWatcher.install(qapp, theme.SYSTEM)


def light_colours_in_use() -> set[str]:
    found = set(HEX.findall(stylesheet()))
    for source in UI.glob("**/*.py"):
        found |= set(HEX.findall(source.read_text(encoding="utf-8")))
    found -= set(theme.DARK_FOR_LIGHT.values())
    return {colour.lower() for colour in found}


def test_every_colour_of_the_ui_has_a_dark_counterpart() -> None:
    assert stylesheet(), "the stylesheet ships with the app"
    missing = sorted(light_colours_in_use() - set(theme.DARK_FOR_LIGHT))
    assert not missing, f"colours without a dark counterpart: {missing}"


def test_dark_counterparts_keep_the_contrast_between_text_and_page() -> None:
    dark = theme.Theme(theme.DARK)
    page, text = dark.color("#ffffff"), dark.color("#1f2933")
    assert page.lightness() < 60 < 200 < text.lightness()
    # The light look is untouched.
    assert theme.Theme(theme.LIGHT).css("color: #1f2933;") == "color: #1f2933;"
    assert dark.css("a { color: #3461c1; }") == "a { color: #7ea6f8; }"


def test_the_setting_is_followed_and_unknown_values_follow_the_system(qapp) -> None:
    watcher = theme.ThemeWatcher.install(qapp, theme.DARK)
    assert theme.current().dark
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert "#1f2933" not in qapp.styleSheet()
    watcher.set_choice("purple")
    assert watcher.choice == theme.SYSTEM
    assert theme.current().scheme == theme.system_scheme()


def mean_lightness(image: QImage) -> float:
    step = 7
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(values) / len(values)


def test_the_window_paints_dark_and_back_through_the_settings(qtbot, tmp_path, qapp) -> None:
    workspace = Workspace.open(tmp_path / "profile")
    runner = TaskRunner()
    sync = SyncController(workspace)
    window = MainWindow(workspace, runner, sync, ui_settings(workspace.paths))
    qtbot.addWidget(window)
    try:
        window.resize(1100, 700)
        window.show()
        qtbot.waitExposed(window)
        theme.ThemeWatcher.install(qapp, theme.LIGHT)
        light = mean_lightness(window.grab().toImage())

        dialog = window.open_settings()
        assert isinstance(dialog, SettingsDialog)
        combo = dialog.rows["appearance"].control
        assert isinstance(combo, QComboBox)
        labels = [combo.itemText(i) for i in range(combo.count())]
        assert labels == ["Follow the system", "Light", "Dark"]
        combo.setCurrentIndex(labels.index("Dark"))
        with qtbot.waitSignal(dialog.applied, timeout=10_000):
            dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: theme.current().dark)
        assert workspace.settings.get("appearance") == "dark"
        dark = mean_lightness(window.grab().toImage())
        assert light > 170 and dark < 90, (light, dark)
    finally:
        window.close()
        sync.stop()
        assert runner.shutdown(10_000)
        workspace.close()
