"""Company networks: the system trust store, the policy's CA and pins, proxies, named failures."""

from __future__ import annotations

import http.server
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import trustme
import truststore

from kshare.client.sync.api import ApiClient
from kshare.client.sync.transport import (
    InsecureServer,
    NetworkPolicy,
    NetworkProblem,
    describe,
    ssl_context,
)


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA(organization_name="Example Corp Internal CA")


@pytest.fixture
def tls_server(ca: trustme.CA) -> Iterator[str]:
    """A real HTTPS server on 127.0.0.1 with a certificate from a CA nobody trusts."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connections_check_certificates_with_the_system_trust_store() -> None:
    context = ssl_context(NetworkPolicy())
    assert isinstance(context, truststore.SSLContext)
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2


def test_an_untrusted_certificate_is_named_with_its_issuer(tls_server: str) -> None:
    api = ApiClient(tls_server, attempts=1)
    with pytest.raises(NetworkProblem) as failed:
        api.request("GET", "/hello")
    api.close()
    assert failed.value.cause == "certificate_untrusted"
    assert "is not trusted" in str(failed.value)
    assert "Example Corp Internal CA" in str(failed.value)


def test_the_policys_ca_bundle_makes_a_company_ca_trusted(
    tls_server: str, ca: trustme.CA, tmp_path: Path
) -> None:
    bundle = tmp_path / "corp-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    api = ApiClient(tls_server, attempts=1, network=NetworkPolicy(ca_bundle=str(bundle)))
    assert api.request("GET", "/hello").json() == {"ok": True}
    api.close()


def test_a_certificate_that_is_not_pinned_is_refused(
    tls_server: str, ca: trustme.CA, tmp_path: Path
) -> None:
    bundle = tmp_path / "corp-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    network = NetworkPolicy(ca_bundle=str(bundle), pins=frozenset({"ab" * 32}))
    api = ApiClient(tls_server, attempts=1, network=network)
    with pytest.raises(NetworkProblem) as failed:
        api.request("GET", "/hello")
    api.close()
    assert failed.value.cause == "certificate_pin"


def test_a_refusing_proxy_is_named_as_the_proxy() -> None:
    proxy = f"http://127.0.0.1:{free_port()}"
    api = ApiClient("https://kshare.corp.example", attempts=1, network=NetworkPolicy(proxy=proxy))
    with pytest.raises(NetworkProblem) as failed:
        api.request("GET", "/api/v1/info")
    api.close()
    assert failed.value.cause == "proxy_refused"
    assert proxy in str(failed.value)


def test_the_system_proxy_comes_from_the_environment_on_linux(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    proxy = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("https_proxy", proxy)
    monkeypatch.setenv("no_proxy", "intranet.example")
    assert ApiClient("https://kshare.corp.example").proxy == proxy
    assert ApiClient("https://kshare.intranet.example").proxy is None


def test_nothing_listening_is_named_as_refused() -> None:
    api = ApiClient(f"http://127.0.0.1:{free_port()}", attempts=1)
    with pytest.raises(NetworkProblem) as failed:
        api.request("GET", "/api/v1/info")
    api.close()
    assert failed.value.cause == "refused"


def test_unknown_hosts_and_old_tls_are_named() -> None:
    request = httpx.Request("GET", "https://kshare.corp.example/")
    try:
        raise socket.gaierror(-2, "Name or service not known")
    except socket.gaierror as cause:
        dns = httpx.ConnectError("[Errno -2] Name or service not known", request=request)
        dns.__cause__ = cause
    assert describe(dns, "https://kshare.corp.example", None).cause == "host_not_found"
    old = ssl.SSLError(1, "[SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version")
    tls = httpx.ConnectError("handshake failed", request=request)
    tls.__cause__ = old
    named = describe(tls, "https://kshare.corp.example", None)
    assert named.cause == "tls_version" and "TLS 1.2" in str(named)


def test_plain_http_is_refused_except_to_this_computer_unless_allowed() -> None:
    with pytest.raises(InsecureServer, match="not encrypted"):
        ApiClient("http://kshare.corp.example")
    ApiClient("http://localhost:8080").close()
    ApiClient("http://[::1]:8080").close()
    ApiClient("http://kshare.corp.example", network=NetworkPolicy(allow_plain_http=True)).close()
