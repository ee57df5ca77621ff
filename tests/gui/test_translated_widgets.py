"""The German translation of the reading, writing and audience widgets, loaded as the app
loads it (:func:`kshare.ui.i18n.install`), so a message that lost its translation (or its
plural forms) shows up here as English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication

from kshare.client.views import AudienceInfo, Choice
from kshare.ui import i18n
from kshare.ui.audience_dialog import AudienceDialog
from kshare.ui.operations import describe_failure
from kshare.ui.person_view import PersonView
from kshare.ui.text import audience_summary, counts, relative_time
from tests.gui.expertise_fakes import FakeExpertise

pytestmark = pytest.mark.gui


@pytest.fixture
def german(qapp: QCoreApplication) -> Iterator[None]:
    assert i18n.install(qapp, "de") == "de"
    yield
    assert i18n.install(qapp, "en") == "en"  # the other tests read English


def test_the_audience_dialog_speaks_german(qtbot, german) -> None:
    choices = [
        Choice("group", "g-sre", "SRE", "SRE"),
        Choice("person", "p-ana", "ana", "Ana Souza (@ana)"),
    ]
    dialog = AudienceDialog(AudienceInfo(audience=("org",)), choices)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Wer dies sehen und bearbeiten kann"
    assert dialog.apply_button.text() == "Mit der Bearbeitung übernehmen"
    assert dialog.picker.everyone.text() == "Alle im Unternehmen"
    assert dialog.picker.summary.text() == "Sichtbar für: alle im Unternehmen"
    assert dialog.options.toggle.text() == "Weitere Optionen"
    # Narrowing to one group is said before it is applied.
    dialog.picker.choose({"group:SRE"})
    assert dialog.warning.isVisibleTo(dialog)
    assert dialog.warning.text().startswith("Einige Personen, die dies jetzt sehen können")
    assert dialog.picker.summary.text() == "Sichtbar für: SRE"


def test_a_profile_speaks_german_with_its_plurals(qtbot, runner, german) -> None:
    view = PersonView(FakeExpertise(), runner)
    qtbot.addWidget(view)
    assert (
        view._empty.text()
        == "Wählen Sie eine Kollegin oder einen Kollegen, um zu sehen, was sie wissen."
    )
    with qtbot.waitSignal(view.profile_shown):
        view.show_person("p-priya")
    assert view.ask.text() == "Fragen Sie mich zu: On-call; Alerting"
    assert view.topics_heading.text() == "THEMEN"
    rows = list(view.skill_rows.values())
    assert [r.count.text() for r in rows] == ["3 Empfehlungen", "noch keine Empfehlungen"]
    assert rows[0].endorse_button.text() == "Empfehlen"
    assert rows[0].endorse_button.accessibleName() == "Priya Raman für Alerting empfehlen"


def test_counts_dates_and_failures_in_german(german) -> None:
    assert counts().members(1) == "1 Mitglied"
    assert counts().members(12) == "12 Mitglieder"
    assert counts().join_requests("SRE", 2) == "2 Personen möchten SRE beitreten: beantworten"
    labels = ["A", "B", "C", "D", "E"]
    assert (
        audience_summary(labels, org=False, private=False) == "Sichtbar für: A, B, C und 2 weitere"
    )
    assert relative_time(None) == "nie"
    failure = describe_failure(RuntimeError("boom"), "listing groups")
    assert failure.message == "Beim Auflisten der Gruppen ist ein Fehler aufgetreten."


def test_without_a_translation_english_reads_as_before(qapp) -> None:
    assert counts().members(1) == "1 member"
    assert counts().members(2) == "2 members"
    assert counts().answers(3) == "3 ANSWERS"
    assert counts().join_requests("SRE", 1) == "1 person asks to join SRE: answer"
