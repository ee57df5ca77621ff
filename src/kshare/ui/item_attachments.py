"""A document's file in the reading pane: open it (fetched first if needed), save a copy,
or share a new version.

The file is fetched on the network pool because it may be downloaded first.
A file that would run as a program is not opened without a warning, which
offers to save a copy instead.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from kshare.client.filenames import program_kind_of_file
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.program_warning import warn_before_running


class FileWriter(Protocol):
    def attachment_path(self, item_id: str) -> Path | None: ...
    def replace_file(self, item_id: str, path: Path | str) -> None: ...


class ItemAttachment(QObject):
    """Drives the pane's "Open file" and "Replace file…" buttons and its message line."""

    def __init__(
        self,
        owner: QWidget,
        writer: FileWriter,
        runner: TaskRunner,
        *,
        open_button: QPushButton,
        replace_button: QPushButton,
        message: QLabel,
        written: Callable[[str], None],
        show_failure: Callable[[Failure], None],
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._writer = writer
        self._runner = runner
        self._open_button = open_button
        self._replace_button = replace_button
        self._message = message
        self._written = written
        self._show_failure = show_failure
        self._name: str | None = None  # the file of the item on show (None: nothing on show)

    def show_item(self, name: str) -> None:
        """The item on show has this file ("" for an item without one)."""
        self._name = name
        self._open_button.setText(self.tr("Open {name}").format(name=name))
        self._open_button.setToolTip(self.tr("Open {name} on this computer").format(name=name))
        self._replace_button.setToolTip(
            self.tr(
                "Share a new version of {name}: everyone who can see the document gets it "
                "at their next sync"
            ).format(name=name or self.tr("the file"))
        )

    def clear(self) -> None:
        self._name = None

    def open(self, item_id: str, name: str) -> None:
        self._open_button.setEnabled(False)
        self._open_button.setText(self.tr("Fetching {name}…").format(name=name))
        self._message.hide()
        self._runner.network(
            lambda: _with_program_kind(self._writer.attachment_path(item_id), name),
            success=lambda fetched: self._on_fetched(name, *fetched),
            failure=self._on_fetch_failed,
            label=self.tr("fetching {name}").format(name=name),
            owner=self._owner,
        )

    def replace(self, item_id: str, path: Path | str) -> None:
        """Share ``path`` as the new version of the document (queued, then synced)."""
        self._replace_button.setEnabled(False)
        self._message.hide()
        self._runner.write(
            lambda: self._writer.replace_file(item_id, path),
            success=lambda _none: self._on_replaced(item_id),
            failure=self._on_replace_failed,
            label=self.tr("sharing the new version"),
            owner=self._owner,
        )

    def _on_replaced(self, item_id: str) -> None:
        self._replace_button.setEnabled(True)
        self._written(item_id)

    def _on_replace_failed(self, failure: Failure) -> None:
        self._replace_button.setEnabled(True)
        self._show_failure(failure)

    def _on_fetched(self, name: str, path: Path | None, program: str | None) -> None:
        self._reset_open_button()
        if path is None:
            self._say(self.tr("{name} is not available on this computer.").format(name=name))
        elif program is not None:  # opening it would run it: say so, offer a copy instead
            warn_before_running(
                self._owner,
                name=name,
                kind=program,
                on_open=lambda: self._open_file(name, path),
                on_save=lambda: self._save_copy(name, path),
            )
        else:
            self._open_file(name, path)

    def _open_file(self, name: str, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._say(
                self.tr("No application on this computer could open {name}.").format(name=name)
            )

    def _save_copy(self, name: str, path: Path) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self._owner, self.tr("Save {name}").format(name=name), name
        )
        if not chosen:
            return
        try:
            shutil.copyfile(path, chosen)
        except OSError as exc:
            self._say(
                self.tr("Cannot save {name}: {reason}.").format(name=name, reason=exc.strerror)
            )

    def _on_fetch_failed(self, failure: Failure) -> None:
        self._reset_open_button()
        self._show_failure(failure)

    def _reset_open_button(self) -> None:
        self._open_button.setEnabled(True)
        if self._name is not None:
            self._open_button.setText(self.tr("Open {name}").format(name=self._name))

    def _say(self, text: str) -> None:
        self._message.setText(text)
        self._message.show()


def _with_program_kind(path: Path | None, name: str) -> tuple[Path | None, str | None]:
    """The fetched file and, if opening it would run it, what kind of program it is."""
    return path, program_kind_of_file(path, name) if path is not None else None
