"""Acting on an item in the reading pane, against a real server: answer, comment, edit,
delete, react, open a file. Nothing here is mocked except the system's "open this file"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton

from kshare.client.services import Workspace
from kshare.ui.detail_view import DetailPane
from kshare.ui.main_window import MainWindow
from kshare.ui.operations import TaskRunner
from tests.support.server import ServerProcess

pytestmark = [
    pytest.mark.gui,
    pytest.mark.integration,
    # The offscreen platform says this whenever a top-level window is shown.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

TIMEOUT_MS = 60_000
Desktops = Callable[..., Workspace]


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisibleTo(button.window()), f"{button.objectName()} is not offered"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_item(qtbot, window: MainWindow, item_id: str) -> DetailPane:
    pane = window.detail
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        pane.show_item(item_id)
    return pane


def wait_until_sent(qtbot, workspace: Workspace) -> None:
    qtbot.waitUntil(lambda: workspace.pending_count() == 0, timeout=TIMEOUT_MS)


def confirm_box(qtbot, parent, name: str) -> QMessageBox:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is not None)
    box = parent.findChild(QMessageBox, name)
    assert box is not None
    return box


def press(box: QMessageBox, text: str) -> None:
    [button] = [b for b in box.buttons() if b.text().replace("&", "") == text]
    button.click()


def test_answering_a_question_reaches_the_server(
    qtbot, desktop_of: Desktops, window_for: Callable[[Workspace], MainWindow]
) -> None:
    priya, ana = desktop_of("priya"), desktop_of("ana")
    question = priya.publish(
        title="Why does the checkout pod restart?", body="Every night at 2.", kind="question"
    )
    assert priya.sync().status.state == "idle"
    ana.sync()
    window = window_for(ana)
    pane = open_item(qtbot, window, question)
    actions = pane.item_actions
    assert actions is not None
    assert not actions.edit_button.isVisibleTo(pane)  # priya's question, not ana's
    assert not actions.delete_button.isVisibleTo(pane)

    click(qtbot, actions.answer_button)
    editor = actions.editor
    assert editor.isVisibleTo(pane) and editor.heading.text() == "Your answer"
    assert not editor.submit_button.isEnabled()  # nothing written yet
    qtbot.keyClicks(editor.body, "The nightly **backup** job starves it of memory.")
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        click(qtbot, editor.submit_button)
    assert not editor.isVisibleTo(pane)
    assert "The nightly backup job starves it of memory." in pane.browser.toPlainText()

    # The window sends it at once; the pane drops the "waiting" mark when it is on the server.
    wait_until_sent(qtbot, ana)
    qtbot.waitUntil(lambda: "Waiting to sync" not in pane.browser.toPlainText(), timeout=TIMEOUT_MS)
    assert priya.sync().status.state == "idle"
    seen = priya.item(question)
    assert seen is not None
    assert [a.body_markdown for a in seen.answers] == [
        "The nightly **backup** job starves it of memory."
    ]
    assert seen.answers[0].summary.author_name == "Ana Souza"


def test_a_comment_written_offline_waits_in_the_outbox(
    qtbot, server: ServerProcess, desktop_of: Desktops, window_for
) -> None:
    priya, ana = desktop_of("priya"), desktop_of("ana")
    post = priya.publish(title="New on-call rota", body="Starts Monday.", audience=["org"])
    priya.sync()
    ana.sync()
    window = window_for(ana)
    server.stop()

    pane = open_item(qtbot, window, post)
    assert pane.item_actions is not None
    assert not pane.item_actions.answer_button.isVisibleTo(pane)  # answers belong to questions
    click(qtbot, pane.item_actions.comment_button)
    qtbot.keyClicks(pane.item_actions.editor.body, "Can I swap the first week?")
    with qtbot.waitSignal(window._sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        click(qtbot, pane.item_actions.editor.submit_button)
    assert finished.args[0].status.state in ("offline", "retrying")
    qtbot.waitUntil(lambda: "Can I swap" in pane.browser.toPlainText(), timeout=TIMEOUT_MS)
    text = pane.browser.toPlainText()
    assert "COMMENTS" in text and "Waiting to sync" in text
    assert ana.pending_count() == 1


def test_editing_and_deleting_your_own_post(qtbot, desktop_of: Desktops, window_for) -> None:
    ana, priya = desktop_of("ana"), desktop_of("priya")
    post = ana.publish(
        title="Runbook: rotate the TLS certificate",
        body="Run the script.",
        tags=["tls"],
        audience=["group:SRE on-call"],
    )
    ana.sync()
    window = window_for(ana)
    pane = open_item(qtbot, window, post)
    actions = pane.item_actions
    assert actions is not None

    click(qtbot, actions.edit_button)
    editor = actions.editor
    assert editor.title.text() == "Runbook: rotate the TLS certificate"
    assert editor.body.toPlainText() == "Run the script."
    assert editor.tags.text() == "tls"
    editor.body.setPlainText("Run `rotate-cert --all`, then reload nginx.")
    editor.tags.setText("tls, nginx")
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        click(qtbot, editor.submit_button)
    assert "reload nginx" in pane.browser.toPlainText()
    wait_until_sent(qtbot, ana)
    priya.sync()
    seen = priya.item(post)
    assert seen is not None and seen.body_markdown.startswith("Run `rotate-cert --all`")
    assert set(seen.summary.tags) == {"tls", "nginx"}
    assert seen.version == 2  # an edit of version 1, accepted as such

    # Delete asks first; Cancel keeps the post.
    click(qtbot, actions.delete_button)
    press(confirm_box(qtbot, actions, "confirmDelete"), "Cancel")
    qtbot.waitUntil(lambda: actions.findChild(QMessageBox, "confirmDelete") is None)
    assert pane.item_id == post and ana.item(post) is not None

    click(qtbot, actions.delete_button)
    with qtbot.waitSignal(pane.written, timeout=TIMEOUT_MS):
        press(confirm_box(qtbot, actions, "confirmDelete"), "Delete")
    assert pane.item_id is None and "Deleted" in pane._empty.text()
    assert ana.item(post) is None
    wait_until_sent(qtbot, ana)
    priya.sync()
    assert priya.item(post) is None


def test_an_edit_does_not_silently_replace_a_version_that_arrived_meanwhile(
    qtbot, desktop_of: Desktops, window_for
) -> None:
    ana, laptop = desktop_of("ana"), desktop_of("ana", "laptop")
    post = ana.publish(title="Deploy freeze", body="From the 20th.", audience=["org"])
    ana.sync()
    laptop.sync()
    window = window_for(ana)
    pane = open_item(qtbot, window, post)
    actions = pane.item_actions
    assert actions is not None
    click(qtbot, actions.edit_button)
    actions.editor.body.setPlainText("From the 21st.")

    # While the editor is open, the same person's laptop changes the post and the desktop syncs.
    laptop.edit(post, body="From the 19th, see the calendar.")
    laptop.sync()
    with qtbot.waitSignal(window._sync.sync_finished, timeout=TIMEOUT_MS):
        window._sync.sync_now()
    qtbot.waitUntil(lambda: "19th" in pane.browser.toPlainText(), timeout=TIMEOUT_MS)
    assert actions.editor.body.toPlainText() == "From the 21st."  # the draft survived

    click(qtbot, actions.editor.submit_button)
    qtbot.waitUntil(lambda: not actions.editor.error.isHidden(), timeout=TIMEOUT_MS)
    assert "changed since you started editing" in actions.editor.error.text()
    assert ana.pending_count() == 0  # nothing was queued

    with qtbot.waitSignal(pane.written, timeout=TIMEOUT_MS):
        click(qtbot, actions.editor.submit_button)  # now knowingly
    wait_until_sent(qtbot, ana)
    laptop.sync()
    seen = laptop.item(post)
    assert seen is not None and seen.body_markdown == "From the 21st."


def test_reactions_count_and_toggle_the_viewers_own(
    qtbot, desktop_of: Desktops, window_for
) -> None:
    priya, ana = desktop_of("priya"), desktop_of("ana")
    post = priya.publish(title="We shipped the new search", body="Try it.", audience=["org"])
    priya.react(post, "🎉")
    priya.sync()
    ana.sync()
    window = window_for(ana)
    pane = open_item(qtbot, window, post)
    assert pane.item_actions is not None
    bar = pane.item_actions.reactions
    party, thumbs = bar.buttons["🎉"], bar.buttons["👍"]
    assert party.text() == "🎉 1" and not party.isChecked()
    assert thumbs.text() == "👍" and not thumbs.isChecked()
    assert party.accessibleName() == "Celebrate, 1 reaction"

    # A sync may redraw the pane at any moment too: wait for what the person would see.
    qtbot.mouseClick(party, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: party.text() == "🎉 2" and party.isChecked(), timeout=TIMEOUT_MS)
    assert party.accessibleName() == "Celebrate, 2 reactions, including yours"
    wait_until_sent(qtbot, ana)
    priya.sync()
    seen = priya.item(post)
    assert seen is not None and seen.reactions == (("🎉", 2),)

    qtbot.waitUntil(bar.isEnabled, timeout=TIMEOUT_MS)
    qtbot.mouseClick(party, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: party.text() == "🎉 1" and not party.isChecked(), timeout=TIMEOUT_MS)
    wait_until_sent(qtbot, ana)
    priya.sync()
    seen = priya.item(post)
    assert seen is not None and seen.reactions == (("🎉", 1),)  # only priya's is left


def test_a_reaction_taken_back_before_a_sync_is_never_sent(
    qtbot, desktop_of: Desktops, runner: TaskRunner
) -> None:
    ana = desktop_of("ana")
    post = ana.publish(title="Lunch and learn", body="Thursday.", audience=["org"])
    ana.sync()
    pane = DetailPane(ana, runner, writer=ana)  # no window: nothing syncs
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        pane.show_item(post)
    assert pane.item_actions is not None
    thumbs = pane.item_actions.reactions.buttons["👍"]
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(thumbs, Qt.MouseButton.LeftButton)
    assert thumbs.isChecked() and ana.pending_count() == 1
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(thumbs, Qt.MouseButton.LeftButton)
    assert not thumbs.isChecked() and thumbs.text() == "👍"
    assert ana.pending_count() == 0 and ana.my_reactions(post) == frozenset()


def test_opening_a_shared_file_downloads_it_and_hands_it_to_the_system(
    qtbot, desktop_of: Desktops, window_for, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    priya, ana = desktop_of("priya"), desktop_of("ana")
    source = tmp_path / "capacity-plan.csv"
    source.write_bytes(b"service,cpu\ncheckout,12\nsearch,30\n")
    doc = priya.share_file(source, title="Capacity plan", audience=["group:SRE on-call"])
    priya.sync()
    ana.sync()  # files download lazily: the list arrives, the bytes wait for a reader
    window = window_for(ana)
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    pane = open_item(qtbot, window, doc)
    assert pane.item_actions is not None
    button = pane.item_actions.open_file_button
    assert button.text() == "Open capacity-plan.csv"
    click(qtbot, button)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT_MS)
    [url] = opened
    assert url.isLocalFile()
    assert Path(url.toLocalFile()).read_bytes() == source.read_bytes()
    assert pane.item_actions.message.isHidden()
    assert button.isEnabled() and button.text() == "Open capacity-plan.csv"

    # The file name in the text opens it too.
    pane.browser.anchorClicked.emit(QUrl("kshare:attachment"))
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=TIMEOUT_MS)


def test_the_author_shares_a_new_version_of_a_file(
    qtbot, desktop_of: Desktops, window_for, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    priya, ana = desktop_of("priya"), desktop_of("ana")
    first = tmp_path / "capacity-plan.csv"
    first.write_bytes(b"service,cpu\ncheckout,12\n")
    doc = priya.share_file(first, title="Capacity plan", audience=["org"])
    priya.sync()
    ana.sync()
    window = window_for(priya)
    pane = open_item(qtbot, window, doc)
    actions = pane.item_actions
    assert actions is not None and actions.replace_file_button.isVisibleTo(pane)
    second = tmp_path / "capacity-plan-v2.csv"
    second.write_bytes(b"service,cpu\ncheckout,14\nsearch,40\n")
    monkeypatch.setattr(
        "kshare.ui.item_actions.QFileDialog.getOpenFileName",
        staticmethod(lambda *_args, **_kwargs: (str(second), "")),
    )
    click(qtbot, actions.replace_file_button)
    qtbot.waitUntil(
        lambda: actions.open_file_button.text() == "Open capacity-plan-v2.csv", timeout=TIMEOUT_MS
    )
    wait_until_sent(qtbot, priya)
    ana.sync()
    fresh = ana.attachment_path(doc)
    assert fresh is not None and fresh.read_bytes() == second.read_bytes()
    # a colleague who may only read it is offered no such button
    reader = open_item(qtbot, window_for(ana), doc)
    assert reader.item_actions is not None
    assert not reader.item_actions.replace_file_button.isVisibleTo(reader)


def test_a_file_that_cannot_be_fetched_says_so(
    qtbot,
    server: ServerProcess,
    desktop_of: Desktops,
    window_for,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    priya, ana = desktop_of("priya"), desktop_of("ana")
    source = tmp_path / "notes.txt"
    source.write_bytes(b"kept on the server only")
    doc = priya.share_file(source, audience=["org"])
    priya.sync()
    ana.sync()
    window = window_for(ana)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    server.stop()

    pane = open_item(qtbot, window, doc)
    assert pane.item_actions is not None
    click(qtbot, pane.item_actions.open_file_button)
    message = pane.item_actions.message
    qtbot.waitUntil(lambda: not message.isHidden(), timeout=TIMEOUT_MS)
    assert message.text().startswith("Cannot download notes.txt")
    assert opened == []
    assert pane.item_actions.open_file_button.isEnabled()


# A reply's reactions open in a popup, which the offscreen platform cannot raise or let grab.
@pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "does not support grabbing"
)
def test_commenting_on_an_answer_and_reacting_to_it_from_the_question(
    qtbot, desktop_of: Desktops, window_for
) -> None:
    priya, ana = desktop_of("priya"), desktop_of("ana")
    question = priya.publish(title="Which region for the new cluster?", body="", kind="question")
    priya.sync()
    answer = priya.publish(
        title="", body="Frankfurt, for latency.", kind="answer", parent_id=question
    )
    priya.sync()
    ana.sync()
    window = window_for(ana)
    pane = open_item(qtbot, window, question)
    actions = pane.item_actions
    assert actions is not None

    pane.browser.anchorClicked.emit(QUrl(f"kshare:reply/comment/{answer}"))
    assert actions.editor.heading.text() == "Your comment on Priya Raman's answer"
    qtbot.keyClicks(actions.editor.body, "And the backups?")
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        click(qtbot, actions.editor.submit_button)
    text = pane.browser.toPlainText()
    assert text.index("Frankfurt, for latency.") < text.index("And the backups?")
    assert pane.item_id == question

    pane.browser.anchorClicked.emit(QUrl(f"kshare:reply/react/{answer}"))
    qtbot.mouseClick(actions.reply_reactions.buttons["🙏"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "🙏 1" in pane.browser.toPlainText(), timeout=TIMEOUT_MS)
    wait_until_sent(qtbot, ana)
    priya.sync()
    seen = priya.item(answer)
    assert seen is not None and seen.reactions == (("🙏", 1),)
    assert [c.body_markdown for c in seen.comments] == ["And the backups?"]
    assert ana.my_reactions(question) == frozenset()
