"""What the inbox, the tray, error dialogs and the preview pane say, in German.

Each sentence is made by ``kshare.client`` (which has no Qt) in English, as the command
line prints it, with a phrase the window translates; these tests load the German
translation as the app does and read what the widgets show.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt

from kshare.client.documents.preview import preview_file
from kshare.client.documents.views import DocumentPreview
from kshare.client.errors import InvalidWrite, NotSignedIn, UserFacingError
from kshare.client.index.extract import ExtractResult
from kshare.client.notifications import collections as watched
from kshare.client.notifications.service import Notifications
from kshare.client.phrases import Phrase
from kshare.client.services import Workspace
from kshare.client.store import repository
from kshare.client.sync import messages
from kshare.client.views import SyncStatus
from kshare.clock import ManualClock
from kshare.protocol.schemas import PersonUpsert
from kshare.ui import i18n
from kshare.ui.desktop_notifier import bubble
from kshare.ui.document_panel import size_text
from kshare.ui.feed_page import FeedPage
from kshare.ui.i18n import phrase_text
from kshare.ui.inbox_page import InboxPage
from kshare.ui.login_dialog import LoginDialog
from kshare.ui.operations import describe_failure
from kshare.ui.preview_pane import PreviewPane
from kshare.ui.text import clock_time, decimal, full_time, number, short_date
from tests.gui.conftest import ListFeed
from tests.gui.test_translations import open_window
from tests.unit.client import factories

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

ME, ANA = "p-me", "p-ana"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "profile")
    yield opened
    opened.close()


def inbox_with_news(workspace: Workspace) -> Notifications:
    """A real cache: Ana mentions me in a post and comments on an answer to my question."""
    clock = ManualClock(factories.T0 + timedelta(days=1))
    notes = Notifications(workspace.writer, workspace.writer, lambda: ME, clock)
    with workspace.writer.begin() as conn:
        repository.upsert(
            conn,
            [
                PersonUpsert(data=factories.person(ME, "me", display_name="Mia Meyer")),
                PersonUpsert(data=factories.person(ANA, "ana", display_name="Ana Souza")),
            ],
        )
    assert notes.inbox() == []  # the first look: what was there before counts as read
    later = clock.now() + timedelta(minutes=1)
    at = {"created_at": later, "updated_at": later}
    question = factories.item("q", kind="question", author_id=ME, title="Which queue?", **at)
    answer = factories.item("a", kind="answer", parent_id="q", author_id=ME, title="", **at)
    comment = factories.item("c", kind="comment", parent_id="a", author_id=ANA, title="", **at)
    post = factories.item("m", author_id=ANA, title="Deploy notes", mentions=[ME], **at)
    with workspace.writer.begin() as conn:
        repository.upsert(conn, factories.upserts(question, answer, comment, post))
    clock.advance(minutes=5)
    return notes


def test_inbox_entries_read_german_and_stay_english_for_the_command_line(
    qtbot, runner, german, workspace
) -> None:
    notes = inbox_with_news(workspace)
    page = InboxPage(SimpleNamespace(notifications=notes), runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.refresh()
    shown = {
        page.model.data(page.model.index(r, 0), Qt.ItemDataRole.AccessibleTextRole)
        for r in range(page.model.rowCount())
    }
    assert shown == {
        "Ungelesen: Ana Souza hat Sie in „Deploy notes“ erwähnt",
        "Ungelesen: Ana Souza hat auf „Which queue?“ geantwortet",
    }
    # the comment names its thread, never "(untitled)"; the English is what `kshare inbox` prints
    assert {e.text for e in notes.inbox()} == {
        "Ana Souza mentioned you in “Deploy notes”",
        "Ana Souza replied to “Which queue?”",
    }


def test_a_tray_bubble_reads_german(german, workspace) -> None:
    entries = {e.kind: e for e in inbox_with_news(workspace).inbox()}
    assert bubble(entries["mention"]) == (
        "Erwähnungen von mir",
        "Ana Souza hat Sie in „Deploy notes“ erwähnt",
    )
    assert bubble(entries["reply"])[0] == "Antworten und Kommentare"


def test_what_changed_in_a_followed_collection_reads_german(german) -> None:
    counts = {"added": 2, "moved": 1, "title": 1}
    assert watched.describe(counts) == "2 entries added, 1 entry moved, renamed"
    assert phrase_text(watched.describe_phrase(counts)) == (
        "2 Einträge hinzugefügt, 1 Eintrag verschoben, umbenannt"
    )
    assert phrase_text(watched.describe_phrase({})) == "geändert"


def test_a_tray_bubble_reads_english_without_a_translation(qapp, workspace) -> None:
    entries = {e.kind: e for e in inbox_with_news(workspace).inbox()}
    assert bubble(entries["mention"]) == (
        "Mentions of me",
        "Ana Souza mentioned you in “Deploy notes”",
    )


# -- errors ------------------------------------------------------------------------------


def test_a_refused_write_reads_german_in_the_window_and_english_on_the_command_line(
    qtbot, runner, german, workspace
) -> None:
    """A follow of an empty tag, refused by the real cache, shown where the window shows
    failures; ``str()`` of the same error is what ``kshare follow`` prints."""
    window = open_window(qtbot, workspace, runner)
    runner.failed.connect(window.show_failure)
    with qtbot.waitSignal(runner.failed, timeout=10_000) as failed:
        runner.write(lambda: workspace.notifications.follow("tag", "  "), label="following")
    failure = failed.args[0]
    assert failure.user_facing and str(failure.exception) == "Name the tag to follow."
    assert failure.message == "Nennen Sie das Tag, dem Sie folgen möchten."
    assert window.notice.text().startswith("Nennen Sie das Tag, dem Sie folgen möchten.")


def test_the_sign_in_dialog_says_in_german_why_the_server_cannot_be_reached(
    qtbot, runner, german, workspace, tmp_path
) -> None:
    """A real sign-in attempt against a port nothing listens on."""
    dialog = LoginDialog(
        workspace, runner, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(dialog)
    dialog.server.setText("http://127.0.0.1:9")
    dialog.username.setText("ana")
    dialog.password.setText("secret")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=30_000)
    assert dialog.error.text().startswith("http://127.0.0.1:9 ist nicht erreichbar: ")
    assert "antwortet nichts" in dialog.error.text()


def test_refusals_with_values_read_german(german) -> None:
    refused = InvalidWrite("editors_outside", names=("Ana", "Bob"))
    assert str(refused).startswith("An editor must be able to see the item: Ana, Bob are not")
    assert describe_failure(refused, "").message.startswith(
        "Ein Bearbeiter muss den Eintrag sehen können: Ana, Bob gehören nicht"
    )
    # a sentence inside a sentence: the cause is translated too
    offline = UserFacingError("Cannot download {name}: {cause}", name="plan.pdf", cause="timed out")
    assert str(offline) == "Cannot download plan.pdf: timed out"
    assert describe_failure(offline, "").message == (
        "plan.pdf kann nicht heruntergeladen werden: timed out"
    )
    # a sentence nobody translated (a server's own words) is shown as it came
    plain = UserFacingError("You are the only owner of {SRE}")
    assert describe_failure(plain, "").message == "You are the only owner of {SRE}"


def test_sign_in_errors_read_german_and_name_the_work_as_the_window_does(german, workspace) -> None:
    with pytest.raises(NotSignedIn) as caught:  # a real profile nobody signed in to
        workspace.sessions.online("joining the group", lambda api: None)
    assert str(caught.value) == "Sign in before joining the group."
    assert describe_failure(caught.value, "").message == (
        "Melden Sie sich an, bevor Sie fortfahren (Beitreten zur Gruppe)."
    )
    again = NotSignedIn(
        "Sign in again before {what}.", what=Phrase.of("TaskLabel", "joining the group")
    )
    assert str(again) == "Sign in again before joining the group."
    assert describe_failure(again, "").message == (
        "Melden Sie sich erneut an, bevor Sie fortfahren (Beitreten zur Gruppe)."
    )


def test_without_a_translation_errors_read_as_the_command_line_prints_them(qapp) -> None:
    refused = InvalidWrite("ends_before_start")
    assert describe_failure(refused, "").message == str(refused)
    assert str(refused) == "'Visible until' must be later than 'Publish at'."


# -- the preview pane --------------------------------------------------------------------

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"


def no_text(_path: Path, _mime: str, _filename: str) -> ExtractResult:
    raise AssertionError("a PDF is rendered, not read as text")


def preview_of(name: str, **options: int) -> DocumentPreview:
    return preview_file(FIXTURES / name, "application/pdf", name, no_text, **options)


def test_the_preview_pane_says_in_german_why_it_shows_less(qtbot, german) -> None:
    pane = PreviewPane()
    qtbot.addWidget(pane)
    first_page = preview_of("sample.pdf", max_pages=1)
    assert first_page.message == "Showing 1 of 2 pages."  # what the client says, in English
    pane.show_preview(first_page)
    assert pane.kind == "pdf" and pane.message.text() == "1 von 2 Seiten werden angezeigt."
    pane.show_preview(preview_of("encrypted.pdf"))
    assert pane.message.text() == (
        "encrypted.pdf ist passwortgeschützt: Öffnen Sie es in einem PDF-Programm."
    )
    pane.show_preview(preview_of("corrupt.pdf"))
    assert pane.kind == "none"
    assert pane.message.text() == "corrupt.pdf ist beschädigt und kann nicht angezeigt werden."
    unknown = preview_file(FIXTURES / "sample.pdf", "application/octet-stream", "x.bin", no_text)
    pane.show_preview(unknown)
    assert pane.message.text() == "Für x.bin gibt es hier keine Vorschau."


def test_the_preview_pane_reads_english_without_a_translation(qtbot, qapp) -> None:
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.show_preview(preview_of("corrupt.pdf"))
    assert pane.message.text() == "corrupt.pdf is damaged and cannot be shown."


# -- dates and numbers -------------------------------------------------------------------

MOMENT = datetime(2025, 3, 12, 14, 5)  # local time: what the window shows


def test_dates_and_numbers_follow_the_german_locale(qtbot, runner, german) -> None:
    assert QLocale().language() == QLocale.Language.German
    assert short_date(MOMENT) == "12. März"
    assert short_date(MOMENT, year=True) == "12. März 2025"
    assert full_time(MOMENT.astimezone()) == "12. März 2025, 14:05"
    assert number(1_234_567) == "1.234.567" and decimal(3.5) == "3,5"
    assert size_text(int(3.5 * 1024**2)) == "3,5 MB"
    syncing = messages.say(messages.SYNCING_OF, done=12_345, total=100_000)
    assert syncing.text == "Syncing… 12345 of 100000"  # the command line, as ever
    assert phrase_text(syncing) == "Wird synchronisiert… 12.345 von 100.000"
    feed = FeedPage(ListFeed([]), runner)
    qtbot.addWidget(feed)
    feed.set_sync_status(SyncStatus("syncing", "", items_done=12_345, items_total=100_000))
    assert feed.empty.text() == "Wird abgerufen… 12.345 von 100.000 Einträgen"


def test_each_language_keeps_the_systems_formats_when_the_system_speaks_it() -> None:
    austria, us = QLocale("de_AT"), QLocale("en_US")
    assert i18n.locale_for("de", austria).name() == "de_AT"
    assert i18n.locale_for("de", us).name() == "de_DE"
    assert i18n.locale_for("en", us).name() == "en_US"
    assert i18n.locale_for("en", austria).name() == "en_US"
    assert i18n.locale_for("en", QLocale.c()).name() == "C"


def test_an_american_locale_says_the_month_first_and_the_time_in_hours_of_twelve(qapp) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        assert short_date(MOMENT, year=True) == "Mar 12, 2025"
        shown = full_time(MOMENT.astimezone())
        assert shown.startswith("March 12, 2025, 2:05") and shown.endswith("PM")
        assert clock_time(MOMENT).startswith("2:05")
        assert number(12_345) == "12,345"
    finally:
        QLocale.setDefault(before)


def test_offline_a_document_not_downloaded_says_so_in_german(
    qtbot, german, desktop_of, window_for, server
) -> None:
    """The real server goes away; the preview asks for a file this desktop never fetched."""
    ana, priya = desktop_of("ana"), desktop_of("priya")
    doc_id = ana.share_file(FIXTURES / "sample.txt", title="Notes", audience=["group:SRE on-call"])
    ana.sync()
    priya.sync()
    server.stop()
    window = window_for(priya)
    pane = window.detail
    with qtbot.waitSignal(pane.item_shown, timeout=60_000):
        pane.show_item(doc_id)
    panel = pane.document_panel
    assert panel is not None
    qtbot.waitUntil(lambda: "Noch nicht heruntergeladen" in panel.state.text(), timeout=60_000)
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: panel.preview.message.text().startswith(
            "sample.txt ist noch nicht heruntergeladen, und der Server ist nicht erreichbar."
        ),
        timeout=60_000,
    )
