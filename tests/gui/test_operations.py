from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kshare.client.errors import LoginFailed
from kshare.ui.operations import Failure, Operation, TaskRunner
from kshare.ui.query_ops import QueryOp

pytestmark = pytest.mark.gui


def test_success_is_delivered_on_the_gui_thread(qtbot, runner):
    gui_thread = threading.current_thread()
    seen: list[tuple[object, threading.Thread, threading.Thread]] = []
    worker: list[threading.Thread] = []

    def work() -> int:
        worker.append(threading.current_thread())
        return 42

    runner.local(work, success=lambda r: seen.append((r, threading.current_thread(), worker[0])))
    qtbot.waitUntil(lambda: bool(seen))
    result, delivered_on, ran_on = seen[0]
    assert result == 42
    assert delivered_on is gui_thread
    assert ran_on is not gui_thread


def test_unhandled_failures_go_to_the_one_place_that_shows_them(qtbot, runner):
    def boom() -> None:
        raise LoginFailed("Wrong username or password.")

    with qtbot.waitSignal(runner.failed) as blocker:
        runner.network(boom, label="signing in")
    failure: Failure = blocker.args[0]
    assert failure.message == "Wrong username or password."
    assert failure.user_facing
    assert "LoginFailed" in failure.details


def test_a_bug_is_reported_in_neutral_words_with_details(qtbot, runner):
    handled: list[Failure] = []

    def bug() -> None:
        raise KeyError("item")

    with qtbot.assertNotEmitted(runner.failed):
        runner.local(bug, failure=handled.append, label="loading the feed")
        qtbot.waitUntil(lambda: bool(handled))
    assert handled[0].message == "Something went wrong while loading the feed."
    assert not handled[0].user_facing
    assert "KeyError" in handled[0].details


def test_results_for_a_closed_page_are_dropped(qtbot, runner):
    gate = threading.Event()
    page = QWidget()
    delivered: list[object] = []
    runner.local(gate.wait, success=delivered.append, owner=page)
    page.deleteLater()
    qtbot.waitUntil(lambda: not _alive(page))
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert delivered == []


def test_busy_is_announced_when_work_starts_and_ends(qtbot, runner):
    seen: list[bool] = []
    runner.busy_changed.connect(seen.append)
    runner.local(lambda: None)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [True, False]


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_a_failed_write_is_shown_even_after_its_page_closed(qtbot, runner):
    gate = threading.Event()
    page = QWidget()

    def write() -> None:
        gate.wait(10)
        raise LoginFailed("Your session ended; sign in again to save.")

    runner.write(write, success=lambda _r: None, label="saving your reply", owner=page)
    page.deleteLater()
    qtbot.waitUntil(lambda: not _alive(page))
    with qtbot.waitSignal(runner.failed) as blocker:
        gate.set()
    assert blocker.args[0].message == "Your session ended; sign in again to save."


def test_progress_reaches_the_page_in_order_before_the_result(qtbot, runner):
    seen: list[object] = []

    def work(report) -> str:  # type: ignore[no-untyped-def]
        for step in range(3):
            report(step)
        return "done"

    runner.run("local", Operation(work, success=seen.append, progress=seen.append))
    qtbot.waitUntil(lambda: "done" in seen)
    assert seen == [0, 1, 2, "done"]


def test_a_query_shows_its_activity_while_it_runs(qtbot, runner):
    gate = threading.Event()
    activity: list[str] = []
    runner.activity_changed.connect(activity.append)
    results: list[object] = []
    QueryOp(parent=None, op=lambda: gate.wait(10), success=results.append).with_progress(
        "searching"
    ).run_in_background(runner)
    assert activity == ["searching"]
    gate.set()
    qtbot.waitUntil(lambda: bool(results))
    assert activity == ["searching", ""]


def test_shutdown_leaves_nothing_running_and_drops_queued_work(qtbot):
    runner = TaskRunner()
    gate = threading.Event()
    started = threading.Event()
    delivered: list[object] = []

    def first() -> None:
        started.set()
        gate.wait(10)

    runner.local(first, success=delivered.append)
    queued = runner.local(lambda: "late", success=delivered.append)
    started.wait(10)
    gate.set()
    assert runner.shutdown(10_000)
    assert not runner.busy and not runner.is_running(queued)
    # The first job's letter was posted before its worker ended; deliver it now.
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
    assert delivered == []
    assert runner.local(lambda: "after", success=delivered.append) is not None
    assert not runner.busy
