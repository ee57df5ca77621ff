"""Profile → Edit my profile…: title, location, skills and "ask me about", through the outbox."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, Protocol

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kshare.client.profile import OwnProfile
from kshare.ui.i18n import translate_noop
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named

log = logging.getLogger(__name__)


class ProfileSource(Protocol):
    def current(self) -> OwnProfile: ...
    def update(self, **changes: Any) -> OwnProfile: ...


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def join_list(values: Iterable[str]) -> str:
    return ", ".join(values)


class ProfileDialog(QDialog):
    saved = Signal(object)  # OwnProfile, as it now shows on this computer

    def __init__(self, source: ProfileSource, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.setWindowTitle(self.tr("Edit my profile"))
        self._source = source
        self._runner = runner
        self.loaded: OwnProfile | None = None
        self.title = QLineEdit()
        self.location = QLineEdit()
        self.skills = QLineEdit()
        self.skills.setPlaceholderText(self.tr("PostgreSQL, Kubernetes"))
        self.ask_me_about = QLineEdit()
        self.ask_me_about.setPlaceholderText(self.tr("on-call rotations, capacity planning"))
        hint = named(
            QLabel(
                self.tr(
                    "Colleagues see this on your profile and in expert searches. It is saved on "
                    "this computer first and sent at the next sync."
                )
            ),
            "hint",
        )
        hint.setWordWrap(True)
        self.error = named(QLabel(), "errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Location"), self.location)
        form.addRow(self.tr("Skills"), self.skills)
        form.addRow(self.tr("Ask me about"), self.ask_me_about)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._set_enabled(False)
        self._runner.local(
            source.current,
            success=self._on_loaded,
            failure=self._show_failure,
            label=translate_noop("TaskLabel", "reading your profile"),
            owner=self,
        )

    def save(self) -> None:
        changes = {
            "title": self.title.text(),
            "location": self.location.text(),
            "skills": split_list(self.skills.text()),
            "ask_me_about": split_list(self.ask_me_about.text()),
        }
        source = self._source
        self._set_enabled(False)
        self._runner.write(
            lambda: source.update(**changes),
            success=self._on_saved,
            failure=self._on_save_failed,
            label=translate_noop("TaskLabel", "saving your profile"),
            owner=self,
        )

    def _set_enabled(self, enabled: bool) -> None:
        for field in (self.title, self.location, self.skills, self.ask_me_about):
            field.setEnabled(enabled)
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if button is not None:
            button.setEnabled(enabled)

    def _on_loaded(self, profile: OwnProfile) -> None:
        self.loaded = profile
        self.title.setText(profile.title)
        self.location.setText(profile.location)
        self.skills.setText(join_list(profile.skills))
        self.ask_me_about.setText(join_list(profile.ask_me_about))
        self._set_enabled(True)

    def _on_saved(self, profile: OwnProfile) -> None:
        self.saved.emit(profile)
        self.accept()

    def _on_save_failed(self, failure: Failure) -> None:
        self._set_enabled(True)
        self._show_failure(failure)

    def _show_failure(self, failure: Failure) -> None:
        self.error.setText(failure.message)
        self.error.show()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.save()
