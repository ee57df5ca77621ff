"""When something breaks: log it, tell the user, let them copy a report.

``install`` routes uncaught exceptions (including those raised in Qt slots) to
the log and a dialog, Qt's own messages into ``logging``, hard crashes to a
``faulthandler`` file in the profile's log folder, and Ctrl+C / SIGTERM to a
clean quit.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kshare import __version__

log = logging.getLogger(__name__)
qt_log = logging.getLogger("kshare.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: Any) -> str:
    """Plain text a user can paste into a ticket; holds no content of theirs but the error."""
    lines = [
        f"kshare {__version__}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, {platform.platform()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("kshare ran into a problem"))
        self.setMinimumSize(560, 360)
        intro = QLabel(
            self.tr(
                "Something went wrong inside kshare. Your posts and drafts in the outbox are "
                "safe. Please copy this report and send it to your IT team."
            )
        )
        intro.setWordWrap(True)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)

    def _on_copy_clicked(self) -> None:
        QApplication.clipboard().setText(self.report.toPlainText())


class CrashHandler:
    """The ``sys.excepthook`` of the desktop app."""

    def __init__(self, show_dialog: bool = True) -> None:
        self.show_dialog = show_dialog
        self.dialogs: list[CrashDialog] = []
        self._showing = False

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        if not self.show_dialog or self._showing or QApplication.instance() is None:
            return
        # A failure while showing the dialog must not open another one forever.
        self._showing = True
        try:
            dialog = CrashDialog(crash_report(exc_type, exc, tb), QApplication.activeWindow())
            self.dialogs.append(dialog)
            dialog.finished.connect(lambda _r: self.dialogs.remove(dialog))
            dialog.open()
        finally:
            self._showing = False


def qt_message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.category})" if context.category and context.category != "default" else ""
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def install(log_dir: Path | None, *, quit_app: Callable[[], None]) -> Callable[[], None]:
    """Install the crash path; returns a function that undoes it."""
    previous_hook = sys.excepthook
    sys.excepthook = CrashHandler()
    previous_qt = qInstallMessageHandler(qt_message_handler)
    fault_file: IO[str] | None = None
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        fault_file = (log_dir / "crash.log").open("a", encoding="utf-8")
        faulthandler.enable(fault_file)

    def on_signal(signum: int, _frame: object) -> None:
        log.info("received signal %d, quitting", signum)
        quit_app()

    previous_signals = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    # Python only runs signal handlers between bytecodes; while Qt's loop waits
    # in C++ nothing runs, so wake the interpreter regularly.
    wake = QTimer(interval=250)
    wake.timeout.connect(lambda: None)
    wake.start()

    def uninstall() -> None:
        wake.stop()
        for signum, handler in previous_signals.items():
            signal.signal(signum, handler)
        if fault_file is not None:
            faulthandler.disable()
            fault_file.close()
        qInstallMessageHandler(previous_qt)
        sys.excepthook = previous_hook

    return uninstall
