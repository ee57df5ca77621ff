"""Where a profile keeps its files. One place, so tests can point a whole profile at a temp folder.

A profile folder holds the cache (``cache.sqlite3``), the search index
(``index/``), downloaded blobs (``blobs/``), user settings (``settings.json``)
and logs (``logs/``). It never holds a token or password: those live in the OS
keyring only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "kshare"
PROFILE_ENV = "KSHARE_PROFILE"


def default_profile_dir() -> Path:
    """``$KSHARE_PROFILE`` or the platform's per-user data folder."""
    override = os.environ.get(PROFILE_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class ProfilePaths:
    root: Path

    @classmethod
    def at(cls, root: Path | str | None) -> ProfilePaths:
        return cls(Path(root).expanduser() if root else default_profile_dir())

    @property
    def cache_db(self) -> Path:
        return self.root / "cache.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def blobs_dir(self) -> Path:
        return self.root / "blobs"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    def ensure(self) -> ProfilePaths:
        """Create the folder, readable by its owner only (it holds company content)."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def add_profile_option(parser: object) -> None:
    """Add the ``--profile DIR`` option every desktop-side command takes."""
    parser.add_argument(  # type: ignore[attr-defined]
        "--profile",
        metavar="DIR",
        default=None,
        help="profile folder (default: $KSHARE_PROFILE or the platform's user data folder)",
    )
