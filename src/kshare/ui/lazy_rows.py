"""A list model that shows rows a batch at a time as the view scrolls.

The rows are computed off the GUI thread (a bounded list: the inbox, a ranked
feed); the model only decides how many the view has been handed so far, so a
long list never builds thousands of rows up front.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

BATCH = 40
AnyIndex = QModelIndex | QPersistentModelIndex


class LazyRowsModel(QAbstractListModel):
    """Rows of any kind; ``describe`` says what each role shows for a row."""

    def __init__(
        self,
        describe: Callable[[Any], Mapping[int, Any]],
        parent: Any = None,
        batch: int = BATCH,
    ) -> None:
        super().__init__(parent)
        self._describe = describe
        self._rows: list[Any] = []
        self._shown = 0
        self._batch = batch

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row; as many stay shown as were before (at least one batch)."""
        self.beginResetModel()
        keep = max(self._shown, self._batch)
        self._rows = list(rows)
        self._shown = min(len(self._rows), keep)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows[: self._shown])

    def total(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < self._shown else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._shown >= len(self._rows):
            return
        last = min(len(self._rows), self._shown + self._batch)
        self.beginInsertRows(QModelIndex(), self._shown, last - 1)
        self._shown = last
        self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        return self._describe(self._rows[index.row()]).get(role)
