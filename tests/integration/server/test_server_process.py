"""The real server process on 127.0.0.1: nudges, admin commands while it runs, clean stops."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from kshare.server.admin import AdminTools
from kshare.server.settings import HashParams
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration


def _listen(url: str, token: str, lines: queue.Queue[str], stop: threading.Event) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with (
        httpx.Client(timeout=httpx.Timeout(5, read=30)) as client,
        client.stream("GET", f"{url}/api/v1/events", headers=headers) as response,
    ):
        for line in response.iter_lines():
            lines.put(line)
            if stop.is_set():
                return
    lines.put("<closed>")


def _next_data(lines: queue.Queue[str], timeout: float) -> str | None:
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            return None
        if line.startswith("data: ") or line == "<closed>":
            return line
    return None


def _admin(server: ServerProcess) -> AdminTools:
    return AdminTools(server.data_dir, hash_params=HashParams.fast())


def test_event_stream_nudges_on_changes_and_ends_on_shutdown(server: ServerProcess) -> None:
    """How soon a nudge comes is not timed: a commit of this process wakes the streams from
    the commit itself; another process's commit is seen by the change-counter poll
    (``change_poll_seconds``)."""
    with _admin(server) as admin:
        admin.add_group("SRE")
        admin.add_user("ana", "Ana", "pw", groups=["SRE"])
        token = admin.issue_token("ana")
    lines: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    listener = threading.Thread(target=_listen, args=(server.url, token, lines, stop), daemon=True)
    listener.start()
    assert lines.get(timeout=10).startswith("retry:")
    # every new stream is greeted with a nudge: after it, the stream waits for changes
    assert _next_data(lines, 30) == "data: sync"
    created = httpx.post(
        f"{server.url}/api/v1/items",
        headers={"Authorization": f"Bearer {token}"},
        json={"id": str(uuid.uuid4()), "title": "hello", "audience": {"org": True}},
    )
    assert created.status_code == 201
    assert _next_data(lines, 30) == "data: sync"  # no cursor: it told the global change count
    # A change made by another process (the admin command) is noticed too.
    with _admin(server) as admin:
        admin.add_group("Finance")
    assert _next_data(lines, 30) == "data: sync"  # no cursor: it told the global change count
    process = server.process
    assert process is not None
    server.stop()
    assert process.returncode == 0
    # The open stream ended its response itself when the server was asked to stop; one
    # cut off at the graceful-shutdown timeout would end in a broken read instead.
    listener.join(timeout=30)
    assert not listener.is_alive()
    assert _next_data(lines, 0.1) == "<closed>"


def _kshare(
    *args: str, data: Path, stdin: str = "", module: str = "kshare.server"
) -> subprocess.CompletedProcess[str]:
    # kshare.server runs the same admin command without loading the desktop's modules.
    return subprocess.run(
        [sys.executable, "-m", module, "admin", "--data", str(data), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={"KSHARE_TEST_FAST_HASH": "1", **__import__("os").environ},
    )


def test_admin_commands_work_while_the_server_runs(server: ServerProcess) -> None:
    data = server.data_dir
    made = _kshare("add-group", "Platform", "--visibility", "closed", data=data, module="kshare")
    assert made.returncode == 0, made.stderr
    made = _kshare(
        "add-user",
        "bea",
        "--display-name",
        "Bea Admin",
        "--group",
        "Platform",
        "--password-stdin",
        data=data,
        stdin="s3cret pass\n",
    )
    assert made.returncode == 0, made.stderr
    login = httpx.post(
        f"{server.url}/api/v1/auth/login", json={"username": "bea", "password": "s3cret pass"}
    )
    assert login.status_code == 200
    token = login.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    first = httpx.get(f"{server.url}/api/v1/feed", headers=headers).json()
    assert _kshare("remove-member", "Platform", "bea", data=data).returncode == 0
    page = httpx.get(
        f"{server.url}/api/v1/feed", headers=headers, params={"since": first["cursor"]}
    ).json()
    assert page["reconcile"] is True
    assert _kshare("disable-user", "bea", data=data).returncode == 0
    refused = httpx.get(f"{server.url}/api/v1/me", headers=headers)
    assert refused.status_code == 403 and refused.json()["code"] == "account_disabled"
    users = _kshare("list-users", data=data).stdout
    assert "bea\tBea Admin\tdisabled" in users
    assert "Platform\tteam\tclosed" in _kshare("list-groups", data=data).stdout
    audit = _kshare("audit", data=data).stdout
    assert '"action": "sign_in"' in audit and '"action": "user_disabled"' in audit
    missing = _kshare("add-member", "Nope", "bea", data=data)
    assert missing.returncode == 1 and "no such group" in missing.stderr


def test_demo_seed_is_loaded_once(tmp_path: Path) -> None:
    proc = ServerProcess(tmp_path / "demo", demo=True).start(timeout=120)
    try:
        info = httpx.get(f"{proc.url}/api/v1/info").json()
        assert info["organisation"]
        with AdminTools(proc.data_dir, hash_params=HashParams.fast()) as admin:
            people = len(admin.list_users())
        proc.stop()
        proc.start(timeout=120)
        with AdminTools(proc.data_dir, hash_params=HashParams.fast()) as admin:
            assert len(admin.list_users()) == people
    finally:
        proc.stop()
