"""Follow / Following on the tag, group and person pages and on a question, against a real
server: a click records the follow (through the outbox), a second click stops it, a failed
write puts the button back and says why, and a new post in a followed tag reaches the Inbox."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kshare.client.services import Workspace
from kshare.ui.detail_view import DetailPane
from kshare.ui.follow_buttons import FollowButton
from kshare.ui.follow_dialog import FollowDialog
from kshare.ui.group_page import GroupPage
from kshare.ui.main_window import INBOX, MainWindow
from kshare.ui.operations import TaskRunner
from kshare.ui.person_view import PersonView
from kshare.ui.tag_page import TagPage

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
TIMEOUT_MS = 30_000
Desktops = Callable[..., Workspace]


def _sync(workspace: Workspace) -> None:
    report = workspace.sync()
    assert report.status.state == "idle", report.status.message


def _ready(qtbot: Any, button: FollowButton) -> None:
    qtbot.waitUntil(button.button.isEnabled, timeout=TIMEOUT_MS)


def _click(qtbot: Any, button: FollowButton) -> None:
    with qtbot.waitSignal(button.changed, timeout=TIMEOUT_MS):
        qtbot.mouseClick(button.button, Qt.MouseButton.LeftButton)


def _followed(workspace: Workspace) -> set[tuple[str, str]]:
    return {(f.kind, f.target) for f in workspace.notifications.following()}


def test_the_tag_page_follows_and_unfollows_through_the_outbox(
    qtbot: Any, desktop_of: Desktops, runner: TaskRunner
) -> None:
    ana = desktop_of("ana")
    _sync(ana)
    page = TagPage(ana.pages, runner, follows=ana.notifications)
    qtbot.addWidget(page)
    page.show_tag("PostgreSQL")
    button = page.follow_button
    _ready(qtbot, button)
    assert button.button.text() == "Follow"
    assert button.button.accessibleName() == "Follow #PostgreSQL"

    _click(qtbot, button)
    assert button.following and button.button.text() == "Following"
    assert button.button.accessibleName() == "Following #PostgreSQL. Stop following"
    assert _followed(ana) == {("tag", "postgresql")}
    assert ana.pending_count() == 1  # waiting in the outbox: works offline
    _sync(ana)
    assert ana.pending_count() == 0
    assert _followed(ana) == {("tag", "postgresql")}  # the server's list now says so

    # The follow list shows it too.
    dialog = FollowDialog(ana, runner)
    qtbot.addWidget(dialog)
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=TIMEOUT_MS)
    assert dialog.list.item(0).text() == "Tag: #postgresql"

    # Shown again later, the page knows; a second click stops following.
    page.show_tag("postgresql")
    qtbot.waitUntil(lambda: button.button.isEnabled() and button.following, timeout=TIMEOUT_MS)
    _click(qtbot, button)
    assert not button.following and button.button.text() == "Follow"
    _sync(ana)
    assert _followed(ana) == set()


def test_group_person_and_question_are_followed_from_their_pages(
    qtbot: Any, desktop_of: Desktops, runner: TaskRunner
) -> None:
    ana, priya = desktop_of("ana"), desktop_of("priya")
    question = priya.publish(
        title="How do we rotate the on-call pager?", body="Asking for a friend.", kind="question"
    )
    _sync(priya)
    _sync(ana)

    group_page = GroupPage(ana.pages, runner, follows=ana.notifications)
    qtbot.addWidget(group_page)
    with qtbot.waitSignal(group_page.shown, timeout=TIMEOUT_MS) as shown:
        group_page.show_group("SRE on-call")
    group_id = shown.args[0]
    _ready(qtbot, group_page.follow_button)
    assert group_page.follow_button.button.accessibleName() == "Follow SRE on-call"
    _click(qtbot, group_page.follow_button)

    person = PersonView(ana, runner, follows=ana.notifications)
    qtbot.addWidget(person)
    assert priya.account is not None
    priya_id = priya.account.user_id
    with qtbot.waitSignal(person.profile_shown, timeout=TIMEOUT_MS):
        person.show_person(priya_id)
    assert not person.follow_button.isHidden()
    _ready(qtbot, person.follow_button)
    assert person.follow_button.button.accessibleName() == "Follow Priya Raman"
    _click(qtbot, person.follow_button)
    with qtbot.waitSignal(person.profile_shown, timeout=TIMEOUT_MS):
        person.show_person(None)  # one's own profile has nothing to follow
    assert person.follow_button.isHidden()

    pane = DetailPane(ana, runner, writer=ana, follows=ana.notifications)  # type: ignore[arg-type]
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        pane.show_item(question)
    assert not pane.follow_button.isHidden()
    _ready(qtbot, pane.follow_button)
    _click(qtbot, pane.follow_button)
    assert pane.follow_button.button.text() == "Following"

    _sync(ana)
    assert _followed(ana) == {("group", group_id), ("person", priya_id), ("question", question)}
    # A post (not a question) offers no follow button.
    post = priya.publish(title="Pager notes", body="b")
    _sync(priya)
    _sync(ana)
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        pane.show_item(post)
    assert pane.follow_button.isHidden()

    # Stopping from the group page again.
    with qtbot.waitSignal(group_page.shown, timeout=TIMEOUT_MS):
        group_page.show_group(group_id)
    qtbot.waitUntil(lambda: group_page.follow_button.following, timeout=TIMEOUT_MS)
    _click(qtbot, group_page.follow_button)
    _sync(ana)
    assert ("group", group_id) not in _followed(ana)


def test_a_failed_follow_puts_the_button_back_and_says_why(
    qtbot: Any, desktop_of: Desktops, runner: TaskRunner
) -> None:
    ana = desktop_of("ana")
    _sync(ana)
    button = FollowButton(ana.notifications, runner)
    qtbot.addWidget(button)
    button.show()
    button.bind("group", "no-such-group", "Ghost hunters")  # not in this cache
    _ready(qtbot, button)
    with qtbot.waitSignal(button.failed, timeout=TIMEOUT_MS) as failed:
        qtbot.mouseClick(button.button, Qt.MouseButton.LeftButton)
        assert button.following  # shown at once, before the write ends
    assert not button.following and button.button.text() == "Follow"
    assert failed.args[0] == (
        "Could not follow Ghost hunters: No group called “no-such-group” that you may see."
    )
    assert button.message.isVisible() and button.message.text() == failed.args[0]
    assert _followed(ana) == set() and ana.pending_count() == 0


def test_following_a_tag_from_the_window_brings_new_posts_into_the_inbox(
    qtbot: Any, desktop_of: Desktops, window_for: Callable[[Workspace], MainWindow]
) -> None:
    ana, priya = desktop_of("ana"), desktop_of("priya")
    _sync(ana)
    _sync(priya)
    window = window_for(ana)
    nav = window.navigator
    nav.show_tag("kubernetes")
    button = nav.tag_page.follow_button
    _ready(qtbot, button)
    _click(qtbot, button)
    # The window sends the follow at once (a sync of its own); wait for it to end.
    qtbot.waitUntil(lambda: not window._sync.running, timeout=TIMEOUT_MS)
    assert ana.pending_count() == 0
    assert _followed(ana) == {("tag", "kubernetes")}
    with qtbot.waitSignal(window.inbox.refreshed, timeout=TIMEOUT_MS):
        window.show_page(INBOX)
    assert window.inbox.unread == 0

    post = priya.publish(title="Draining nodes safely", body="cordon first", tags=("kubernetes",))
    _sync(priya)
    _sync(ana)
    # Refreshes asked for earlier (by the window's own sync) may answer first: wait for
    # the one that reads the cache after this sync.
    window.inbox.refresh()
    qtbot.waitUntil(
        lambda: any(e.open_id == post for e in window.inbox.entries()), timeout=TIMEOUT_MS
    )
    [entry] = [e for e in window.inbox.entries() if e.open_id == post]
    assert entry.kind == "followed" and not entry.read
    assert "Draining nodes safely" in entry.text
    assert window.inbox.unread == 1
