"""A real OpenID Connect provider process on 127.0.0.1 (``oidc-provider-mock``), for tests.

It signs ID tokens with its own key, publishes discovery and JWKS, and shows a
sign-in form; :func:`browse` plays the person's browser at that form over HTTP.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

READY = "Uvicorn running on"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class OidcProviderProcess:
    """``python -m oidc_provider_mock`` listening on 127.0.0.1."""

    token_max_age: int = 3600
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[str] | None = None
    output: list[str] = field(default_factory=list)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> OidcProviderProcess:
        args = [sys.executable, "-m", "oidc_provider_mock", "--port", str(self.port)]
        args.append(f"--token-max-age={self.token_max_age}")
        self.process = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"},
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert self.process is not None and self.process.stdout is not None
            for line in self.process.stdout:
                self.output.append(line)
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, name="oidc-provider-output", daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                self.stop()
                raise RuntimeError("the provider did not start:\n" + "".join(self.output)) from None
            if line is None:
                self.stop()
                raise RuntimeError("the provider stopped:\n" + "".join(self.output))
            if READY in line:
                return self

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None

    def set_user(self, sub: str, **claims: Any) -> None:
        """Register (or replace) a person at the provider with these claims."""
        answer = httpx.put(f"{self.issuer}/users/{sub}", json=claims, timeout=10)
        assert answer.status_code == 204, answer.text


def browse(authorization_url: str, sub: str, *, follow_to_loopback: bool = True) -> str:
    """The person's browser: open the sign-in page, sign in as ``sub``, follow the redirect.

    Returns the address the provider sent the browser back to (the loopback callback),
    after visiting it when ``follow_to_loopback``.
    """
    with httpx.Client(timeout=10, follow_redirects=False) as browser:
        page = browser.get(authorization_url)
        assert page.status_code == 200, page.text
        assert 'name="sub"' in page.text  # the provider's own sign-in form
        sent = browser.post(authorization_url, data={"sub": sub})
        assert sent.status_code == 302, sent.text
        back = sent.headers["location"]
        if follow_to_loopback:
            landed = browser.get(back)
            assert landed.status_code == 200
        return back


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def id_token_for(
    issuer_url: str,
    sub: str,
    *,
    client_id: str,
    nonce: str,
    redirect_uri: str = "http://127.0.0.1:9/callback",
) -> str:
    """An ID token the provider at ``issuer_url`` issues to ``client_id`` (a raw client)."""
    query = httpx.QueryParams(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": "openid profile email",
            "state": "s",
            "nonce": nonce,
        }
    )
    back = browse(f"{issuer_url}/oauth2/authorize?{query}", sub, follow_to_loopback=False)
    code = query_of(back)["code"]
    answer = httpx.post(
        f"{issuer_url}/oauth2/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
        auth=(client_id, "secret"),
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return str(json.loads(answer.text)["id_token"])
