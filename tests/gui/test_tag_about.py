"""The tag page shows what the tag means, as its curators described it, above its content."""

from __future__ import annotations

from typing import Any

import pytest

from kshare.client.pages import TagPageView
from kshare.ui.operations import TaskRunner
from kshare.ui.tag_page import TagPage

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


class Described:
    def __init__(self) -> None:
        self.about = {"kafka": "Our event bus: topics, consumers, retention"}

    def tag_page(self, tag: str) -> TagPageView:
        return TagPageView(tag, "1 item tagged", 1, (), (), self.about.get(tag, ""))


def test_the_description_shows_when_there_is_one_and_hides_when_not(
    qtbot: Any, runner: TaskRunner
) -> None:
    source = Described()
    page = TagPage(source, runner)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.shown, timeout=5_000):
        page.show_tag("kafka")
    assert page.about.isVisible()
    assert page.about.text() == "Our event bus: topics, consumers, retention"
    with qtbot.waitSignal(page.shown, timeout=5_000):
        page.show_tag("vpn")
    assert not page.about.isVisible() and page.about.text() == ""
    source.about["kafka"] = ""  # removed by the curators, synced
    with qtbot.waitSignal(page.shown, timeout=5_000):
        page.show_tag("kafka")
    assert not page.about.isVisible()
