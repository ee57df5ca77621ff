"""Telling the person when their kshare is too old, and where their company offers a new one.

The server advertises the oldest desktop it accepts and the one it recommends
(``GET /api/v1/info``); the policy's ``download_url`` is the company's own
download page (the app never updates itself: IT decides what runs on its desktops).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from kshare import __version__
from kshare.protocol.schemas import ServerInfo

log = logging.getLogger(__name__)

VERSIONS_STATE = "server_client_versions"


@dataclass(frozen=True)
class Advertised:
    minimum: str = ""
    recommended: str = ""

    @classmethod
    def of(cls, info: ServerInfo) -> Advertised:
        return cls(info.min_client_version, info.recommended_client_version)

    def dumps(self) -> str:
        return json.dumps({"minimum": self.minimum, "recommended": self.recommended})

    @classmethod
    def loads(cls, text: str | None) -> Advertised:
        try:
            raw = json.loads(text) if text else {}
            return cls(str(raw.get("minimum", "")), str(raw.get("recommended", "")))
        except (ValueError, AttributeError):
            return cls()


def _older(mine: str, than: str) -> bool:
    if not than:
        return False
    try:
        return Version(mine) < Version(than)
    except InvalidVersion:
        log.warning("the server advertises a version kshare cannot read: %r", than)
        return False


def too_old(info: ServerInfo, mine: str = __version__) -> bool:
    return _older(mine, info.min_client_version)


def notice(advertised: Advertised, download_url: str, mine: str = __version__) -> str:
    """One sentence for the person, or "" when their kshare is recent enough."""
    where = f" Get it from {download_url}" if download_url else " Ask your IT department"
    if _older(mine, advertised.minimum):
        return (
            f"This kshare ({mine}) is too old for your company's server, which needs "
            f"{advertised.minimum} or newer.{where}."
        )
    if _older(mine, advertised.recommended):
        return f"kshare {advertised.recommended} is available (you have {mine}).{where}."
    return ""
