"""Sign-in throttling against real server processes: parallel guesses, two processes, proxies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"
LIMIT = 5  # the server's default failures per account per window


def _login(url: str, password: str, **extra: str) -> httpx.Response:
    headers = {}
    if "forwarded_for" in extra:
        headers["X-Forwarded-For"] = extra.pop("forwarded_for")
    body = {"username": "bob", "password": password, **extra}
    return httpx.post(f"{url}/api/v1/auth/login", json=body, headers=headers, timeout=60)


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    """Two server processes on one database, as behind a load balancer."""
    data = tmp_path / "shared-data"
    first = ServerProcess(data).start()
    with AdminTools(data) as admin:
        admin.add_user("bob", "Bob Lindqvist", PASSWORD)
    second = ServerProcess(data).start()
    yield first, second
    second.stop()
    first.stop()


def test_sixty_parallel_guesses_across_two_processes_get_five_verdicts(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    urls = [server.url for server in two_servers] * 30
    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = Counter(r.status_code for r in pool.map(lambda u: _login(u, "guess"), urls))
    assert statuses == {401: LIMIT, 429: 60 - LIMIT}, statuses
    # the account is closed to unknown devices now, even with the right password
    assert _login(two_servers[1].url, PASSWORD).status_code == 429


def test_a_stranger_cannot_lock_the_owner_out_of_a_known_device(server: ServerProcess) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("bob", "Bob Lindqvist", PASSWORD)
    first = _login(server.url, PASSWORD)
    assert first.status_code == 200
    device_key = first.json()["device_key"]
    assert device_key
    for _ in range(LIMIT):
        assert _login(server.url, "guess").status_code == 401
    assert _login(server.url, PASSWORD).status_code == 429  # a new computer waits
    again = _login(server.url, PASSWORD, device_key=device_key)  # bob's laptop does not
    assert again.status_code == 200, again.text
    # someone else's key (or a made-up one) buys nothing
    assert _login(server.url, PASSWORD, device_key="made-up").status_code == 429


def test_forwarded_addresses_count_only_from_trusted_proxies(tmp_path: Path) -> None:
    trusting = ServerProcess(
        tmp_path / "behind-proxy",
        extra_args=["--trusted-proxy", "127.0.0.1"],
        env={"KSHARE_TEST_FAST_HASH": "1"},
    ).start()
    try:
        with AdminTools(trusting.data_dir) as admin:
            admin.add_user("bob", "Bob Lindqvist", PASSWORD)
        # 30 failures per address: one client behind the balancer uses its budget up...
        for n in range(30):
            body = {"username": f"nobody-{n}", "password": "x"}
            headers = {"X-Forwarded-For": "203.0.113.7"}
            answer = httpx.post(f"{trusting.url}/api/v1/auth/login", json=body, headers=headers)
            assert answer.status_code == 401
        assert _login(trusting.url, PASSWORD, forwarded_for="203.0.113.7").status_code == 429
        # ...and everyone else behind the same balancer still signs in
        assert _login(trusting.url, PASSWORD, forwarded_for="198.51.100.2").status_code == 200
        with AdminTools(trusting.data_dir) as admin:
            addresses = {e["address"] for e in admin.audit_log() if e["action"] == "sign_in"}
        assert addresses == {"198.51.100.2"}
    finally:
        trusting.stop()


def test_without_trusted_proxies_the_header_is_ignored(server: ServerProcess) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("bob", "Bob Lindqvist", PASSWORD)
    assert _login(server.url, PASSWORD, forwarded_for="198.51.100.9").status_code == 200
    with AdminTools(server.data_dir) as admin:
        addresses = {e["address"] for e in admin.audit_log() if e["action"] == "sign_in"}
    assert addresses == {"127.0.0.1"}
