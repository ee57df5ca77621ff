"""The German translation of the reading, writing and audience widgets, loaded as the app
loads it (:func:`kshare.ui.i18n.install`), so a message that lost its translation (or its
plural forms) shows up here as English."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest
from PySide6.QtCore import Qt

from kshare.client.audience_reach import AudienceReach, Reach
from kshare.client.curation.review import note_phrase
from kshare.client.curation.service import ANSWER_TO
from kshare.client.curation.views import CollectionView, EntryView, Mark, SectionView
from kshare.client.groups import standing_phrase
from kshare.client.home_feed.ranking import rank
from kshare.client.home_feed.service import HomeItem
from kshare.client.labels import title_of, title_phrase_of
from kshare.client.notifications.suggestions import suggest
from kshare.client.phrases import Phrase
from kshare.client.services import Workspace
from kshare.client.store import repository
from kshare.client.sync import messages
from kshare.client.sync.errors import Offline
from kshare.client.sync.report import describe_wait
from kshare.client.sync.transport import describe as describe_problem
from kshare.client.views import AudienceInfo, Choice, ItemSummary, SearchHit, SyncStatus
from kshare.domain.curation import PAST_REVIEW_DATE
from kshare.protocol.schemas import PersonUpsert
from kshare.ui.audience_dialog import AudienceDialog
from kshare.ui.audience_reach import AudienceReachLabel
from kshare.ui.curation.entries_model import EntriesModel
from kshare.ui.experts_page import ExpertCard, reason_text
from kshare.ui.first_run import FollowTopicsDialog
from kshare.ui.home_page import describe
from kshare.ui.i18n import phrase_text
from kshare.ui.operations import describe_failure
from kshare.ui.person_view import PersonView
from kshare.ui.search_model import SearchResultsModel
from kshare.ui.status import SyncStatusBar
from kshare.ui.text import audience_summary, counts, relative_time
from tests.gui.expertise_fakes import FakeExpertise
from tests.unit.client import factories

pytestmark = pytest.mark.gui


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


# -- sentences made by kshare.client ----------------------------------------------------


def test_expert_reasons_from_the_finder_read_german(qtbot, german) -> None:
    from tests.unit.client.test_phrases import expert

    found = expert()
    card = ExpertCard(1, found, found.score)
    qtbot.addWidget(card)
    shown = [label.text() for label in card.reason_labels]
    assert shown[0] == (
        '• <a href="item:i-0">Akzeptierte Antwort auf „How do we drain a node?“</a>'
    )
    assert shown[2] == '• <a href="item:i-2">Hat „ohne Titel“ geschrieben</a>'
    assert shown[3] == '• <a href="item:i-3">Hat „Runbook“ geteilt</a>'
    texts = [reason_text(r) for r in found.reasons]
    assert "Aktiv in helm (1 Beitrag)" in texts
    assert "Von 3 Personen für On-call empfohlen" in texts
    assert "Nennt Go als Kenntnis" in texts
    # the command line's English is untouched
    assert found.reasons[0].text == 'Accepted answer to "How do we drain a node?"'


def test_the_sync_line_reads_german(qtbot, german, tmp_path) -> None:
    bar = SyncStatusBar()
    qtbot.addWidget(bar)
    workspace = Workspace.open(tmp_path / "profile")
    try:
        bar.set_status(workspace.status())  # as the window starts, before any sign-in
    finally:
        workspace.close()
    assert bar.state.text() == "Nicht angemeldet"
    syncing = messages.say(messages.SYNCING_OF, done=3, total=10)
    bar.set_status(replace(SyncStatus.said("syncing", syncing), items_done=3, items_total=10))
    assert bar.state.text() == "Wird synchronisiert… 3 von 10 Einträgen"  # the count once
    offline = messages.say(
        messages.OFFLINE, wait=describe_wait(300), cause=Offline("connection refused").phrase
    )
    bar.set_status(SyncStatus.said("offline", offline))
    assert bar.state.text() == "Offline — neuer Versuch in 5 Min.: connection refused"
    assert offline.text == "Offline — retrying in 5 min: connection refused"
    bar.set_status(SyncStatus.said("auth_required", messages.say(messages.SIGN_IN_AGAIN)))
    assert bar.state.text() == "Melden Sie sich erneut an, um zu synchronisieren."
    # a status without a phrase (the server's own words) is shown as it came
    bar.set_status(SyncStatus("error", "Device wiped by Ana"))
    assert bar.state.text() == "Device wiped by Ana"


class WideReach(AudienceReach):
    """The author usually reaches one person; this audience reaches 40 through SRE."""

    def usual_reach(self) -> int | None:
        return 1

    def preview(self, audience: Sequence[str]) -> Reach:
        return self._with_usual(Reach(people=40, groups=("SRE",)))


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_audience_reach_reads_german(qtbot, runner, german, tmp_path) -> None:
    workspace = Workspace.open(tmp_path / "profile")
    try:
        label = AudienceReachLabel(WideReach(workspace.reader, lambda: None), runner)
        qtbot.addWidget(label)
        label.count_audience(["group:SRE"])
        qtbot.waitUntil(lambda: label.reach is not None, timeout=10_000)
    finally:
        workspace.close()
    assert label.count.text() == "40 Personen werden dies sehen · über SRE"
    assert label.warning.text() == (
        "⚠ Viel breiter als sonst: Ihre Beiträge erreichen meist etwa 1 Person, dieser 40."
    )
    assert label.reach is not None and label.reach.warning == (
        "Much wider than usual: your posts usually reach about 1 person, this one 40."
    )
    estimate = Reach(people=1, estimate=True)
    assert phrase_text(estimate.phrase) == "etwa 1 Person wird dies sehen (Schätzung: offline)"


def test_group_standing_and_review_reasons_read_german(german) -> None:
    from tests.unit.client.test_phrases import group

    assert phrase_text(standing_phrase(group(is_owner=True))) == "Besitzer"
    assert phrase_text(standing_phrase(group(request_pending=True))) == "Beitrittsanfrage offen"
    mark = Mark("Ana Souza", datetime(2026, 3, 12, tzinfo=UTC), None, (PAST_REVIEW_DATE,))
    assert phrase_text(note_phrase(mark, curates=True)) == (
        "Bestätigt von Ana Souza am 12. März 2026 · muss überprüft werden: "
        "Überprüfungsdatum überschritten"
    )


def test_client_sentences_read_english_without_a_translation(qapp) -> None:
    from tests.unit.client.test_phrases import expert

    for reason in expert().reasons:
        assert reason_text(reason) == reason.text
    offline = messages.say(messages.OFFLINE, wait=describe_wait(3), cause="DNS")
    assert phrase_text(offline) == offline.text == "Offline — retrying in 3 s: DNS"
    assert phrase_text(Reach(people=2, groups=("SRE",)).phrase) == (
        "2 people will see this · through SRE"
    )


def test_why_home_shows_an_item_reads_german(german) -> None:
    from tests.unit.client.test_home_ranking import CIRCLE, ITEMS, NOW

    ranked = {r.id: r for r in rank(ITEMS, CIRCLE, 0.5, NOW)}
    german_reasons = {key: phrase_text(r.phrase, r.reason) for key, r in ranked.items()}
    assert german_reasons["by-ana"] == "von Ana Alvarez (Sie folgen dieser Person)"
    assert german_reasons["k8s-q"] == "unbeantwortet, in Ihrem Fachgebiet: kubernetes"
    assert german_reasons["popular"] == "beliebt in Data Science"
    assert ranked["by-ana"].reason == "from Ana Alvarez, whom you follow"
    r = ranked["tagged"]
    summary = ItemSummary("tagged", "post", "Vacuum", "bo", "Bo", NOW, NOW)
    shown = describe(HomeItem(summary, r.reason, r.close, r.phrase))
    assert shown[Qt.ItemDataRole.ToolTipRole] == "Angezeigt, weil: Sie folgen #postgresql"


def test_follow_suggestions_say_why_in_german(qtbot, runner, german, tmp_path) -> None:
    """Suggested from a real cache: a tag used twice, a person active in it."""
    workspace = Workspace.open(tmp_path / "profile")
    try:
        with workspace.writer.begin() as conn:
            ana = PersonUpsert(data=factories.person("p-ana", "ana", display_name="Ana Souza"))
            posts = [
                factories.item(f"i-{n}", author_id="p-ana", tags=["postgresql"]) for n in (1, 2)
            ]
            repository.upsert(conn, [ana, *factories.upserts(*posts)])
        with workspace.reader.connect() as conn:
            found = suggest(conn, "p-me")
    finally:
        workspace.close()
    assert [s.reason for s in found.all] == ["2 posts", "Active: 2 posts"]
    dialog = FollowTopicsDialog(object(), runner)
    qtbot.addWidget(dialog)
    dialog.show_suggestions(found)
    assert [row.text() for row in dialog.rows()] == [
        "#postgresql  ·  2 Beiträge",
        "Ana Souza  ·  Aktiv: 2 Beiträge",
    ]


def test_why_the_server_cannot_be_reached_reads_german(qtbot, german) -> None:
    with pytest.raises(httpx.TransportError) as caught:
        httpx.get("http://127.0.0.1:9/api/v1/info", timeout=5)  # nothing listens on port 9
    problem = describe_problem(caught.value, "http://127.0.0.1:9", None)
    assert str(problem) == "nothing answers at 127.0.0.1:9 (connection refused)"
    bar = SyncStatusBar()
    qtbot.addWidget(bar)
    wait = describe_wait(10)
    bar.set_status(
        SyncStatus.said("offline", messages.say(messages.OFFLINE, wait=wait, cause=problem.phrase))
    )
    assert bar.state.text() == (
        "Offline — neuer Versuch in 10 s: unter 127.0.0.1:9 antwortet nichts (Verbindung abgelehnt)"
    )


def test_a_reply_without_a_title_is_named_in_german(german) -> None:
    rows = {
        "q": {"kind": "question", "title": "How do we drain a node?"},
        "a": {"kind": "answer", "parent_id": "q", "title": ""},
    }
    comment = {"kind": "comment", "parent_id": "a", "title": ""}
    assert title_of(comment, rows) == "Comment on an answer to “How do we drain a node?”"
    named = title_phrase_of(comment, rows)
    assert phrase_text(named) == "Kommentar zu einer Antwort auf „How do we drain a node?“"
    model = SearchResultsModel()
    hit = SearchHit("c", "comment", named.text, "", title_phrase=named)
    model.set_hits([hit, SearchHit("q", "question", "How do we drain a node?", "")])
    shown = [model.data(model.index(r, 0)) for r in range(2)]
    assert shown == [
        "Kommentar zu einer Antwort auf „How do we drain a node?“",
        "How do we drain a node?",
    ]
    post = {"kind": "post", "title": ""}
    assert phrase_text(title_phrase_of(post, {})) == "Beitrag ohne Titel"
    assert title_of(post, {}) == "Post without a title"


def test_an_answer_in_a_collection_is_named_in_german(german) -> None:
    named = Phrase.of("CurationEntry", ANSWER_TO, title="How do we drain a node?")
    entry = EntryView("a", "item", named.text, "", "answer", title_phrase=named)
    model = EntriesModel()
    model.load(CollectionView("c", "Runbooks", "", (SectionView("", (entry,)),), True, 1))
    assert model.data(model.index(0, 0)) == "Antwort auf: How do we drain a node?"
    assert entry.title == "Answer to: How do we drain a node?"
