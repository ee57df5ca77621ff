"""@mention completion in the composer, and mentions shown as links to the person."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl

from kshare.client.render import render_markdown
from kshare.client.views import Choice
from kshare.ui.composer import Composer
from kshare.ui.detail_view import SafeTextBrowser

# The offscreen platform cannot raise a popup or grab the keyboard for it, and says so.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

PEOPLE = [
    Choice("group", "g-1", "SRE on-call", "SRE on-call"),
    Choice("person", "u-priya", "priya", "Priya Raman (@priya)", "Priya Raman"),
    Choice("person", "u-pat", "pat", "Pat Lee (@pat)", "Pat Lee"),
    Choice("person", "u-omar", "omar", "Omar Haddad (@omar)", "Omar Haddad"),
]


class Directory:
    def audience_choices(self) -> list[Choice]:
        return PEOPLE

    def publish(self, **kwargs: Any) -> str:
        return "new-item"


def _composer(qtbot: Any, runner: Any) -> Composer:
    composer = Composer(Directory(), runner)
    qtbot.addWidget(composer)
    with qtbot.waitSignal(composer.audience.audience_changed, timeout=5000, raising=False):
        composer.load_choices()
    qtbot.waitUntil(lambda: composer.mentions.model.rowCount() == 3, timeout=5000)
    return composer


def _offered(composer: Composer) -> list[str]:
    completer = composer.mentions.completer
    model = completer.completionModel()
    return [model.index(row, 0).data() for row in range(completer.completionCount())]


def test_typing_at_offers_people_by_name_or_username_and_inserts_the_username(
    qtbot: Any, runner: Any
) -> None:
    composer = _composer(qtbot, runner)
    qtbot.keyClicks(composer.body, "Thanks @P")
    assert composer.mentions.completer.popup().isVisible()
    assert _offered(composer) == ["Priya Raman (@priya)", "Pat Lee (@pat)"]
    qtbot.keyClicks(composer.body, "at")
    assert _offered(composer) == ["Pat Lee (@pat)"]
    popup = composer.mentions.completer.popup()
    popup.setCurrentIndex(composer.mentions.completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert composer.body.toPlainText() == "Thanks @pat "
    assert not popup.isVisible()


def test_no_offer_outside_a_mention(qtbot: Any, runner: Any) -> None:
    composer = _composer(qtbot, runner)
    qtbot.keyClicks(composer.body, "mail me at me@priya")
    assert not composer.mentions.completer.popup().isVisible()


def test_a_mention_renders_as_a_link_that_opens_the_person(qtbot: Any) -> None:
    html = render_markdown("Ask @priya, not `@pat` or [a link](https://example.com/@omar)")
    assert '<a href="kshare:person/priya" title="@priya">@priya</a>' in html
    assert "kshare:person/pat" not in html and "kshare:person/omar" not in html
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    with qtbot.waitSignal(browser.mention_clicked) as clicked:
        browser.anchorClicked.emit(QUrl("kshare:person/priya"))
    assert clicked.args == ["priya"]
