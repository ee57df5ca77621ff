"""The Curation area: collections and their order, what is due for review, the health
report and the knowledge-flow pictures. Shown only to curators.

Every read and write runs through the task manager; the pages receive view dataclasses.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kshare.client.curation.export_html import health_html
from kshare.client.curation.flow import KnowledgeFlow, knowledge_flow
from kshare.client.curation.review import reasons_phrase
from kshare.client.curation.views import (
    CollectionSummary,
    CollectionView,
    HealthView,
    ReviewDue,
)
from kshare.ui.curation.entries_model import NOTE_ROLE, EntriesModel
from kshare.ui.curation.pictures import export_picture, flow_picture, people_picture, wait_picture
from kshare.ui.i18n import phrase_text
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.query_ops import CollectionOp, QueryOp
from kshare.ui.text import short_date

log = logging.getLogger(__name__)
W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


class CollectionsPage(QWidget):
    def __init__(self, workspace: Any, runner: TaskRunner) -> None:
        super().__init__()
        self._workspace, self._runner = workspace, runner
        self.list = _named(QListWidget(), "collectionList")
        self.title = _named(QLabel(wordWrap=True), "collectionTitle")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.follow = _named(QPushButton(self.tr("Follow")), "followCollection")
        self.follow.setCheckable(True)
        self.follow.setEnabled(False)
        self.follow.setToolTip(self.tr("Hear in your inbox when this collection changes"))
        self.model = EntriesModel(self)
        self.entries = _named(QListView(), "collectionEntries")
        self.entries.setModel(self.model)
        self.entries.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.entries.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("A note for readers of this entry"))
        self.note.setAccessibleName(self.tr("Note"))
        self.save = QPushButton(self.tr("Save changes"))
        self.save.setEnabled(False)
        self.message = _named(QLabel(wordWrap=True), "errorText")
        right = QVBoxLayout()
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.follow, 0, Qt.AlignmentFlag.AlignTop)
        right.addLayout(heading)
        for widget in (self.description, self.entries, self.note, self.save):
            right.addWidget(widget)
        right.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(right, 2)
        self.collection: CollectionView | None = None
        self._wanted: str | None = None  # the collection to choose once listed
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.entries.selectionModel().currentChanged.connect(self._on_entry_current_changed)
        self.note.editingFinished.connect(self._on_note_editing_finished)
        self.model.entries_changed.connect(lambda: self.save.setEnabled(True))
        self.save.clicked.connect(self._on_save_clicked)
        self.follow.clicked.connect(self._on_follow_clicked)

    def refresh(self) -> None:
        QueryOp(
            parent=self, op=self._workspace.curation.collections, success=self._show_list
        ).failure(self._failed).run_in_background(self._runner)

    def _show_list(self, listed: list[CollectionSummary]) -> None:
        self.list.clear()
        for summary in listed:
            item = QListWidgetItem(f"{summary.title} ({summary.entries})", self.list)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
        wanted = [i for i, s in enumerate(listed) if s.id == self._wanted]
        self._wanted = None
        if listed:
            self.list.setCurrentRow(wanted[0] if wanted else 0)

    def choose(self, collection_id: str) -> None:
        """Show this collection, now if it is listed, else once the list arrives."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == collection_id:
                self.list.setCurrentRow(row)
        self._wanted = collection_id

    def _failed(self, failure: Failure) -> None:
        self.message.setText(failure.message)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_current_item_changed(self, current: QListWidgetItem | None, _old: Any) -> None:
        if current is None:
            return
        collection_id = str(current.data(Qt.ItemDataRole.UserRole))
        workspace = self._workspace

        def read() -> tuple[CollectionView, bool]:
            view = workspace.curation.show(collection_id)
            return view, collection_id in workspace.notifications.follow_set().collections

        def shown(answer: tuple[CollectionView, bool]) -> None:
            self.show_collection(answer[0])
            self._show_following(collection_id, answer[1])

        QueryOp(parent=self, op=read, success=shown).failure(self._failed).run_in_background(
            self._runner
        )

    def _show_following(self, collection_id: str, followed: bool) -> None:
        if self.collection is not None and self.collection.id != collection_id:
            return  # another collection was chosen meanwhile
        self.follow.setEnabled(True)
        self.follow.setChecked(followed)
        self.follow.setText(self.tr("Following") if followed else self.tr("Follow"))

    def _on_follow_clicked(self) -> None:
        if self.collection is None:
            return
        collection_id, following = self.collection.id, self.follow.isChecked()
        self.follow.setEnabled(False)
        notes = self._workspace.notifications
        CollectionOp(
            parent=self,
            op=lambda: notes.follow("collection", collection_id, following=following),
            success=lambda _target: self._show_following(collection_id, following),
        ).failure(self._follow_failed).run_in_background(self._runner)

    def _follow_failed(self, failure: Failure) -> None:
        self.follow.setEnabled(True)
        self.follow.setChecked(not self.follow.isChecked())
        self._failed(failure)

    def show_collection(self, view: CollectionView) -> None:
        self.collection = view
        self.title.setText(view.title)
        self.description.setText(view.description)
        self.model.load(view)
        self.note.setEnabled(view.can_edit)
        self.save.setEnabled(False)

    def _on_entry_current_changed(self, current: Any, _old: Any) -> None:
        self.note.setText(str(self.model.data(current, NOTE_ROLE) or ""))

    def _on_note_editing_finished(self) -> None:
        index = self.entries.currentIndex()
        if index.isValid() and self.note.text() != self.model.data(index, NOTE_ROLE):
            self.model.setData(index, self.note.text(), NOTE_ROLE)

    def _on_save_clicked(self) -> None:
        if self.collection is None:
            return
        collection_id, entries = self.collection.id, self.model.entries()
        self.save.setEnabled(False)
        CollectionOp(
            parent=self,
            op=lambda: self._workspace.curation.set_entries(collection_id, entries),
            success=lambda _none: self.message.setText(self.tr("Saved; sent with the next sync.")),
        ).failure(self._failed).run_in_background(self._runner)


class ReviewPage(QWidget):
    def __init__(self, workspace: Any, runner: TaskRunner) -> None:
        super().__init__()
        self._workspace, self._runner = workspace, runner
        self.list = _named(QListWidget(), "reviewDueList")
        self.empty = QLabel(self.tr("Nothing needs review."))
        self.verify = QPushButton(self.tr("Still right: verify again"))
        self.verify.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(self.verify)
        self.list.currentItemChanged.connect(
            lambda current, _old: self.verify.setEnabled(current is not None)
        )
        self.verify.clicked.connect(self._on_verify_clicked)

    def refresh(self) -> None:
        QueryOp(
            parent=self, op=self._workspace.curation.review_due, success=self.show_due
        ).run_in_background(self._runner)

    def show_due(self, due: list[ReviewDue]) -> None:
        self.list.clear()
        for d in due:
            when = (
                " " + self.tr("(review by {date})").format(date=short_date(d.review_by, year=True))
                if d.review_by
                else ""
            )
            reasons = phrase_text(reasons_phrase(d.reasons))
            item = QListWidgetItem(f"{d.title} — {reasons}{when}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, d.item_id)
        self.empty.setVisible(not due)
        self.verify.setEnabled(False)

    def _on_verify_clicked(self) -> None:
        current = self.list.currentItem()
        if current is None:
            return
        item_id = str(current.data(Qt.ItemDataRole.UserRole))
        CollectionOp(
            parent=self,
            op=lambda: self._workspace.curation.verify(item_id),
            success=lambda _none: self.refresh(),
        ).run_in_background(self._runner)


class HealthPage(QWidget):
    def __init__(self, workspace: Any, runner: TaskRunner) -> None:
        super().__init__()
        self._workspace, self._runner = workspace, runner
        self.browser = _named(QTextBrowser(), "healthReport")
        self.browser.setOpenLinks(False)
        self.export = QPushButton(self.tr("Export as HTML…"))
        self.export.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(self.export)
        self.report: HealthView | None = None
        self.export.clicked.connect(self._on_export_clicked)

    def refresh(self) -> None:
        self.browser.setPlainText(self.tr("Asking the server for the report…"))
        QueryOp(
            parent=self, op=self._workspace.curation.health, success=self.show_report
        ).over_network().failure(lambda f: self.browser.setPlainText(f.message)).run_in_background(
            self._runner
        )

    def show_report(self, report: HealthView) -> None:
        self.report = report
        self.browser.setHtml(health_html(report))
        self.export.setEnabled(True)

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export report"), "health.html", self.tr("HTML (*.html)")
        )
        if path and self.report is not None:
            Path(path).write_text(health_html(self.report), encoding="utf-8")
            self._workspace.curation.record_export("health", "html", "report")


class FlowPage(QScrollArea):
    def __init__(self, workspace: Any, runner: TaskRunner) -> None:
        super().__init__()
        self._workspace, self._runner = workspace, runner
        self.setWidgetResizable(True)
        self.holder = QWidget()
        self.column = QVBoxLayout(self.holder)
        self.setWidget(self.holder)
        self.pictures: dict[str, Any] = {}

    def refresh(self) -> None:
        QueryOp(
            parent=self,
            op=lambda: knowledge_flow(self._workspace.reader, self._workspace.curation.clock.now()),
            success=self.show_flow,
        ).run_in_background(self._runner)

    def show_flow(self, flow: KnowledgeFlow) -> None:
        while self.column.count():
            taken = self.column.takeAt(0)
            if taken is not None and (widget := taken.widget()) is not None:
                widget.deleteLater()
        self.pictures = {
            "flow": flow_picture(flow.flows),
            "waits_by_tag": wait_picture(
                flow.waits_by_tag, self.tr("Where questions wait longest: tags")
            ),
            "waits_by_department": wait_picture(
                flow.waits_by_department, self.tr("Where questions wait longest: departments")
            ),
            "people": people_picture(flow.people),
        }
        for name, plot in self.pictures.items():
            plot.setMinimumHeight(320)
            row = QHBoxLayout()
            for suffix in ("png", "svg"):
                button = QPushButton(self.tr("Export {format}…").format(format=suffix.upper()))
                button.clicked.connect(lambda _=False, n=name, s=suffix: self._export(n, s))
                row.addWidget(button)
            row.addStretch(1)
            self.column.addWidget(plot)
            self.column.addLayout(row)

    def _export(self, name: str, suffix: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export picture"), f"{name}.{suffix}")
        if path:
            export_picture(self.pictures[name], Path(path))
            self._workspace.curation.record_export(name, suffix, "picture")


class CurationWindow(QWidget):
    """The knowledge manager's workplace."""

    def __init__(self, workspace: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("kshare — Curation"))
        self.collections = CollectionsPage(workspace, runner)
        self.review = ReviewPage(workspace, runner)
        self.health = HealthPage(workspace, runner)
        self.flow = FlowPage(workspace, runner)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.collections, self.tr("Collections"))
        self.tabs.addTab(self.review, self.tr("Review due"))
        self.tabs.addTab(self.health, self.tr("Health report"))
        self.tabs.addTab(self.flow, self.tr("Knowledge flow"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(1100, 760)

    def refresh(self) -> None:
        for page in (self.collections, self.review, self.health, self.flow):
            page.refresh()

    def open_collection(self, collection_id: str) -> None:
        """Bring the Collections tab forward on this collection."""
        self.tabs.setCurrentWidget(self.collections)
        self.collections.choose(collection_id)
        self.raise_()
        self.activateWindow()
