from __future__ import annotations

import pytest

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
