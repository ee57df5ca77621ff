"""Passwords (argon2id) and bearer tokens (stored as SHA-256): who is calling.

Sign-in budgets live in :mod:`kshare.server.identity.throttle`, device sessions
in :mod:`kshare.server.identity.sessions`.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kshare.clock import SYSTEM, Clock
from kshare.domain.visibility import Viewer
from kshare.server.errors import ApiError
from kshare.server.identity.sessions import expired, refuse_ended
from kshare.server.identity.tokens import TOKEN_BYTES, token_digest
from kshare.server.policy import viewer_for
from kshare.server.settings import HashParams, Settings
from kshare.server.tables import DeviceSession, Person, Token

log = logging.getLogger(__name__)

__all__ = ["TOKEN_BYTES", "Caller", "Passwords", "authenticate", "token_digest"]
# RFC 6750: tells the desktop an access token ran out and may be refreshed silently.
EXPIRED_CHALLENGE = {
    "WWW-Authenticate": 'Bearer error="invalid_token", error_description="expired"'
}


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


def issue_token(
    session: Session, person: Person, ttl: timedelta, now: datetime, device: str = ""
) -> Token:
    """Create a token row; the plain token is returned once, on ``row.plain``, never stored."""
    plain = secrets.token_urlsafe(TOKEN_BYTES)
    row = Token(
        token_hash=token_digest(plain),
        person_id=person.id,
        device=device,
        expires_at=now + ttl,
    )
    session.add(row)
    session.flush()
    row.plain = plain  # type: ignore[attr-defined]
    return row


def revoke_token(session: Session, token_id: int, now: datetime) -> None:
    session.execute(update(Token).where(Token.id == token_id).values(revoked_at=now))


@dataclass(frozen=True)
class Caller:
    """The signed-in person making this request."""

    person: Person
    viewer: Viewer
    token_id: int
    address: str = ""
    session_id: str | None = None
    last_seen_at: datetime | None = None
    # The request's one instant: every visibility window and stamp of the request uses it.
    now: datetime = field(default_factory=lambda: SYSTEM.now())

    @property
    def id(self) -> str:
        return self.person.id


def authenticate(
    session: Session,
    authorization: str | None,
    address: str = "",
    settings: Settings | None = None,
    clock: Clock | None = None,
) -> Caller:
    """Resolve ``Authorization: Bearer TOKEN`` to a caller, or raise 401/403.

    A token of a wiped device answers 403 ``device_wiped`` for good (never a plain
    401), so the desktop always learns to forget its data, however late it calls.
    ``settings`` also checks the device session's age; "now" comes from ``clock``, else
    from the settings' clock.
    """
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthenticated", "Sign in to continue.")
    row = session.scalars(
        select(Token).where(Token.token_hash == token_digest(token.strip()))
    ).one_or_none()
    if row is None:
        raise ApiError(401, "unauthenticated", "Your sign-in has expired; sign in again.")
    now = (clock or (settings.clock if settings is not None else SYSTEM)).now()
    person = session.get(Person, row.person_id)
    if person is not None and not person.active:
        # every token of a disabled person says so, revoked or not: its desktop wipes itself
        raise ApiError(403, "account_disabled", "This account has been disabled.")
    device = session.get(DeviceSession, row.session_id) if row.session_id else None
    if device is not None:
        refuse_ended(device, person)
    if row.revoked_at is not None:
        raise ApiError(401, "unauthenticated", "Your sign-in has expired; sign in again.")
    if row.expires_at <= now:
        raise ApiError(
            401, "token_expired", "Your sign-in needs renewing.", headers=EXPIRED_CHALLENGE
        )
    if device is not None and settings is not None and expired(device, now, settings):
        raise ApiError(401, "session_expired", "Your sign-in has expired; sign in again.")
    if person is None:
        raise ApiError(401, "unauthenticated", "Sign in to continue.")
    return Caller(
        person=person,
        viewer=viewer_for(session, person),
        token_id=row.id,
        address=address,
        session_id=device.id if device else None,
        last_seen_at=device.last_seen_at if device else None,
        now=now,
    )
