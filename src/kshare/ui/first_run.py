"""The first-run step: follow a few tags, groups and people, or skip.

Offered once per person on this desktop, after the first sync has brought something to
suggest and only while they follow nothing yet; finishing or skipping sets a flag in the
profile's window state so it never comes back by itself. "Follow topics…" opens it again.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.errors import UserFacingError
from kshare.client.notifications.suggestions import FollowSuggestions, Suggestion
from kshare.ui.i18n import phrase_text
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.query_ops import CollectionOp, QueryOp
from kshare.ui.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

DONE_KEY = "first_run/follow_topics_done"
TARGET_ROLE = Qt.ItemDataRole.UserRole


def done_key(user_id: str) -> str:
    """The flag is kept per person: another account on this profile gets its own first run."""
    return f"{DONE_KEY}/{user_id}"


def is_done(settings: QSettings, user_id: str) -> bool:
    return str(settings.value(done_key(user_id), "false")).lower() in ("true", "1")


def mark_done(settings: QSettings, user_id: str) -> None:
    settings.setValue(done_key(user_id), True)
    settings.sync()


class FollowTopicsDialog(QDialog):
    """Suggested tags, groups and people with a tick box each; Follow or Skip."""

    followed = Signal(int)  # how many follows were saved
    skipped = Signal()

    def __init__(self, notifications: Any, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("followTopicsDialog")
        self.setWindowTitle(QCoreApplication.translate("FollowTopicsDialog", "Follow topics"))
        self._notes = notifications
        self._runner = runner
        heading = QLabel(QCoreApplication.translate("FollowTopicsDialog", "Follow a few topics"))
        heading.setObjectName("pageTitle")
        intro = QLabel(
            QCoreApplication.translate(
                "FollowTopicsDialog",
                "New posts and questions in what you follow show in your Inbox. "
                "Pick a few to start with; you can change them any time.",
            )
        )
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)
        self.tags_title, self.tags = self._list(
            QCoreApplication.translate("FollowTopicsDialog", "Suggested tags"), "suggestedTags"
        )
        self.groups_title, self.groups = self._list(
            QCoreApplication.translate("FollowTopicsDialog", "Your groups"), "suggestedGroups"
        )
        self.people_title, self.people = self._list(
            QCoreApplication.translate("FollowTopicsDialog", "Suggested people"), "suggestedPeople"
        )
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.follow_button = QPushButton(
            QCoreApplication.translate("FollowTopicsDialog", "Follow selected")
        )
        self.follow_button.setObjectName("primary")
        self.follow_button.setDefault(True)
        self.skip_button = QPushButton(QCoreApplication.translate("FollowTopicsDialog", "Skip"))
        self.skip_button.setAccessibleName(
            QCoreApplication.translate("FollowTopicsDialog", "Skip following topics for now")
        )
        self.buttons.addButton(self.follow_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.follow_button.clicked.connect(self._on_follow_button_clicked)
        self.skip_button.clicked.connect(self._on_skip_button_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(intro)
        for title, box in (
            (self.tags_title, self.tags),
            (self.groups_title, self.groups),
            (self.people_title, self.people),
        ):
            layout.addWidget(title)
            layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(480, 560)

    @staticmethod
    def _list(title: str, name: str) -> tuple[QLabel, QListWidget]:
        label = QLabel(title)
        box = QListWidget()
        box.setObjectName(name)
        box.setAccessibleName(title)
        box.setMaximumHeight(150)
        label.setBuddy(box)
        return label, box

    # -- filling -----------------------------------------------------------------------

    def load(self) -> None:
        """Read the suggestions off the GUI thread."""
        QueryOp(parent=self, op=self._notes.suggestions, success=self.show_suggestions).failure(
            self._on_failed
        ).run_in_background(self._runner)

    def show_suggestions(self, found: FollowSuggestions) -> None:
        for box, rows, title in (
            (self.tags, found.tags, self.tags_title),
            (self.groups, found.groups, self.groups_title),
            (self.people, found.people, self.people_title),
        ):
            box.clear()
            for suggestion in rows:
                reason = phrase_text(suggestion.reason_phrase, suggestion.reason)
                row = QListWidgetItem(f"{suggestion.label}  ·  {reason}")
                row.setData(TARGET_ROLE, suggestion)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Unchecked)
                row.setData(Qt.ItemDataRole.AccessibleTextRole, f"{suggestion.label}, {reason}")
                box.addItem(row)
            box.setVisible(bool(rows))
            title.setVisible(bool(rows))

    def rows(self) -> list[QListWidgetItem]:
        return [
            box.item(i) for box in (self.tags, self.groups, self.people) for i in range(box.count())
        ]

    def chosen(self) -> list[Suggestion]:
        return [
            row.data(TARGET_ROLE)
            for row in self.rows()
            if row.checkState() == Qt.CheckState.Checked
        ]

    def check(self, label: str) -> None:
        """Tick the suggestion called ``label`` (what a click on its box does)."""
        for row in self.rows():
            if row.data(TARGET_ROLE).label == label:
                row.setCheckState(Qt.CheckState.Checked)
                return
        raise LookupError(label)

    # -- finishing ---------------------------------------------------------------------

    def finish(self) -> None:
        """Follow what is ticked (through the outbox), then close."""
        chosen = self.chosen()
        if not chosen:
            self.followed.emit(0)
            self.accept()
            return
        notes = self._notes
        self.follow_button.setEnabled(False)
        self.error.hide()

        def write() -> int:
            for suggestion in chosen:
                try:
                    notes.follow(suggestion.kind, suggestion.target)
                except LookupError as exc:
                    if isinstance(exc, UserFacingError):  # its sentence is said already
                        raise
                    raise UserFacingError(str(exc.args[0]) if exc.args else str(exc)) from exc
            return len(chosen)

        def saved(count: int) -> None:
            self.followed.emit(count)
            self.accept()

        CollectionOp(parent=self, op=write, success=saved).failure(self._on_failed).with_progress(
            QT_TRANSLATE_NOOP("TaskLabel", "following")
        ).run_in_background(self._runner)

    def _on_failed(self, failure: Failure) -> None:
        self.follow_button.setEnabled(True)
        self.error.setText(failure.message)
        self.error.show()

    @Slot()
    def _on_follow_button_clicked(self) -> None:
        self.finish()

    @Slot()
    def _on_skip_button_clicked(self) -> None:
        self.skipped.emit()
        self.reject()
