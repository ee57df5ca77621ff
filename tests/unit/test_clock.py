import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kshare.clock import SYSTEM, Clock, ManualClock, ShiftedClock, utc_now


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


ROOT = Path(__file__).resolve().parents[2]
WALL_CLOCK = re.compile(r"datetime\.now|time\.time\(\)|utcnow")


def test_only_the_clock_module_reads_the_wall_clock() -> None:
    sources = [*(ROOT / "src" / "kshare").rglob("*.py"), *(ROOT / "bench").rglob("*.py")]
    assert len(sources) > 100  # the tree was found
    readers = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        if path.name != "clock.py" or path.parent.name != "kshare"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line)
    ]
    assert readers == []


def test_a_shifted_clock_moves_every_reader_of_its_file(tmp_path: Path) -> None:
    shared = tmp_path / "clock"
    test_side, server_side = ShiftedClock(shared), ShiftedClock(shared)
    assert test_side.offset() == server_side.offset() == 0.0  # no file: no shift
    test_side.advance(hours=1)
    assert server_side.offset() == 3600
    test_side.advance(90)
    assert server_side.offset() == 3690
    with pytest.raises(ValueError):
        test_side.advance(-1)
    assert server_side.offset() == 3690
    assert isinstance(server_side, Clock)
