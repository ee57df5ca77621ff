"""The Groups page and the requests dialog on a small source that really keeps membership,
and the whole window against a real server: joining brings a group's post at the sync."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from kshare.client.errors import UserFacingError
from kshare.client.groups import NeedsConnection
from kshare.client.services import Workspace
from kshare.protocol.schemas import GroupListing, JoinRequestOut, PersonRef
from kshare.server.admin import AdminTools
from kshare.ui.groups_page import GroupCard, GroupsPage
from kshare.ui.main_window import COMPOSE, EXPERTS, FEED, GROUPS, SEARCH, MainWindow
from kshare.ui.operations import TaskRunner

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

TIMEOUT_MS = 20_000
ME = "u-me"
PEOPLE = {
    ME: "Me Myself",
    "u-ana": "Ana Souza",
    "u-bo": "Bo Lindqvist",
    "u-cy": "Cy Park",
}
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class Groups:
    """Groups as a server keeps them, for one signed-in person (``ME``)."""

    def __init__(self) -> None:
        self.known = {
            "g-kiln": ("Kiln guild", "community", "open", "Pottery at lunch"),
            "g-fin": ("Finance", "department", "closed", ""),
            "g-sre": ("SRE", "team", "closed", "Keeps things up"),
        }
        self.members: dict[str, set[str]] = {"g-kiln": {"u-ana"}, "g-fin": {"u-ana"}}
        self.members["g-sre"] = {ME, "u-ana"}
        self.owners: dict[str, set[str]] = {"g-kiln": {"u-ana"}, "g-fin": {"u-ana"}}
        self.owners["g-sre"] = {ME}
        self.requests: dict[str, list[tuple[str, datetime]]] = {
            "g-sre": [("u-bo", START), ("u-cy", START + timedelta(minutes=5))]
        }
        self.offline = False
        self.calls: list[str] = []
        self._clock = itertools.count(1)

    def _online(self, call: str) -> None:
        self.calls.append(call)
        if self.offline:
            raise NeedsConnection("Groups need a connection to the server.")

    def _listing(self, group_id: str) -> GroupListing:
        name, kind, visibility, description = self.known[group_id]
        members = self.members.get(group_id, set())
        return GroupListing(
            id=group_id,
            name=name,
            kind=kind,  # type: ignore[arg-type]
            visibility=visibility,  # type: ignore[arg-type]
            description=description,
            member_count=len(members),
            is_member=ME in members,
            is_owner=ME in self.owners.get(group_id, set()),
            request_pending=any(p == ME for p, _ in self.requests.get(group_id, [])),
        )

    def groups(self) -> list[GroupListing]:
        self._online("groups")
        return sorted((self._listing(g) for g in self.known), key=lambda g: g.name)

    def join_group(self, group_id: str) -> GroupListing:
        self._online(f"join {group_id}")
        if self.known[group_id][2] == "open":
            self.members.setdefault(group_id, set()).add(ME)
        elif ME not in self.members.get(group_id, set()):
            asked = self.requests.setdefault(group_id, [])
            if all(p != ME for p, _ in asked):
                asked.append((ME, START + timedelta(hours=next(self._clock))))
        return self._listing(group_id)

    def leave_group(self, group_id: str) -> None:
        self._online(f"leave {group_id}")
        self.requests[group_id] = [r for r in self.requests.get(group_id, []) if r[0] != ME]
        owners = self.owners.get(group_id, set())
        if owners == {ME}:
            raise UserFacingError(
                f"You are the only owner of {self.known[group_id][0]}; make someone else an "
                "owner before you leave."
            )
        owners.discard(ME)
        self.members.get(group_id, set()).discard(ME)

    def join_requests(self, group_id: str) -> list[JoinRequestOut]:
        self._online(f"requests {group_id}")
        if ME not in self.owners.get(group_id, set()):
            raise UserFacingError("Only the group's owners can see and answer requests.")
        return [
            JoinRequestOut(
                person=PersonRef(id=p, username=p[2:], display_name=PEOPLE[p]), requested_at=when
            )
            for p, when in self.requests.get(group_id, [])
        ]

    def _answer(self, group_id: str, person_id: str, approve: bool) -> None:
        self._online(f"{'approve' if approve else 'decline'} {group_id} {person_id}")
        waiting = self.requests.get(group_id, [])
        if all(p != person_id for p, _ in waiting):
            raise UserFacingError(
                "No such pending request from this person, or you may not see it."
            )
        self.requests[group_id] = [r for r in waiting if r[0] != person_id]
        if approve:
            self.members.setdefault(group_id, set()).add(person_id)

    def approve_request(self, group_id: str, person_id: str) -> None:
        self._answer(group_id, person_id, True)

    def decline_request(self, group_id: str, person_id: str) -> None:
        self._answer(group_id, person_id, False)


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisibleTo(button.window()), f"{button.objectName()} is not offered"
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press(qtbot, parent, name: str, text: str) -> None:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is not None)
    box = parent.findChild(QMessageBox, name)
    [button] = [b for b in box.buttons() if b.text().replace("&", "") == text]
    button.click()
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is None)


def offered(card: GroupCard) -> list[str]:
    return [b.text() for b in card.buttons if b.isVisibleTo(card)]


@pytest.fixture
def source() -> Groups:
    return Groups()


@pytest.fixture
def page(qtbot, source: Groups, runner: TaskRunner) -> GroupsPage:
    made = GroupsPage(source, runner)
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.groups_shown, timeout=TIMEOUT_MS):
        made.show()  # the page asks the server each time it is shown
    assert source.calls[0] == "groups"
    return made


def card(page: GroupsPage, name: str) -> GroupCard:
    found = page.card(name)
    assert found is not None, f"{name} is not listed"
    return found


def reload(qtbot, page: GroupsPage, action: Callable[[], None]) -> None:
    """Do something that ends with the page listing the groups again."""
    with qtbot.waitSignal(page.groups_shown, timeout=TIMEOUT_MS):
        action()


def test_each_group_says_what_it_is_where_one_stands_and_what_one_can_do(page: GroupsPage):
    assert [c.group.name for c in page.cards.values()] == ["Finance", "Kiln guild", "SRE"]
    kiln, finance, sre = card(page, "Kiln guild"), card(page, "Finance"), card(page, "SRE")
    assert kiln.facts.text() == "Community · Open: anyone may join · 1 member"
    assert kiln.description.text() == "Pottery at lunch" and not kiln.description.isHidden()
    assert finance.description.isHidden()
    assert offered(kiln) == ["Join"] and kiln.standing.isHidden()
    assert offered(finance) == ["Ask to join"]
    assert sre.standing.text() == "Owner"
    assert offered(sre) == ["Requests (2)", "Leave"]
    assert sre.requests_button.accessibleName() == "2 people ask to join SRE: answer"
    assert kiln.join_button.accessibleName() == "Join Kiln guild"
    assert page.status.text() == "3 groups; you are in 1."


def test_joining_an_open_group_asks_for_a_sync_and_shows_the_membership(qtbot, page, source):
    with (
        qtbot.waitSignal(page.membership_changed, timeout=TIMEOUT_MS) as changed,
        qtbot.waitSignal(page.groups_shown, timeout=TIMEOUT_MS),
    ):
        click(qtbot, card(page, "Kiln guild").join_button)
    assert changed.args == ["g-kiln"]
    assert ME in source.members["g-kiln"]
    kiln = card(page, "Kiln guild")
    assert kiln.standing.text() == "Member" and offered(kiln) == ["Leave"]
    assert kiln.facts.text().endswith("2 members")


def test_asking_to_join_a_closed_group_waits_for_an_owner_without_a_sync(qtbot, page, source):
    with qtbot.assertNotEmitted(page.membership_changed):
        reload(qtbot, page, lambda: click(qtbot, card(page, "Finance").ask_button))
    finance = card(page, "Finance")
    assert finance.standing.text() == "Request pending"
    assert offered(finance) == ["Withdraw request"]
    assert ME not in source.members["g-fin"]

    with qtbot.assertNotEmitted(page.membership_changed):
        reload(qtbot, page, lambda: click(qtbot, card(page, "Finance").withdraw_button))
    assert offered(card(page, "Finance")) == ["Ask to join"]
    assert source.requests["g-fin"] == []


def test_leaving_is_confirmed_and_then_asks_for_a_sync(qtbot, page, source):
    source.owners["g-sre"].add("u-ana")  # a second owner, so leaving is allowed
    click(qtbot, card(page, "SRE").leave_button)
    press(qtbot, page, "confirmLeave", "Cancel")
    assert ME in source.members["g-sre"] and "leave g-sre" not in source.calls

    click(qtbot, card(page, "SRE").leave_button)
    with (
        qtbot.waitSignal(page.membership_changed, timeout=TIMEOUT_MS),
        qtbot.waitSignal(page.groups_shown, timeout=TIMEOUT_MS),
    ):
        press(qtbot, page, "confirmLeave", "Leave")
    assert ME not in source.members["g-sre"]
    sre = card(page, "SRE")
    assert sre.standing.isHidden() and offered(sre) == ["Ask to join"]


def test_the_last_owner_is_told_in_place_why_they_cannot_leave(qtbot, page, source):
    click(qtbot, card(page, "SRE").leave_button)
    with (
        qtbot.assertNotEmitted(page.membership_changed),
        qtbot.waitSignal(page.failed, timeout=TIMEOUT_MS),
    ):
        press(qtbot, page, "confirmLeave", "Leave")
    assert not page.error.isHidden()
    assert page.error.text().startswith("You are the only owner of SRE")
    sre = card(page, "SRE")
    assert sre.leave_button.isEnabled() and sre.standing.text() == "Owner"


def test_offline_the_page_says_groups_need_a_connection(qtbot, source, runner):
    source.offline = True
    offline = GroupsPage(source, runner)
    qtbot.addWidget(offline)
    with qtbot.waitSignal(offline.failed, timeout=TIMEOUT_MS):
        offline.show()
    assert offline.error.text() == "Groups need a connection to the server."
    assert offline.status.text() == "Groups could not be listed."
    assert offline.cards == {}

    source.offline = False
    reload(qtbot, offline, lambda: click(qtbot, offline.refresh_button))
    assert offline.error.isHidden() and len(offline.cards) == 3


def test_an_action_that_fails_offline_keeps_the_list_and_says_why(qtbot, page, source):
    source.offline = True
    with qtbot.waitSignal(page.failed, timeout=TIMEOUT_MS):
        click(qtbot, card(page, "Kiln guild").join_button)
    assert page.error.text() == "Groups need a connection to the server."
    assert card(page, "Kiln guild").join_button.isEnabled()
    assert len(page.cards) == 3


def test_an_owner_approves_and_declines_requests(qtbot, page, source):
    with qtbot.waitSignal(page.groups_shown, timeout=TIMEOUT_MS):  # not before the dialog
        click(qtbot, card(page, "SRE").requests_button)
        dialog = page.requests_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: len(dialog.rows) == 2, timeout=TIMEOUT_MS)
        assert dialog.windowTitle() == "Requests to join SRE"
        bo, cy = dialog.row("bo"), dialog.row("cy")
        assert bo is not None and cy is not None
        assert bo.who.text() == "Bo Lindqvist (bo)"
        assert bo.approve_button.accessibleName() == "Approve Bo Lindqvist"
        with (
            qtbot.waitSignal(dialog.answered, timeout=TIMEOUT_MS) as answered,
            qtbot.waitSignal(page.membership_changed, timeout=TIMEOUT_MS) as changed,
        ):
            click(qtbot, bo.approve_button)
        assert answered.args == ["g-sre", "u-bo", True]
        assert changed.args == ["g-sre"]  # the window syncs: the member list follows
    assert "u-bo" in source.members["g-sre"]
    qtbot.waitUntil(lambda: list(dialog.rows) == ["u-cy"], timeout=TIMEOUT_MS)
    sre = card(page, "SRE")
    assert sre.requests_button.text() == "Requests (1)"

    with (
        qtbot.waitSignal(dialog.requests_shown, timeout=TIMEOUT_MS) as shown,
        qtbot.assertNotEmitted(page.membership_changed),
    ):
        click(qtbot, dialog.rows["u-cy"].decline_button)
    assert shown.args == [0]
    assert not dialog.empty.isHidden() and "u-cy" not in source.members["g-sre"]
    qtbot.waitUntil(lambda: offered(card(page, "SRE")) == ["Leave"], timeout=TIMEOUT_MS)


def test_an_answer_someone_else_gave_first_is_reported_and_the_list_refreshed(qtbot, page, source):
    dialog = page.open_requests("g-sre", "SRE")
    qtbot.waitUntil(lambda: len(dialog.rows) == 2, timeout=TIMEOUT_MS)
    source.requests["g-sre"] = source.requests["g-sre"][1:]  # another owner took bo in
    with qtbot.waitSignal(dialog.requests_shown, timeout=TIMEOUT_MS):
        click(qtbot, dialog.rows["u-bo"].approve_button)
    assert dialog.error.text().startswith("No such pending request")
    assert list(dialog.rows) == ["u-cy"]


@pytest.fixture
def signed_out(tmp_path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "profile")
    yield opened
    opened.close()


def test_the_window_offers_home_and_inbox_first_and_groups_between_experts_and_compose(
    qtbot, signed_out: Workspace, window_for: Callable[[Workspace], MainWindow]
):
    window = window_for(signed_out)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window
    names = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert names[:2] == ["Home", "Inbox"]
    assert names[2:7] == ["Feed", "Search", "Experts", "Groups", "Compose"]
    assert window.pages.widget(GROUPS) is window.groups
    assert window.pages.widget(COMPOSE) is window.composer
    with qtbot.waitSignal(window.groups.failed, timeout=TIMEOUT_MS) as failed:
        qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentRow() == GROUPS
    assert failed.args == ["Sign in before listing groups."]
    assert window.groups.error.text() == failed.args[0]
    for key, row in (
        (Qt.Key.Key_N, COMPOSE),
        (Qt.Key.Key_E, EXPERTS),
        (Qt.Key.Key_F, SEARCH),
        (Qt.Key.Key_1, FEED),
    ):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.navigation.currentRow() == row
        assert window.pages.currentIndex() == row
    assert window.reading.isHidden() is False


@pytest.mark.integration
def test_joining_from_the_window_brings_the_groups_post_and_leaving_takes_it_away(
    qtbot,
    colleagues: AdminTools,
    desktop_of: Callable[..., Workspace],
    window_for: Callable[[Workspace], MainWindow],
) -> None:
    colleagues.add_group("Kiln guild", kind="community", visibility="open")
    colleagues.add_member("Kiln guild", "ana", owner=True)
    ana, priya = desktop_of("ana"), desktop_of("priya")
    glaze = ana.publish(
        title="Glaze recipes", body="Celadon at cone 6.", audience=["group:Kiln guild"]
    )
    assert ana.sync().status.state == "idle"
    assert priya.sync().status.state == "idle"
    assert priya.item(glaze) is None

    window = window_for(priya)
    window.show()
    qtbot.waitExposed(window)
    page = window.groups
    with qtbot.waitSignal(page.groups_shown, timeout=60_000):
        window.show_page(GROUPS)
    assert card(page, "SRE on-call").standing.text() == "Member"
    assert offered(card(page, "Kiln guild")) == ["Join"]

    with qtbot.waitSignal(window._sync.sync_finished, timeout=60_000):
        click(qtbot, card(page, "Kiln guild").join_button)
    qtbot.waitUntil(lambda: priya.item(glaze) is not None, timeout=60_000)
    qtbot.waitUntil(lambda: card(page, "Kiln guild").standing.text() == "Member", timeout=60_000)

    click(qtbot, card(page, "Kiln guild").leave_button)
    with qtbot.waitSignal(window._sync.sync_finished, timeout=60_000):
        press(qtbot, page, "confirmLeave", "Leave")
    qtbot.waitUntil(lambda: priya.item(glaze) is None, timeout=60_000)
    assert priya.search("Celadon").total == 0
