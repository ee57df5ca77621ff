"""The sync line at the bottom of the window: state, offline, outbox, last sync, Sync now."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from kshare.client.views import SyncStatus
from kshare.ui.i18n import phrase_text, translate_noop
from kshare.ui.resources import icon
from kshare.ui.text import decimal, full_time, relative_time

OFFLINE_STATES = frozenset({"offline", "retrying"})
PROBLEM_STATES = frozenset({"server_too_old", "auth_required", "error"})

STATE_WORDS = {
    "signed_out": translate_noop("SyncStatusBar", "Not signed in"),
    "idle": translate_noop("SyncStatusBar", "Up to date"),
    "syncing": translate_noop("SyncStatusBar", "Syncing…"),
    "offline": translate_noop(
        "SyncStatusBar", "Showing what is on this computer; reading and search still work"
    ),
    "retrying": translate_noop("SyncStatusBar", "Server unreachable — retrying"),
    "server_too_old": translate_noop(
        "SyncStatusBar", "The server is too old for this version of kshare"
    ),
    "auth_required": translate_noop("SyncStatusBar", "Please sign in again"),
    "error": translate_noop("SyncStatusBar", "Sync failed"),
}


def progress_text(status: SyncStatus) -> str:
    parts = []
    if status.items_total:
        parts.append(
            QCoreApplication.translate("SyncStatusBar", "{done} of {total} items").format(
                done=status.items_done, total=status.items_total
            )
        )
    elif status.items_done:
        parts.append(
            QCoreApplication.translate("SyncStatusBar", "{count} items").format(
                count=status.items_done
            )
        )
    if status.bytes_total and status.bytes_done < status.bytes_total:
        megabytes = status.bytes_total / 1024**2
        parts.append(
            QCoreApplication.translate(
                "SyncStatusBar", "files {percent}% of {megabytes} MB"
            ).format(
                percent=100 * status.bytes_done // status.bytes_total,
                megabytes=decimal(megabytes),
            )
        )
    return " · ".join(parts)


class SyncStatusBar(QWidget):
    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: SyncStatus | None = None
        self.state = QLabel()
        self.offline = QLabel(self.tr("● Offline"))
        self.offline.setObjectName("offlineBadge")
        self.offline.setToolTip(
            self.tr("The server cannot be reached. Reading and search still work.")
        )
        self.offline.hide()
        self.pending = QLabel()
        self.pending.setObjectName("pendingCount")
        self.last_sync = QLabel()
        self.sync_button = QToolButton()
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setIcon(icon("sync"))
        self.sync_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.sync_button.setToolTip(self.tr("Fetch new posts and send yours (F5)"))
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
        self._tick = QTimer(self)
        self._tick.setInterval(30_000)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._tick.start()

    def set_status(self, status: SyncStatus) -> None:
        self.status = status
        # the client's sentence in the window's language; a bare state in a word or two
        words = phrase_text(status.phrase, status.message) or self.tr(
            STATE_WORDS.get(status.state, status.state)
        )
        if status.state == "syncing" and (progress := progress_text(status)):
            # the counts say more than the sync's own "Syncing… 3 of 10": said once, not twice
            words = self.tr("Syncing… {progress}").format(progress=progress)
        self.state.setText(words)
        self.offline.setVisible(status.state in OFFLINE_STATES)
        pending = status.pending_outbox
        self.pending.setVisible(pending > 0)
        self.pending.setText(self.tr("%n waiting to be sent", "", pending) if pending else "")
        self.sync_button.setEnabled(status.state not in {"syncing", "signed_out"})
        self._show_last_sync()

    def set_pending(self, pending: int) -> None:
        self.pending.setVisible(pending > 0)
        self.pending.setText(self.tr("%n waiting to be sent", "", pending) if pending else "")

    def _show_last_sync(self) -> None:
        last = self.status.last_success if self.status else None
        self.last_sync.setText(self.tr("Last sync: {when}").format(when=relative_time(last)))
        self.last_sync.setToolTip(full_time(last))

    @Slot()
    def _on_tick_timeout(self) -> None:
        if self.status is not None:
            self._show_last_sync()

    @Slot()
    def _on_sync_button_clicked(self) -> None:
        self.sync_requested.emit()
