"""Documents in the window: shared by dropping files, their older versions opened, previewed
inline (PDF pages rendered to pixels, DOCX as text) and saved under a name of one's choice."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from kshare.client.services import Workspace
from kshare.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]
TIMEOUT_MS = 60_000
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
Desktops = Callable[..., Workspace]


def drop_files(window: MainWindow, files: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(400, 300), action, data, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window refused the dragged files"
    drop = QDropEvent(QPointF(400, 300), action, data, buttons, keys)
    QApplication.sendEvent(window, drop)


def test_files_dropped_on_the_window_are_shared_with_the_chosen_audience_through_the_outbox(
    qtbot, desktop_of: Desktops, window_for, tmp_path: Path
) -> None:
    ana, priya = desktop_of("ana"), desktop_of("priya")
    ana.sync()
    window = window_for(ana)
    window.show()
    handbook = tmp_path / "handbook.pdf"
    shutil.copyfile(FIXTURES / "sample.pdf", handbook)

    drop_files(window, [handbook])
    dialog = window.navigator.share_dialog
    assert dialog is not None and dialog.files == [handbook]
    assert dialog.title.text() == "handbook"
    qtbot.waitUntil(lambda: dialog.audience.model.rowCount() > 0, timeout=TIMEOUT_MS)
    dialog.audience.choose({"group:SRE on-call"})
    dialog.tags.setText("onboarding")
    # The same count the composer shows: both colleagues are in the team.
    qtbot.waitUntil(
        lambda: dialog.reach.reach is not None and dialog.reach.reach.people == 2,
        timeout=TIMEOUT_MS,
    )
    assert "SRE on-call" in dialog.reach.count.text()
    with qtbot.waitSignal(dialog.shared, timeout=TIMEOUT_MS) as shared:
        qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
    [doc_id] = shared.args[0]

    qtbot.waitUntil(lambda: ana.pending_count() == 0, timeout=TIMEOUT_MS)  # sent by the window
    priya.sync()
    detail = priya.item(doc_id)
    assert detail is not None and detail.attachment_name == "handbook.pdf"
    assert detail.summary.tags == ("onboarding",)
    assert priya.documents.version_path(doc_id).read_bytes() == handbook.read_bytes()


def test_an_older_version_opens_previews_and_saves_and_pdf_pages_render_to_pixels(
    qtbot, desktop_of: Desktops, window_for, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, priya = desktop_of("ana"), desktop_of("priya")
    first = tmp_path / "guide.docx"
    shutil.copyfile(FIXTURES / "sample.docx", first)
    doc_id = ana.share_file(first, title="Guide", audience=["group:SRE on-call"])
    ana.sync()
    ana.replace_file(doc_id, FIXTURES / "sample.pdf")
    ana.sync()
    priya.sync()
    window = window_for(priya)
    window.show()
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    pane = window.detail
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        pane.show_item(doc_id)
    panel = pane.document_panel
    assert panel is not None and panel.isVisibleTo(window)
    # Built with the first document shown, the panel still comes right after the body
    # when tabbing through the reading pane.
    after_body = pane.browser.nextInFocusChain()
    while (
        pane.browser.isAncestorOf(after_body) or after_body.focusPolicy() == Qt.FocusPolicy.NoFocus
    ):
        after_body = after_body.nextInFocusChain()
    assert panel.isAncestorOf(after_body)
    qtbot.waitUntil(lambda: panel.versions.topLevelItemCount() == 2, timeout=TIMEOUT_MS)
    assert "Not downloaded yet" in panel.state.text()
    newest = panel.versions.topLevelItem(0)
    assert newest is not None and newest.text(0) == "2 (current)"
    assert newest.text(2) == "Ana Souza" and newest.text(3)

    # The current version, a PDF, rendered to pixels off the GUI thread.
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.preview.page_labels) == 2, timeout=TIMEOUT_MS)
    assert panel.preview.kind == "pdf"
    image = panel.preview.page_labels[0].pixmap().toImage()
    assert image.width() > 200 and image.height() > image.width()  # an A4 page
    assert image.width() <= panel.preview.pages_scroll.viewport().width()  # fits the pane
    colours = {
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height() // 3, 7)
    }
    assert max(colours) > 240 and min(colours) < 120  # white paper and dark text
    qtbot.waitUntil(lambda: "on this computer" in panel.state.text(), timeout=TIMEOUT_MS)

    # The older version, a DOCX: its text in the pane, opened, and saved as a copy.
    panel.select_version(1)
    assert panel.selected_number() == 1 and panel.open_button.text() == "Open this version"
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.preview.kind == "text", timeout=TIMEOUT_MS)
    assert "Zanzibar" in panel.preview.text.toPlainText()
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT_MS)
    assert Path(opened[0].toLocalFile()).read_bytes() == first.read_bytes()
    assert Path(opened[0].toLocalFile()).name == "guide.docx"

    target = tmp_path / "kept" / "old-guide.docx"
    asked: list[str] = []
    panel.choose_save_path = lambda _parent, name: asked.append(name) or str(target)
    with qtbot.waitSignal(panel.saved, timeout=TIMEOUT_MS):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["guide.docx"]
    assert target.read_bytes() == first.read_bytes()


def test_offline_a_document_not_downloaded_says_so(
    qtbot, desktop_of: Desktops, window_for, tmp_path: Path, server
) -> None:
    ana, priya = desktop_of("ana"), desktop_of("priya")
    doc_id = ana.share_file(FIXTURES / "sample.txt", title="Notes", audience=["group:SRE on-call"])
    ana.sync()
    priya.sync()
    server.stop()  # the server goes away: the desktop is offline
    window = window_for(priya)
    pane = window.detail
    with qtbot.waitSignal(pane.item_shown, timeout=TIMEOUT_MS):
        pane.show_item(doc_id)
    panel = pane.document_panel
    assert panel is not None
    qtbot.waitUntil(lambda: "Not downloaded yet" in panel.state.text(), timeout=TIMEOUT_MS)
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            "not downloaded yet" in panel.preview.message.text().lower()
            and "online" in panel.preview.message.text()
        ),
        timeout=TIMEOUT_MS,
    )
