"""The sync line at the bottom of the window: state, offline, outbox, last sync, Sync now."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from kshare.client.views import SyncStatus
from kshare.ui.resources import icon
from kshare.ui.text import full_time, relative_time

OFFLINE_STATES = frozenset({"offline", "retrying"})
PROBLEM_STATES = frozenset({"server_too_old", "auth_required", "error"})

STATE_WORDS = {
    "signed_out": "Not signed in",
    "idle": "Up to date",
    "syncing": "Syncing…",
    "offline": "Showing what is on this computer; reading and search still work",
    "retrying": "Server unreachable — retrying",
    "server_too_old": "The server is too old for this version of kshare",
    "auth_required": "Please sign in again",
    "error": "Sync failed",
}


def progress_text(status: SyncStatus) -> str:
    parts = []
    if status.items_total:
        parts.append(f"{status.items_done} of {status.items_total} items")
    elif status.items_done:
        parts.append(f"{status.items_done} items")
    if status.bytes_total and status.bytes_done < status.bytes_total:
        megabytes = status.bytes_total / 1024**2
        parts.append(
            f"files {100 * status.bytes_done // status.bytes_total}% of {megabytes:.1f} MB"
        )
    return " · ".join(parts)


class SyncStatusBar(QWidget):
    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: SyncStatus | None = None
        self.state = QLabel()
        self.offline = QLabel("● Offline", objectName="offlineBadge")
        self.offline.setToolTip("The server cannot be reached. Reading and search still work.")
        self.offline.hide()
        self.pending = QLabel(objectName="pendingCount")
        self.last_sync = QLabel()
        self.sync_button = QToolButton(objectName="syncButton")
        self.sync_button.setText("Sync now")
        self.sync_button.setIcon(icon("sync"))
        self.sync_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.sync_button.setToolTip("Fetch new posts and send yours (F5)")
        self.sync_button.clicked.connect(self._on_sync_button_clicked)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(14)
        layout.addWidget(self.offline)
        layout.addWidget(self.state)
        layout.addStretch(1)
        layout.addWidget(self.pending)
        layout.addWidget(self.last_sync)
        layout.addWidget(self.sync_button)

        # "5 min ago" must age while the window sits there.
        self._tick = QTimer(self, interval=30_000)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._tick.start()

    def set_status(self, status: SyncStatus) -> None:
        self.status = status
        words = status.message or STATE_WORDS.get(status.state, status.state)
        if status.state == "syncing" and (progress := progress_text(status)):
            words = f"{words} ({progress})" if status.message else f"Syncing… {progress}"
        self.state.setText(words)
        self.offline.setVisible(status.state in OFFLINE_STATES)
        pending = status.pending_outbox
        self.pending.setVisible(pending > 0)
        self.pending.setText(f"{pending} waiting to be sent" if pending else "")
        self.sync_button.setEnabled(status.state not in {"syncing", "signed_out"})
        self._show_last_sync()

    def set_pending(self, pending: int) -> None:
        self.pending.setVisible(pending > 0)
        self.pending.setText(f"{pending} waiting to be sent" if pending else "")

    def _show_last_sync(self) -> None:
        last = self.status.last_success if self.status else None
        self.last_sync.setText(f"Last sync: {relative_time(last)}")
        self.last_sync.setToolTip(full_time(last))

    @Slot()
    def _on_tick_timeout(self) -> None:
        if self.status is not None:
            self._show_last_sync()

    @Slot()
    def _on_sync_button_clicked(self) -> None:
        self.sync_requested.emit()
