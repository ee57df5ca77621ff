from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QApplication

from kshare.ui import crash

pytestmark = pytest.mark.gui


def raised() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise ValueError("the cache said no")
    except ValueError:
        return sys.exc_info()  # type: ignore[return-value]


def test_an_uncaught_exception_is_logged_and_shown_with_a_copyable_report(qtbot, caplog):
    handler = crash.CrashHandler()
    with caplog.at_level(logging.CRITICAL, logger="kshare.ui.crash"):
        handler(*raised())
    assert "uncaught exception" in caplog.text
    assert len(handler.dialogs) == 1
    dialog = handler.dialogs[0]
    qtbot.addWidget(dialog)
    report = dialog.report.toPlainText()
    assert report.startswith("kshare ")
    assert "ValueError: the cache said no" in report
    dialog._on_copy_clicked()
    assert QApplication.clipboard().text() == report
    dialog.reject()
    assert handler.dialogs == []


@pytest.mark.qt_no_exception_capture
def test_install_routes_qt_messages_to_logging_and_undoes_itself(qtbot, tmp_path, caplog):
    previous = sys.excepthook
    uninstall = crash.install(tmp_path / "logs", quit_app=lambda: None)
    try:
        assert isinstance(sys.excepthook, crash.CrashHandler)
        with caplog.at_level(logging.WARNING, logger="kshare.qt"):
            qWarning("a message from Qt")
        assert "a message from Qt" in caplog.text
        assert (tmp_path / "logs" / "crash.log").exists()
    finally:
        uninstall()
    assert sys.excepthook is previous
