from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kshare.client.views import Choice
from kshare.ui.audience_picker import AudienceChoicesModel, AudiencePicker

pytestmark = pytest.mark.gui

CHOICES = [
    Choice("person", "u-ana", "ana.souza", "Ana Souza (@ana.souza)"),
    Choice("group", "g-pe", "Platform Engineering", "Platform Engineering"),
    Choice("group", "g-sre", "SRE on-call", "SRE on-call"),
    Choice("person", "u-priya", "priya.raman", "Priya Raman"),
]


def check(model: AudienceChoicesModel, label: str) -> None:
    row = next(r for r in range(model.rowCount()) if model.index(r).data() == label)
    assert model.setData(model.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def test_choices_model_passes_the_model_tester(qtmodeltester):
    model = AudienceChoicesModel()
    model.set_choices(CHOICES)
    check(model, "SRE on-call")
    qtmodeltester.check(model)


def test_groups_come_first_then_people(qtbot):
    model = AudienceChoicesModel()
    model.set_choices(CHOICES)
    labels = [model.index(r).data() for r in range(model.rowCount())]
    assert labels == [
        "Platform Engineering",
        "SRE on-call",
        "Ana Souza (@ana.souza)",
        "Priya Raman",
    ]


def test_default_is_the_whole_company(qtbot):
    picker = AudiencePicker()
    qtbot.addWidget(picker)
    assert picker.audience() == ("org",)
    assert picker.summary.text() == "Visible to: everyone in the company"
    assert not picker.list.isEnabled()


def test_groups_and_people_together_say_who_will_see_it(qtbot):
    picker = AudiencePicker()
    qtbot.addWidget(picker)
    picker.set_choices(CHOICES)
    picker.chosen.setChecked(True)
    assert picker.audience() == ()
    assert picker.summary.text() == "Choose who can see this"
    assert not picker.is_complete()
    with qtbot.waitSignal(picker.audience_changed):
        check(picker.model, "Platform Engineering")
    check(picker.model, "Ana Souza (@ana.souza)")
    assert picker.audience() == ("group:Platform Engineering", "person:ana.souza")
    assert picker.summary.text() == "Visible to: Platform Engineering, Ana Souza"


def test_only_me_is_private(qtbot):
    picker = AudiencePicker()
    qtbot.addWidget(picker)
    picker.only_me.setChecked(True)
    assert picker.audience() == ("private",)
    assert picker.summary.text() == "Visible to: only you"


def test_filter_narrows_the_list(qtbot):
    picker = AudiencePicker()
    qtbot.addWidget(picker)
    picker.set_choices(CHOICES)
    picker.filter.setText("sre")
    shown = picker.list.model()
    assert [shown.index(r, 0).data() for r in range(shown.rowCount())] == ["SRE on-call"]
