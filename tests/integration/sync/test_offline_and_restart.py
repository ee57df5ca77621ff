"""Work done offline reaches the server exactly once, across restarts of the desktop."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kshare.client.services import Workspace
from tests.integration.sync.conftest import PASSWORD, Org, kshare_env, stop_server

pytestmark = pytest.mark.integration


def titles_seen_by(workspace: Workspace) -> list[str]:
    assert workspace.sync().status.state == "idle"
    return [s.title for s in workspace.feed_page(0, 1000)]


def test_post_made_while_server_is_down_arrives_once_after_a_restart(
    org: Org, desktop: Callable[..., Workspace], tmp_path: Path
) -> None:
    alice = desktop("alice")
    alice.sync()
    stop_server(org.server)
    alice.publish(title="Written on the plane", body="offline draft", audience=["org"])
    report = alice.sync()
    assert report.status.state == "offline"
    assert report.status.pending_outbox == 1
    assert alice.feed_count() == 1  # visible locally at once
    alice.close()  # the desktop quits; the outbox is on disk

    org.server.start()
    again = desktop("alice", profile=tmp_path / "profile-alice", login=False)
    assert again.account is not None and again.pending_count() == 1
    assert again.sync().status.state == "idle"
    assert again.sync().status.state == "idle"
    assert again.pending_count() == 0
    assert titles_seen_by(desktop("bob")).count("Written on the plane") == 1


def run_kshare(
    env: dict[str, str], *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kshare", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_cli_post_is_queued_offline_and_sent_once(
    org: Org, desktop: Callable[..., Workspace], tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    env = kshare_env(subprocess_env)
    profile = str(tmp_path / "cli-profile")
    login = run_kshare(
        env, "login", org.server.url, "--user", "carol", "--password-stdin", "--profile", profile,
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    assert PASSWORD not in login.stdout + login.stderr
    assert not list(Path(profile).rglob("*keyring*"))  # the token is not in the profile

    stop_server(org.server)
    post = run_kshare(
        env, "post", "--title", "CLI offline post", "--body", "sent later",
        "--audience", "group:incident", "--profile", profile,
    )  # fmt: skip
    assert post.returncode == 0, post.stderr
    assert "Queued" in post.stdout
    status = run_kshare(env, "status", "--profile", profile)
    assert "Waiting to be sent: 1" in status.stdout
    dead = run_kshare(env, "sync", "--profile", profile)
    assert dead.returncode != 0
    assert "Offline" in dead.stderr and "Traceback" not in dead.stderr

    org.server.start()
    sync = run_kshare(env, "sync", "--profile", profile)
    assert sync.returncode == 0, sync.stderr
    assert "Up to date" in sync.stdout
    assert run_kshare(env, "sync", "--profile", profile).returncode == 0
    assert titles_seen_by(desktop("alice")).count("CLI offline post") == 1
    assert "CLI offline post" not in titles_seen_by(desktop("bob"))
