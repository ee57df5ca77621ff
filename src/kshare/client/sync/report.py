"""What one sync did, and a live status the UI and the command line show."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from kshare.client.phrases import Phrase
from kshare.client.store.repository import ChangeSet
from kshare.client.sync import messages
from kshare.client.views import SyncStatus


@dataclass(frozen=True)
class Changes:
    """Ids a sync touched, so each view can decide whether it cares."""

    item_ids: frozenset[str] = frozenset()
    person_ids: frozenset[str] = frozenset()
    group_ids: frozenset[str] = frozenset()
    removed_ids: frozenset[str] = frozenset()

    @classmethod
    def of(cls, changes: ChangeSet) -> Changes:
        return cls(
            item_ids=frozenset(changes.items - changes.removed),
            person_ids=frozenset(changes.people - changes.removed),
            group_ids=frozenset(changes.groups - changes.removed),
            removed_ids=frozenset(changes.removed),
        )

    def __bool__(self) -> bool:
        return bool(self.item_ids or self.person_ids or self.group_ids or self.removed_ids)


@dataclass(frozen=True)
class SyncReport:
    status: SyncStatus
    changes: Changes = field(default_factory=Changes)
    pushed: int = 0
    conflicts: int = 0
    failed: int = 0
    # Things the server stopped listing without saying why; kept until the person confirms.
    removal_to_confirm: int = 0


ProgressCallback = Callable[[SyncStatus], None]


class StatusTracker:
    """The current :class:`SyncStatus`; every change is handed to the progress callback."""

    def __init__(self, initial: SyncStatus) -> None:
        self._lock = threading.Lock()
        self._status = initial
        self.listener: ProgressCallback | None = None

    @property
    def current(self) -> SyncStatus:
        with self._lock:
            return self._status

    def update(self, **fields: object) -> SyncStatus:
        with self._lock:
            self._status = replace(self._status, **fields)  # type: ignore[arg-type]
            status = self._status
        if self.listener is not None:
            self.listener(status)
        return status

    def add_bytes(self, count: int) -> None:
        """Count downloaded bytes; called from several download threads at once."""
        with self._lock:
            self._status = replace(self._status, bytes_done=self._status.bytes_done + count)
            status = self._status
        if self.listener is not None:
            self.listener(status)

    def set(self, status: SyncStatus) -> SyncStatus:
        with self._lock:
            self._status = status
        if self.listener is not None:
            self.listener(status)
        return status


def describe_wait(seconds: float) -> Phrase:
    if seconds < 90:
        return messages.say(messages.SECONDS, seconds=max(1, round(seconds)))
    return messages.say(messages.MINUTES, minutes=round(seconds / 60))


def last_success_text(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"
