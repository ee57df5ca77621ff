"""A change on the server nudges a watching desktop through its event stream.

How soon is not measured here: the server wakes every open stream from the commit itself
(``Database.after_commit``), and the desktop polls only every ``poll_interval_s`` (five
minutes), so a nudge that arrives during this short test came through the stream.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from kshare.client.services import Workspace
from tests.integration.sync.conftest import Org

pytestmark = pytest.mark.integration


def test_watch_nudges_soon_after_a_change(org: Org, desktop: Callable[..., Workspace]) -> None:
    alice, bob = desktop("alice"), desktop("bob")
    bob.sync()
    nudged = threading.Event()
    stop = threading.Event()

    def on_nudge() -> None:
        nudged.set()

    watcher = threading.Thread(target=bob.watch, args=(on_nudge, stop), daemon=True)
    watcher.start()
    # every new stream is greeted with a nudge: once it came, the stream is connected
    assert nudged.wait(30), "the event stream did not connect"
    nudged.clear()
    alice.publish(title="Live", body="now", audience=["org"])
    alice.sync()
    assert nudged.wait(30), "no nudge arrived"
    report = bob.sync()
    assert "Live" in [s.title for s in bob.feed_page(0, 5)], report.status.message
    stop.set()
    watcher.join(timeout=5)
    assert not watcher.is_alive()
