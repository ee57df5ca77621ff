"""Passwords (argon2id), bearer tokens (stored as SHA-256) and sign-in throttling."""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kshare.domain.visibility import Viewer
from kshare.server.errors import ApiError
from kshare.server.policy import viewer_for
from kshare.server.settings import HashParams
from kshare.server.tables import Person, Token

log = logging.getLogger(__name__)

TOKEN_BYTES = 32


class Passwords:
    """argon2id hashing with configurable cost (tests use cheap parameters)."""

    def __init__(self, params: HashParams) -> None:
        self._hasher = PasswordHasher(
            time_cost=params.time_cost,
            memory_cost=params.memory_cost,
            parallelism=params.parallelism,
        )
        # Verifying against a real hash for unknown users keeps their timing like known ones.
        self._decoy = self._hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored or self._decoy, password) and bool(stored)
        except VerifyMismatchError:
            return False
        except (InvalidHashError, VerificationError):
            log.warning("a stored password hash could not be checked")
            return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(session: Session, person: Person, ttl: timedelta, device: str = "") -> Token:
    """Create a token row; the plain token is returned once, on ``row.plain``, never stored."""
    plain = secrets.token_urlsafe(TOKEN_BYTES)
    row = Token(
        token_hash=token_digest(plain),
        person_id=person.id,
        device=device,
        expires_at=datetime.now(UTC) + ttl,
    )
    session.add(row)
    session.flush()
    row.plain = plain  # type: ignore[attr-defined]
    return row


def revoke_token(session: Session, token_id: int) -> None:
    session.execute(update(Token).where(Token.id == token_id).values(revoked_at=datetime.now(UTC)))


@dataclass(frozen=True)
class Caller:
    """The signed-in person making this request."""

    person: Person
    viewer: Viewer
    token_id: int
    address: str = ""

    @property
    def id(self) -> str:
        return self.person.id


def authenticate(session: Session, authorization: str | None, address: str = "") -> Caller:
    """Resolve ``Authorization: Bearer TOKEN`` to a caller, or raise 401/403."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthenticated", "Sign in to continue.")
    row = session.scalars(
        select(Token).where(Token.token_hash == token_digest(token.strip()))
    ).one_or_none()
    now = datetime.now(UTC)
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise ApiError(401, "unauthenticated", "Your sign-in has expired; sign in again.")
    person = session.get(Person, row.person_id)
    if person is None:
        raise ApiError(401, "unauthenticated", "Sign in to continue.")
    if not person.active:
        raise ApiError(403, "account_disabled", "This account has been disabled.")
    return Caller(
        person=person, viewer=viewer_for(session, person), token_id=row.id, address=address
    )


class Throttle:
    """Counts failed sign-ins per key in a sliding window (in memory: one server process).

    Keys whose failures have all aged out are forgotten, so a stream of made-up
    usernames cannot grow the table without bound.
    """

    SWEEP_AT = 10_000  # keys held before a sweep of the aged-out ones

    def __init__(
        self, window: timedelta, limit: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.window = window.total_seconds()
        self.limit = limit
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._failures)

    def _recent(self, key: str, now: float) -> deque[float] | None:
        failures = self._failures.get(key)
        if failures is None:
            return None
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return None
        return failures

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may try again; 0 when it may try now."""
        now = self._clock()
        with self._lock:
            failures = self._recent(key, now)
            if failures is None or len(failures) < self.limit:
                return 0
            return max(1, math.ceil(failures[0] + self.window - now))

    def failed(self, key: str) -> None:
        now = self._clock()
        with self._lock:
            if len(self._failures) >= self.SWEEP_AT:
                for old in list(self._failures):
                    self._recent(old, now)
            failures = self._recent(key, now)
            if failures is None:
                failures = self._failures[key] = deque()
            failures.append(now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
