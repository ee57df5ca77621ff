from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from kshare.client.errors import LoginFailed
from kshare.ui.operations import Failure

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
