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
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
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


TOO_OLD = (  # with the company's download page, without one
    QT_TRANSLATE_NOOP(
        "SyncStatus",
        "This kshare ({mine}) is too old for your company's server, which needs "
        "{minimum} or newer. Get it from {url}.",
    ),
    QT_TRANSLATE_NOOP(
        "SyncStatus",
        "This kshare ({mine}) is too old for your company's server, which needs "
        "{minimum} or newer. Ask your IT department.",
    ),
)
AVAILABLE = (
    QT_TRANSLATE_NOOP(
        "SyncStatus", "kshare {recommended} is available (you have {mine}). Get it from {url}."
    ),
    QT_TRANSLATE_NOOP(
        "SyncStatus",
        "kshare {recommended} is available (you have {mine}). Ask your IT department.",
    ),
)


def notice_phrase(
    advertised: Advertised, download_url: str, mine: str = __version__
) -> Phrase | None:
    """One sentence for the person, or None when their kshare is recent enough."""
    form = 0 if download_url else 1
    if _older(mine, advertised.minimum):
        return Phrase.of(
            "SyncStatus", TOO_OLD[form], mine=mine, minimum=advertised.minimum, url=download_url
        )
    if _older(mine, advertised.recommended):
        return Phrase.of(
            "SyncStatus",
            AVAILABLE[form],
            recommended=advertised.recommended,
            mine=mine,
            url=download_url,
        )
    return None


def notice(advertised: Advertised, download_url: str, mine: str = __version__) -> str:
    """One sentence for the person, or "" when their kshare is recent enough."""
    phrase = notice_phrase(advertised, download_url, mine)
    return phrase.text if phrase else ""
