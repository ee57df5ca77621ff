"""Share files as documents: a title, tags and the same audience picker as the composer.

Sharing goes through the outbox like every write (the file is kept on this computer,
uploaded, then announced), so it works offline and survives a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import Choice
from kshare.ui.audience_picker import AudiencePicker
from kshare.ui.audience_reach import AudienceReachLabel
from kshare.ui.composer import parse_tags
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


class ShareTarget(Protocol):
    def audience_choices(self) -> list[Choice]: ...
    def share_file(self, path: Path | str, **kwargs: Any) -> str: ...


def local_files(urls: Sequence[QUrl]) -> list[Path]:
    """The regular local files among dropped URLs (folders and remote links are left out)."""
    found = []
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_file():
                found.append(path)
    return found


class ShareDocumentDialog(QDialog):
    """Share one or more files; each becomes a document with the chosen audience."""

    shared = Signal(list, str)  # the new item ids, "Visible to: …"

    def __init__(
        self,
        target: ShareTarget,
        runner: TaskRunner,
        files: Sequence[Path],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shareDocumentDialog")
        self.setWindowTitle(self.tr("Share a document"))
        self._target = target
        self._runner = runner
        self.files = list(files)
        self._sharing = False

        names = ", ".join(p.name for p in self.files)
        self.files_label = named(QLabel(names, wordWrap=True), "shareFiles")
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("A title (the file name when left empty)"))
        if len(self.files) == 1:
            self.title.setText(self.files[0].stem)
        else:
            self.title.setEnabled(False)
            self.title.setPlaceholderText(self.tr("Each file keeps its own name as its title"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("onboarding, handbook"))
        self.audience = AudiencePicker()
        self.reach = AudienceReachLabel(getattr(target, "audience_reach", None), runner)
        self.error = named(QLabel(wordWrap=True), "errorText")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.share_button = QPushButton(self.tr("Share"))
        self.share_button.setDefault(True)
        self.buttons.addButton(self.share_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Files"), self.files_label)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Audience"), self.audience)
        form.addRow(self.tr("Who will see this"), self.reach)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.audience.audience_changed.connect(self._on_audience_audience_changed)
        self._runner.local(
            target.audience_choices,
            success=self._on_choices_loaded,
            failure=self._show_failure,
            label=QT_TRANSLATE_NOOP("TaskLabel", "loading groups and people"),
            owner=self,
        )
        self.reach.count_audience(self.audience.audience())

    def share(self) -> None:
        """Queue every file as a document with the chosen audience."""
        if self._sharing or not self.audience.is_complete() or not self.files:
            return
        audience = self.audience.audience()
        title = self.title.text().strip() if len(self.files) == 1 else ""
        tags = parse_tags(self.tags.text())
        files = list(self.files)
        summary = self.audience.summary_text()
        target = self._target
        self._sharing = True
        self.share_button.setEnabled(False)
        self.share_button.setText(self.tr("Sharing…"))

        def write() -> list[str]:
            return [
                target.share_file(path, title=title, tags=tags, audience=audience) for path in files
            ]

        self._runner.write(
            write,
            success=lambda ids: self._on_shared(ids, summary),
            failure=self._on_share_failed,
            label=QT_TRANSLATE_NOOP("TaskLabel", "sharing your files"),
            owner=self,
        )

    def _on_shared(self, ids: list[str], summary: str) -> None:
        self._sharing = False
        self.shared.emit(list(ids), summary)
        self.accept()

    def _on_share_failed(self, failure: Failure) -> None:
        self._sharing = False
        self.share_button.setEnabled(True)
        self.share_button.setText(self.tr("Share"))
        self._show_failure(failure)

    def _show_failure(self, failure: Failure) -> None:
        self.error.setText(failure.message)
        self.error.show()

    def _on_choices_loaded(self, choices: list[Choice]) -> None:
        self.audience.set_choices(choices)

    @Slot()
    def _on_audience_audience_changed(self) -> None:
        self.share_button.setEnabled(self.audience.is_complete() and not self._sharing)
        self.reach.count_audience(self.audience.audience())

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.share()
