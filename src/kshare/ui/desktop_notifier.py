"""Desktop notifications for new inbox entries, through the system tray where there is one.

Each entry is announced at most once and never one older than the last
announcement (see :meth:`kshare.client.notifications.service.Notifications.to_announce`),
so the first sync of a new computer stays quiet. Every kind can be turned off
in Settings, and all of them at once.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from kshare.client.notifications import inbox
from kshare.client.notifications.inbox import KIND_LABELS, InboxEntry
from kshare.ui.i18n import phrase_text, translate_noop
from kshare.ui.operations import TaskRunner
from kshare.ui.resources import icon

log = logging.getLogger(__name__)

MAX_BUBBLES = 3  # more than this at once become one summary bubble


def bubble(entry: InboxEntry) -> tuple[str, str]:
    """The title (the kind of news: ``Mentions of me``) and text of an entry's bubble, in
    the window's language."""
    label = KIND_LABELS.get(entry.kind)
    title = QCoreApplication.translate(inbox.CONTEXT, label) if label else "kshare"
    return title, phrase_text(entry.phrase, entry.text)


class DesktopNotifier(QObject):
    announced = Signal(list)  # the InboxEntry values announced this time
    entry_clicked = Signal(object)  # the InboxEntry of the bubble clicked

    def __init__(self, workspace: Any, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notes = workspace.notifications
        self._settings = workspace.settings
        self._runner = runner
        self._last: InboxEntry | None = None
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon("kshare"), self)
            self.tray.setToolTip("kshare")
            self.tray.messageClicked.connect(self._on_tray_message_clicked)
            self.tray.show()

    def enabled(self, kind: str) -> bool:
        if not self._settings.get("notify_desktop"):
            return False
        key = f"notify_{kind}"
        try:
            return bool(self._settings.get(key))
        except KeyError:
            return True

    def check(self) -> None:
        """Look for entries to announce (after a sync)."""
        self._runner.local(
            lambda: self._notes.to_announce(self.enabled),
            success=self._announce,
            label=translate_noop("TaskLabel", "looking for news to announce"),
            owner=self,
        )

    def _announce(self, entries: list[InboxEntry]) -> None:
        if not entries:
            return
        self._last = entries[0]
        if self.tray is not None:
            if len(entries) > MAX_BUBBLES:
                self.tray.showMessage("kshare", self.tr("%n new in your inbox", "", len(entries)))
            else:
                for entry in entries:
                    self.tray.showMessage(*bubble(entry))
        self.announced.emit(entries)

    @Slot()
    def _on_tray_message_clicked(self) -> None:
        if self._last is not None:
            self.entry_clicked.emit(self._last)
