"""The sign-in token, kept only in the operating system's keyring.

The token never goes into the profile folder, a settings file or a log line.
On a machine without a usable keyring we refuse to sign in rather than fall
back to a file: a clear message names keyring's own ``PYTHON_KEYRING_BACKEND``
variable so IT can point it at a backend that exists there.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from kshare.client.errors import KeyringUnavailable
from kshare.client.phrases import QT_TRANSLATE_NOOP

# keyring (and the backends it looks for) loads with the first use of a token, not with
# the app: a window showing the cache needs none.
if TYPE_CHECKING:
    import keyring.backend

log = logging.getLogger(__name__)

SERVICE = "kshare"

_NO_KEYRING = QT_TRANSLATE_NOOP(
    "Errors",
    "kshare keeps your sign-in token only in the system keyring, and no usable keyring "
    "was found on this computer ({detail}). Start a desktop session with a keyring "
    "(Secret Service / KWallet, macOS Keychain, Windows Credential Locker), or set the "
    "PYTHON_KEYRING_BACKEND environment variable to a keyring backend available here.",
)


def credential_key(server_url: str, username: str) -> str:
    """One entry per server and person, so two accounts on one desktop never mix."""
    return f"{server_url.rstrip('/').lower()}|{username.lower()}"


def _backend() -> keyring.backend.KeyringBackend:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailable(_NO_KEYRING, detail="only the failing backend is present")
    return backend


def _unavailable(exc: Exception) -> KeyringUnavailable:
    # The exception text of a keyring backend never contains the secret itself.
    log.warning("keyring refused the request: %s", type(exc).__name__)
    return KeyringUnavailable(_NO_KEYRING, detail=f"{type(exc).__name__}: {exc}")


def store_token(server_url: str, username: str, token: str) -> None:
    import keyring.errors

    try:
        _backend().set_password(SERVICE, credential_key(server_url, username), token)
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from exc


def load_token_entry(server_url: str, username: str) -> str | None:
    import keyring.errors

    try:
        return _backend().get_password(SERVICE, credential_key(server_url, username))
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from exc


def load_token(server_url: str, username: str) -> str | None:
    """The current access token, or None when signed out."""
    pair = load_session(server_url, username)
    return pair[0] if pair else None


def delete_token(server_url: str, username: str) -> None:
    """Forget the token; forgetting one that is not there is fine."""
    import keyring.errors

    try:
        _backend().delete_password(SERVICE, credential_key(server_url, username))
    except keyring.errors.PasswordDeleteError:
        log.debug("no stored token to delete")
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from exc


def ensure_available() -> None:
    """Raise :class:`KeyringUnavailable` now, before a token is made that could not be kept."""
    _backend()


# A sign-in is a pair: a short-lived access token and the refresh token that renews it.
# Both travel together in the one keyring entry (as JSON); an entry holding a bare token
# (from an earlier kshare) reads as an access token without a refresh token.


def store_session(server_url: str, username: str, access: str, refresh: str) -> None:
    store_token(server_url, username, json.dumps({"access": access, "refresh": refresh}))


def load_session(server_url: str, username: str) -> tuple[str, str] | None:
    """``(access, refresh)`` or None when signed out; refresh is "" for an old entry."""
    raw = load_token_entry(server_url, username)
    if not raw:
        return None
    if raw.startswith("{"):
        try:
            value = json.loads(raw)
            return str(value.get("access", "")), str(value.get("refresh", ""))
        except (ValueError, AttributeError):
            log.warning("the keyring entry of this account is unreadable")
            return None
    return raw, ""


def device_key_name(server_url: str, username: str) -> str:
    return credential_key(server_url, username) + "|device"


def store_device_key(server_url: str, username: str, key: str) -> None:
    """The key that makes this desktop a known device at its next sign-in (kept on sign-out)."""
    import keyring.errors

    try:
        _backend().set_password(SERVICE, device_key_name(server_url, username), key)
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from exc


def load_device_key(server_url: str, username: str) -> str:
    import keyring.errors

    try:
        return _backend().get_password(SERVICE, device_key_name(server_url, username)) or ""
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from exc
