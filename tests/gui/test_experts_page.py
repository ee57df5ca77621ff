from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QStackedWidget

from kshare.client.views import Expert, ExpertReason
from kshare.ui.experts_page import ExpertsPage

pytestmark = pytest.mark.gui


class Finder:
    def experts(self, topic, *, limit=10):
        if topic != "kubernetes":
            return []
        return [
            Expert(
                "p-priya",
                "Priya Raman",
                "Staff Site Reliability Engineer",
                "Platform Engineering",
                9.0,
                (
                    ExpertReason(
                        "accepted_answer",
                        "Accepted answer to “How do we drain a node?”",
                        "item-7",
                        3.0,
                    ),
                    ExpertReason("skill", "Lists Kubernetes as a skill"),
                    ExpertReason(
                        "tag",
                        "Active in kubernetes (2 contributions)",
                        items=(("item-9", "Draining <nodes>"), ("item-7", "How do we drain?")),
                    ),
                ),
                ask_about="On-call; Alerting",
            ),
            Expert("p-kwame", "Kwame Mensah", "SRE", "Platform Engineering", 4.5, ()),
        ]


def test_experts_are_ranked_with_their_reasons(qtbot, runner):
    page = ExpertsPage(Finder(), runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.experts_shown):
        page.find("kubernetes")
    assert [c.expert.display_name for c in page.cards] == ["Priya Raman", "Kwame Mensah"]
    reasons = [label.text() for label in page.cards[0].reason_labels]
    assert 'href="item:item-7"' in reasons[0] and "How do we drain a node?" in reasons[0]
    assert reasons[1] == "• Lists Kubernetes as a skill"


def test_clicking_a_reason_opens_the_item(qtbot, runner):
    page = ExpertsPage(Finder(), runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.experts_shown):
        page.find("kubernetes")
    with qtbot.waitSignal(page.item_activated) as blocker:
        page.cards[0].reason_labels[0].linkActivated.emit("item:item-7")
    assert blocker.args == ["item-7"]


def test_no_experts_says_so(qtbot, runner):
    page = ExpertsPage(Finder(), runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.experts_shown):
        page.find("basket weaving")
    assert page.cards == []
    assert "No one stands out" in page.status.text()


def test_a_name_opens_the_persons_profile(qtbot, runner):
    page = ExpertsPage(Finder(), runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.experts_shown):
        page.find("kubernetes")
    name = page.cards[0].name
    assert 'href="person:p-priya"' in name.text() and "Priya Raman" in name.text()
    assert name.accessibleName() == "1. Priya Raman: open their profile"
    with qtbot.waitSignal(page.person_activated) as blocker:
        name.linkActivated.emit("person:p-priya")
    assert blocker.args == ["p-priya"]


def test_your_own_expertise_profile_is_one_click_away(qtbot, runner):
    page = ExpertsPage(Finder(), runner)
    qtbot.addWidget(page)
    assert page.own_profile_button.text() == "Your expertise profile…"
    with qtbot.waitSignal(page.manage_expertise_requested):
        qtbot.mouseClick(page.own_profile_button, Qt.MouseButton.LeftButton)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_topic_field_has_the_focus_when_the_page_is_shown(qtbot, runner):
    stack = QStackedWidget()
    other = QLineEdit()
    page = ExpertsPage(Finder(), runner)
    stack.addWidget(other)
    stack.addWidget(page)
    qtbot.addWidget(stack)
    stack.show()
    qtbot.waitExposed(stack)
    stack.activateWindow()
    qtbot.waitUntil(stack.isActiveWindow)
    other.setFocus()
    assert not page.topic.hasFocus()
    stack.setCurrentWidget(page)
    qtbot.waitUntil(page.topic.hasFocus)
    qtbot.keyClicks(stack.focusWidget(), "postgres")
    assert page.topic.text() == "postgres"


def test_a_tag_reason_unfolds_the_contributions_behind_it(qtbot, runner):
    page = ExpertsPage(Finder(), runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.experts_shown):
        page.find("kubernetes")
    card = page.cards[0]
    tag = card.reason_labels[2]
    assert 'href="unfold:2"' in tag.text()
    listing = card.contribution_lists[2]
    assert listing.isHidden()
    assert "Draining &lt;nodes&gt;" in listing.text()  # titles are escaped
    tag.linkActivated.emit("unfold:2")
    assert not listing.isHidden()
    with qtbot.waitSignal(page.item_activated) as blocker:
        listing.linkActivated.emit("item:item-9")
    assert blocker.args == ["item-9"]
    tag.linkActivated.emit("unfold:2")  # a second click folds it away
    assert listing.isHidden()
    assert list(card.contribution_lists) == [2]  # only tag reasons with items unfold
