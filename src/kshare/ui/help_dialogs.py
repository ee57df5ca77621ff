"""The Help menu's dialogs: keyboard shortcuts, and what this kshare is and who helps.

The shortcut list is read from the window's own actions, so it can never disagree
with what the keys do; the About box names the version, the server, the account
and the organisation's support contact from its policy.
"""

from __future__ import annotations

import html
import platform
from collections.abc import Iterable
from dataclasses import dataclass

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kshare import __version__


@dataclass(frozen=True)
class Shortcut:
    menu: str
    action: str
    keys: str


def shortcuts_of(menus: Iterable[tuple[str, Iterable[QAction]]]) -> list[Shortcut]:
    """Every action with a shortcut, by menu, as the person would read them."""
    found: list[Shortcut] = []
    either = QCoreApplication.translate("ShortcutsDialog", " or ")
    for menu, actions in menus:
        for act in actions:
            keys = [seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in act.shortcuts()]
            keys = [key for key in keys if key]
            if keys and not act.isSeparator():
                label = act.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
                found.append(Shortcut(menu.replace("&", ""), label.rstrip("…"), either.join(keys)))
    return found


class ShortcutsDialog(QDialog):
    def __init__(self, shortcuts: list[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(shortcuts), 3, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, shortcut in enumerate(shortcuts):
            for column, text in enumerate((shortcut.menu, shortcut.action, shortcut.keys)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        width = sum(self.table.columnWidth(c) for c in range(3)) + 60
        self.resize(max(420, width), min(560, 90 + 30 * len(shortcuts)))


@dataclass(frozen=True)
class AboutFacts:
    server_url: str = ""
    username: str = ""
    support_contact: str = ""
    download_url: str = ""


def about_html(facts: AboutFacts) -> str:

    rows = [
        (QCoreApplication.translate("AboutDialog", "Version"), __version__),
        ("Qt", f"{qVersion()} (PySide {PySide6.__version__})"),
        ("Python", platform.python_version()),
        (
            QCoreApplication.translate("AboutDialog", "Server"),
            facts.server_url or QCoreApplication.translate("AboutDialog", "not signed in"),
        ),
    ]
    if facts.username:
        rows.append((QCoreApplication.translate("AboutDialog", "Signed in as"), facts.username))
    if facts.support_contact:
        rows.append((QCoreApplication.translate("AboutDialog", "Help"), facts.support_contact))
    if facts.download_url:
        rows.append((QCoreApplication.translate("AboutDialog", "Updates"), facts.download_url))
    table = "".join(
        f"<tr><td style='padding-right:12px'><b>{html.escape(k)}</b></td>"
        f"<td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    about = QCoreApplication.translate(
        "AboutDialog",
        "Your company's knowledge, searchable offline: posts, questions "
        "and answers, documents and the people who know.",
    )
    return f"<h2>kshare</h2><p>{html.escape(about)}</p><table>{table}</table>"


class AboutDialog(QDialog):
    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About kshare"))
        self.text = QLabel(about_html(facts), self)
        self.text.setObjectName("aboutText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
