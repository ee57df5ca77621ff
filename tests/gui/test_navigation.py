"""Names as ways in (tags, groups, authors → their pages), back/forward history, and the
window's shortcuts from every page, also while a text field has the focus."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QKeyCombination, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QStyleOptionViewItem

from kshare.client.services import Workspace
from kshare.ui.main_window import COMPOSE, EXPERTS, FEED, GROUPS, HOME, INBOX, SEARCH, MainWindow
from kshare.ui.navigation import History, Place

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]
TIMEOUT_MS = 60_000
Desktops = Callable[..., Workspace]


def test_history_goes_back_and_forward_and_a_new_visit_drops_what_was_ahead() -> None:
    history = History()
    for place in (Place("page", "0"), Place("item", "a"), Place("tag", "k8s")):
        history.visit(place)
    assert history.back() == Place("item", "a")
    assert history.back() == Place("page", "0")
    assert history.back() is None
    assert history.forward() == Place("item", "a")
    history.visit(Place("group", "g1"))
    assert not history.can_go_forward()
    history.visit(Place("group", "g1"))  # shown again: not a second place
    assert history.back() == Place("item", "a")


class ClaimingField(QLineEdit):
    """A line edit that takes Ctrl+E before shortcuts see it."""

    def event(self, event: QEvent) -> bool:
        ctrl_e = QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_E)
        claimed = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if claimed and event.keyCombination() == ctrl_e:  # type: ignore[attr-defined]
            event.accept()
            return True
        return super().event(event)


@pytest.fixture
def shared(desktop_of: Desktops) -> tuple[Workspace, str]:
    ana, priya = desktop_of("ana"), desktop_of("priya")
    post = ana.publish(
        title="Rotating TLS certificates",
        body="Use the **runbook**.",
        tags=["tls", "on-call"],
        audience=["group:SRE on-call"],
    )
    ana.sync()
    priya.sync()
    return priya, post


def test_tags_groups_and_authors_open_their_pages_and_back_forward_walk_them(
    qtbot, shared: tuple[Workspace, str], window_for
) -> None:
    priya, post = shared
    window: MainWindow = window_for(priya)
    window.show()
    nav = window.navigator
    with qtbot.waitSignal(window.detail.item_shown, timeout=TIMEOUT_MS):
        window.show_item(post)
    meta = window.detail._meta.text()
    assert 'href="tag:tls"' in meta and 'href="group:SRE%20on-call"' in meta

    with qtbot.waitSignal(nav.tag_page.shown, timeout=TIMEOUT_MS):
        window.detail._meta.linkActivated.emit("tag:tls")
    assert window.pages.currentWidget() is nav.tag_page
    assert nav.tag_page.title.text() == "#tls"
    assert "1 item tagged #tls, by 1 person" in nav.tag_page.description.text()
    assert nav.tag_page.items.item(0).text().startswith("Rotating TLS certificates")

    with qtbot.waitSignal(nav.group_page.shown, timeout=TIMEOUT_MS):
        window.detail._meta.linkActivated.emit("group:SRE%20on-call")
    page = nav.group_page
    assert page.title.text() == "SRE on-call"
    members = [page.members.item(i).text() for i in range(page.members.count())]
    assert any("Ana Souza" in m for m in members) and any("Priya Raman" in m for m in members)
    assert page.content.item(0).text().startswith("Rotating TLS certificates")

    # A tag chip on a feed card opens the tag page too.
    window.show_page(FEED)
    window.feed.refresh()
    qtbot.waitUntil(lambda: window.feed.model.rowCount() > 0, timeout=TIMEOUT_MS)
    delegate = window.feed.list.itemDelegate()
    index = window.feed.model.index(0, 0)
    option = QStyleOptionViewItem()
    window.feed.list.initViewItemOption(option)
    option.rect = window.feed.list.visualRect(index)
    chips = delegate.tag_chips(option, index)
    assert [tag for _rect, tag in chips] == ["tls", "on-call"]
    shown_before = window.detail.item_id
    with qtbot.waitSignal(nav.tag_page.shown, timeout=TIMEOUT_MS) as opened:
        qtbot.mouseClick(
            window.feed.list.viewport(),
            Qt.MouseButton.LeftButton,
            pos=chips[1][0].center().toPoint(),
        )
    assert opened.args == ["on-call"]
    assert window.detail.item_id == shown_before  # the chip, not the card, was clicked

    # Back: the feed, the group, the tag; forward again; the mouse's buttons do it too.
    assert nav.history.current == Place("tag", "on-call")
    nav.back_action.trigger()
    assert window.pages.currentIndex() == FEED
    nav.back_action.trigger()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is nav.group_page)
    with qtbot.waitSignal(nav.tag_page.shown, timeout=TIMEOUT_MS):
        nav.back_action.trigger()
    assert nav.tag_page.tag == "tls"
    assert nav.forward_action.isEnabled()
    back = QMouseEvent(
        QMouseEvent.Type.MouseButtonRelease,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.ForwardButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(nav.tag_page.items.viewport(), back)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is nav.group_page)

    # A group card opens the group's page.
    window.show_page(GROUPS)
    qtbot.waitUntil(lambda: window.groups.card("SRE on-call") is not None, timeout=TIMEOUT_MS)
    card = window.groups.card("SRE on-call")
    assert card is not None
    with qtbot.waitSignal(nav.group_page.shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(card.open_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is nav.group_page
    assert nav.history.current == Place("group", card.group.id)


def test_shortcuts_work_from_every_page_and_inside_text_fields(
    qtbot, shared: tuple[Workspace, str], window_for
) -> None:
    priya, _post = shared
    window: MainWindow = window_for(priya)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    keys = {
        HOME: (Qt.Key.Key_H, shift_ctrl),
        INBOX: (Qt.Key.Key_I, shift_ctrl),
        FEED: (Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier),
        SEARCH: (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
        EXPERTS: (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
        GROUPS: (Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier),
        COMPOSE: (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
    }
    for start in (HOME, INBOX, FEED, SEARCH, EXPERTS, GROUPS, COMPOSE):
        for goal, (key, modifier) in keys.items():
            window.show_page(start)
            # Where a person would be typing on that page, or the page itself.
            field = window.pages.currentWidget().findChild(
                QLineEdit
            ) or window.pages.currentWidget().findChild(QPlainTextEdit)
            target = field if field is not None else window.pages.currentWidget()
            target.setFocus()
            qtbot.waitUntil(lambda t=target: t.hasFocus() or not t.focusPolicy())
            qtbot.keyClick(target, key, modifier)
            assert window.navigation.currentRow() == goal, (start, goal)
    # A field that claims Ctrl+E for itself, as Qt's X11 key bindings make every line edit
    # do ("end of line"): the window's shortcut still wins.
    claiming = ClaimingField(window.search)
    window.search.layout().addWidget(claiming)
    window.show_page(SEARCH)
    claiming.setFocus()
    qtbot.waitUntil(claiming.hasFocus)
    qtbot.keyClick(claiming, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentRow() == EXPERTS
    # Back and forward from inside the composer's text box.
    window.show_page(FEED)
    window.show_page(COMPOSE)
    qtbot.keyClick(window.composer.body, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.navigation.currentRow() == FEED
    qtbot.keyClick(window.feed, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.navigation.currentRow() == COMPOSE
