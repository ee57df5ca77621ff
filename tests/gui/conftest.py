"""Fixtures for widget tests: a task runner that is joined at teardown, small real values."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from kshare.client.views import ItemDetail, ItemSummary
from kshare.ui.operations import TaskRunner

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def workers_end() -> Iterator[None]:
    """After every other fixture is torn down (servers too), no kshare thread may be left."""
    yield
    deadline = time.monotonic() + 20
    for thread in threading.enumerate():
        if thread.name.startswith("kshare-"):
            thread.join(max(0.0, deadline - time.monotonic()))
    left = [t.name for t in threading.enumerate() if t.name.startswith("kshare-")]
    assert not left, f"worker threads still running: {left}"


@pytest.fixture
def runner(qtbot: object) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    assert task_runner.shutdown(10_000), "background work did not finish"


def summary(n: int, **overrides: object) -> ItemSummary:
    values: dict[str, object] = {
        "id": f"item-{n}",
        "kind": "post",
        "title": f"Post number {n}",
        "author_id": "u-ana",
        "author_name": "Ana Souza",
        "created_at": NOW - timedelta(hours=n),
        "updated_at": NOW - timedelta(hours=n),
        "tags": ("kubernetes", "on-call"),
        "excerpt": f"What we learned, part {n}.",
        "audience_label": "Platform Engineering",
    }
    values.update(overrides)
    return ItemSummary(**values)  # type: ignore[arg-type]


def detail(n: int, body_html: str, **overrides: object) -> ItemDetail:
    values: dict[str, object] = {
        "summary": summary(n),
        "body_markdown": "",
        "body_html": body_html,
        "audience_label": "Platform Engineering",
        "can_edit": False,
        "version": 1,
    }
    values.update(overrides)
    return ItemDetail(**values)  # type: ignore[arg-type]


class ListFeed:
    """A feed source over a plain list, counting the pages it was asked for."""

    def __init__(self, rows: list[ItemSummary]) -> None:
        self.rows = rows
        self.pages: list[tuple[int, int]] = []

    def feed_count(self, kind: str | None = None) -> int:
        return len([r for r in self.rows if kind in (None, r.kind)])

    def feed_page(self, offset: int, limit: int, kind: str | None = None) -> list[ItemSummary]:
        self.pages.append((offset, limit))
        rows = [r for r in self.rows if kind in (None, r.kind)]
        return rows[offset : offset + limit]
