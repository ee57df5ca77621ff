"""The sign-in token, kept only in the operating system's keyring.

The token never goes into the profile folder, a settings file or a log line.
On a machine without a usable keyring we refuse to sign in rather than fall
back to a file: a clear message names keyring's own ``PYTHON_KEYRING_BACKEND``
variable so IT can point it at a backend that exists there.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors
from keyring.backends import fail

from kshare.client.errors import KeyringUnavailable

log = logging.getLogger(__name__)

SERVICE = "kshare"

_NO_KEYRING = (
    "kshare keeps your sign-in token only in the system keyring, and no usable keyring "
    "was found on this computer ({detail}). Start a desktop session with a keyring "
    "(Secret Service / KWallet, macOS Keychain, Windows Credential Locker), or set the "
    "PYTHON_KEYRING_BACKEND environment variable to a keyring backend available here."
)


def credential_key(server_url: str, username: str) -> str:
    """One entry per server and person, so two accounts on one desktop never mix."""
    return f"{server_url.rstrip('/').lower()}|{username.lower()}"


def _backend() -> keyring.backend.KeyringBackend:
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailable(_NO_KEYRING.format(detail="only the failing backend is present"))
    return backend


def _unavailable(exc: Exception) -> KeyringUnavailable:
    # The exception text of a keyring backend never contains the secret itself.
    log.warning("keyring refused the request: %s", type(exc).__name__)
    return KeyringUnavailable(_NO_KEYRING.format(detail=f"{type(exc).__name__}: {exc}"))


def store_token(server_url: str, username: str, token: str) -> None:
    try:
        _backend().set_password(SERVICE, credential_key(server_url, username), token)
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from exc


def load_token(server_url: str, username: str) -> str | None:
    try:
        return _backend().get_password(SERVICE, credential_key(server_url, username))
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from exc


def delete_token(server_url: str, username: str) -> None:
    """Forget the token; forgetting one that is not there is fine."""
    try:
        _backend().delete_password(SERVICE, credential_key(server_url, username))
    except keyring.errors.PasswordDeleteError:
        log.debug("no stored token to delete")
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from exc


def ensure_available() -> None:
    """Raise :class:`KeyringUnavailable` now, before a token is made that could not be kept."""
    _backend()
