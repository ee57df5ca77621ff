"""Bearer secrets: how long they are and how they are kept (only as SHA-256)."""

from __future__ import annotations

import hashlib

TOKEN_BYTES = 32


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
