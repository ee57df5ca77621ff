"""``kshare sync --watch``: a colleague's new post reaches a running desktop without a click."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"


def cached_titles(profile: Path) -> set[str]:
    try:
        with sqlite3.connect(f"file:{profile / 'cache.sqlite3'}?mode=ro", uri=True) as cache:
            return {row[0] for row in cache.execute("SELECT title FROM items")}
    except sqlite3.OperationalError:  # not created yet, or busy for a moment
        return set()


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    """Poll a condition another process makes true (no signal crosses the process boundary)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_watching_desktop_receives_a_new_post_and_stops_cleanly_on_ctrl_c(
    server: ServerProcess, subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
        admin.add_user("bo", "Bo Lindqvist", PASSWORD)
    watcher_profile = tmp_path / "bo"
    kshare = [sys.executable, "-m", "kshare"]
    subprocess.run(
        [
            *kshare,
            "login",
            server.url,
            "--user",
            "bo",
            "--password-stdin",
            "--profile",
            str(watcher_profile),
        ],
        input=PASSWORD,
        text=True,
        env=subprocess_env,
        check=True,
        capture_output=True,
    )
    author = Workspace.open(tmp_path / "ana")
    author.login(server.url, "ana", PASSWORD)
    author.publish(title="Before", body="Written before bo started watching", audience=["org"])
    author.sync()
    watcher = subprocess.Popen(
        [*kshare, "sync", "--watch", "--profile", str(watcher_profile)],
        env=subprocess_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Publish only once the watcher's first sync is done, so only a nudge can bring it.
        assert wait_for(lambda: "Before" in cached_titles(watcher_profile))
        author.publish(title="Welcome", body="Hello from Ana", audience=["org"])
        author.sync()
        arrived = wait_for(lambda: "Welcome" in cached_titles(watcher_profile))
    finally:
        author.close()
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=30)
    assert arrived, f"{out}\n{err}"
    assert watcher.returncode in (0, 130), err
    assert "Traceback" not in err
