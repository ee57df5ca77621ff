"""The sync worker's threading contract, with a scripted stand-in for the sync engine."""

from __future__ import annotations

import threading

import pytest

from kshare.client.errors import ServerUnreachable
from kshare.client.sync.report import Changes, SyncReport
from kshare.client.views import SyncStatus
from kshare.ui.sync_controller import SyncController

pytestmark = pytest.mark.gui


class Engine:
    def __init__(self) -> None:
        self.release = threading.Event()
        self.release.set()
        self.runs = 0
        self.threads: list[threading.Thread] = []
        self.fail = False
        self.watching = threading.Event()

    def sync(self, progress=None, cancel=None):
        self.threads.append(threading.current_thread())
        self.runs += 1
        if progress:
            progress(SyncStatus("syncing", "Syncing…", items_done=1, items_total=2))
        self.release.wait(10)
        if self.fail:
            raise ServerUnreachable("Cannot reach the server.")
        return SyncReport(
            SyncStatus("idle", "Up to date"), Changes(item_ids=frozenset({f"i{self.runs}"}))
        )

    def watch(self, on_nudge, stop):
        self.watching.set()
        on_nudge()
        stop.wait()


@pytest.fixture
def engine_and_controller(qtbot):
    engine = Engine()
    controller = SyncController(engine)
    yield engine, controller
    engine.release.set()
    controller.stop(10)


def test_sync_runs_off_the_gui_thread_and_broadcasts_changes(qtbot, engine_and_controller):
    engine, controller = engine_and_controller
    statuses: list[str] = []
    controller.status_changed.connect(lambda s: statuses.append(s.state))
    with qtbot.waitSignal(controller.changes_applied) as blocker:
        controller.sync_now()
    assert blocker.args[0].item_ids == {"i1"}
    assert engine.threads[0] is not threading.current_thread()
    assert statuses == ["syncing", "idle"]
    assert not controller.running


def test_asking_during_a_sync_queues_exactly_one_more(qtbot, engine_and_controller):
    engine, controller = engine_and_controller
    engine.release.clear()
    finished: list[object] = []
    controller.sync_finished.connect(finished.append)
    controller.sync_now()
    controller.sync_now()
    controller.sync_now()
    engine.release.set()
    qtbot.waitUntil(lambda: len(finished) == 2)
    qtbot.waitUntil(lambda: not controller.running)
    assert engine.runs == 2


def test_a_failed_sync_is_reported(qtbot, engine_and_controller):
    engine, controller = engine_and_controller
    engine.fail = True
    with qtbot.waitSignal(controller.sync_failed) as blocker:
        controller.sync_now()
    assert blocker.args[0].message == "Cannot reach the server."


def test_a_live_nudge_starts_a_sync_and_stop_joins_the_watcher(qtbot, engine_and_controller):
    _engine, controller = engine_and_controller
    with qtbot.waitSignal(controller.sync_finished):
        controller.start_live_updates()
    controller.stop(10)
    assert not controller.watching
    assert not any(t.name == "kshare-watch" for t in threading.enumerate())
