"""Known devices: a desktop that signed in with the right password gets a key for next time.

The key (a random secret, kept in the desktop's keyring and here only as its
SHA-256) lets that desktop draw on a sign-in budget of its own. A stranger
guessing a colleague's password exhausts only the budget of unknown devices
and of their own address; the colleague's laptop still gets in.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from kshare.server.identity.throttle import Budget
from kshare.server.identity.tokens import TOKEN_BYTES, token_digest
from kshare.server.settings import Settings
from kshare.server.tables import KnownDevice, Person


def known_device(session: Session, person: Person | None, device_key: str) -> KnownDevice | None:
    """The known device this key names, if it belongs to ``person``."""
    if person is None or not device_key:
        return None
    row = session.get(KnownDevice, token_digest(device_key))
    if row is None or row.person_id != person.id:
        return None
    return row


def sign_in_budgets(
    settings: Settings, username_key: str, address: str, known: KnownDevice | None
) -> list[Budget]:
    """Which budgets this attempt draws on."""
    if known is not None:
        return [Budget(f"device:{known.key_hash}", settings.login_max_failures_per_user)]
    return [
        Budget(f"user:{username_key}", settings.login_max_failures_per_user),
        Budget(f"addr:{address}", settings.login_max_failures_per_address),
    ]


def remember_device(
    session: Session, person: Person, known: KnownDevice | None, now: datetime
) -> str:
    """After a right password: the key this desktop presents next time ("" if it has one)."""
    if known is not None:
        row = session.get(KnownDevice, known.key_hash)
        if row is not None:
            row.last_used_at = now
        return ""
    plain = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        KnownDevice(
            key_hash=token_digest(plain), person_id=person.id, created_at=now, last_used_at=now
        )
    )
    return plain
