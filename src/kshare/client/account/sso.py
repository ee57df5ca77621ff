"""Signing in with the company account: the system browser and a loopback redirect (RFC 8252).

The desktop never sees a password and never shows a web page of its own. It
listens on ``http://127.0.0.1:<any free port>/callback``, makes a PKCE verifier
(RFC 7636, with Authlib), asks the kshare server for the provider's sign-in
address, opens it in the system browser (or hands it to ``show_url`` to print,
when no browser opens), waits for the browser to come back with a code and the
same ``state``, and gives code and verifier to the kshare server, which redeems
and checks them and answers with kshare's own device-session tokens.
"""

from __future__ import annotations

import html
import logging
import secrets
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from kshare.client.account.api import this_device
from kshare.client.errors import LoginFailed
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.sync.api import ApiClient
from kshare.clock import SYSTEM, Clock
from kshare.protocol import routes
from kshare.protocol.schemas import LoginResponse, OidcFinish, OidcStart, OidcStarted

log = logging.getLogger(__name__)

CALLBACK = "/callback"
WAIT_SECONDS = 300.0  # a person has this long to finish at the company's sign-in page
MAX_QUERY = 8192
DONE_PAGE = (
    "<!doctype html><meta charset=utf-8><title>kshare</title>"
    "<body style='font-family:sans-serif;margin:3em'><h1>{title}</h1><p>{text}</p></body>"
)


class SignInCancelled(LoginFailed):
    """The person stopped waiting (or never finished in the browser)."""


@dataclass
class _Answer:
    """What the browser brought back to the loopback address: the first callback only."""

    query: dict[str, str] = field(default_factory=dict)
    arrived: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _handler(answer: _Answer) -> type[BaseHTTPRequestHandler]:
    class Callback(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path != CALLBACK or len(parts.query) > MAX_QUERY:
                self.send_error(404)
                return
            values = {k: v[0] for k, v in parse_qs(parts.query).items() if v}
            with answer.lock:
                first = not answer.arrived.is_set()
                if first:
                    answer.query = values
                    answer.arrived.set()
            if first and "code" in values:
                title, text = "Signed in", "You can close this window and go back to kshare."
            else:
                title, text = "Not signed in", "Go back to kshare and try again."
            body = DONE_PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            log.debug("sign-in callback: " + format, *args)

    return Callback


def open_in_browser(url: str) -> bool:
    """The system browser, never a view of our own; False when none could be opened."""
    try:
        return webbrowser.open(url, new=1)
    except webbrowser.Error:
        return False


def sign_in_with_browser(
    api: ApiClient,
    *,
    show_url: Callable[[str], None],
    open_browser: Callable[[str], bool] = open_in_browser,
    cancelled: threading.Event | None = None,
    wait_seconds: float = WAIT_SECONDS,
    clock: Clock = SYSTEM,
) -> LoginResponse:
    """Run the whole browser sign-in; ``show_url`` gets the address when no browser opens."""
    answer = _Answer()
    listener = ThreadingHTTPServer(("127.0.0.1", 0), _handler(answer))
    listener.daemon_threads = True
    port = listener.server_address[1]
    thread = threading.Thread(target=listener.serve_forever, name="kshare-sign-in", daemon=True)
    thread.start()
    try:
        verifier = generate_token(64)
        started = api.request(
            "POST",
            routes.OIDC_START,
            content=OidcStart(
                redirect_uri=f"http://127.0.0.1:{port}{CALLBACK}",
                code_challenge=create_s256_code_challenge(verifier),
            ).model_dump_json(),
            headers={"Content-Type": "application/json"},
            parse=api.parser(OidcStarted),
        )
        assert isinstance(started, OidcStarted)
        if not open_browser(started.authorization_url):
            show_url(started.authorization_url)
        deadline = clock.monotonic() + wait_seconds
        while not answer.arrived.wait(0.2):
            if (cancelled is not None and cancelled.is_set()) or clock.monotonic() > deadline:
                raise SignInCancelled(
                    QT_TRANSLATE_NOOP("Errors", "The sign-in in the browser was not finished.")
                )
        query = answer.query
    finally:
        listener.shutdown()
        listener.server_close()
        thread.join(5)
    if not secrets.compare_digest(query.get("state", ""), started.state):
        raise LoginFailed(
            QT_TRANSLATE_NOOP("Errors", "The browser came back from another sign-in; try again.")
        )
    if "code" not in query:
        why = query.get("error_description") or query.get("error") or "no code"
        raise LoginFailed(
            QT_TRANSLATE_NOOP("Errors", "Your company's sign-in page did not sign you in ({why})."),
            why=why[:200],
        )
    finish = OidcFinish(
        state=started.state, code=query["code"], code_verifier=verifier, **this_device()
    )
    response = api.request(
        "POST",
        routes.OIDC_FINISH,
        content=finish.model_dump_json(),
        headers={"Content-Type": "application/json"},
        parse=api.parser(LoginResponse),
    )
    assert isinstance(response, LoginResponse)
    return response
