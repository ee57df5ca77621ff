"""Find the Alembic scripts for the cache (``client``) and the server (``server``).

In a source checkout they live in the top-level ``migrations/`` folder; in an
installed package they are shipped inside ``kshare/_migrations``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def migrations_dir(kind: str) -> Path:
    """The folder holding ``env.py`` and ``versions/`` for ``kind`` ("client" or "server")."""
    if kind not in ("client", "server"):
        raise ValueError(f"unknown migrations kind {kind!r}")
    for candidate in (_PACKAGE / "_migrations" / kind, _PACKAGE.parents[1] / "migrations" / kind):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError(f"kshare {kind} migrations are missing from this installation")
