"""The one source of time for kshare.

Everything that needs "now" — the server stamping a change, the client deciding whether a
scheduled post is visible, a throttle window, an idle timeout — asks a :class:`Clock`
instead of calling ``datetime.now`` or ``time.time`` itself. Production code receives
:data:`SYSTEM`; tests hand in a :class:`ManualClock` and move it forward explicitly, so no
test ever waits on, or asserts, elapsed wall-clock time.

Only this module reads the operating system's wall clock (``tests/unit/test_clock.py``
checks it). How the pieces get their clock: the server's ``Settings.clock`` reaches the
database (column defaults), every request (``Caller.now``), the throttle, the blob stores,
backups and imports; the desktop's ``Workspace(clock=...)`` reaches the outbox, local writes,
sync, the index and the expert finder, mostly through its database engines
(``kshare.client.store.db.use_clock``).

The benchmarks under ``bench/`` measure their own figures with ``time.perf_counter`` and
``time.monotonic``: they time real work, so a clock that tests can move has no place there.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol, runtime_checkable

__all__ = ["SYSTEM", "Clock", "ManualClock", "ShiftedClock", "SystemClock", "utc_now"]


@runtime_checkable
class Clock(Protocol):
    """What kshare needs to know about time."""

    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (for durations and deadlines)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds``; a test clock advances instead of waiting."""
        ...


class SystemClock:
    """The operating system's clocks."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    def __repr__(self) -> str:
        return "SystemClock()"


class ManualClock:
    """A clock that moves only when told to; safe to share between threads.

    ``sleep`` advances the clock by the requested amount and returns at once, so code that
    waits between retries runs instantly under test while still seeing time pass.
    """

    def __init__(self, start: datetime | None = None, monotonic_start: float = 1_000.0) -> None:
        if start is None:
            start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start")
        self._lock = threading.Lock()
        self._now = start.astimezone(UTC)
        self._mono = monotonic_start

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def monotonic(self) -> float:
        with self._lock:
            return self._mono

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.advance(seconds)

    def advance(self, seconds: float = 0.0, **delta: float) -> datetime:
        """Move forward by ``seconds`` (and/or ``timedelta`` keywords); returns the new now."""
        step = timedelta(seconds=seconds, **delta)
        if step < timedelta(0):
            raise ValueError("a clock does not go backwards; use set() for a jump")
        with self._lock:
            self._now += step
            self._mono += step.total_seconds()
            return self._now

    def set(self, when: datetime) -> None:
        """Jump the wall clock to ``when`` (the monotonic clock is left alone)."""
        if when.tzinfo is None:
            raise ValueError("ManualClock needs timezone-aware datetimes")
        with self._lock:
            self._now = when.astimezone(UTC)

    def __repr__(self) -> str:
        return f"ManualClock({self.now().isoformat()})"


class ShiftedClock:
    """The system clock moved forward by a number of seconds kept in a file.

    For tests that drive a separate process (a server started by the test suite): the
    process and the test read the same file, and :meth:`advance` moves both at once, so a
    publication window can pass without waiting for it. A missing file means no shift.
    ``monotonic`` and ``sleep`` are the system's: only the wall clock is moved.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def offset(self) -> float:
        try:
            return float(self.path.read_text("utf-8").strip() or 0)
        except FileNotFoundError:
            return 0.0

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.offset())

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    def advance(self, seconds: float = 0.0, **delta: float) -> datetime:
        """Move forward by ``seconds`` (and/or ``timedelta`` keywords); returns the new now."""
        step = timedelta(seconds=seconds, **delta).total_seconds()
        if step < 0:
            raise ValueError("a clock does not go backwards")
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(repr(self.offset() + step), "utf-8")
        temporary.replace(self.path)  # readers see the old or the new offset, never half
        return self.now()

    def __repr__(self) -> str:
        return f"ShiftedClock({str(self.path)!r}, +{self.offset():g} s)"


SYSTEM: Clock = SystemClock()


def utc_now(clock: Clock | None = None) -> datetime:
    """``clock.now()``, or the system's when no clock was handed in."""
    return (clock or SYSTEM).now()
