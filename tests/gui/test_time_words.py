"""The window's time words and default times come from a clock it is handed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from kshare.clock import ManualClock
from kshare.ui.audience_options import TimeField, when
from kshare.ui.text import relative_time

THEN = datetime(2024, 2, 10, 14, 20, tzinfo=UTC)


def test_relative_time_is_measured_from_the_clock() -> None:
    clock = ManualClock(THEN)
    moment = THEN - timedelta(minutes=5)
    assert relative_time(moment, clock=clock) == "5 min ago"
    clock.advance(hours=3)
    assert relative_time(moment, clock=clock) == "3 h ago"
    clock.advance(days=1)
    assert relative_time(moment, clock=clock) == "yesterday"


def test_the_year_is_shown_when_it_is_not_the_clocks() -> None:
    moment = THEN.replace(month=6)
    assert str(moment.astimezone().year) not in when(moment, ManualClock(THEN))
    assert str(moment.astimezone().year) in when(moment, ManualClock(THEN.replace(year=2026)))


def test_a_time_field_proposes_the_next_full_hour_after_its_offset(qtbot: QtBot) -> None:
    field = TimeField("Publish at", timedelta(hours=1), clock=ManualClock(THEN))
    qtbot.addWidget(field)
    assert field.value() is None  # unchecked: no time
    field.check.setChecked(True)
    assert field.value() == datetime(2024, 2, 10, 15, 0, tzinfo=UTC)
