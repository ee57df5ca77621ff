from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QModelIndex

from kshare.ui.card_delegate import Role
from kshare.ui.feed_model import PAGE_SIZE, FeedModel
from tests.gui.conftest import ListFeed, summary

pytestmark = pytest.mark.gui


def loaded(qtbot, model: FeedModel, source: ListFeed) -> FeedModel:
    with qtbot.waitSignals([model.modelReset, model.count_changed]):
        model.refresh()
    return model


def test_feed_model_passes_the_model_tester(qtbot, qtmodeltester, runner):
    source = ListFeed([summary(n) for n in range(120)])
    model = loaded(qtbot, FeedModel(source, runner), source)
    qtmodeltester.check(model)


def test_rows_arrive_a_page_at_a_time_as_the_view_asks(qtbot, runner):
    source = ListFeed([summary(n) for n in range(120)])
    model = loaded(qtbot, FeedModel(source, runner), source)
    assert model.rowCount() == PAGE_SIZE
    assert model.total == 120
    assert model.canFetchMore(QModelIndex())

    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE

    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 120
    assert not model.canFetchMore(QModelIndex())
    assert source.pages == [(0, PAGE_SIZE), (PAGE_SIZE, PAGE_SIZE), (2 * PAGE_SIZE, PAGE_SIZE)]


def test_a_second_fetch_while_one_runs_is_ignored(qtbot, runner):
    source = ListFeed([summary(n) for n in range(200)])
    model = loaded(qtbot, FeedModel(source, runner), source)
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
        model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: not runner.busy)
    assert model.rowCount() == 2 * PAGE_SIZE


def test_refresh_keeps_as_many_rows_as_were_loaded(qtbot, runner):
    source = ListFeed([summary(n) for n in range(120)])
    model = loaded(qtbot, FeedModel(source, runner), source)
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    source.rows.insert(0, summary(999, title="Fresh from the server"))
    with qtbot.waitSignals([model.modelReset, model.count_changed]):
        model.refresh()
    assert model.rowCount() == 2 * PAGE_SIZE
    assert model.index(0).data() == "Fresh from the server"
    assert model.total == 121


def test_rows_expose_what_the_card_shows(qtbot, runner):
    source = ListFeed([summary(1, kind="question", answer_count=2)])
    model = loaded(qtbot, FeedModel(source, runner), source)
    index = model.index(0)
    assert index.data() == "Post number 1"
    assert index.data(Role.ID) == "item-1"
    assert index.data(Role.BADGE) == "Question"
    assert index.data(Role.TAGS) == ["kubernetes", "on-call"]
    meta = index.data(Role.META)
    assert meta.startswith("Ana Souza · ")
    assert "Platform Engineering" in meta and "2 answers" in meta
    assert index.data(Role.PENDING) is False


def test_kind_filter_reloads_from_the_start(qtbot, runner):
    rows = [summary(n, kind="question" if n % 3 == 0 else "post") for n in range(30)]
    source = ListFeed(rows)
    model = loaded(qtbot, FeedModel(source, runner), source)
    with qtbot.waitSignal(model.count_changed) as blocker:
        model.set_kind("question")
    assert blocker.args == [10]
    assert {model.index(r).data(Role.BADGE) for r in range(model.rowCount())} == {"Question"}


def test_a_failing_source_is_reported_not_raised(qtbot, runner):
    class Broken(ListFeed):
        def feed_count(self, kind=None):
            raise RuntimeError("disk on fire")

    model = FeedModel(Broken([]), runner)
    with qtbot.waitSignal(model.load_failed) as blocker:
        model.refresh()
    assert "loading the feed" in blocker.args[0].message
    assert model.rowCount() == 0


def test_the_rows_are_shown_before_the_feed_is_counted(qtbot, runner):
    counting = threading.Event()

    class SlowCount(ListFeed):
        def feed_count(self, kind=None):
            counting.wait(5)
            return super().feed_count(kind)

    source = SlowCount([summary(n) for n in range(120)])
    model = FeedModel(source, runner)
    with qtbot.waitSignal(model.modelReset):
        model.refresh()
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())  # a full page: there may be more
    with qtbot.waitSignal(model.count_changed) as blocker:
        counting.set()
    assert blocker.args == [120]
    assert model.total == 120


def test_a_short_first_page_is_the_whole_feed_before_the_count(qtbot, runner):
    counting = threading.Event()

    class SlowCount(ListFeed):
        def feed_count(self, kind=None):
            counting.wait(5)
            return super().feed_count(kind)

    model = FeedModel(SlowCount([summary(n) for n in range(3)]), runner)
    with qtbot.waitSignal(model.modelReset):
        model.refresh()
    assert model.rowCount() == 3
    assert not model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.count_changed):
        counting.set()
