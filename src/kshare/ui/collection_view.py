"""A curated collection in the reading pane, as every reader sees it.

Title, description and curators, then the sections in their order, each entry with its
title, kind and the curator's note. Only entries whose target is on this computer are
listed (:meth:`kshare.client.curation.service.Curation.show` filters them), so a reader
learns nothing of what they may not see: no count, no empty section, no placeholder.

Each entry is a button that opens what it points at (an item, a person, another
collection) through the window, so the history walks back to the collection. The
collection is read from the local cache off the GUI thread; the newest request wins.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kshare.client.curation.views import CollectionView, EntryView
from kshare.ui.follow_buttons import FollowButton, FollowSource
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named
from kshare.ui.query_ops import QueryOp
from kshare.ui.text import QT_TRANSLATE_NOOP, kind_label

log = logging.getLogger(__name__)

EMPTY = QT_TRANSLATE_NOOP("CollectionPane", "Select a collection to read it here.")
GONE = QT_TRANSLATE_NOOP("CollectionPane", "This collection is no longer available to you.")


class CollectionSource(Protocol):
    """The part of :class:`kshare.client.curation.service.Curation` the pane reads."""

    def show(self, collection_id: str) -> CollectionView: ...


def entry_line(entry: EntryView) -> str:
    """What stands under an entry's title: its kind, the curator's note, a review hint."""
    parts = [kind_label("person" if entry.kind == "person" else entry.item_kind)]
    if entry.may_be_outdated:
        parts.append(QCoreApplication.translate("CollectionPane", "may be outdated"))
    line = " · ".join(parts)
    return f"{line}\n{entry.note}" if entry.note else line


class CollectionPane(QWidget):
    """One collection at a time; ``show_collection`` points it at another."""

    item_activated = Signal(str)  # an item or another collection: opened by the window
    person_activated = Signal(str)
    collection_shown = Signal(str)  # a place of its own in the history
    curation_requested = Signal(str)  # a curator wants the curators' window on it

    def __init__(
        self,
        source: CollectionSource,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        follows: FollowSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("collectionPane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._source = source
        self._runner = runner
        self._request = 0
        self.collection_id: str | None = None
        self.collection: CollectionView | None = None
        self.entry_buttons: list[QCommandLinkButton] = []
        self._shown: frozenset[str] = frozenset()

        self._stack = QStackedWidget(self)
        self._empty = named(
            QLabel(self.tr(EMPTY), alignment=Qt.AlignmentFlag.AlignCenter), "emptyState"
        )
        self._empty.setWordWrap(True)

        page = QWidget()
        self._kind = named(QLabel(kind_label("collection")), "audienceBadge")
        self.follow_button = FollowButton(follows, runner)
        self.curation_button = named(QPushButton(self.tr("Open in curation…")), "openInCuration")
        self.curation_button.setToolTip(self.tr("Change its entries, order and notes"))
        self.curation_button.hide()
        self.curation_button.clicked.connect(self._on_curation_button_clicked)
        self.title = named(QLabel(wordWrap=True), "detailTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.curators = named(QLabel(wordWrap=True), "detailMeta")
        self.curators.setTextFormat(Qt.TextFormat.PlainText)
        self.description = named(QLabel(wordWrap=True), "collectionDescription")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.nothing = named(QLabel(self.tr("Nothing in this collection yet.")), "emptyState")
        self.nothing.setWordWrap(True)
        self.nothing.hide()

        self._entries = QWidget()
        self._entries_layout = QVBoxLayout(self._entries)
        self._entries_layout.setContentsMargins(0, 0, 0, 0)
        self._entries_layout.setSpacing(4)
        scroll = QScrollArea()
        scroll.setObjectName("collectionEntries")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._entries)
        scroll.setAccessibleName(self.tr("Entries of the collection"))

        badges = QHBoxLayout()
        badges.setSpacing(6)
        badges.addWidget(self._kind)
        badges.addStretch(1)
        badges.addWidget(self.curation_button)
        badges.addWidget(self.follow_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(28, 24, 28, 12)
        layout.setSpacing(8)
        layout.addLayout(badges)
        layout.addWidget(self.title)
        layout.addWidget(self.curators)
        layout.addWidget(self.description)
        layout.addSpacing(6)
        layout.addWidget(self.nothing)
        layout.addWidget(scroll, 1)

        self._stack.addWidget(self._empty)
        self._stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

    # -- loading ------------------------------------------------------------------------

    def show_collection(self, collection_id: str, *, again: bool = False) -> None:
        """Read the collection off the GUI thread and show it; the newest request wins.

        ``again``: shown anew after a sync, not opened: no new place in the history.
        """
        self._request += 1
        request = self._request
        self.collection_id = collection_id
        source = self._source
        QueryOp(
            parent=self,
            op=lambda: source.show(collection_id),
            success=lambda view: self._on_loaded(request, view, again),
        ).failure(lambda failure: self._on_failed(request, failure)).with_progress(
            QT_TRANSLATE_NOOP("TaskLabel", "opening the collection")
        ).run_in_background(self._runner)

    def clear(self, message: str | None = None) -> None:
        self._request += 1
        self.collection_id = None
        self.collection = None
        self._shown = frozenset()
        self._drop_entries()
        self.follow_button.hide()
        self.curation_button.hide()
        self._empty.setText(self.tr(EMPTY) if message is None else message)
        self._stack.setCurrentIndex(0)

    def on_changes(self, changes: Any) -> None:
        """After a sync: show the collection again if it or an entry changed; close it if gone."""
        if self.collection_id is None:
            return
        if self.collection_id in changes.removed_ids:
            self.clear(self.tr(GONE))
        elif ({self.collection_id} | self._shown) & (changes.item_ids | changes.removed_ids):
            self.show_collection(self.collection_id, again=True)

    def _on_loaded(self, request: int, view: CollectionView, again: bool = False) -> None:
        if request != self._request:
            return
        same = self.collection is not None and self.collection.id == view.id
        self.collection = view
        self.title.setText(view.title)
        self.curators.setText(
            self.tr("Curated by {names}").format(names=", ".join(view.curators))
            if view.curators
            else ""
        )
        self.curators.setVisible(bool(view.curators))
        self.description.setText(view.description)
        self.description.setVisible(bool(view.description.strip()))
        self.curation_button.setVisible(view.can_edit)
        if self.follow_button.can_follow:
            if not same or self.follow_button.target != view.id:
                self.follow_button.bind("collection", view.id, f"“{view.title}”")
            self.follow_button.show()
        self._show_entries(view)
        self._stack.setCurrentIndex(1)
        if not again:
            self.collection_shown.emit(view.id)

    def _on_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self.clear(failure.message)

    # -- the entries --------------------------------------------------------------------

    def _drop_entries(self) -> None:
        while self._entries_layout.count():
            child = self._entries_layout.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.setParent(None)  # gone from the pane now, deleted once idle
                widget.deleteLater()
        self.entry_buttons = []

    def _show_entries(self, view: CollectionView) -> None:
        self._drop_entries()
        shown: set[str] = set()
        for section in view.sections:
            if section.name:
                heading = named(QLabel(section.name, wordWrap=True), "collectionSection")
                heading.setTextFormat(Qt.TextFormat.PlainText)
                self._entries_layout.addWidget(heading)
            for entry in section.entries:
                self._entries_layout.addWidget(self._entry_button(entry))
                shown.add(entry.item_id)
        self._entries_layout.addStretch(1)
        self._shown = frozenset(shown)
        self.nothing.setVisible(not shown)

    def _entry_button(self, entry: EntryView) -> QCommandLinkButton:
        title = entry.title or kind_label(entry.item_kind or entry.kind)
        button = named(QCommandLinkButton(title, entry_line(entry)), "collectionEntry")
        button.setProperty("entryId", entry.item_id)
        button.setAccessibleName(title)
        button.setAccessibleDescription(entry_line(entry))
        if entry.kind == "person":
            button.setToolTip(self.tr("Open {name}'s profile").format(name=title))
            button.clicked.connect(
                lambda _=False, ref=entry.item_id: self.person_activated.emit(ref)
            )
        else:
            button.setToolTip(self.tr("Open “{title}”").format(title=title))
            button.clicked.connect(lambda _=False, ref=entry.item_id: self.item_activated.emit(ref))
        self.entry_buttons.append(button)
        return button

    @Slot()
    def _on_curation_button_clicked(self) -> None:
        if self.collection is not None:
            self.curation_requested.emit(self.collection.id)
