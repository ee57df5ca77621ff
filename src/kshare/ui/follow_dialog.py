"""What I follow: add a person, tag, group or question, or stop following one.

Every change goes to the outbox (so it works offline) and shows at once.
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.errors import UserFacingError
from kshare.client.notifications.follows import Followed
from kshare.ui.i18n import translate_noop
from kshare.ui.operations import Failure, TaskRunner

log = logging.getLogger(__name__)
W = TypeVar("W", bound=QWidget)

KINDS = (
    (
        translate_noop("FollowDialog", "Person"),
        "person",
        translate_noop("FollowDialog", "a username, e.g. @ana"),
    ),
    (
        translate_noop("FollowDialog", "Tag"),
        "tag",
        translate_noop("FollowDialog", "a tag, e.g. postgresql"),
    ),
    (
        translate_noop("FollowDialog", "Group"),
        "group",
        translate_noop("FollowDialog", "a group's name"),
    ),
    (
        translate_noop("FollowDialog", "Question"),
        "question",
        translate_noop("FollowDialog", "a question's exact title"),
    ),
)
KIND_WORDS = {value: label for label, value, _hint in KINDS}


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


class FollowDialog(QDialog):
    changed = Signal()

    def __init__(self, workspace: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followDialog")
        self.setWindowTitle(self.tr("Following"))
        self._notes = workspace.notifications
        self._runner = runner

        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("What to follow"))
        for label, value, _hint in KINDS:
            self.kind.addItem(self.tr(label), value)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name to follow"))
        self.name.returnPressed.connect(self.follow)
        self.follow_button = QPushButton(self.tr("Follow"))
        self.follow_button.clicked.connect(self.follow)
        add = QHBoxLayout()
        add.addWidget(self.kind)
        add.addWidget(self.name, 1)
        add.addWidget(self.follow_button)
        self.error = _named(QLabel(), "errorText")
        self.error.setWordWrap(True)
        self.error.hide()

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("What you follow"))
        self.unfollow_button = QPushButton(self.tr("Stop following"))
        self.unfollow_button.clicked.connect(self.unfollow_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(add)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.unfollow_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self._on_kind_current_index_changed(0)
        self.resize(520, 420)

    def refresh(self) -> None:
        self._runner.local(
            self._notes.following,
            success=self._show,
            label=translate_noop("TaskLabel", "reading what you follow"),
            owner=self,
        )

    def follow(self) -> None:
        kind, name = str(self.kind.currentData()), self.name.text().strip()
        if not name:
            return
        self._write(lambda: self._notes.follow(kind, name), clear=True)

    def unfollow_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        kind, target = item.data(Qt.ItemDataRole.UserRole)
        self._write(lambda: self._notes.unfollow(kind, target), clear=False)

    def _write(self, call: Any, *, clear: bool) -> None:
        def done(_result: object) -> None:
            self.error.hide()
            if clear:
                self.name.clear()
            self.refresh()
            self.changed.emit()

        def failed(failure: Failure) -> None:
            self.error.setText(failure.message)
            self.error.show()

        def run() -> object:
            try:
                return call()
            except LookupError as exc:  # a name the cache does not know: say so plainly
                if isinstance(exc, UserFacingError):  # its sentence is said already
                    raise
                raise UserFacingError(str(exc.args[0]) if exc.args else str(exc)) from exc

        self._runner.write(
            run,
            success=done,
            failure=failed,
            label=translate_noop("TaskLabel", "following"),
            owner=self,
        )

    def _show(self, followed: list[Followed]) -> None:
        self.list.clear()
        for f in followed:
            kind = self.tr(KIND_WORDS[f.kind]) if f.kind in KIND_WORDS else f.kind.title()
            item = QListWidgetItem(f"{kind}: {f.label}")
            item.setData(Qt.ItemDataRole.UserRole, (f.kind, f.target))
            self.list.addItem(item)
        self.unfollow_button.setEnabled(bool(followed))

    @Slot(int)
    def _on_kind_current_index_changed(self, index: int) -> None:
        self.name.setPlaceholderText(self.tr(KINDS[max(index, 0)][2]))
