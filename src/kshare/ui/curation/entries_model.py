"""A collection's entries as a Qt model that curators reorder by dragging.

Rows move with :meth:`moveRows` (drag and drop is a move of the dragged rows);
``entries_changed`` tells the page to queue the new order, sections and notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from kshare.client.curation.views import CollectionView, EntryEdit, EntryView
from kshare.ui.i18n import phrase_text

MIME = "application/x-kshare-entry-rows"
SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex


class EntriesModel(QAbstractListModel):
    entries_changed = Signal()

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[tuple[str, EntryView]] = []  # (section, entry)
        self.editable = False

    def load(self, view: CollectionView) -> None:
        self.beginResetModel()
        self._rows = [(s.name, e) for s in view.sections for e in s.entries]
        self.editable = view.can_edit
        self.endResetModel()

    def entries(self) -> list[EntryEdit]:
        """What the curator sees, in order: the list a change of order sends."""
        return [
            EntryEdit(
                item_id=e.item_id,
                kind="person" if e.kind == "person" else "item",
                note=e.note,
                section=section,
                position=i,
            )
            for i, (section, e) in enumerate(self._rows)
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        section, entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            prefix = f"{section} · " if section else ""
            outdated = (
                "  " + QCoreApplication.translate("EntriesModel", "(may be outdated)")
                if entry.may_be_outdated
                else ""
            )
            return f"{prefix}{phrase_text(entry.title_phrase, entry.title)}{outdated}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.note or None
        if role == SECTION_ROLE:
            return section
        if role == NOTE_ROLE:
            return entry.note
        if role == ID_ROLE:
            return entry.item_id
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (NOTE_ROLE, SECTION_ROLE) or not self.editable:
            return False
        section, entry = self._rows[index.row()]
        text = str(value)
        if role == NOTE_ROLE:
            entry = replace(entry, note=text)
        else:
            section = " ".join(text.split())
        self._rows[index.row()] = (section, entry)
        self.dataChanged.emit(index, index, [role])
        self.entries_changed.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not self.editable:
            return base
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME) or not self.editable:
            return False
        raw = bytes(data.data(MIME).data()).decode()
        rows = [int(r) for r in raw.split(",") if r.isdigit()]
        if not rows:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        # One block at a time, as a list view drags them: the first run of rows.
        first, count = rows[0], 1
        while count < len(rows) and rows[count] == first + count:
            count += 1
        self.moveRows(QModelIndex(), first, count, QModelIndex(), target)
        return False  # the move is done: the view must not remove the source rows too

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        last = source_row + count - 1
        if (
            count <= 0
            or source_row < 0
            or last >= len(self._rows)
            or not 0 <= destination_child <= len(self._rows)
            or source_row <= destination_child <= last + 1
        ):
            return False
        if not self.beginMoveRows(
            source_parent, source_row, last, destination_parent, destination_child
        ):
            return False
        moving = self._rows[source_row : last + 1]
        rest = self._rows[:source_row] + self._rows[last + 1 :]
        at = destination_child if destination_child < source_row else destination_child - count
        self._rows = rest[:at] + moving + rest[at:]
        self.endMoveRows()
        self.entries_changed.emit()
        return True
