from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kshare.client.errors import UserFacingError
from kshare.client.views import Choice
from kshare.ui.composer import Composer, parse_tags

pytestmark = pytest.mark.gui


class Outbox:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.published: list[dict[str, object]] = []

    def audience_choices(self):
        return [Choice("group", "g-sre", "SRE on-call", "SRE on-call")]

    def publish(self, **kwargs):
        if self.fail:
            raise UserFacingError("The outbox could not be written: the disk is full.")
        self.published.append(kwargs)
        return "new-item"


def fill(composer: Composer) -> None:
    composer.title.setText("Runbook: draining a node")
    composer.body.setPlainText("1. Cordon\n2. Drain")
    composer.tags.setText("Kubernetes, #on-call kubernetes")


def test_tags_are_split_lowercased_and_deduplicated():
    assert parse_tags("Kubernetes, #on-call kubernetes") == ("kubernetes", "on-call")


def test_publish_is_offered_only_when_the_post_is_complete(qtbot, runner):
    composer = Composer(Outbox(), runner)
    qtbot.addWidget(composer)
    assert not composer.publish_button.isEnabled()
    fill(composer)
    assert composer.publish_button.isEnabled()
    composer.audience.chosen.setChecked(True)  # specific, but nobody chosen yet
    assert not composer.publish_button.isEnabled()


def test_publishing_to_a_group(qtbot, runner):
    outbox = Outbox()
    composer = Composer(outbox, runner)
    qtbot.addWidget(composer)
    with qtbot.waitSignal(composer.audience.model.modelReset):
        composer.load_choices()
    fill(composer)
    composer.audience.chosen.setChecked(True)
    index = composer.audience.model.index(0)
    composer.audience.model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(composer.published) as blocker:
        composer.publish_button.click()
    assert blocker.args == ["new-item", "Visible to: SRE on-call"]
    assert outbox.published == [
        {
            "title": "Runbook: draining a node",
            "body": "1. Cordon\n2. Drain",
            "tags": ("kubernetes", "on-call"),
            "audience": ("group:SRE on-call",),
            "kind": "post",
        }
    ]
    assert composer.title.text() == ""  # ready for the next one


def test_a_failed_publish_keeps_the_draft_and_says_why(qtbot, runner):
    composer = Composer(Outbox(fail=True), runner)
    qtbot.addWidget(composer)
    fill(composer)
    composer.publish_button.click()
    qtbot.waitUntil(lambda: not composer.error.isHidden())
    assert composer.error.text() == "The outbox could not be written: the disk is full."
    assert composer.title.text() == "Runbook: draining a node"
    assert composer.publish_button.isEnabled()
