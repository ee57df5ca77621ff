"""A curated collection in the main window's reading pane, against a real server: found by
search it opens with its sections, entries and notes; an entry its reader may not see
leaves no trace; an entry opens what it points at and Back returns; it can be followed;
a curator can take it to the curation window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from kshare.ui.collection_view import CollectionPane
from kshare.ui.main_window import MainWindow
from tests.support.server import ServerProcess

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
PASSWORD = "correct horse battery"
TIMEOUT_MS = 30_000
COLLECTION = "00000000-0000-4000-8000-0000000c0b01"
TEAM = "SRE on-call"


def _sync(workspace: Workspace) -> None:
    report = workspace.sync()
    assert report.status.state == "idle", report.status.message


@pytest.fixture
def handbook(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, Any]]:
    """ana (a curator) and priya are in a closed team, bo is not; ana's collection for
    everyone holds a post for everyone, a team-only runbook and priya herself."""
    monkeypatch.setenv("KSHARE_TEST_FAST_HASH", "1")
    admin = AdminTools(server.data_dir)
    admin.add_group(TEAM, kind="team", visibility="closed")
    ids = {}
    for username, name in (("ana", "Ana Souza"), ("priya", "Priya Raman"), ("bo", "Bo Lindqvist")):
        ids[username] = admin.add_user(username, name, PASSWORD)
    for username in ("ana", "priya"):
        admin.add_member(TEAM, username)
    admin.grant_curator("ana")
    desks: dict[str, Workspace] = {}
    for username in ("ana", "priya", "bo"):
        desks[username] = Workspace.open(tmp_path / username)
        desks[username].login(server.url, username, PASSWORD)
    ana = desks["ana"]
    public = ana.publish(title="Rotating VPN keys", body="Yearly, in March.")
    secret = ana.publish(
        title="Pager escalation runbook", body="Call the lead.", audience=[f"group:{TEAM}"]
    )
    _sync(ana)
    made = ana.curation.create_collection(
        COLLECTION, "Onboarding handbook", description="What every newcomer reads first."
    )
    ana.curation.add(made, public, section="Basics", note="Start with this one")
    ana.curation.add(made, secret, section="On call", note="Only for the pager rota")
    ana.curation.add(made, ids["priya"], section="People", note="Ask her about VPN")
    _sync(ana)
    for desk in desks.values():
        _sync(desk)
    yield {"desks": desks, "public": public, "secret": secret, "collection": made, "ids": ids}
    for desk in desks.values():
        desk.close()
    admin.close()


def _open_by_search(qtbot: Any, window: MainWindow, query: str) -> CollectionPane:
    window.start_search()
    with qtbot.waitSignal(window.search.results_shown, timeout=TIMEOUT_MS):
        window.search.search(query)
    model = window.search.model
    titles = [model.index(r).data() for r in range(model.rowCount())]
    assert "Onboarding handbook" in titles, titles
    pane = window.collection
    with qtbot.waitSignal(pane.collection_shown, timeout=TIMEOUT_MS):
        window.search.list.setCurrentIndex(model.index(titles.index("Onboarding handbook")))
    assert window.reading.currentWidget() is pane
    return pane


def _sections(pane: CollectionPane) -> list[str]:
    return [
        label.text()
        for label in pane.findChildren(QLabel, "collectionSection")
        if label.isVisibleTo(pane)
    ]


def _entries(pane: CollectionPane) -> list[tuple[str, str]]:
    return [(b.text(), b.accessibleDescription()) for b in pane.entry_buttons]


def _everything_shown(pane: CollectionPane) -> str:
    texts = [label.text() for label in pane.findChildren(QLabel)]
    for button in pane.findChildren(QAbstractButton):
        texts += [button.text(), button.toolTip(), button.accessibleName()]
        texts.append(button.accessibleDescription())
    return "\n".join(texts)


def test_a_collection_found_by_search_opens_with_its_sections_and_notes(
    qtbot: Any, handbook: dict[str, Any], window_for: Callable[[Workspace], MainWindow]
) -> None:
    window = window_for(handbook["desks"]["priya"])
    pane = _open_by_search(qtbot, window, "onboarding handbook")
    assert pane.title.text() == "Onboarding handbook"
    assert pane.description.text() == "What every newcomer reads first."
    assert pane.curators.text() == "Curated by Ana Souza"
    assert _sections(pane) == ["Basics", "On call", "People"]
    assert _entries(pane) == [
        ("Rotating VPN keys", "Post\nStart with this one"),
        ("Pager escalation runbook", "Post\nOnly for the pager rota"),
        ("Priya Raman", "Person\nAsk her about VPN"),
    ]
    assert not pane.curation_button.isVisibleTo(window)  # priya does not curate it
    assert not window.detail.isVisibleTo(window)


def test_an_outsider_sees_no_trace_of_an_entry_they_may_not_see(
    qtbot: Any, handbook: dict[str, Any], window_for: Callable[[Workspace], MainWindow]
) -> None:
    bo = handbook["desks"]["bo"]
    assert bo.item(handbook["secret"]) is None  # not on his computer at all
    window = window_for(bo)
    pane = _open_by_search(qtbot, window, "onboarding handbook")
    assert _sections(pane) == ["Basics", "People"]
    assert _entries(pane) == [
        ("Rotating VPN keys", "Post\nStart with this one"),
        ("Priya Raman", "Person\nAsk her about VPN"),
    ]
    shown = _everything_shown(pane)
    for trace in ("On call", "pager", "Pager", "runbook", handbook["secret"]):
        assert trace not in shown
    assert not [b for b in pane.entry_buttons if b.property("entryId") == handbook["secret"]]


def test_an_entry_opens_what_it_points_at_and_back_returns_to_the_collection(
    qtbot: Any, handbook: dict[str, Any], window_for: Callable[[Workspace], MainWindow]
) -> None:
    window = window_for(handbook["desks"]["priya"])
    pane = _open_by_search(qtbot, window, "handbook")
    post = next(b for b in pane.entry_buttons if b.text() == "Rotating VPN keys")
    with qtbot.waitSignal(window.detail.item_shown, timeout=TIMEOUT_MS) as shown:
        qtbot.mouseClick(post, Qt.MouseButton.LeftButton)
    assert shown.args == [handbook["public"]]
    assert window.reading.currentWidget() is window.detail
    assert window.detail.browser.toPlainText().strip() == "Yearly, in March."

    back = window.navigator.back_action
    assert back.isEnabled()
    with qtbot.waitSignal(pane.collection_shown, timeout=TIMEOUT_MS):
        back.trigger()
    assert window.reading.currentWidget() is pane
    assert pane.collection_id == handbook["collection"]
    assert _sections(pane) == ["Basics", "On call", "People"]

    # Forward goes to the post again; a person entry opens the profile.
    with qtbot.waitSignal(window.detail.item_shown, timeout=TIMEOUT_MS):
        window.navigator.forward_action.trigger()
    assert window.detail.item_id == handbook["public"]
    with qtbot.waitSignal(pane.collection_shown, timeout=TIMEOUT_MS):
        window.navigator.back_action.trigger()
    person = next(b for b in pane.entry_buttons if b.text() == "Priya Raman")
    with qtbot.waitSignal(window.person.profile_shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(person, Qt.MouseButton.LeftButton)
    assert window.reading.currentWidget() is window.person
    with qtbot.waitSignal(pane.collection_shown, timeout=TIMEOUT_MS):
        window.navigator.back_action.trigger()
    assert window.reading.currentWidget() is pane

    # A sync that changes the collection while a post is read redraws it in the
    # background, without making it a place of its own.
    with qtbot.waitSignal(window.detail.item_shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(pane.entry_buttons[0], Qt.MouseButton.LeftButton)
    here = window.navigator.history.current
    pane.title.clear()
    pane.on_changes(SimpleNamespace(item_ids={handbook["collection"]}, removed_ids=set()))
    qtbot.waitUntil(lambda: pane.title.text() == "Onboarding handbook", timeout=TIMEOUT_MS)
    assert window.navigator.history.current == here
    assert window.reading.currentWidget() is window.detail


def test_a_collection_linked_from_an_item_opens_as_a_collection(
    qtbot: Any, handbook: dict[str, Any], window_for: Callable[[Workspace], MainWindow]
) -> None:
    window = window_for(handbook["desks"]["bo"])
    with qtbot.waitSignal(window.collection.collection_shown, timeout=TIMEOUT_MS):
        window.detail.item_link_clicked.emit(handbook["collection"])  # a kshare:item/ link
    assert window.reading.currentWidget() is window.collection
    assert window.detail.item_id is None  # the item pane keeps nothing of it


def test_the_follow_button_follows_the_collection(
    qtbot: Any, handbook: dict[str, Any], window_for: Callable[[Workspace], MainWindow]
) -> None:
    bo = handbook["desks"]["bo"]
    window = window_for(bo)
    pane = _open_by_search(qtbot, window, "handbook")
    button = pane.follow_button
    assert button.isVisibleTo(window)
    qtbot.waitUntil(button.button.isEnabled, timeout=TIMEOUT_MS)
    assert button.button.text() == "Follow"
    with qtbot.waitSignal(button.changed, timeout=TIMEOUT_MS) as changed:
        qtbot.mouseClick(button.button, Qt.MouseButton.LeftButton)
    assert changed.args == ["collection", handbook["collection"], True]
    assert button.button.text() == "Following"
    assert handbook["collection"] in bo.notifications.follow_set().collections
    _sync(bo)
    assert ("collection", handbook["collection"]) in {
        (f.kind, f.target) for f in bo.notifications.following()
    }


def test_a_curator_opens_the_collection_in_the_curation_window(
    qtbot: Any, handbook: dict[str, Any], window_for: Callable[[Workspace], MainWindow]
) -> None:
    ana = handbook["desks"]["ana"]
    ana.curation.create_collection("00000000-0000-4000-8000-0000000c0b02", "Alpha first")
    window = window_for(ana)
    pane = _open_by_search(qtbot, window, "onboarding handbook")
    assert pane.curation_button.isVisibleTo(window)
    qtbot.mouseClick(pane.curation_button, Qt.MouseButton.LeftButton)
    curation = window.curation_window
    assert curation is not None and curation.isVisible()
    page = curation.collections
    qtbot.waitUntil(
        lambda: page.collection is not None and page.collection.id == handbook["collection"],
        timeout=TIMEOUT_MS,
    )
    assert curation.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: "people" in curation.flow.pictures, timeout=TIMEOUT_MS)
