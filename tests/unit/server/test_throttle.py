"""Sign-in budgets in the database: a sliding window per budget, all-or-nothing, swept.

The clock is injected; nothing here waits.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kshare.clock import ManualClock
from kshare.server.db import Database
from kshare.server.identity.throttle import Budget, SignInThrottle, Throttled
from kshare.server.tables import SignInAttempt


def Clock() -> ManualClock:
    return ManualClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'throttle.sqlite3'}")
    database.migrate()
    yield database
    database.dispose()


def attempt(db: Database, throttle: SignInThrottle, *budgets: Budget) -> int:
    """0 when the attempt may go ahead (and is counted), else the seconds to wait."""
    try:
        with db.write() as session:
            throttle.reserve(session, budgets)
    except Throttled as exc:
        return exc.retry_after
    return 0


def test_too_many_attempts_wait_until_the_oldest_ages_out(db: Database) -> None:
    clock = Clock()
    throttle = SignInThrottle(timedelta(seconds=60), clock)
    ana, bob = Budget("user:ana", 3), Budget("user:bob", 3)
    for _ in range(3):
        assert attempt(db, throttle, ana) == 0
        clock.advance(10)
    assert attempt(db, throttle, ana) == 30  # the first attempt leaves the window at +60
    assert attempt(db, throttle, bob) == 0  # another budget is not affected
    clock.advance(30)
    assert attempt(db, throttle, ana) == 0


def test_a_refund_gives_the_attempt_back(db: Database) -> None:
    throttle = SignInThrottle(timedelta(seconds=60), Clock())
    ana = Budget("user:ana", 2)
    assert attempt(db, throttle, ana) == 0
    with db.write() as session:
        right_password = throttle.reserve(session, [ana])
    assert attempt(db, throttle, ana) > 0
    with db.write() as session:
        throttle.refund(session, right_password)
    assert attempt(db, throttle, ana) == 0


def test_an_exhausted_budget_takes_nothing_from_the_others(db: Database) -> None:
    throttle = SignInThrottle(timedelta(seconds=60), Clock())
    user, address = Budget("user:ana", 1), Budget("addr:10.0.0.9", 5)
    assert attempt(db, throttle, user, address) == 0
    for _ in range(4):
        assert attempt(db, throttle, user, address) > 0
    with db.read() as session:
        assert throttle.retry_after(session, address) == 0
        count = session.scalar(select(func.count()).where(SignInAttempt.scope == "addr:10.0.0.9"))
    assert count == 1  # the refused attempts did not count against the address


def test_aged_out_attempts_are_swept(db: Database) -> None:
    clock = Clock()
    throttle = SignInThrottle(timedelta(seconds=60), clock)
    for n in range(100):
        assert attempt(db, throttle, Budget(f"user:made-up-{n}", 5)) == 0
    clock.advance(61)
    assert attempt(db, throttle, Budget("user:one-more", 5)) == 0
    with db.write() as session:
        assert throttle.sweep(session) == 100
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(SignInAttempt)) == 1
