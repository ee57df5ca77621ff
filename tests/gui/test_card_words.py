"""What a feed card says of itself: a post written for later shows when others will see
it, and one without a title names its kind, never "(untitled)"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kshare.client.home_feed.service import HomeItem
from kshare.client.services import Workspace
from kshare.client.store import queries, repository
from kshare.client.views import ItemSummary
from kshare.clock import ManualClock
from kshare.protocol.schemas import AudienceView
from kshare.ui.feed_model import summary_meta
from kshare.ui.home_page import describe
from tests.unit.client import factories

pytestmark = pytest.mark.gui

ME = "p-me"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "profile")
    yield opened
    opened.close()


def test_a_scheduled_post_is_marked_on_its_feed_card(workspace) -> None:
    clock = ManualClock(factories.T0 + timedelta(days=1))
    later = clock.now() + timedelta(days=2)
    post = factories.item(
        "s", author_id=ME, title="Release notes", audience=AudienceView(org=True, publish_at=later)
    )
    now = factories.item("n", author_id=ME, title="Out now")
    with workspace.writer.begin() as conn:
        repository.upsert(conn, factories.upserts(post, now))
    cards = {s.id: s for s in queries.feed_page(workspace.reader, 0, 10)}
    assert cards["s"].publish_at == later and cards["n"].publish_at is None
    assert "Scheduled for" in summary_meta(cards["s"], clock)
    assert "Scheduled for" not in summary_meta(cards["n"], clock)
    clock.advance(days=3)  # its time came: an ordinary post now
    assert "Scheduled for" not in summary_meta(cards["s"], clock)


def test_a_home_card_without_a_title_names_its_kind(qapp) -> None:
    at = factories.T0
    post = HomeItem(ItemSummary("p", "post", "", "bo", "Bo", at, at), "popular", False)
    comment = HomeItem(ItemSummary("c", "comment", "", "bo", "Bo", at, at), "popular", False)
    assert describe(post)[Qt.ItemDataRole.DisplayRole] == "Post without a title"
    assert describe(comment)[Qt.ItemDataRole.DisplayRole] == "Comment"
