"""Layouts that hold: no field squashed, no label clipped, at 1280×800 and 1920×1080.

Run with ``QT_SCALE_FACTOR=1.5`` in the environment to check 150% scale too: the checks
compare each widget with its own size hint, so they hold at any scale.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLabel, QLineEdit, QWidget

from kshare.client.errors import LoginFailed
from kshare.client.settings import Settings
from kshare.client.views import AudienceInfo, Choice
from kshare.ui.audience_dialog import AudienceDialog
from kshare.ui.login_dialog import LoginDialog
from kshare.ui.operations import Failure
from kshare.ui.settings_dialog import SettingsDialog

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]
LONG_ERROR = (
    "Cannot reach the server at https://kshare.corp.example.com: the connection was refused. "
    "Check the address, or ask IT whether the server is running, then try again."
)


class Refusing:
    def login(self, server_url: str, username: str, password: str) -> None:
        raise LoginFailed(LONG_ERROR)


def squashed(root: QWidget) -> list[str]:
    """Visible fields shorter than they ask to be, and word-wrapped labels cut off."""
    found = []
    for field in root.findChildren(QLineEdit):
        inner = isinstance(field.parentWidget(), QAbstractSpinBox)  # sized by its box
        if field.isVisible() and not inner and field.height() < field.sizeHint().height():
            found.append(f"{field.objectName() or 'field'}: {field.height()}")
    for label in root.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            needed = label.heightForWidth(label.width())
            if label.height() < needed:
                found.append(f"label {label.text()[:30]!r}: {label.height()} < {needed}")
    return found


@pytest.mark.parametrize("screen", [(1280, 800), (1920, 1080)])
def test_the_sign_in_dialog_makes_room_for_an_error(
    qtbot, runner, tmp_path, screen: tuple[int, int]
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    dialog = LoginDialog(Refusing(), runner, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    width = min(screen[0] // 3, dialog.width())
    dialog.resize(width, dialog.minimumSizeHint().height())
    error = LoginFailed(LONG_ERROR)
    dialog._on_login_failed(Failure(LONG_ERROR, "", error, user_facing=True))
    QApplication.processEvents()
    assert squashed(dialog) == []
    assert dialog.height() <= screen[1]


def choices(count: int) -> list[Choice]:
    groups = [
        Choice("group", f"g{n}", f"Platform Reliability Engineering {n}", "", "")
        for n in range(count)
    ]
    return [
        Choice(c.kind, c.id, c.name, f"{c.name} (team, {40 + n} members)", c.name)
        for n, c in enumerate(groups)
    ]


@pytest.mark.parametrize("screen", [(1280, 800), (1920, 1080)])
def test_the_audience_dialog_fits_without_clipping_or_a_sideways_scrollbar(
    qtbot, screen: tuple[int, int]
) -> None:
    current = AudienceInfo(audience=("group:Platform Reliability Engineering 1",))
    dialog = AudienceDialog(current, choices(30))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.options.toggle.setChecked(True)  # "More options" open: the tallest it gets
    QApplication.processEvents()
    assert dialog.width() <= screen[0] and dialog.height() <= screen[1]
    assert squashed(dialog) == []
    assert not dialog.picker.list.horizontalScrollBar().isVisible()


@pytest.mark.parametrize("screen", [(1280, 800), (1920, 1080)])
def test_the_settings_dialog_shows_every_help_line_whole(
    qtbot, runner, tmp_path, screen: tuple[int, int]
) -> None:
    settings = Settings(tmp_path / "profile" / "settings.json", None)
    dialog = SettingsDialog(settings, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.width() <= screen[0] and dialog.height() <= screen[1]
    assert squashed(dialog) == []
