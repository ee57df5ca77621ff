from datetime import UTC, datetime, timedelta

import pytest

from kshare.clock import SYSTEM, Clock, ManualClock, utc_now


def test_manual_clock_moves_only_when_told() -> None:
    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    clock = ManualClock(start)
    assert clock.now() == start
    before = clock.monotonic()
    clock.sleep(90)
    assert clock.now() == start + timedelta(seconds=90)
    assert clock.monotonic() == before + 90
    clock.advance(days=1)
    assert clock.now() == start + timedelta(days=1, seconds=90)


def test_manual_clock_refuses_naive_times_and_going_back() -> None:
    with pytest.raises(ValueError):
        ManualClock(datetime(2026, 1, 1))
    clock = ManualClock()
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.set(datetime(2026, 1, 1))


def test_both_clocks_satisfy_the_protocol() -> None:
    assert isinstance(SYSTEM, Clock)
    assert isinstance(ManualClock(), Clock)
    assert utc_now().tzinfo is UTC
    clock = ManualClock()
    assert utc_now(clock) == clock.now()
