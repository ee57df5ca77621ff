"""SCIM bearer tokens: made and revoked by an admin, kept only as SHA-256, named as actors."""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kshare.server.identity.tokens import TOKEN_BYTES, token_digest
from kshare.server.tables import ScimToken

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
PREFIX = "kshare-scim-"


class ScimTokenError(ValueError):
    """The name is taken, unknown or not a name; the message says which."""


def create(session: Session, name: str, now: datetime, by: str) -> str:
    """A new token named ``name``; the plain token is returned here and never again."""
    if not NAME.fullmatch(name):
        raise ScimTokenError("a token name is 1-100 letters, digits, '.', '_' or '-'")
    if session.get(ScimToken, name) is not None:
        raise ScimTokenError(f"a SCIM token named {name!r} already exists")
    plain = PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        ScimToken(name=name, token_hash=token_digest(plain), created_at=now, created_by=by[:200])
    )
    return plain


def revoke(session: Session, name: str) -> None:
    row = session.get(ScimToken, name)
    if row is None:
        raise ScimTokenError(f"no SCIM token named {name!r}")
    session.delete(row)


def holder(session: Session, plain: str) -> ScimToken | None:
    """The token row this bearer secret is, if it is one."""
    if not plain.startswith(PREFIX) or len(plain) > 200:
        return None
    return session.scalars(
        select(ScimToken).where(ScimToken.token_hash == token_digest(plain))
    ).one_or_none()
