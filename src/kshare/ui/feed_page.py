"""The feed page: everything the user may see, newest first, filtered by kind."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kshare.ui.card_delegate import CardDelegate, Role
from kshare.ui.feed_model import FeedModel, FeedSource
from kshare.ui.i18n import translate_noop
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.text import number

log = logging.getLogger(__name__)

KIND_FILTERS = (
    (translate_noop("FeedPage", "Everything"), None),
    (translate_noop("FeedPage", "Posts"), "post"),
    (translate_noop("FeedPage", "Questions"), "question"),
    (translate_noop("FeedPage", "Articles"), "article"),
    (translate_noop("FeedPage", "Documents"), "document"),
)
EMPTY_FEED = translate_noop("FeedPage", "Nothing here yet — sync to fetch your colleagues' posts.")
LOADING = translate_noop("FeedPage", "Loading…")


class FeedPage(QWidget):
    item_activated = Signal(str)

    def __init__(self, source: FeedSource, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = FeedModel(source, runner, self)
        self._select_when_loaded: str | None = None
        self._sync_status: Any = None  # the latest SyncStatus, for the empty state

        title = QLabel(self.tr("Feed"))
        title.setObjectName("pageTitle")
        self.count = QLabel()
        self.count.setObjectName("pageSubtitle")
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Show"))
        for label, value in KIND_FILTERS:
            self.kind.addItem(self.tr(label), value)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(8)
        header.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        header.addWidget(self.kind)

        self.list = QListView()
        self.list.setObjectName("cards")
        self.list.setAccessibleName(self.tr("Feed"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(CardDelegate(self.list))
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(False)
        self.list.setMouseTracking(True)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.empty = QLabel(self.tr(LOADING))
        self.empty.setObjectName("emptyState")
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

        self.model.modelReset.connect(self._on_model_reset)
        self.model.rowsInserted.connect(self._on_model_rows_inserted)
        self.model.count_changed.connect(self._on_model_count_changed)
        self.model.load_failed.connect(self._on_model_load_failed)

    def refresh(self) -> None:
        self.model.refresh()

    def on_changes(self, changes: Any) -> None:
        """Re-read the feed when a sync touched items (new, edited or gone)."""
        if changes.item_ids or changes.removed_ids:
            self.model.refresh()

    def select_item(self, item_id: str) -> None:
        """Select an item once it is loaded (a just-published post, say)."""
        if not self._select(item_id):
            self._select_when_loaded = item_id

    def current_item_id(self) -> str | None:
        value = self.list.currentIndex().data(Role.ID)
        return str(value) if value else None

    def _select(self, item_id: str) -> bool:
        row = self.model.row_of(item_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)
        return True

    def set_sync_status(self, status: Any) -> None:
        """While a sync runs, an empty feed says it is fetching, with the progress so far."""
        self._sync_status = status
        if not self.model.rowCount():
            self._show_list_or_empty()

    def _empty_text(self) -> str:
        status = self._sync_status
        if status is not None and status.state == "syncing":
            if status.items_total:
                return self.tr("Fetching… {done} of %Ln items", "", status.items_total).format(
                    done=number(status.items_done)
                )
            return self.tr("Fetching what you may see from the server…")
        return self.tr(EMPTY_FEED) if self.model.loaded_once else self.tr(LOADING)

    def _show_list_or_empty(self) -> None:
        if self.model.rowCount():
            self._stack.setCurrentWidget(self.list)
        else:
            self.empty.setText(self._empty_text())
            self._stack.setCurrentWidget(self.empty)

    @Slot()
    def _on_model_reset(self) -> None:
        self._show_list_or_empty()
        if self._select_when_loaded and self._select(self._select_when_loaded):
            self._select_when_loaded = None

    @Slot(QModelIndex, int, int)
    def _on_model_rows_inserted(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        self._show_list_or_empty()

    @Slot(int)
    def _on_model_count_changed(self, total: int) -> None:
        if not total:
            self.count.setText("")
        else:
            self.count.setText(self.tr("1 item") if total == 1 else self.tr("%Ln items", "", total))

    @Slot(object)
    def _on_model_load_failed(self, failure: Failure) -> None:
        self.empty.setText(failure.message)
        self._stack.setCurrentWidget(self.empty)

    @Slot(int)
    def _on_kind_current_index_changed(self, _index: int) -> None:
        self.model.set_kind(self.kind.currentData())

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.data(Role.ID)
        if item_id:
            self.item_activated.emit(str(item_id))
