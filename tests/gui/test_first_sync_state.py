"""During the first sync an empty feed says it is fetching, with the progress so far,
instead of "Nothing here yet" while the status bar counts items; so does an empty Home."""

from __future__ import annotations

import pytest

from kshare.client.services import Workspace
from kshare.client.views import SyncStatus
from kshare.ui.feed_page import EMPTY_FEED, FeedPage
from kshare.ui.home_page import HomePage
from tests.gui.conftest import ListFeed

pytestmark = pytest.mark.gui


def test_an_empty_feed_shows_fetching_progress_while_syncing(qtbot, runner) -> None:
    page = FeedPage(ListFeed([]), runner)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.model.loaded_once)
    assert page.empty.text() == EMPTY_FEED

    page.set_sync_status(SyncStatus("syncing", "Syncing…", items_done=120, items_total=485))
    assert page.empty.text() == "Fetching… 120 of 485 items"
    page.refresh()  # a page of the sync was written, still nothing to show
    qtbot.waitUntil(lambda: not runner.busy)
    assert page.empty.text() == "Fetching… 120 of 485 items"
    page.set_sync_status(SyncStatus("syncing", "Syncing…"))
    assert page.empty.text() == "Fetching what you may see from the server…"

    page.set_sync_status(SyncStatus("idle", "Up to date", items_done=485, items_total=485))
    assert page.empty.text() == EMPTY_FEED


def test_an_empty_home_says_it_is_fetching_while_the_first_sync_runs(
    qtbot, runner, tmp_path
) -> None:
    workspace = Workspace.open(tmp_path / "profile")
    try:
        page = HomePage(workspace, runner)
        qtbot.addWidget(page)
        page.set_sync_status(SyncStatus("syncing", "Syncing…", items_done=3, items_total=485))
        with qtbot.waitSignal(page.refreshed, timeout=10_000):
            page.refresh()
        assert page.empty.text() == "Fetching what you may see from the server…"
        page.set_sync_status(SyncStatus("idle", "Up to date"))
        assert page.empty.text().startswith("Nothing yet.")
    finally:
        qtbot.waitUntil(lambda: not runner.busy)
        workspace.close()
