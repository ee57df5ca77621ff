"""How one may sign in at a server, as its ``/info`` says: a password, the company
account (single sign-on in the browser), or both.

Asked before signing in, so the sign-in dialog offers only what the server allows.
"""

from __future__ import annotations

from collections.abc import Callable

from kshare.client.errors import ServerUnreachable
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import ApiError, IncompatibleServer, Transient
from kshare.protocol.schemas import ServerInfo

PASSWORD = "password"
SSO = "sso"
KNOWN = (PASSWORD, SSO)


def offered(info: ServerInfo) -> tuple[str, ...]:
    """The ways this desktop knows of that the server offers, in a fixed order."""
    return tuple(method for method in KNOWN if method in info.sign_in)


def ask(connect: Callable[[str], tuple[str, ApiClient]], server_url: str) -> tuple[str, ...]:
    """Ask the server at ``server_url``; raises ``ServerUnreachable`` with a sentence."""
    server_url, api = connect(server_url)
    try:
        return offered(api.info())
    except (Transient, IncompatibleServer, ApiError) as exc:
        raise ServerUnreachable(
            QT_TRANSLATE_NOOP("Errors", "Cannot ask {url} how to sign in: {cause}."),
            url=server_url,
            cause=exc.phrase,
        ) from exc
    finally:
        api.close()
