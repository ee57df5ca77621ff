from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument

from kshare.ui.detail_view import DetailPane, SafeTextBrowser
from tests.gui.conftest import detail

pytestmark = pytest.mark.gui

PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
    "z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


class ItemsById:
    def __init__(self, *details):
        self.details = {d.summary.id: d for d in details}

    def item(self, item_id):
        return self.details.get(item_id)


def test_browser_refuses_remote_and_local_resources(qtbot):
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    remote = QUrl("https://tracker.example.net/pixel.png")
    assert browser.loadResource(QTextDocument.ResourceType.ImageResource, remote) is None
    local = QUrl("file:///etc/hostname")
    assert browser.loadResource(QTextDocument.ResourceType.ImageResource, local) is None
    assert browser.refused == [remote, local]


def test_remote_images_in_a_post_are_not_loaded_and_the_reader_is_told(qtbot, runner):
    body = (
        '<p>Look:</p><img src="https://tracker.example.net/p.png">'
        '<img src="http://cdn.example.net/a.gif"><img src="' + PIXEL + '">'
    )
    pane = DetailPane(ItemsById(detail(1, body)), runner)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.item_shown):
        pane.show_item("item-1")
    refused = {u.toString() for u in pane.browser.refused}
    assert refused == {"https://tracker.example.net/p.png", "http://cdn.example.net/a.gif"}
    assert pane._blocked.isVisibleTo(pane)
    assert "Look:" in pane.browser.toPlainText()


def test_a_post_without_remote_images_shows_no_notice(qtbot, runner):
    pane = DetailPane(ItemsById(detail(1, "<p>Plain text</p>")), runner)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.item_shown):
        pane.show_item("item-1")
    assert not pane._blocked.isVisibleTo(pane)
    assert pane.browser.refused == []


def test_links_open_in_the_system_browser_only_when_clicked(qtbot, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.show_html('<a href="https://wiki.example.net/runbook">runbook</a>')
    assert opened == []
    browser.anchorClicked.emit(QUrl("https://wiki.example.net/runbook"))
    assert opened == [QUrl("https://wiki.example.net/runbook")]
    browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert len(opened) == 1


def test_item_links_stay_inside_the_app(qtbot):
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    with qtbot.waitSignal(browser.item_link_clicked) as blocker:
        browser.anchorClicked.emit(QUrl("kshare:item/abc-123"))
    assert blocker.args == ["abc-123"]


def test_answers_are_shown_under_the_question_with_the_accepted_one_marked(qtbot, runner):
    answer = detail(2, "<p>Restart the pod.</p>")
    answer = detail(
        2,
        "<p>Restart the pod.</p>",
        summary=answer.summary.__class__(
            **{**answer.summary.__dict__, "is_accepted": True, "author_name": "Kwame Mensah"}
        ),
    )
    question = detail(1, "<p>Why is it down?</p>", answers=(answer,))
    pane = DetailPane(ItemsById(question), runner)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.item_shown):
        pane.show_item("item-1")
    text = pane.browser.toPlainText()
    assert "1 ANSWER" in text
    assert "Kwame Mensah" in text and "Accepted answer" in text and "Restart the pod." in text


def test_an_item_that_vanished_in_a_sync_is_closed(qtbot, runner):
    from kshare.client.sync.report import Changes

    pane = DetailPane(ItemsById(detail(1, "<p>x</p>")), runner)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.item_shown):
        pane.show_item("item-1")
    pane.on_changes(Changes(removed_ids=frozenset({"item-1"})))
    assert pane.item_id is None
    assert "no longer available" in pane._empty.text()
