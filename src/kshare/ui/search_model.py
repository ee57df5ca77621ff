"""Search hits as a list model; further pages are appended, never re-read."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from kshare.client.views import SearchHit
from kshare.ui.card_delegate import Role
from kshare.ui.i18n import phrase_text
from kshare.ui.text import kind_label, relative_time

AnyIndex = QModelIndex | QPersistentModelIndex

_TAG = re.compile(r"<[^>]+>")


def plain_snippet(snippet_html: str) -> str:
    return html.unescape(_TAG.sub("", snippet_html))


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return phrase_text(hit.title_phrase, hit.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_snippet(hit.snippet_html) or phrase_text(hit.title_phrase, hit.title)
        if role == Role.ITEM:
            return hit
        if role == Role.ID:
            if hit.kind == "person":
                return None  # a colleague, not an item: nothing to open in the reading pane
            # An answer or comment opens its thread, where it is shown in place.
            return hit.parent_id or hit.id
        if role == Role.META:
            if hit.kind == "person":
                return self.tr("Colleague")
            parts = [hit.author_name, relative_time(hit.created_at) if hit.created_at else ""]
            return " · ".join(p for p in parts if p)
        if role == Role.TAGS:
            return list(hit.tags)
        if role == Role.SNIPPET_HTML:
            return hit.snippet_html
        if role == Role.BADGE:
            return kind_label(hit.kind)
        if role == Role.PENDING:
            return False
        return None

    def set_hits(self, hits: tuple[SearchHit, ...] | list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def append_hits(self, hits: tuple[SearchHit, ...] | list[SearchHit]) -> None:
        known = {h.id for h in self._hits}
        fresh = [h for h in hits if h.id not in known]
        if not fresh:
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._hits.extend(fresh)
        self.endInsertRows()

    def clear(self) -> None:
        self.set_hits([])
