"""A tag's page: what it is about, its best-received content and who knows it."""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kshare.client.pages import TagPageView
from kshare.client.views import ItemSummary
from kshare.ui.follow_buttons import FollowButton, FollowSource
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP, kind_label

log = logging.getLogger(__name__)
ID_ROLE = Qt.ItemDataRole.UserRole


class TagSource(Protocol):
    def tag_page(self, tag: str) -> TagPageView: ...


def item_row(summary: ItemSummary) -> QListWidgetItem:
    by = QCoreApplication.translate("tag_page", "{kind} by {author}").format(
        kind=kind_label(summary.kind), author=summary.author_name
    )
    row = QListWidgetItem(f"{summary.title}  ·  {by}")
    row.setData(ID_ROLE, summary.id)
    return row


class TagPage(QWidget):
    item_activated = Signal(str)
    person_activated = Signal(str)
    shown = Signal(str)  # the tag now on show

    def __init__(
        self,
        source: TagSource,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        follows: FollowSource | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("tagPage")
        self._source = source
        self._runner = runner
        self._request = 0
        self.tag = ""
        self.title = named(QLabel(), "pageTitle")
        self.follow_button = FollowButton(follows, runner)
        self.description = named(QLabel(wordWrap=True), "pageSubtitle")
        self.about = named(QLabel(wordWrap=True), "tagAbout")  # the curators' description
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.hide()
        self.items = named(QListWidget(), "tagItems")
        self.items.setAccessibleName(self.tr("Top content"))
        self.experts = named(QListWidget(), "tagExperts")
        self.experts.setAccessibleName(self.tr("People who know this"))
        self.experts.setMaximumHeight(140)
        self.items.itemActivated.connect(self._on_items_item_activated)
        self.experts.itemActivated.connect(self._on_experts_item_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.follow_button)
        layout.addLayout(heading)
        layout.addWidget(self.about)
        layout.addWidget(self.description)
        layout.addWidget(QLabel(self.tr("Top content")))
        layout.addWidget(self.items, 1)
        layout.addWidget(QLabel(self.tr("People who know about it")))
        layout.addWidget(self.experts)

    def show_tag(self, tag: str) -> None:
        self._request += 1
        request = self._request
        self.tag = tag
        self.title.setText(f"#{tag}")
        self.follow_button.bind("tag", tag, f"#{tag}")
        self.description.setText(self.tr("Loading…"))
        self.about.hide()
        self._runner.local(
            lambda: self._source.tag_page(tag),
            success=lambda view: self._on_loaded(request, view),
            failure=lambda failure: self._on_failed(request, failure),
            label=QT_TRANSLATE_NOOP("TaskLabel", "opening the tag"),
            owner=self,
        )

    def _on_loaded(self, request: int, view: TagPageView) -> None:
        if request != self._request:
            return
        self.description.setText(view.description)
        self.about.setText(view.about)
        self.about.setVisible(bool(view.about))
        self.items.clear()
        for summary in view.top_items:
            self.items.addItem(item_row(summary))
        self.experts.clear()
        for expert in view.experts:
            row = QListWidgetItem(
                f"{expert.display_name}" + (f" · {expert.title}" if expert.title else "")
            )
            row.setData(ID_ROLE, expert.person_id)
            self.experts.addItem(row)
        self.shown.emit(view.tag)

    def _on_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self.description.setText(failure.message)

    @Slot(QListWidgetItem)
    def _on_items_item_activated(self, row: QListWidgetItem) -> None:
        self.item_activated.emit(str(row.data(ID_ROLE)))

    @Slot(QListWidgetItem)
    def _on_experts_item_activated(self, row: QListWidgetItem) -> None:
        self.person_activated.emit(str(row.data(ID_ROLE)))
