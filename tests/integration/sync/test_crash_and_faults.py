"""A sync killed half-way resumes without gaps or duplicates; a flaky network never corrupts."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from kshare.client.services import Workspace
from kshare.client.store.db import create_writer_engine, open_cache
from kshare.client.sync.api import ApiClient
from kshare.client.sync.engine import EngineOptions, SyncEngine
from kshare.server.admin import AdminTools
from tests.integration.sync.conftest import PASSWORD, Org, kshare_env
from tests.integration.sync.seeding import seed_items
from tests.unit.client.faults import FaultyTransport, random_faults

pytestmark = pytest.mark.integration


# ``kshare`` whose sync dies by SIGKILL when it stores the third feed page's cursor, the
# last write of that page's transaction: the kill lands in the middle of the sync.
KILLED_ON_THIRD_PAGE = """
import os, signal, sys
from kshare.client.store import repository
from kshare.cli import main

real_set_cursor = repository.set_cursor
pages = []

def set_cursor(conn, cursor):
    pages.append(cursor)
    if len(pages) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    real_set_cursor(conn, cursor)

repository.set_cursor = set_cursor
sys.exit(main(sys.argv[1:]))
"""


def cached_ids(cache: Path) -> list[str]:
    with sqlite3.connect(f"file:{cache}?mode=ro", uri=True, timeout=10) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM items")]


def test_sigkill_during_initial_sync_then_resume(
    org: Org, tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    seeded = set(seed_items(org.server.data_dir, "alice", 2000, body_size=300))
    env = kshare_env(subprocess_env)
    profile = tmp_path / "big"
    kshare = [sys.executable, "-m", "kshare"]
    login = subprocess.run(
        [*kshare, "login", org.server.url, "--user", "bob", "--password-stdin",
         "--profile", str(profile)],
        input=PASSWORD + "\n", env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    cache = profile / "cache.sqlite3"
    # The fault hook: the sync kills itself while writing its third page, inside that
    # page's transaction, so two pages are committed and one is half written.
    sync = subprocess.run(
        [sys.executable, "-c", KILLED_ON_THIRD_PAGE, "sync", "--profile", str(profile)],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert sync.returncode == -signal.SIGKILL, sync.stderr
    partial = cached_ids(cache)
    assert 0 < len(partial) < 2000, "the kill should land in the middle of the sync"
    assert set(partial) <= seeded

    again = subprocess.run(
        [*kshare, "sync", "--profile", str(profile)],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    ids = cached_ids(cache)
    assert len(ids) == len(set(ids)) == 2000
    assert set(ids) == seeded
    with sqlite3.connect(cache) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        cursor = conn.execute("SELECT value FROM sync_state WHERE key='cursor'").fetchone()
        assert cursor and cursor[0]


def test_flaky_network_converges_to_the_servers_view(
    org: Org, desktop: Callable[..., Workspace], tmp_path: Path
) -> None:
    seed_items(org.server.data_dir, "alice", 400, body_size=200)
    alice = desktop("alice")
    for n in range(5):
        alice.publish(title=f"flaky {n}", body="x", audience=["group:incident"])
    assert alice.sync().status.state == "idle"
    token = AdminTools(org.server.data_dir)
    try:
        bearer = token.issue_token("carol")
    finally:
        token.close()
    cache = tmp_path / "flaky" / "cache.sqlite3"
    open_cache(cache).dispose()
    writer = create_writer_engine(cache)
    transport = FaultyTransport(httpx.HTTPTransport(), random_faults(0.3, seed=7))
    api = ApiClient(org.server.url, bearer, transport=transport, sleep=lambda _s: None)
    engine = SyncEngine(api, writer, options=EngineOptions(page_size=50))
    try:
        states = [engine.sync().status.state]
        while states[-1] != "idle" and len(states) < 60:
            states.append(engine.sync().status.state)
        assert states[-1] == "idle"
        assert transport.injected  # faults really happened
        carol = desktop("carol")
        assert carol.sync().status.state == "idle"
        expected = {s.id for s in carol.feed_page(0, 1000)}
        assert len(expected) == 405
        assert set(cached_ids(cache)) == expected
        with sqlite3.connect(cache) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        api.close()
        writer.dispose()
