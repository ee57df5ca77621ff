"""The feed as a lazily filled list model.

Rows arrive a page at a time: the view asks ``canFetchMore``/``fetchMore`` as
the user scrolls, and each page is read off the GUI thread. A refresh (after a
sync or a local write) re-reads as many rows as are loaded, so the scroll
position and selection survive.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from kshare.client.views import ItemSummary
from kshare.clock import SYSTEM, Clock
from kshare.ui.audience_options import when
from kshare.ui.card_delegate import Role
from kshare.ui.i18n import translate_noop
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.text import full_time, kind_label, relative_time

log = logging.getLogger(__name__)

PAGE_SIZE = 50

AnyIndex = QModelIndex | QPersistentModelIndex


class FeedSource(Protocol):
    def feed_count(self, kind: str | None = None) -> int: ...
    def feed_page(self, offset: int, limit: int, kind: str | None = None) -> list[ItemSummary]: ...


def is_pending(summary: ItemSummary) -> bool:
    # ItemSummary has no ``pending`` field yet (only ItemDetail has); read it if
    # the façade adds it, so outbox rows are marked as soon as it does.
    return bool(getattr(summary, "pending", False))


def summary_meta(summary: ItemSummary, clock: Clock = SYSTEM) -> str:
    parts = [summary.author_name, relative_time(summary.created_at, clock=clock)]
    if summary.publish_at is not None and summary.publish_at > clock.now():
        # Written for later: only its author sees it before then.
        parts.append(
            QCoreApplication.translate("FeedModel", "Scheduled for {when}").format(
                when=when(summary.publish_at, clock)
            )
        )
    if summary.audience_label:
        parts.append(summary.audience_label)
    if summary.kind == "question":
        answers = summary.answer_count
        parts.append(
            QCoreApplication.translate("FeedModel", "1 answer")
            if answers == 1
            else QCoreApplication.translate("FeedModel", "{count} answers").format(count=answers)
        )
    return " · ".join(p for p in parts if p)


class FeedModel(QAbstractListModel):
    loading_changed = Signal(bool)
    count_changed = Signal(int)  # how many items the feed holds in all (not only loaded)
    load_failed = Signal(object)  # Failure

    def __init__(self, source: FeedSource, runner: TaskRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._rows: list[ItemSummary] = []
        self._total = 0
        self._kind: str | None = None
        self._generation = 0  # results of a superseded request are dropped
        self._fetching = False
        self._loaded_once = False

    # -- Qt model interface ---------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.title
        if role == Qt.ItemDataRole.ToolTipRole:
            when = full_time(summary.created_at)
            return self.tr("{kind} by {author}, {when}").format(
                kind=kind_label(summary.kind), author=summary.author_name, when=when
            )
        if role == Role.ITEM:
            return summary
        if role == Role.ID:
            return summary.id
        if role == Role.META:
            return summary_meta(summary)
        if role == Role.TAGS:
            return list(summary.tags)
        if role == Role.PENDING:
            return is_pending(summary)
        if role == Role.SNIPPET:
            return summary.excerpt
        if role == Role.BADGE:
            return kind_label(summary.kind)
        return None

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if parent.isValid():
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or self._fetching or not self.canFetchMore(parent):
            return
        offset, kind, generation = len(self._rows), self._kind, self._generation
        self._set_fetching(True)
        self._runner.local(
            lambda: self._source.feed_page(offset, PAGE_SIZE, kind),
            success=lambda rows: self._on_page_loaded(generation, offset, rows),
            failure=self._on_load_failed,
            label=translate_noop("TaskLabel", "loading the feed"),
            owner=self,
        )

    # -- what the window calls ------------------------------------------

    @property
    def loaded_once(self) -> bool:
        return self._loaded_once

    @property
    def total(self) -> int:
        return self._total

    @property
    def kind(self) -> str | None:
        return self._kind

    def set_kind(self, kind: str | None) -> None:
        if kind != self._kind:
            self._kind = kind
            self.beginResetModel()
            self._rows = []
            self._total = 0
            self.endResetModel()
            self.refresh()

    def refresh(self) -> None:
        """Re-read the loaded rows (at least one page), then the total, in the background.

        The rows come first and are shown as soon as they are read: counting a large
        cache takes longer than reading its newest page, and only the count label and
        how far the view may scroll wait for it.
        """
        self._generation += 1
        generation, kind = self._generation, self._kind
        limit = max(PAGE_SIZE, len(self._rows))
        source = self._source
        self._set_fetching(True)
        self._runner.local(
            lambda: source.feed_page(0, limit, kind),
            success=lambda rows: self._on_refreshed(generation, limit, rows),
            failure=self._on_load_failed,
            label=translate_noop("TaskLabel", "loading the feed"),
            owner=self,
        )

    def _count(self, generation: int, kind: str | None) -> None:
        source = self._source
        self._runner.local(
            lambda: source.feed_count(kind),
            success=lambda total: self._on_counted(generation, total),
            failure=self._on_load_failed,
            label=translate_noop("TaskLabel", "loading the feed"),
            owner=self,
        )

    def row_of(self, item_id: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == item_id), -1)

    def holds_any(self, ids: Any) -> bool:
        return any(s.id in ids for s in self._rows)

    # -- results ----------------------------------------------------------

    def _set_fetching(self, fetching: bool) -> None:
        if fetching != self._fetching:
            self._fetching = fetching
            self.loading_changed.emit(fetching)

    def _on_refreshed(self, generation: int, limit: int, rows: list[ItemSummary]) -> None:
        if generation != self._generation:
            return
        self._set_fetching(False)
        self._loaded_once = True
        self.beginResetModel()
        self._rows = list(rows)
        # Until the count arrives the last one stands (a refresh), or a full page may
        # have more behind it, so the view can already ask for the next one.
        more = 1 if len(self._rows) >= limit else 0
        self._total = max(self._total, len(self._rows) + more)
        self.endResetModel()
        self._count(generation, self._kind)

    def _on_counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._total = max(total, len(self._rows))
        self.count_changed.emit(self._total)

    def _on_page_loaded(self, generation: int, offset: int, rows: list[ItemSummary]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return  # a refresh replaced the rows meanwhile
        self._set_fetching(False)
        if not rows:
            # The feed shrank since we counted; stop asking for more.
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self._total = max(self._total, len(self._rows))

    def _on_load_failed(self, failure: Failure) -> None:
        self._set_fetching(False)
        self.load_failed.emit(failure)
