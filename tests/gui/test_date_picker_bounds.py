"""The composer's date pickers offer only days inside the server's range (1970..9999 UTC)."""

from __future__ import annotations

from datetime import UTC, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime
from pytestqt.qtbot import QtBot

from kshare.client.dates import in_range
from kshare.ui.audience_options import TimeField


def test_a_picker_clamps_extreme_days_into_the_range(qtbot: QtBot) -> None:
    field = TimeField("Visible until", timedelta(days=7))
    qtbot.addWidget(field)
    field.check.setChecked(True)

    for day, kept in (
        (QDate(1, 1, 1), QDate(1970, 1, 2)),
        (QDate(9999, 12, 31), QDate(9999, 12, 30)),
    ):
        field.edit.setDateTime(QDateTime(day, QTime(23, 59)))
        assert field.edit.date() == kept
        chosen = field.value()
        assert chosen is not None and in_range(chosen).tzinfo is UTC
