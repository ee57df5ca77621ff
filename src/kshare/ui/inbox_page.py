"""The Inbox: mentions, replies, answers, endorsements and news in what I follow.

Built on the desktop from what has synced (so it works offline and never shows
what the person may not see). A click marks the entry read and opens it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kshare.client.notifications.inbox import InboxEntry
from kshare.ui.card_delegate import Role
from kshare.ui.i18n import phrase_text, translate_noop
from kshare.ui.lazy_rows import LazyRowsModel
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.text import full_time, relative_time

log = logging.getLogger(__name__)
W = TypeVar("W", bound=QWidget)

EMPTY = translate_noop(
    "InboxPage", "Nothing here yet. Mentions of you, replies and news in what you follow land here."
)
EMPTY_UNREAD = translate_noop("InboxPage", "All read.")
ICONS = {
    "mention": "@",
    "answer": "💬",
    "accepted": "✔",
    "reply": "↩",
    "endorsement": "★",
    "joined": "👥",
    "followed": "•",
}


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def describe(entry: InboxEntry) -> Mapping[int, Any]:
    font = QFont()
    font.setBold(not entry.read)
    when = relative_time(entry.at)
    said = phrase_text(entry.phrase, entry.text)
    text = f"{ICONS.get(entry.kind, '•')}  {said}\n{when}"
    return {
        Qt.ItemDataRole.DisplayRole: text,
        Qt.ItemDataRole.ToolTipRole: full_time(entry.at),
        Qt.ItemDataRole.FontRole: font,
        Qt.ItemDataRole.AccessibleTextRole: (
            QCoreApplication.translate("InboxPage", "Unread: ") if not entry.read else ""
        )
        + said,
        Role.ID: entry.key,
        Role.ITEM: entry,
    }


class InboxPage(QWidget):
    item_activated = Signal(str)
    person_activated = Signal(str)
    group_activated = Signal(str)
    unread_changed = Signal(int)
    refreshed = Signal()

    def __init__(self, workspace: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._notes = workspace.notifications
        self._runner = runner
        self.unread = 0
        self.model = LazyRowsModel(describe, self)

        title = _named(QLabel(self.tr("Inbox")), "pageTitle")
        self.count = _named(QLabel(), "pageSubtitle")
        self.unread_only = QCheckBox(self.tr("Unread only"))
        self.unread_only.toggled.connect(self._on_unread_only_toggled)
        self.mark_all = QPushButton(self.tr("Mark all read"))
        self.mark_all.setAccessibleName(self.tr("Mark every inbox entry read"))
        self.mark_all.clicked.connect(self._on_mark_all_clicked)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(8)
        header.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        header.addWidget(self.unread_only)
        header.addWidget(self.mark_all)

        self.list = _named(QListView(), "inboxList")
        self.list.setAccessibleName(self.tr("Inbox"))
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.clicked.connect(self._on_list_clicked)
        self.list.activated.connect(self._on_list_clicked)
        self.empty = _named(QLabel(self.tr("Loading…")), "emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.list)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self._stack, 1)

    def refresh(self) -> None:
        unread_only = self.unread_only.isChecked()
        self._runner.local(
            lambda: self._notes.inbox(unread_only=unread_only),
            success=self._show,
            failure=self._failed,
            label=translate_noop("TaskLabel", "reading the inbox"),
            owner=self,
        )

    def on_changes(self, _changes: Any) -> None:
        """Anything a sync brings may add to the inbox (or take away from it)."""
        self.refresh()

    def open_entry(self, entry: InboxEntry) -> None:
        """Mark read and open what the entry is about."""
        if not entry.read:
            key = entry.key
            self._runner.write(
                lambda: self._notes.mark_read([key]),
                success=lambda _r: self.refresh(),
                label=translate_noop("TaskLabel", "marking read"),
                owner=self,
            )
        if entry.open_kind == "person":
            self.person_activated.emit(entry.open_id)
        elif entry.open_kind == "group":
            self.group_activated.emit(entry.open_id)
        else:
            self.item_activated.emit(entry.open_id)

    def entries(self) -> list[InboxEntry]:
        return list(self.model.rows())

    def _show(self, entries: list[InboxEntry]) -> None:
        self.model.set_rows(entries)
        unread = sum(1 for e in entries if not e.read)
        self._set_unread(unread)
        self.count.setText(self.tr("%n unread", "", unread) if unread else "")
        if entries:
            self._stack.setCurrentWidget(self.list)
        else:
            self.empty.setText(self.tr(EMPTY_UNREAD if self.unread_only.isChecked() else EMPTY))
            self._stack.setCurrentWidget(self.empty)
        self.refreshed.emit()

    def _set_unread(self, unread: int) -> None:
        if unread != self.unread:
            self.unread = unread
            self.unread_changed.emit(unread)

    def _failed(self, failure: Failure) -> None:
        self.empty.setText(failure.message)
        self._stack.setCurrentWidget(self.empty)

    @Slot(QModelIndex)
    def _on_list_clicked(self, index: QModelIndex) -> None:
        entry = self.model.row_at(index.row())
        if entry is not None:
            self.open_entry(entry)

    @Slot(bool)
    def _on_unread_only_toggled(self, _checked: bool) -> None:
        self.refresh()

    @Slot()
    def _on_mark_all_clicked(self) -> None:
        self._runner.write(
            self._notes.mark_all_read,
            success=lambda _r: self.refresh(),
            label=translate_noop("TaskLabel", "marking the inbox read"),
            owner=self,
        )
