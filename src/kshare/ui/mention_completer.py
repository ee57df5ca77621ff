"""@mention completion in a plain-text editor, from the people directory.

Typing ``@` and a few letters offers colleagues whose name or username
contains them; choosing one writes ``@username`` (what the server resolves
into a mention). The model holds only names and builds each row's text when
the popup shows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QPlainTextEdit, QWidget

from kshare.client.views import Choice

# The server's rule for a mention (kshare.server.writes.MENTION), up to the cursor.
TYPING = re.compile(r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9_.\-]{0,149})?$")
USERNAME = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex
MAX_SHOWN = 8
# Keys the open popup answers; the editor must leave them alone (no newline on Return).
POPUP_KEYS = frozenset(
    {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape}
)


class MentionTextEdit(QPlainTextEdit):
    """A plain-text editor that offers colleagues after ``@``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mentions = MentionCompleter(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.mentions.popup().isVisible() and event.key() in POPUP_KEYS:
            event.ignore()  # QCompleter then picks (or closes) the entry
            return
        super().keyPressEvent(event)


class PeopleModel(QAbstractListModel):
    """Colleagues as (username, display name) pairs; row text is made when asked for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people: list[tuple[str, str]] = []

    def set_people(self, choices: Sequence[Choice]) -> None:
        self.beginResetModel()
        self._people = [
            (c.name, c.display_name or c.label) for c in choices if c.kind == "person" and c.name
        ]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        username, name = self._people[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            # Both words are searched: the name as people say it, the username as typed.
            shown = name if f"@{username}" in name else f"{name} (@{username})"
            return shown
        if role == USERNAME:
            return username
        return None


class MentionCompleter(QObject):
    def __init__(self, editor: QPlainTextEdit, parent: QObject | None = None) -> None:
        super().__init__(parent or editor)
        self.editor = editor
        self.model = PeopleModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(editor)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(MAX_SHOWN)
        self.completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_completer_activated
        )
        self.popup().setAccessibleName(self.tr("People to mention"))
        editor.textChanged.connect(self._on_editor_text_changed)

    def popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # QCompleter makes its own when none is given
        return popup

    def set_people(self, choices: Sequence[Choice]) -> None:
        self.model.set_people(choices)

    def typed(self) -> str | None:
        """The name being typed after ``@`` at the cursor ("" right after it), or None."""
        cursor = self.editor.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        match = TYPING.search(block)
        return None if match is None else match.group(1) or ""

    def insert(self, username: str) -> None:
        """Replace what was typed after ``@`` with ``username`` and a space."""
        typed = self.typed()
        if typed is None:
            return
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, len(typed))
        cursor.insertText(f"{username} ")
        self.editor.setTextCursor(cursor)
        self.popup().hide()

    @Slot()
    def _on_editor_text_changed(self) -> None:
        typed = self.typed()
        popup = self.popup()
        if typed is None or not self.model.rowCount():
            popup.hide()
            return
        self.completer.setCompletionPrefix(typed)
        if self.completer.completionCount() == 0:
            popup.hide()
            return
        rect = self.editor.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width())
        self.completer.complete(rect)

    @Slot(QModelIndex)
    def _on_completer_activated(self, index: QModelIndex) -> None:
        username = index.data(USERNAME)
        if username:
            self.insert(str(username))
