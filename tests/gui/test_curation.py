"""The Curation area offscreen: the entries model reorders by moves and drops, the
pictures render with what they show, and only curators get the area at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage

from kshare.client.curation.flow import (
    Flow,
    PeopleGraph,
    Wait,
    articulation_points,
)
from kshare.client.curation.views import CollectionView, EntryView, SectionView
from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from kshare.ui.curation.entries_model import MIME, NOTE_ROLE, EntriesModel
from kshare.ui.curation.pictures import (
    BRIDGE,
    export_picture,
    flow_picture,
    people_picture,
    wait_picture,
)
from kshare.ui.curation.window import CollectionsPage, CurationWindow
from kshare.ui.operations import TaskRunner
from tests.support.server import ServerProcess

PASSWORD = "correct horse battery"
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


def _view(editable: bool = True) -> CollectionView:
    def entry(n: int) -> EntryView:
        return EntryView(f"i{n}", "item", f"Entry {n}", f"note {n}", "post")

    return CollectionView(
        id="c1",
        title="Onboarding",
        description="",
        sections=(
            SectionView("Basics", (entry(1), entry(2))),
            SectionView("On call", (entry(3), entry(4))),
        ),
        can_edit=editable,
        version=3,
    )


def _ids(model: EntriesModel) -> list[str]:
    return [e.item_id for e in model.entries()]


def test_the_entries_model_moves_rows_and_keeps_sections_and_notes(qtmodeltester: Any) -> None:
    model = EntriesModel()
    model.load(_view())
    qtmodeltester.check(model)
    changed: list[bool] = []
    model.entries_changed.connect(lambda: changed.append(True))
    assert model.moveRows(QModelIndex(), 3, 1, QModelIndex(), 0)
    assert _ids(model) == ["i4", "i1", "i2", "i3"]
    assert model.entries()[0].section == "On call" and model.entries()[0].note == "note 4"
    assert not model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 1)  # no move at all
    assert model.setData(model.index(1), "read this first", NOTE_ROLE)
    assert model.entries()[1].note == "read this first"
    assert [e.position for e in model.entries()] == [0, 1, 2, 3]
    assert len(changed) == 2
    qtmodeltester.check(model)


def test_dropping_dragged_rows_moves_them(qtmodeltester: Any) -> None:
    model = EntriesModel()
    model.load(_view())
    data = model.mimeData([model.index(0), model.index(1)])
    assert MIME in data.formats()
    model.dropMimeData(data, model.supportedDropActions(), 4, 0, QModelIndex())
    assert _ids(model) == ["i3", "i4", "i1", "i2"]
    qtmodeltester.check(model)


def test_readers_cannot_drag_or_edit() -> None:
    model = EntriesModel()
    model.load(_view(editable=False))
    assert not model.setData(model.index(0), "mine now", NOTE_ROLE)
    data = model.mimeData([model.index(0)])
    assert not model.dropMimeData(data, model.supportedDropActions(), 3, 0, QModelIndex())
    assert _ids(model) == ["i1", "i2", "i3", "i4"]


def _colour_pixels(path: Path, colour: QColor, tolerance: int = 40) -> int:
    image = QImage(str(path))
    assert not image.isNull()
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) < tolerance
                and abs(pixel.green() - colour.green()) < tolerance
                and abs(pixel.blue() - colour.blue()) < tolerance
            ):
                found += 1
    return found


def test_the_people_graph_highlights_the_bridge_and_exports(qtbot: Any, tmp_path: Path) -> None:
    # Two triangles joined only through person 2 (Cleo): she is the bridge.
    edges = ((0, 1), (0, 2), (1, 2), (2, 3), (3, 4), (2, 4))
    assert articulation_points(5, edges) == {2}
    graph = PeopleGraph(
        names=("Ann", "Bo", "Cleo", "Dev", "Eli"),
        departments=("Sales", "Sales", "Data", "Data", "Data"),
        edges=edges,
        bridges=frozenset({2}),
    )
    plot = people_picture(graph)
    qtbot.addWidget(plot)
    plot.resize(700, 500)
    png = tmp_path / "people.png"
    export_picture(plot, png)
    assert _colour_pixels(png, BRIDGE) > 20
    lonely = people_picture(PeopleGraph(("Ann", "Bo"), ("Sales", "Data"), ((0, 1),)))
    qtbot.addWidget(lonely)
    lonely.resize(700, 500)
    export_picture(lonely, tmp_path / "lonely.png")
    assert _colour_pixels(tmp_path / "lonely.png", BRIDGE) == 0
    svg = tmp_path / "people.svg"
    export_picture(plot, svg)
    assert "Cleo" in svg.read_text(encoding="utf-8")


def test_flow_and_wait_pictures_draw_their_numbers(qtbot: Any, tmp_path: Path) -> None:
    flows = (Flow("Sales", "Engineering", 9), Flow("Finance", "Engineering", 2))
    plot = flow_picture(flows)
    qtbot.addWidget(plot)
    plot.resize(800, 400)
    svg = tmp_path / "flow.svg"
    export_picture(plot, svg)
    text = svg.read_text(encoding="utf-8")
    assert all(name in text for name in ("Sales", "Finance", "Engineering"))
    export_picture(plot, tmp_path / "flow.png")
    assert _colour_pixels(tmp_path / "flow.png", QColor("#9bbbdc"), 30) > 50  # the bands
    waits = wait_picture((Wait("vpn", 6.5, 4), Wait("sso", 1.0, 2)), "Waits")
    qtbot.addWidget(waits)
    waits.resize(800, 400)
    export_picture(waits, tmp_path / "waits.png")
    assert _colour_pixels(tmp_path / "waits.png", QColor("#3676ba")) > 50
    with pytest.raises(ValueError):
        export_picture(waits, tmp_path / "waits.gif")


@pytest.fixture
def curator_desktop(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Workspace, Workspace, AdminTools]]:
    monkeypatch.setenv("KSHARE_TEST_FAST_HASH", "1")
    tools = AdminTools(server.data_dir)
    for username, name in (("ana", "Ana Souza"), ("bo", "Bo Lindqvist")):
        tools.add_user(username, name, PASSWORD)
    tools.grant_curator("ana")
    opened = []
    for username in ("ana", "bo"):
        workspace = Workspace.open(tmp_path / username)
        workspace.login(server.url, username, PASSWORD)
        opened.append(workspace)
    yield opened[0], opened[1], tools
    for workspace in opened:
        workspace.close()
    tools.close()


def test_the_curation_window_shows_a_curators_collections_review_and_flow(
    qtbot: Any, runner: TaskRunner, curator_desktop: Any, tmp_path: Path
) -> None:
    ana, bo, _admin = curator_desktop
    question = bo.publish(title="How do I reach the VPN?", body="From home", kind="question")
    bo.sync()
    ana.sync()
    answer = ana.publish(title="", body="Use the client", kind="answer", parent_id=question)
    made = ana.curation.create_collection("00000000-0000-4000-8000-0000000c0a11", "Remote work")
    ana.curation.add(made, question, section="Getting connected", note="start here")
    ana.sync()
    assert answer
    window = CurationWindow(ana, runner)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.refresh()
    qtbot.waitUntil(lambda: window.collections.model.rowCount() == 1, timeout=10_000)
    assert window.collections.title.text() == "Remote work"
    qtbot.waitUntil(lambda: "people" in window.flow.pictures, timeout=10_000)
    qtbot.waitUntil(lambda: window.health.report is not None, timeout=10_000)
    assert window.health.report is not None
    assert window.health.report.unanswered == []  # ana answered it
    assert "Never verified (1)" in window.health.browser.toPlainText()
    flow = window.flow.pictures
    assert set(flow) == {"flow", "waits_by_tag", "waits_by_department", "people"}
    window.tabs.setCurrentWidget(window.collections)
    shot = tmp_path / "collections.png"
    window.grab().save(str(shot))
    assert not QImage(str(shot)).isNull()
    window.collections.model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 1)  # no move
    assert not window.collections.save.isEnabled()


def test_only_curators_get_the_curation_menu(
    qtbot: Any, runner: TaskRunner, curator_desktop: Any, window_for: Any
) -> None:
    ana, bo, admin = curator_desktop
    ana.sync()
    bo.sync()
    curator, reader = window_for(ana), window_for(bo)
    qtbot.waitUntil(lambda: curator.curation_menu.menuAction().isVisible(), timeout=10_000)
    runner.wait_idle("local", 10)
    assert not reader.curation_menu.menuAction().isVisible()
    opened = curator.open_curation()
    qtbot.waitUntil(lambda: "people" in opened.flow.pictures, timeout=10_000)
    assert opened.isVisible() and opened.tabs.count() == 4
    admin.grant_curator("bo", tags=["vpn"])
    bo.sync()
    reader.refresh_curation()
    qtbot.waitUntil(lambda: reader.curation_menu.menuAction().isVisible(), timeout=10_000)


@pytest.mark.slow
def test_the_demo_curator_has_collections_overdue_content_and_pictures(
    qtbot: Any, runner: TaskRunner, tmp_path: Path
) -> None:
    # A server of its own: one shared with other tests would outlive this test's threads.
    server = ServerProcess(tmp_path / "demo-server", demo=True).start(timeout=240)
    workspace = Workspace.open(tmp_path / "jakob")
    try:
        workspace.login(server.url, "jakob.berg", "demo-password")
        workspace.sync()
        window = CurationWindow(workspace, runner)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        window.refresh()
        qtbot.waitUntil(lambda: window.collections.list.count() >= 3, timeout=20_000)
        qtbot.waitUntil(lambda: window.review.list.count() >= 2, timeout=20_000)
        qtbot.waitUntil(lambda: window.health.report is not None, timeout=20_000)
        qtbot.waitUntil(lambda: "people" in window.flow.pictures, timeout=20_000)
        due = [window.review.list.item(i).text() for i in range(window.review.list.count())]
        assert any("past its review date" in text for text in due)
        assert any("document changed" in text for text in due)
        before = window.review.list.count()
        window.review.list.setCurrentRow(0)
        window.review.verify.click()  # still right: looked at again in six months
        qtbot.waitUntil(lambda: window.review.list.count() == before - 1, timeout=20_000)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            shot = tmp_path / f"curation-{index}.png"
            assert window.grab().save(str(shot))
            assert QImage(str(shot)).width() >= 1000
        people = window.flow.pictures["people"]
        people.resize(900, 600)
        export_picture(people, tmp_path / "people.png")
        assert _colour_pixels(tmp_path / "people.png", BRIDGE) > 20
    finally:
        workspace.close()
        server.stop()


def test_the_follow_button_on_a_collection_follows_and_unfollows_it(
    qtbot: Any, runner: TaskRunner, curator_desktop: Any
) -> None:
    ana, bo, _admin = curator_desktop
    made = ana.curation.create_collection("00000000-0000-4000-8000-0000000c0a12", "Security")
    ana.sync()
    bo.sync()
    page = CollectionsPage(bo, runner)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.follow.isEnabled(), timeout=10_000)
    assert (page.follow.text(), page.follow.isChecked()) == ("Follow", False)
    qtbot.mouseClick(page.follow, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.follow.text() == "Following", timeout=10_000)
    assert made in bo.notifications.follow_set().collections
    bo.sync()
    assert [(f.kind, f.target) for f in bo.notifications.following()] == [("collection", made)]
    bo.notifications.inbox()  # the first look
    post = ana.publish(title="Rotating keys", body="Yearly")
    ana.sync()
    ana.curation.add(made, post)
    ana.sync()
    bo.sync()
    assert [e.text for e in bo.notifications.inbox(unread_only=True)] == [
        "Collection “Security” changed: 1 entry added"
    ]
    qtbot.mouseClick(page.follow, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.follow.text() == "Follow", timeout=10_000)
    assert bo.notifications.follow_set().collections == frozenset()
