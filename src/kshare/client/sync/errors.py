"""What can go wrong talking to the server, sorted by what the sync engine does about it.

``Transient`` faults (network, 5xx, throttling, a garbled answer) are retried
with backoff. ``ApiError`` subclasses are answers the server meant: they are
never retried blindly.
"""

from __future__ import annotations

from typing import Any

from kshare.client.phrases import Phrase


class SyncError(Exception):
    """Base of every sync failure; ``str()`` is a sentence a person can read.

    ``phrase`` is that sentence for translation where this desktop wrote it; the server's
    own words (and a network library's) are kept as they came.
    """

    _phrase: Phrase | None = None

    @property
    def phrase(self) -> Phrase:
        return self._phrase or Phrase.verbatim(str(self))


class Transient(SyncError):
    """Worth trying again later; ``retry_after`` is the server's own hint in seconds."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Offline(Transient):
    """The server could not be reached, or the connection broke."""


class ServerTrouble(Transient):
    """The server answered with a 5xx, a 429, or something that is not what it promised."""


class Cancelled(SyncError):
    def __init__(self) -> None:
        super().__init__("sync cancelled")


class IncompatibleServer(SyncError):
    """Not a kshare server, or one speaking another API version."""

    def __init__(self, message: Phrase, state: str = "server_too_old") -> None:
        super().__init__(message.text)
        self._phrase = message
        self.state = state


class ApiError(SyncError):
    """A 4xx the server meant; ``code`` is its machine code (``ErrorBody.code``)."""

    def __init__(
        self, status: int, code: str, message: str, current: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message or f"the server answered {status} ({code})")
        self.status = status
        self.code = code
        self.current = current


class AuthRequired(ApiError):
    """401: the token expired or was revoked; the person must sign in again."""


class AccountDisabled(ApiError):
    """403 ``account_disabled``: this desktop must forget everything it cached."""


class DeviceWiped(AccountDisabled):
    """403 ``device_wiped``: an administrator had this desktop's data removed."""


class Forbidden(ApiError):
    pass


class NotFound(ApiError):
    pass


class ResyncRequired(ApiError):
    """409: the cursor is older than the server's tombstone window."""


class VersionConflict(ApiError):
    """412: someone changed the item first; ``current`` holds the server's version."""


def api_error(status: int, code: str, message: str, current: dict[str, Any] | None) -> ApiError:
    """The most specific error class for a 4xx answer."""
    if status == 401:
        return AuthRequired(status, code, message, current)
    if status == 403 and code == "account_disabled":
        return AccountDisabled(status, code, message, current)
    if status == 403 and code == "device_wiped":
        return DeviceWiped(status, code, message, current)
    kinds: dict[int, type[ApiError]] = {
        403: Forbidden,
        404: NotFound,
        409: ResyncRequired,
        412: VersionConflict,
    }
    return kinds.get(status, ApiError)(status, code, message, current)


class UnreadableRecord(SyncError):
    """One record of a server reply holds a time outside 1970..9999 (UTC): it is refused,
    the rest of the reply is used, and the cached copy (if any) is kept."""

    def __init__(self, what: str, fields: list[str]) -> None:
        super().__init__(f"{what}: {', '.join(fields)} out of range (1970..9999 UTC)")
        self.what = what
        self.fields = fields
