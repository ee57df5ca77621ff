"""Device sessions: each sign-in on a desktop, its tokens, and how it ends.

A session holds one refresh token (rotated at every use) and short-lived access
tokens. :func:`open_session` is the one way a person gets a session, whatever
proved who they are (a password today; a single sign-on later), so every way
in is listed, refreshed, revoked and wiped alike.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kshare.server.audit import audit
from kshare.server.errors import ApiError
from kshare.server.identity.tokens import TOKEN_BYTES, token_digest
from kshare.server.settings import Settings
from kshare.server.tables import DeviceSession, Person, Token

log = logging.getLogger(__name__)

# Two processes of one desktop (the app and a `kshare sync`) may refresh at the same
# moment; the loser's old refresh token is not theft if it comes back this soon.
REFRESH_RACE_SECONDS = 30
WIPED = "device_wiped"
WIPED_MESSAGE = (
    "Your company's administrator removed kshare's data from this computer ({reason}). "
    "Sign in again to continue."
)


@dataclass(frozen=True)
class DeviceInfo:
    """What a desktop says about itself when it signs in."""

    host_name: str = ""
    platform: str = ""
    app_version: str = ""


@dataclass(frozen=True)
class IssuedSession:
    """A session's row and the plain tokens, shown to the desktop once and never stored."""

    row: DeviceSession
    access_token: str
    refresh_token: str
    expires_at: datetime


def _new_access_token(
    session: Session, person_id: str, row: DeviceSession, now: datetime, settings: Settings
) -> tuple[str, datetime]:
    plain = secrets.token_urlsafe(TOKEN_BYTES)
    expires = now + settings.token_ttl
    session.add(
        Token(
            token_hash=token_digest(plain),
            person_id=person_id,
            session_id=row.id,
            device=row.host_name[:200],
            created_at=now,
            expires_at=expires,
        )
    )
    return plain, expires


def open_session(
    session: Session,
    person: Person,
    device: DeviceInfo,
    settings: Settings,
    *,
    method: str = "password",
    address: str = "",
) -> IssuedSession:
    """Start a device session for ``person`` (already proven) and issue its first tokens."""
    now = settings.clock.now()
    refresh = secrets.token_urlsafe(TOKEN_BYTES)
    row = DeviceSession(
        id=uuid.uuid4().hex,
        person_id=person.id,
        host_name=" ".join(device.host_name.split())[:200],
        platform=" ".join(device.platform.split())[:100],
        app_version=" ".join(device.app_version.split())[:50],
        method=method,
        address=address[:100],
        created_at=now,
        last_seen_at=now,
        refresh_hash=token_digest(refresh),
        revoke_reason="",
    )
    session.add(row)
    session.flush()
    access, expires = _new_access_token(session, person.id, row, now, settings)
    session.flush()
    return IssuedSession(row, access, refresh, expires)


def refuse_ended(row: DeviceSession, person: Person | None) -> None:
    """Raise the answer a desktop gets when its session is over, or return if it is not."""
    if row.wipe_requested_at is not None:
        if person is not None and not person.active:
            raise ApiError(403, "account_disabled", "This account has been disabled.")
        raise ApiError(403, WIPED, WIPED_MESSAGE.format(reason=row.revoke_reason or "wiped"))
    if row.revoked_at is not None:
        raise ApiError(401, "unauthenticated", "This device was signed out; sign in again.")


def expired(row: DeviceSession, now: datetime, settings: Settings) -> bool:
    """Unused for the idle timeout, or older than a session may live."""
    return (
        now - row.last_seen_at > settings.session_idle_timeout
        or now - row.created_at > settings.session_lifetime
    )


def refresh_session(
    session: Session, refresh_token: str, settings: Settings, address: str = ""
) -> IssuedSession | ApiError:
    """Rotate a session's refresh token and issue a fresh access token.

    An old refresh token that comes back long after it was replaced means two
    copies exist — one was stolen — so the whole session ends. Where the session
    ends here, the refusal is returned rather than raised, so that the ending
    commits before the caller answers with it.
    """
    now = settings.clock.now()
    digest = token_digest(refresh_token)
    row = session.scalars(
        select(DeviceSession).where(DeviceSession.refresh_hash == digest).with_for_update()
    ).one_or_none()
    if row is None:
        replaced = session.scalars(
            select(DeviceSession).where(DeviceSession.previous_refresh_hash == digest)
        ).first()
        if replaced is None:
            raise ApiError(401, "unauthenticated", "Sign in again.")
        person = session.get(Person, replaced.person_id)
        refuse_ended(replaced, person)
        recent = (
            replaced.refreshed_at is not None
            and (now - replaced.refreshed_at).total_seconds() <= REFRESH_RACE_SECONDS
        )
        if recent:
            raise ApiError(401, "refresh_superseded", "This sign-in was just renewed elsewhere.")
        log.warning("a replaced refresh token was used again: ending session %s", replaced.id)
        end_session(session, replaced, "refresh_reused", now)
        audit(session, "session_reuse_detected", actor_id=replaced.person_id, target=replaced.id)
        return ApiError(401, "unauthenticated", "Sign in again.")
    person = session.get(Person, row.person_id)
    refuse_ended(row, person)
    if person is None or not person.active:
        raise ApiError(403, "account_disabled", "This account has been disabled.")
    if expired(row, now, settings):
        end_session(session, row, "expired", now)
        return ApiError(401, "session_expired", "Your sign-in has expired; sign in again.")
    plain = secrets.token_urlsafe(TOKEN_BYTES)
    row.previous_refresh_hash, row.refresh_hash = row.refresh_hash, token_digest(plain)
    row.refreshed_at = row.last_seen_at = now
    if address:
        row.address = address[:100]
    # Access tokens of this session from before the refresh end now: only one is live.
    session.execute(
        update(Token)
        .where(Token.session_id == row.id, Token.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    access, expires = _new_access_token(session, row.person_id, row, now, settings)
    session.flush()
    return IssuedSession(row, access, plain, expires)


def end_session(
    session: Session, row: DeviceSession, reason: str, now: datetime, *, wipe: bool = False
) -> None:
    """Revoke a session and all its tokens; ``wipe`` also tells the desktop to forget its data."""
    if row.revoked_at is None:
        row.revoked_at = now
        row.revoke_reason = reason
    if wipe and row.wipe_requested_at is None:
        row.wipe_requested_at = now
        row.revoke_reason = reason
    session.execute(
        update(Token)
        .where(Token.session_id == row.id, Token.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def end_all_sessions(
    session: Session,
    person_id: str,
    reason: str,
    now: datetime,
    *,
    wipe: bool = False,
    keep: str | None = None,
) -> int:
    """End every session of a person (but ``keep``), and every token without a session."""
    rows = session.scalars(select(DeviceSession).where(DeviceSession.person_id == person_id)).all()
    ended = 0
    for row in rows:
        if row.id == keep:
            continue
        if row.revoked_at is None or (wipe and row.wipe_requested_at is None):
            ended += 1
        end_session(session, row, reason, now, wipe=wipe)
    query = update(Token).where(Token.person_id == person_id, Token.revoked_at.is_(None))
    if keep is not None:
        query = query.where((Token.session_id != keep) | Token.session_id.is_(None))
    session.execute(query.values(revoked_at=now))
    return ended


def sessions_of(session: Session, person_id: str) -> list[DeviceSession]:
    """A person's sessions still signed in, most recently seen first."""
    return list(
        session.scalars(
            select(DeviceSession)
            .where(DeviceSession.person_id == person_id, DeviceSession.revoked_at.is_(None))
            .order_by(DeviceSession.last_seen_at.desc())
        )
    )


def note_contact(
    session: Session, authorization: str, settings: Settings, address: str, told: str = ""
) -> None:
    """A desktop called: move its "last seen"; once told to wipe, note when it was told."""
    _scheme, _, plain = authorization.partition(" ")
    token = session.scalars(
        select(Token).where(Token.token_hash == token_digest(plain.strip()))
    ).one_or_none()
    row = session.get(DeviceSession, token.session_id) if token and token.session_id else None
    if row is None:
        return
    now = settings.clock.now()
    if told:
        if row.wiped_at is None:
            row.wiped_at = now
            audit(
                session,
                "device_wipe_delivered",
                actor_id=row.person_id,
                target=row.id,
                address=address,
                reason=told,
            )
        return
    row.last_seen_at = now
    if address:
        row.address = address[:100]
