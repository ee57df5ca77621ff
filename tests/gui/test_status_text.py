"""What the status bar says about a sync in progress."""

from __future__ import annotations

from kshare.client.views import SyncStatus
from kshare.ui.status import progress_text


def test_items_and_files_are_both_counted() -> None:
    status = SyncStatus(
        "syncing",
        "Syncing…",
        items_done=40,
        items_total=200,
        bytes_done=1024**2,
        bytes_total=4 * 1024**2,
    )
    assert progress_text(status) == "40 of 200 items · files 25% of 4.0 MB"


def test_finished_downloads_and_idle_say_nothing_extra() -> None:
    done = SyncStatus("idle", "Up to date", bytes_done=10, bytes_total=10)
    assert progress_text(done) == ""
    assert progress_text(SyncStatus("syncing", "Syncing…", items_done=7)) == "7 items"
