"""A shared program or script is never opened unawares, and a file too large to index says so.

Against a real server; only the system's "open this file" is replaced, as in
test_item_actions, so that nothing runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from kshare.client.services import Workspace
from kshare.ui.program_warning import NAME
from tests.unit.index import hostile_files as hostile

from .test_item_actions import TIMEOUT_MS, click, confirm_box, open_item, press

pytestmark = [
    pytest.mark.gui,
    pytest.mark.integration,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

Desktops = Callable[..., Workspace]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


def test_a_disguised_program_is_named_for_what_it_is_before_it_runs(
    qtbot,
    desktop_of: Desktops,
    window_for,
    tmp_path: Path,
    opened: list[QUrl],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    priya, ana = desktop_of("priya"), desktop_of("ana")
    source = tmp_path / "invoice\u202efdp.exe"  # shows as "invoiceexe.pdf" where bidi is honoured
    source.write_bytes(b"MZ\x90\x00 a Windows program")
    doc = priya.share_file(source, title="Invoice", audience=["org"])
    priya.sync()
    ana.sync()
    pane = open_item(qtbot, window_for(ana), doc)
    actions = pane.item_actions
    assert actions is not None
    assert actions.open_file_button.text() == "Open invoicefdp.exe"
    assert "\u202e" not in pane.browser.toPlainText()

    click(qtbot, actions.open_file_button)
    box = confirm_box(qtbot, actions, NAME)
    assert box.text() == "“invoicefdp.exe” is a Windows program (.exe)."
    assert "runs it" in box.informativeText()
    press(box, "Cancel")
    qtbot.waitUntil(lambda: actions.findChild(type(box), NAME) is None, timeout=TIMEOUT_MS)
    assert opened == []

    saved = tmp_path / "kept.bin"
    monkeypatch.setattr(
        "kshare.ui.item_actions.QFileDialog.getSaveFileName",
        staticmethod(lambda *_args, **_kwargs: (str(saved), "")),
    )
    click(qtbot, actions.open_file_button)
    press(confirm_box(qtbot, actions, NAME), "Save as…")
    qtbot.waitUntil(saved.is_file, timeout=TIMEOUT_MS)
    assert saved.read_bytes() == source.read_bytes()
    assert opened == []

    click(qtbot, actions.open_file_button)
    press(confirm_box(qtbot, actions, NAME), "Open anyway")
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT_MS)
    [url] = opened
    assert Path(url.toLocalFile()).name == "invoicefdp.exe"


def test_a_program_renamed_to_pdf_is_known_by_its_content(
    qtbot, desktop_of: Desktops, window_for, tmp_path: Path, opened: list[QUrl]
) -> None:
    priya, ana = desktop_of("priya"), desktop_of("ana")
    source = tmp_path / "quarterly report.pdf"
    source.write_bytes(b"\x7fELF\x02\x01\x01 a Linux program")
    doc = priya.share_file(source, title="Quarterly report", audience=["org"])
    priya.sync()
    ana.sync()
    pane = open_item(qtbot, window_for(ana), doc)
    assert pane.item_actions is not None

    click(qtbot, pane.item_actions.open_file_button)

    box = confirm_box(qtbot, pane.item_actions, NAME)
    assert box.text() == "“quarterly report.pdf” is a Linux program."
    press(box, "Cancel")
    assert opened == []


def test_a_document_too_large_to_index_says_so_in_the_reading_pane(
    qtbot, desktop_of: Desktops, window_for, tmp_path: Path
) -> None:
    priya = desktop_of("priya")
    bomb = hostile.zip_bomb_docx(tmp_path / "Q3 plan.docx", 300)
    doc = priya.share_file(bomb, title="Q3 plan", audience=["org"])
    priya.sync()  # indexes what it sent: the bomb is refused, not inflated

    pane = open_item(qtbot, window_for(priya), doc)

    text = pane.browser.toPlainText()
    assert "Q3 plan.docx: too large to index (it unpacks to 300 MB" in text
