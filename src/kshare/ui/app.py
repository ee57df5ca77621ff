"""Start-up and the signed-in session: application look, sign-in, main window, shutdown.

:class:`DesktopApp` builds no Qt application and does no I/O when constructed,
so tests can drive it with ``qtbot`` and a real workspace; :func:`run_app` is
the thin wrapper that creates the ``QApplication`` and runs the loop.
"""

from __future__ import annotations

import gc
import logging
import logging.handlers
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog

from kshare import __version__
from kshare.ui import crash, i18n, theme
from kshare.ui.i18n import translate_noop
from kshare.ui.login_dialog import LoginDialog
from kshare.ui.main_window import MainWindow
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.resources import icon
from kshare.ui.settings import ui_settings
from kshare.ui.sync_controller import SyncController

log = logging.getLogger(__name__)

PERIODIC_SYNC_MS = 10 * 60 * 1000  # beside live updates, in case a nudge was missed
LOG_FILE = "kshare.log"


def configure_application(app: QApplication) -> None:
    app.setApplicationName("kshare")
    app.setApplicationDisplayName("kshare")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("kshare")
    app.setDesktopFileName("kshare")
    app.setWindowIcon(icon("kshare"))
    app.setStyle("Fusion")  # one look on every platform; the stylesheet builds on it
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    # Palette and stylesheet, light or dark as the system asks until the settings are read.
    theme.ThemeWatcher.install(app)


def add_log_file(log_dir: Path) -> None:
    """A rotating log in the profile, so a report can include what happened before."""
    log_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    target = str(log_dir / LOG_FILE)
    if any(getattr(h, "baseFilename", None) == target for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        # The file wants INFO; the console keeps the level it was set up with.
        for existing in root.handlers:
            if existing.level == logging.NOTSET:
                existing.setLevel(root.level or logging.WARNING)
        root.setLevel(logging.INFO)
    root.addHandler(handler)


class QuietCollections:
    """Full garbage collections that never hold the window up for long.

    A full collection walks every tracked object while holding the GIL, so the window
    freezes for as long: with the modules of a start-up and the facts of a large cache in
    memory, a fifth of a second and more, in the middle of a sync. What is alive when the
    session starts (modules, classes, the window) and what survives a full collection is
    long-lived, so it is set aside (``gc.freeze``): each full collection then walks only
    what came since the last one. Cycles among the set-aside objects wait until the
    session ends (``stop``), when everything is collected as usual again.
    """

    def __init__(self) -> None:
        self.running = False

    def start(self) -> None:
        gc.freeze()
        if not self.running:
            gc.callbacks.append(self._on_collection)
            self.running = True

    def stop(self) -> None:
        if self.running:
            gc.callbacks.remove(self._on_collection)
            self.running = False
        gc.unfreeze()

    def _on_collection(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info.get("generation") == 2:
            gc.freeze()  # what survived a full collection is not walked by the next


quiet_collections = QuietCollections()


class DesktopApp(QObject):
    """One run of the desktop app: sign in if needed, then the main window until quit."""

    window_shown = Signal(object)  # MainWindow
    quit_requested = Signal()

    def __init__(
        self,
        workspace: Any,
        *,
        settings: QSettings | None = None,
        server_url: str | None = None,
        auto_sync: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings or ui_settings(workspace.paths)
        self.runner = TaskRunner(self)
        self.server_url = server_url
        self.auto_sync = auto_sync
        self.window: MainWindow | None = None
        self.sync: SyncController | None = None
        self.login_dialog: LoginDialog | None = None

    def start(self) -> None:
        if self.workspace.account is None or self.server_url_differs():
            self.ask_to_sign_in()
        else:
            self.show_main_window()

    def server_url_differs(self) -> bool:
        account = self.workspace.account
        wanted = (self.server_url or "").rstrip("/")
        return bool(wanted and account and account.server_url.rstrip("/") != wanted)

    def ask_to_sign_in(self) -> None:
        self.login_dialog = LoginDialog(
            self.workspace, self.runner, self.settings, server_url=self.server_url
        )
        self.login_dialog.finished.connect(self._on_login_dialog_finished)
        self.login_dialog.open()

    def show_main_window(self) -> None:
        self.sync = SyncController(self.workspace, self)
        self.window = MainWindow(
            self.workspace, self.runner, self.sync, self.settings, first_run=True
        )
        self.window.sign_out_requested.connect(self._on_window_sign_out_requested)
        self.window.closed.connect(self._on_window_closed)
        self.window.show()
        self.window.feed.refresh()
        self.window.refresh_status()
        quiet_collections.start()
        # Indexing is pure Python: beside the GUI thread it held the window up for
        # seconds during a large sync, so the window's workspace indexes in a process.
        self.workspace.index_in_worker_process()
        self.workspace.prepare_in_background()  # offline too: search and experts ready sooner
        if self.auto_sync:
            self.sync.sync_now()
            self.sync.start_live_updates()
            self.sync.start_periodic(PERIODIC_SYNC_MS)
        self.window_shown.emit(self.window)

    def end_session(self) -> None:
        """Stop sync and close the window (sign-out, quit)."""
        if self.sync is not None:
            self.sync.stop()
            self.sync.deleteLater()
            self.sync = None
        if self.window is not None:
            window, self.window = self.window, None
            window.closed.disconnect(self._on_window_closed)
            window.save_state()
            window.close()
            window.deleteLater()
            quiet_collections.stop()  # the window's objects may be collected again

    def shutdown(self) -> None:
        """Join every worker; the caller closes the workspace afterwards."""
        self.end_session()
        if self.login_dialog is not None:
            self.login_dialog.finished.disconnect(self._on_login_dialog_finished)
            self.login_dialog.close()
            self.login_dialog = None
        self.runner.shutdown()

    @Slot(int)
    def _on_login_dialog_finished(self, result: int) -> None:
        dialog, self.login_dialog = self.login_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted:
            self.show_main_window()
        else:
            self.quit_requested.emit()

    @Slot()
    def _on_window_sign_out_requested(self) -> None:
        self.end_session()
        self.runner.network(
            self.workspace.logout,
            success=lambda _none: self.ask_to_sign_in(),
            failure=self._on_logout_failed,
            label=translate_noop("TaskLabel", "signing out"),
        )

    def _on_logout_failed(self, failure: Failure) -> None:
        # The token is gone locally even if the server could not be told.
        log.warning("sign-out did not reach the server: %s", failure.message)
        self.ask_to_sign_in()

    @Slot()
    def _on_window_closed(self) -> None:
        self.quit_requested.emit()


def run_app(
    workspace_or_profile: Any,
    *,
    argv: Sequence[str] | None = None,
    auto_sync: bool = True,
    server_url: str | None = None,
) -> int:
    """Run the desktop app until the user quits; returns the process exit code.

    Takes an open ``Workspace`` (left open for the caller to close) or a profile
    folder (opened and closed here).
    """
    from kshare.client.services import Workspace

    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    assert isinstance(app, QApplication)
    configure_application(app)
    app.setQuitOnLastWindowClosed(False)  # between sign-out and sign-in no window is open

    owns_workspace = not isinstance(workspace_or_profile, Workspace)
    workspace = Workspace.open(workspace_or_profile) if owns_workspace else workspace_or_profile
    theme.ThemeWatcher.install(app, str(workspace.settings.get("appearance")))
    i18n.install(app, str(workspace.settings.get("language")))
    add_log_file(workspace.paths.log_dir)
    uninstall = crash.install(workspace.paths.log_dir, quit_app=app.quit)
    desktop = DesktopApp(workspace, server_url=server_url, auto_sync=auto_sync)
    desktop.quit_requested.connect(app.quit)
    try:
        desktop.start()
        return app.exec()
    finally:
        desktop.shutdown()
        if owns_workspace:
            workspace.close()
        uninstall()
