"""The first-run step against a real server: after the first sync brings data, a newcomer
is offered tags, groups and people to follow; what they tick is followed; finishing or
skipping means it is never offered again; "Follow topics…" opens it any time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kshare.client.services import Workspace
from kshare.ui.first_run import FollowTopicsDialog, is_done
from kshare.ui.main_window import MainWindow
from kshare.ui.operations import TaskRunner
from kshare.ui.settings import ui_settings
from kshare.ui.sync_controller import SyncController

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
TIMEOUT_MS = 30_000
Desktops = Callable[..., Workspace]


def _sync(workspace: Workspace) -> None:
    report = workspace.sync()
    assert report.status.state == "idle", report.status.message


@pytest.fixture
def first_run_window(qtbot: Any, runner: TaskRunner) -> Iterator[Callable[[Workspace], MainWindow]]:
    built: list[SyncController] = []

    def build(workspace: Workspace) -> MainWindow:
        sync = SyncController(workspace)
        window = MainWindow(workspace, runner, sync, ui_settings(workspace.paths), first_run=True)
        qtbot.addWidget(window)
        built.append(sync)
        return window

    yield build
    for sync in built:
        sync.stop()


@pytest.fixture
def posts(desktop_of: Desktops) -> Workspace:
    priya = desktop_of("priya")
    for title, tags in (
        ("Draining nodes", ("kubernetes", "on-call")),
        ("Pod budgets", ("kubernetes",)),
        ("Vacuum notes", ("postgresql",)),
    ):
        priya.publish(title=title, body="b", tags=tags, audience=["group:SRE on-call"])
    _sync(priya)
    return priya


def _synced_and_offered(qtbot: Any, window: MainWindow) -> FollowTopicsDialog:
    with qtbot.waitSignal(window._sync.sync_finished, timeout=TIMEOUT_MS):
        window._sync.sync_now()
    qtbot.waitUntil(lambda: window.follow_topics_dialog is not None, timeout=TIMEOUT_MS)
    dialog = window.follow_topics_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.tags.count() > 0, timeout=TIMEOUT_MS)
    return dialog


def _labels(dialog: FollowTopicsDialog) -> dict[str, list[str]]:
    return {
        name: [box.item(i).data(Qt.ItemDataRole.UserRole).label for i in range(box.count())]
        for name, box in (
            ("tags", dialog.tags),
            ("groups", dialog.groups),
            ("people", dialog.people),
        )
    }


def test_a_newcomer_is_offered_topics_and_what_they_tick_is_followed_once(
    qtbot: Any, posts: Workspace, desktop_of: Desktops, first_run_window: Any
) -> None:
    ana = desktop_of("ana")
    window = first_run_window(ana)
    assert window.follow_topics_dialog is None  # nothing before the first sync
    dialog = _synced_and_offered(qtbot, window)
    offered = _labels(dialog)
    assert offered["tags"][:3] == ["#kubernetes", "#on-call", "#postgresql"]
    assert offered["groups"] == ["SRE on-call"]
    assert offered["people"] == ["Priya Raman"]
    assert dialog.skip_button.accessibleName() == "Skip following topics for now"

    dialog.check("#kubernetes")
    dialog.check("SRE on-call")
    dialog.check("Priya Raman")
    with qtbot.waitSignal(dialog.followed, timeout=TIMEOUT_MS) as followed:
        qtbot.mouseClick(dialog.follow_button, Qt.MouseButton.LeftButton)
    assert followed.args == [3]
    assert window.follow_topics_dialog is None
    assert is_done(ui_settings(ana.paths), me(ana))
    group_id = next(g for g in ana.notifications.following() if g.kind == "group").target
    assert {(f.kind, f.target) for f in ana.notifications.following()} == {
        ("tag", "kubernetes"),
        ("group", group_id),
        ("person", me(posts)),
    }

    # Never again by itself, here or in a later window on this desktop...
    qtbot.waitUntil(lambda: not window._sync.running, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(window._sync.sync_finished, timeout=TIMEOUT_MS):
        window._sync.sync_now()
    assert window.follow_topics_dialog is None
    # ...but the menu opens it again, without what is followed already.
    window.follow_topics_action.trigger()
    again = window.follow_topics_dialog
    assert again is not None
    qtbot.waitUntil(lambda: again.tags.count() > 0, timeout=TIMEOUT_MS)
    assert "#kubernetes" not in _labels(again)["tags"]
    assert _labels(again)["groups"] == [] and again.groups.isHidden()
    qtbot.mouseClick(again.skip_button, Qt.MouseButton.LeftButton)
    assert window.follow_topics_dialog is None


def me(workspace: Workspace) -> str:
    assert workspace.account is not None
    return workspace.account.user_id


def test_skipping_ends_the_first_run_for_good(
    qtbot: Any, posts: Workspace, desktop_of: Desktops, first_run_window: Any
) -> None:
    ana = desktop_of("ana")
    window = first_run_window(ana)
    dialog = _synced_and_offered(qtbot, window)
    with qtbot.waitSignal(dialog.skipped, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert window.follow_topics_dialog is None
    assert ana.notifications.following() == []
    assert is_done(ui_settings(ana.paths), me(ana))

    # A new window on the same desktop: nothing followed, yet the flag keeps it away.
    window.close()
    later = first_run_window(ana)
    with qtbot.waitSignal(later._sync.sync_finished, timeout=TIMEOUT_MS):
        later._sync.sync_now()
    qtbot.waitUntil(lambda: not later._sync.running, timeout=TIMEOUT_MS)
    assert later.follow_topics_dialog is None


def test_nothing_is_offered_to_someone_who_follows_already_or_before_any_data(
    qtbot: Any, desktop_of: Desktops, first_run_window: Any
) -> None:
    ana = desktop_of("ana")
    window = first_run_window(ana)
    # Before any sync the cache holds nothing to suggest: the step waits.
    window.offer_first_run()
    assert window._first_run_offered  # looking, off the GUI thread
    qtbot.waitUntil(lambda: not window._first_run_offered, timeout=TIMEOUT_MS)
    assert window.follow_topics_dialog is None
    assert not is_done(ui_settings(ana.paths), me(ana))

    # Following something first (here, as the command line would) ends the first run unasked.
    ana.notifications.follow("tag", "postgresql")
    priya = desktop_of("priya")
    priya.publish(title="Vacuum notes", body="b", tags=("postgresql",))
    _sync(priya)
    with qtbot.waitSignal(window._sync.sync_finished, timeout=TIMEOUT_MS):
        window._sync.sync_now()
    qtbot.waitUntil(lambda: is_done(ui_settings(ana.paths), me(ana)), timeout=TIMEOUT_MS)
    assert window.follow_topics_dialog is None
