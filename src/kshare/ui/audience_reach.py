"""The composer's "Who will see this" line: a count of people and the groups, before publishing.

Asked of the server through the task manager; offline the count comes from the cache and
says it is an estimate. One request at a time: changes made while one is out are
coalesced into the next, so ticking boxes quickly never queues a row of requests.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kshare.client.audience_reach import Reach
from kshare.ui.i18n import phrase_text
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


class ReachSource(Protocol):
    def preview(self, audience: Sequence[str]) -> Reach: ...


class AudienceReachLabel(QWidget):
    """Counts the audience it is given; shows the count, the groups and any warning."""

    def __init__(
        self, source: ReachSource | None, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._busy = False
        self._wanted: tuple[str, ...] | None = None
        self.reach: Reach | None = None
        self.count = named(QLabel(wordWrap=True), "audienceReach")
        self.count.setAccessibleName(self.tr("Who will see this"))
        self.warning = named(QLabel(wordWrap=True), "audienceWarning")
        self.warning.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.count)
        layout.addWidget(self.warning)
        self.setVisible(source is not None)

    def count_audience(self, audience: Sequence[str]) -> None:
        """Count ``audience`` (``org``, ``private``, ``group:NAME``, ``person:NAME``)."""
        if self._source is None:
            return
        wanted = tuple(audience)
        if not wanted:
            self.reach = None
            self.count.setText(self.tr("Choose who may see this."))
            self.warning.hide()
            return
        self._wanted = wanted
        if not self._busy:
            self._send()

    def _send(self) -> None:
        source, wanted = self._source, self._wanted
        if source is None or wanted is None:
            return
        self._wanted = None
        self._busy = True
        if self.reach is None:
            self.count.setText(self.tr("Counting who will see this…"))
        self._runner.network(
            lambda: source.preview(wanted),
            success=self._on_counted,
            failure=self._on_failed,
            label=QT_TRANSLATE_NOOP("TaskLabel", "counting who will see this"),
            owner=self,
        )

    def _on_counted(self, reach: Reach) -> None:
        self._busy = False
        if self._wanted is not None:  # the choice changed meanwhile: count that instead
            self._send()
            return
        self.reach = reach
        self.count.setText(phrase_text(reach.phrase))
        warning = phrase_text(reach.warning_phrase, reach.warning)
        self.warning.setText(f"⚠ {warning}" if warning else "")
        self.warning.setVisible(bool(reach.warning))

    def _on_failed(self, failure: Failure) -> None:
        self._busy = False
        self.count.setText(
            self.tr("Cannot count who will see this: {reason}").format(reason=failure.message)
        )
        if self._wanted is not None:
            self._send()
