"""A document's file in the reading pane: its versions, an inline preview, "Save as…".

Versions come from the cache, so the history shows offline; a version not on this
computer says "Not downloaded yet" and is fetched when previewed, opened or saved.
Every download, rendering and copy runs through the task manager, never on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kshare.client.documents.views import DocumentPreview, DocumentView, FileVersionView
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import PreviewPane, named
from kshare.ui.text import QT_TRANSLATE_NOOP, counts, decimal, full_time

log = logging.getLogger(__name__)

NUMBER_ROLE = Qt.ItemDataRole.UserRole


class DocumentSource(Protocol):
    def document(self, item_id: str) -> DocumentView | None: ...
    def version_path(self, item_id: str, number: int | None = None) -> Path: ...
    def save_as(self, item_id: str, target: Path, number: int | None = None) -> Path: ...
    def preview(self, item_id: str, number: int | None = None) -> DocumentPreview: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("document_panel", text)


def size_text(size: int) -> str:
    if size < 1024:
        return QCoreApplication.translate("document_panel", "{size} bytes").format(size=size)
    if size < 1024**2:
        return QCoreApplication.translate("document_panel", "{size} KB").format(
            size=decimal(size / 1024, 0)
        )
    return QCoreApplication.translate("document_panel", "{size} MB").format(
        size=decimal(size / 1024**2)
    )


def state_text(view: DocumentView) -> str:
    versions = counts().versions(len(view.versions))
    if view.downloaded:
        text = QCoreApplication.translate(
            "document_panel", "{file} · on this computer · {versions}"
        )
    else:
        text = QCoreApplication.translate(
            "document_panel",
            "{file} · Not downloaded yet: it is fetched when you preview, open or save it"
            " · {versions}",
        )
    return text.format(file=view.filename, versions=versions)


def downloaded_text(downloaded: bool) -> str:
    """A version's tooltip: whether its file is here."""
    return (
        QCoreApplication.translate("document_panel", "On this computer")
        if downloaded
        else QCoreApplication.translate("document_panel", "Not downloaded yet")
    )


def ask_save_path(parent: QWidget, name: str) -> str:
    caption = QCoreApplication.translate("document_panel", "Save {name} as").format(name=name)
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, name)
    return chosen


class DocumentPanel(QWidget):
    """The file of the document on show and its history, with a preview beneath."""

    saved = Signal(str)  # where a copy went

    def __init__(
        self, source: DocumentSource, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentPanel")
        self._source = source
        self._runner = runner
        self._item_id: str | None = None
        self._view: DocumentView | None = None
        self._request = 0
        # Where "Save as…" asks for a file name (a native dialog); replaceable for tests.
        self.choose_save_path: Callable[[QWidget, str], str] = ask_save_path

        self.state = named(QLabel(wordWrap=True), "documentState")
        self.message = named(QLabel(wordWrap=True), "errorText")
        self.message.hide()
        self.preview_button = QPushButton(self.tr("Preview"))
        self.open_button = QPushButton(self.tr("Open this version"))
        self.save_button = QPushButton(self.tr("Save as…"))
        for button, slot in (
            (self.preview_button, self._on_preview_button_clicked),
            (self.open_button, self._on_open_button_clicked),
            (self.save_button, self._on_save_button_clicked),
        ):
            button.clicked.connect(slot)
        self.versions = named(QTreeWidget(), "documentVersions")
        self.versions.setHeaderLabels(
            [self.tr("Version"), self.tr("File"), self.tr("Shared by"), self.tr("When")]
        )
        self.versions.setRootIsDecorated(False)
        self.versions.setAccessibleName(self.tr("Version history"))
        self.versions.setMaximumHeight(120)
        self.versions.itemSelectionChanged.connect(self._on_versions_item_selection_changed)
        self.versions.itemActivated.connect(self._on_versions_item_activated)
        self.preview = PreviewPane()

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.preview_button, self.open_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.versions)
        layout.addWidget(self.preview, 1)

    # -- what the reading pane calls -----------------------------------------------------

    @property
    def item_id(self) -> str | None:
        return self._item_id

    def show_document(self, item_id: str) -> None:
        """Load the document's versions; preview at once when the file is already here."""
        self._request += 1
        request = self._request
        changed = item_id != self._item_id
        self._item_id = item_id
        if changed:
            self.preview.show_message("")
            self.message.hide()
        self._runner.local(
            lambda: self._source.document(item_id),
            success=lambda view: self._on_document_loaded(request, view, changed),
            failure=self._show_failure,
            label=QT_TRANSLATE_NOOP("TaskLabel", "reading the document's versions"),
            owner=self,
        )

    def clear(self) -> None:
        self._request += 1
        self._item_id = None
        self._view = None
        self.versions.clear()
        self.preview.show_message("")

    def selected_number(self) -> int | None:
        """The version chosen in the history (None: the current one)."""
        chosen = self.versions.selectedItems()
        if not chosen:
            return None
        number = chosen[0].data(0, NUMBER_ROLE)
        current = self._view.current if self._view is not None else None
        return None if current is not None and number == current.number else int(number)

    def _rows(self) -> list[QTreeWidgetItem]:
        found = (self.versions.topLevelItem(r) for r in range(self.versions.topLevelItemCount()))
        return [entry for entry in found if entry is not None]

    def select_version(self, number: int) -> None:
        for entry in self._rows():
            if entry.data(0, NUMBER_ROLE) == number:
                self.versions.setCurrentItem(entry)
                return

    def preview_selected(self) -> None:
        item_id, number = self._item_id, self.selected_number()
        if item_id is None:
            return
        request = self._request
        self.preview.show_message(self.tr("Preparing the preview…"))
        self._runner.network(
            lambda: self._source.preview(item_id, number),
            success=lambda shown: self._on_preview_ready(request, shown),
            failure=lambda failure: self._on_preview_failed(request, failure),
            label=QT_TRANSLATE_NOOP("TaskLabel", "preparing the preview"),
            owner=self,
        )

    def open_selected(self) -> None:
        item_id, number = self._item_id, self.selected_number()
        if item_id is None:
            return
        self._runner.network(
            lambda: self._source.version_path(item_id, number),
            success=self._on_version_fetched,
            failure=self._show_failure,
            label=QT_TRANSLATE_NOOP("TaskLabel", "fetching the file"),
            owner=self,
        )

    def save_selected(self) -> None:
        item_id, number = self._item_id, self.selected_number()
        if item_id is None or self._view is None:
            return
        version = self._version(number)
        name = version.filename if version is not None else self._view.filename
        chosen = self.choose_save_path(self, name)
        if not chosen:
            return
        target = Path(chosen)
        self._runner.network(
            lambda: self._source.save_as(item_id, target, number),
            success=self._on_saved,
            failure=self._show_failure,
            label=QT_TRANSLATE_NOOP("TaskLabel", "saving a copy of the file"),
            owner=self,
        )

    # -- results -----------------------------------------------------------------------

    def _on_document_loaded(self, request: int, view: DocumentView | None, changed: bool) -> None:
        if request != self._request:
            return
        self._view = view
        self.versions.clear()
        if view is None:
            self.state.setText(self.tr("This document has no file."))
            return
        self.state.setText(state_text(view))
        self.state.setAccessibleName(self.state.text())
        for version in view.versions:
            self.versions.addTopLevelItem(self._row(version))
        self.versions.setVisible(len(view.versions) > 1)
        self.select_version(view.versions[0].number)
        if view.downloaded and (changed or self.preview.kind == "none"):
            self.preview_selected()
        elif not view.downloaded and changed:
            self.preview.show_message(
                self.tr(
                    "Not downloaded yet. Preview fetches it from the server when you are online."
                )
            )

    @staticmethod
    def _row(version: FileVersionView) -> QTreeWidgetItem:
        label = str(version.number)
        if version.current:
            label = QCoreApplication.translate("document_panel", "{number} (current)").format(
                number=version.number
            )
        if version.created_at is not None:
            when = full_time(version.created_at)
        else:
            when = QCoreApplication.translate("document_panel", "not sent yet")
        row = QTreeWidgetItem([label, f"{version.filename} · {size_text(version.size)}"])
        row.setText(2, version.uploader_name)
        row.setText(3, when)
        row.setData(0, NUMBER_ROLE, version.number)
        row.setToolTip(1, downloaded_text(version.downloaded))
        return row

    def _version(self, number: int | None) -> FileVersionView | None:
        if self._view is None:
            return None
        if number is None:
            return self._view.current
        return next((v for v in self._view.versions if v.number == number), None)

    def _on_preview_ready(self, request: int, shown: DocumentPreview) -> None:
        if request == self._request:
            self.preview.show_preview(shown)
            self._refresh_state()

    def _on_preview_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self.preview.show_message(failure.message)

    def _on_version_fetched(self, path: Path) -> None:
        self._refresh_state()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.message.setText(
                self.tr(
                    "No application on this computer opens {file}; the preview below shows it."
                ).format(file=path.name)
            )
            self.message.show()
            self.preview_selected()

    def _on_saved(self, target: Path) -> None:
        self.message.hide()
        self._refresh_state()
        self.saved.emit(str(target))

    def _refresh_state(self) -> None:
        if self._item_id is not None:
            item_id, request = self._item_id, self._request
            self._runner.local(
                lambda: self._source.document(item_id),
                success=lambda view: self._on_state_loaded(request, view),
                label=QT_TRANSLATE_NOOP("TaskLabel", "reading the document's versions"),
                owner=self,
            )

    def _on_state_loaded(self, request: int, view: DocumentView | None) -> None:
        if request == self._request and view is not None:
            self._view = view
            self.state.setText(state_text(view))
            for entry in self._rows():
                match = self._version(int(entry.data(0, NUMBER_ROLE)))
                if match is not None:
                    entry.setToolTip(1, downloaded_text(match.downloaded))

    def _show_failure(self, failure: Failure) -> None:
        self.message.setText(failure.message)
        self.message.setToolTip("" if failure.user_facing else failure.details)
        self.message.show()

    # -- slots -------------------------------------------------------------------------

    @Slot()
    def _on_preview_button_clicked(self) -> None:
        self.preview_selected()

    @Slot()
    def _on_open_button_clicked(self) -> None:
        self.open_selected()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save_selected()

    @Slot()
    def _on_versions_item_selection_changed(self) -> None:
        current = self.selected_number() is None
        self.open_button.setText(self.tr("Open") if current else self.tr("Open this version"))

    @Slot(QTreeWidgetItem, int)
    def _on_versions_item_activated(self, _item: QTreeWidgetItem, _column: int) -> None:
        self.preview_selected()
