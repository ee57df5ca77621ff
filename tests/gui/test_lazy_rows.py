"""The batch-at-a-time list model behind the Inbox and Home pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from kshare.ui.lazy_rows import LazyRowsModel


def _describe(row: int) -> dict[int, Any]:
    return {Qt.ItemDataRole.DisplayRole: f"row {row}"}


def test_rows_are_handed_out_a_batch_at_a_time(qtmodeltester: Any) -> None:
    model = LazyRowsModel(_describe, batch=10)
    model.set_rows(range(25))
    assert model.rowCount() == 10 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 25 and not model.canFetchMore()
    assert model.index(24).data() == "row 24"
    qtmodeltester.check(model)
    model.set_rows(range(5))  # fewer rows after a refresh: only those remain
    assert model.rowCount() == 5
    qtmodeltester.check(model)
