"""Fixtures for widget tests: a task runner that is joined at teardown, small real values,
and colleagues signed in to a real server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from kshare.client.services import Workspace
from kshare.client.views import ItemDetail, ItemSummary
from kshare.server.admin import AdminTools
from kshare.ui import i18n
from kshare.ui.main_window import MainWindow
from kshare.ui.operations import TaskRunner
from kshare.ui.settings import ui_settings
from kshare.ui.sync_controller import SyncController
from tests.support.server import ServerProcess

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
PASSWORD = "correct horse battery"


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
def german(qapp: QCoreApplication) -> Iterator[None]:
    """The app in German for one test, and back in English after it (the others read English)."""
    assert i18n.install(qapp, "de") == "de"
    yield
    assert i18n.install(qapp, "en") == "en"


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


@pytest.fixture
def colleagues(server: ServerProcess, monkeypatch: pytest.MonkeyPatch) -> Iterator[AdminTools]:
    """ana and priya, both in the closed team "SRE on-call", on a real server."""
    monkeypatch.setenv("KSHARE_TEST_FAST_HASH", "1")
    admin = AdminTools(server.data_dir)
    admin.add_group("SRE on-call", kind="team", visibility="closed")
    for username, name in (("ana", "Ana Souza"), ("priya", "Priya Raman")):
        admin.add_user(username, name, PASSWORD)
        admin.add_member("SRE on-call", username)
    yield admin
    admin.close()


@pytest.fixture
def desktop_of(
    server: ServerProcess, colleagues: AdminTools, tmp_path: Path
) -> Iterator[Callable[[str, str], Workspace]]:
    """Open a signed-in profile: ``desktop_of("ana", "laptop")``; all closed at teardown."""
    opened: list[Workspace] = []

    def open_desktop(username: str, name: str = "") -> Workspace:
        workspace = Workspace.open(tmp_path / (name or username))
        workspace.login(server.url, username, PASSWORD)
        opened.append(workspace)
        return workspace

    yield open_desktop
    for workspace in opened:
        workspace.close()


@pytest.fixture
def window_for(qtbot: Any, runner: TaskRunner) -> Iterator[Callable[[Workspace], MainWindow]]:
    """Build the main window on a workspace; its sync is stopped and joined at teardown."""
    built: list[SyncController] = []

    def build(workspace: Workspace) -> MainWindow:
        sync = SyncController(workspace)
        window = MainWindow(workspace, runner, sync, ui_settings(workspace.paths))
        qtbot.addWidget(window)
        built.append(sync)
        return window

    yield build
    for sync in built:
        sync.stop()
