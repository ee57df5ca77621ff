"""Sign-in budgets counted in the shared database, before the password is checked.

Each attempt first takes one unit of every budget it draws on (``user:NAME`` and
``addr:IP`` for an unknown desktop, ``device:HASH`` for a known one) in a short
write transaction; only then is the (slow) password checked. A success gives
the units back. Because the count and the reservation happen under one lock
per budget, sixty parallel guesses get exactly the allowed number of verdicts,
whichever server process they reach.

The window slides: a budget frees up as its oldest attempt ages out. The
``limits`` library has no SQL storage, and every server process already
shares this database, so a table is the simplest shared counter.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from kshare.clock import Clock
from kshare.server.tables import SignInAttempt

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Budget:
    """A named budget and how many attempts it allows per window."""

    scope: str
    limit: int


@dataclass(frozen=True)
class Reservation:
    """The attempt rows taken for one sign-in, given back if the password was right."""

    ids: tuple[int, ...]


class Throttled(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"try again in {retry_after} s")
        self.retry_after = retry_after


class SignInThrottle:
    """Sliding-window sign-in budgets kept in the server's database."""

    def __init__(self, window: timedelta, clock: Clock) -> None:
        self.window = window
        self._clock = clock

    def _lock(self, session: Session, scope: str) -> None:
        # SQLite writers already run one at a time (BEGIN IMMEDIATE); PostgreSQL needs a
        # lock per budget so that "count, then take one" cannot interleave.
        if session.get_bind().dialect.name == "postgresql":
            key = int.from_bytes(hashlib.sha256(scope.encode()).digest()[:8], "big", signed=True)
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    def reserve(self, session: Session, budgets: Sequence[Budget]) -> Reservation:
        """Take one attempt from every budget, or raise :class:`Throttled` taking none.

        Run it in a write transaction of its own that commits at once, so the
        reservation is visible to every other request before the password check.
        """
        now = self._clock.now()
        cutoff = now - self.window
        wait = 0
        ordered = sorted(budgets, key=lambda b: b.scope)  # one lock order: no deadlocks
        for budget in ordered:
            self._lock(session, budget.scope)
            session.execute(
                delete(SignInAttempt).where(
                    SignInAttempt.scope == budget.scope, SignInAttempt.at <= cutoff
                )
            )
            count, oldest = session.execute(
                select(func.count(), func.min(SignInAttempt.at)).where(
                    SignInAttempt.scope == budget.scope, SignInAttempt.at > cutoff
                )
            ).one()
            if count >= budget.limit and oldest is not None:
                wait = max(wait, _seconds_until(oldest + self.window, now))
        if wait:
            raise Throttled(wait)
        rows = [SignInAttempt(scope=b.scope, at=now) for b in ordered]
        session.add_all(rows)
        session.flush()
        return Reservation(tuple(row.id for row in rows))

    def refund(self, session: Session, reservation: Reservation) -> None:
        """The password was right: this attempt does not count against anyone."""
        if reservation.ids:
            session.execute(delete(SignInAttempt).where(SignInAttempt.id.in_(reservation.ids)))

    def retry_after(self, session: Session, budget: Budget) -> int:
        """Seconds until ``budget`` allows another attempt; 0 when it does now."""
        now = self._clock.now()
        count, oldest = session.execute(
            select(func.count(), func.min(SignInAttempt.at)).where(
                SignInAttempt.scope == budget.scope, SignInAttempt.at > now - self.window
            )
        ).one()
        if count < budget.limit or oldest is None:
            return 0
        return _seconds_until(oldest + self.window, now)

    def sweep(self, session: Session) -> int:
        """Forget attempts that aged out, so made-up names cannot grow the table for good."""
        result = session.execute(
            delete(SignInAttempt).where(SignInAttempt.at <= self._clock.now() - self.window)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))
