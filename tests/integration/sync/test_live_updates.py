"""A change on the server nudges a watching desktop within about a second."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from kshare.client.services import Workspace
from tests.integration.sync.conftest import Org

pytestmark = pytest.mark.integration


def test_watch_nudges_soon_after_a_change(org: Org, desktop: Callable[..., Workspace]) -> None:
    alice, bob = desktop("alice"), desktop("bob")
    bob.sync()
    nudges: list[float] = []
    nudged = threading.Event()
    stop = threading.Event()

    def on_nudge() -> None:
        nudges.append(time.monotonic())
        nudged.set()

    watcher = threading.Thread(target=bob.watch, args=(on_nudge, stop), daemon=True)
    watcher.start()
    time.sleep(0.5)  # let the stream connect
    nudged.clear()
    alice.publish(title="Live", body="now", audience=["org"])
    published = time.monotonic()
    alice.sync()
    assert nudged.wait(5), "no nudge arrived"
    assert nudges[-1] - published < 2.0
    report = bob.sync()
    assert "Live" in [s.title for s in bob.feed_page(0, 5)], report.status.message
    stop.set()
    watcher.join(timeout=5)
    assert not watcher.is_alive()
