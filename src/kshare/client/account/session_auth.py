"""Keeps a desktop signed in: renews the access token when the server says it ran out.

An ``httpx.Auth`` flow, so every request of the client — feed, writes, file
downloads, the event stream — renews the same way, on the same connection
settings. The server marks an expired access token with ``WWW-Authenticate:
Bearer error="invalid_token"`` (RFC 6750), so the flow never reads a body (a
file download streams on untouched). Refresh tokens rotate at every use; the
new pair goes to the keyring at once, so the app and a ``kshare sync`` running
side by side pick up each other's renewals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Generator

import httpx
from pydantic import ValidationError

from kshare.client import credentials
from kshare.protocol import routes
from kshare.protocol.schemas import LoginResponse, RefreshRequest

log = logging.getLogger(__name__)


def _expired(response: httpx.Response) -> bool:
    challenge = response.headers.get("WWW-Authenticate", "")
    return response.status_code == 401 and 'error="invalid_token"' in challenge


class SessionAuth(httpx.Auth):
    """Bearer auth for one account's device session, renewed without the person noticing."""

    def __init__(self, server_url: str, username: str) -> None:
        self.server_url = server_url
        self.username = username
        self._lock = threading.Lock()

    def _pair(self) -> tuple[str, str]:
        return credentials.load_session(self.server_url, self.username) or ("", "")

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        access, _refresh = self._pair()
        if access:
            request.headers["Authorization"] = f"Bearer {access}"
        response = yield request
        if response.status_code == 401 and not _expired(response):
            # A renewal by another request (a thread, or another process) may have ended
            # the token this one carried while it was on its way: the server then refuses
            # it as revoked, not as expired. Waiting for the lock lets a renewal under way
            # store its pair; a pair that changed is tried once, anything else stands.
            with self._lock:
                current, _refresh = self._pair()
            if current and current != access:
                request.headers["Authorization"] = f"Bearer {current}"
                yield request
            return
        if not _expired(response):
            return
        with self._lock:
            current, refresh = self._pair()
            if current == access and refresh:
                # nobody renewed it meanwhile (another thread or process): renew it here
                body = RefreshRequest(refresh_token=refresh).model_dump_json()
                renewal = yield httpx.Request(
                    "POST",
                    request.url.copy_with(path=routes.REFRESH, query=None),
                    content=body,
                    headers={"Content-Type": "application/json", "Accept": "application/json"},
                )
                renewal.read()
                if renewal.status_code == 200:
                    try:
                        answer = LoginResponse.model_validate_json(renewal.content)
                    except ValidationError:
                        log.warning("the server's renewal answer could not be read")
                        return
                    credentials.store_session(
                        self.server_url, self.username, answer.token, answer.refresh_token
                    )
                    current = answer.token
                else:
                    # Renewed by another process a moment ago? Then its pair is in the
                    # keyring. Otherwise the renewal's own answer (401 "sign in again",
                    # 403 "wiped") is what the caller gets.
                    log.info("the sign-in could not be renewed (HTTP %s)", renewal.status_code)
                    current, _refresh = self._pair()
                    if current == access:
                        return
        if current and current != access:
            request.headers["Authorization"] = f"Bearer {current}"
            yield request
