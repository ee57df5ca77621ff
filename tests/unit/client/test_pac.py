"""Proxy auto-config: a real PAC script served on 127.0.0.1 decides each address's proxy."""

from __future__ import annotations

import http.server
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from kshare.client.policy import Policy
from kshare.client.settings import Settings
from kshare.client.sync import pac
from kshare.client.sync.api import ApiClient
from kshare.client.sync.transport import NetworkPolicy, NetworkProblem, proxy_for
from kshare.clock import ManualClock
from tests.unit.client.test_transport import free_port

SCRIPT = """
function FindProxyForURL(url, host) {
    if (dnsDomainIs(host, ".intranet.example") || isPlainHostName(host)) {
        return "DIRECT";
    }
    if (shExpMatch(host, "kshare.corp.example")) {
        return "PROXY 127.0.0.1:%(port)d; DIRECT";
    }
    return "PROXY fallback.corp.example:8080";
}
"""


class PacHandler(http.server.BaseHTTPRequestHandler):
    script = b""
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ns-proxy-autoconfig")
        self.send_header("Content-Length", str(len(self.script)))
        self.end_headers()
        self.wfile.write(self.script)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def pac_server() -> Iterator[tuple[str, int, list[str]]]:
    """A PAC script on 127.0.0.1, naming a proxy port where nothing listens."""
    refusing = free_port()
    PacHandler.script = (SCRIPT % {"port": refusing}).encode()
    PacHandler.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PacHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/proxy-{refusing}.pac"
    yield url, refusing, PacHandler.hits
    server.shutdown()
    server.server_close()
    thread.join()


def test_the_pac_script_chooses_the_proxy_per_host(pac_server: tuple[str, int, list[str]]) -> None:
    url, refusing, hits = pac_server
    policy = NetworkPolicy(pac_url=url)

    assert proxy_for("https://kshare.corp.example/api", policy) == f"http://127.0.0.1:{refusing}"
    assert proxy_for("https://wiki.intranet.example/", policy) is None
    assert proxy_for("https://elsewhere.example/", policy) == "http://fallback.corp.example:8080"
    assert proxy_for("https://kshare.corp.example/other", policy) == f"http://127.0.0.1:{refusing}"
    assert proxy_for("http://127.0.0.1:8000/", policy) is None  # loopback never goes out
    assert len(hits) == 1  # fetched once, answers kept


def test_a_connection_goes_through_the_proxy_the_script_names(
    pac_server: tuple[str, int, list[str]],
) -> None:
    url, refusing, _hits = pac_server
    api = ApiClient("https://kshare.corp.example", attempts=1, network=NetworkPolicy(pac_url=url))
    with pytest.raises(NetworkProblem) as failed:
        api.request("GET", "/api/v1/info")
    api.close()
    assert failed.value.cause == "proxy_refused"
    assert f"127.0.0.1:{refusing}" in str(failed.value)


def test_an_explicit_proxy_or_none_beats_the_script(pac_server: tuple[str, int, list[str]]) -> None:
    url, _refusing, hits = pac_server
    assert proxy_for("https://kshare.corp.example/", NetworkPolicy("none", pac_url=url)) is None
    fixed = NetworkPolicy("http://fixed.example:3128", pac_url=url)
    assert proxy_for("https://kshare.corp.example/", fixed) == "http://fixed.example:3128"
    assert hits == []


def test_a_broken_script_is_logged_and_the_fixed_settings_apply(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("https_proxy", raising=False)
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    broken = tmp_path / "broken.pac"
    broken.write_text("function FindProxyForURL(url, host) { return ", "utf-8")
    with caplog.at_level(logging.WARNING):
        chosen = proxy_for("https://kshare.corp.example/", NetworkPolicy(pac_url=broken.as_uri()))
    assert chosen is None
    assert "is not valid" in caplog.text and "fixed proxy settings" in caplog.text

    huge = tmp_path / "huge.pac"
    huge.write_bytes(b"//" + b"x" * pac.MAX_SCRIPT_BYTES)
    with pytest.raises(pac.PacError, match="larger than"):
        pac.fetch_script(huge.as_uri())


def test_answers_are_refreshed_when_the_script_is_old() -> None:
    scripts = iter(
        [
            'function FindProxyForURL(u, h) { return "PROXY a.example:1"; }',
            'function FindProxyForURL(u, h) { return "PROXY b.example:2"; }',
        ]
    )
    clock = ManualClock()
    script = pac.PacScript("file:///company.pac", lambda _url: next(scripts), clock)
    assert script.proxy_for("https://kshare.corp.example/") == "http://a.example:1"
    clock.sleep(pac.SCRIPT_TTL_S + 1)
    assert script.proxy_for("https://kshare.corp.example/") == "http://b.example:2"


def test_answers_are_read_as_browsers_read_them() -> None:
    assert pac.parse_answer("PROXY p.example:3128; DIRECT") == "http://p.example:3128"
    assert pac.parse_answer("HTTPS p.example:443") == "https://p.example:443"
    assert pac.parse_answer("SOCKS s.example:1080") == "socks5://s.example:1080"
    assert pac.parse_answer("DIRECT") is None
    assert pac.parse_answer("  ;PROXY ; PROXY q.example:1") == "http://q.example:1"


def test_the_policy_key_is_checked(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    good = Policy({"proxy_pac_url": "https://wpad.corp.example/proxy.pac"}, frozenset(), ("t",))
    settings = Settings(tmp_path / "a.json", policy=good)
    assert NetworkPolicy.from_settings(settings).pac_url == "https://wpad.corp.example/proxy.pac"
    bad = Policy({"proxy_pac_url": "ftp://wpad.corp.example/x.pac"}, frozenset(), ("t",))
    with caplog.at_level(logging.WARNING):
        settings = Settings(tmp_path / "b.json", policy=bad)
    assert settings.get("proxy_pac_url") == ""
    assert "proxy_pac_url" in caplog.text


def test_a_script_that_never_answers_is_stopped() -> None:
    looping = "function FindProxyForURL(url, host) { while (true) {} }"
    script = pac.PacScript("file:///company.pac", lambda _url: looping, timeout=3.0)
    with pytest.raises(pac.PacError, match=r"took more than 3 s for kshare\.corp\.example"):
        script.proxy_for("https://kshare.corp.example/")
