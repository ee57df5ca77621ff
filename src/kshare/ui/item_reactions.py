"""Reactions in the reading pane: the bar under the item, and a reply's bar in a popup.

One change at a time: while a reaction is being saved both bars are disabled,
or a double click would react twice. After the save, or after a failure, the
item is shown again so the counts are the cache's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Qt, Slot
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kshare.client.views import ItemDetail
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.reactions import ReactionBar


class ReactionWriter(Protocol):
    def react(self, item_id: str, emoji: str) -> str: ...
    def unreact(self, item_id: str, emoji: str) -> None: ...


class ItemReactions(QObject):
    """The two reaction bars of a reading pane (``owner``) and saving what they change.

    ``written`` shows an item again; ``on_show`` tells whether a reply is still on show.
    """

    def __init__(
        self,
        owner: QWidget,
        writer: ReactionWriter,
        runner: TaskRunner,
        *,
        written: Callable[[str], None],
        show_failure: Callable[[Failure], None],
        on_show: Callable[[str], bool],
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._writer = writer
        self._runner = runner
        self._written = written
        self._show_failure = show_failure
        self._on_show = on_show
        self._busy = False  # a reaction is being saved: one change at a time
        self._item_id: str | None = None
        self._reply_mine: Mapping[str, frozenset[str]] = {}
        self._target: str | None = None
        self.bar = ReactionBar()
        self.bar.toggled.connect(self._on_bar_toggled)
        # A reply's reactions: the same bar, in a small popup opened from its "React" link.
        self.popup = QFrame(owner, Qt.WindowType.Popup)
        self.popup.setObjectName("replyReactions")
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.reply_bar = ReactionBar(self.popup)
        self.reply_bar.toggled.connect(self._on_reply_bar_toggled)
        popup_layout = QHBoxLayout(self.popup)
        popup_layout.setContentsMargins(6, 4, 6, 4)
        popup_layout.addWidget(self.reply_bar)

    def show_item(
        self,
        detail: ItemDetail,
        mine: frozenset[str],
        reply_mine: Mapping[str, frozenset[str]],
    ) -> None:
        """The item's counts and the person's own reactions, on it and on its replies."""
        self._item_id = detail.summary.id
        self._reply_mine = dict(reply_mine)
        self.bar.set_reactions(detail.reactions, mine)
        self.bar.setEnabled(not self._busy)

    def clear(self) -> None:
        self._item_id = None
        self._reply_mine = {}
        self.popup.hide()

    def show_reply(self, reply: ItemDetail, at: QPoint | None = None) -> None:
        """Open the popup bar for a reply, at ``at`` or else at the mouse."""
        reply_id = reply.summary.id
        self._target = reply_id
        self.reply_bar.set_reactions(reply.reactions, self._reply_mine.get(reply_id, frozenset()))
        self.reply_bar.setEnabled(not self._busy)
        self.popup.adjustSize()
        self.popup.move(at if at is not None else QCursor.pos())
        self.popup.show()

    def toggle(self, item_id: str, emoji: str, add: bool) -> None:
        def write() -> None:
            if add:
                self._writer.react(item_id, emoji)
            else:
                self._writer.unreact(item_id, emoji)

        # One change at a time, or a double click would react twice.
        self._set_busy(True)
        self._runner.write(
            write,
            success=lambda _none: self._on_saved(item_id),
            failure=lambda failure: self._on_failed(item_id, failure),
            label=self.tr("saving your reaction"),
            owner=self._owner,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.bar.setEnabled(not busy)
        self.reply_bar.setEnabled(not busy)

    def _on_saved(self, item_id: str) -> None:
        self._set_busy(False)
        self._written(item_id)

    def _on_failed(self, item_id: str, failure: Failure) -> None:
        self._set_busy(False)
        self._show_failure(failure)
        self._written(item_id)  # show the reactions as they really are

    @Slot(str, bool)
    def _on_bar_toggled(self, emoji: str, add: bool) -> None:
        if self._item_id is not None:
            self.toggle(self._item_id, emoji, add)

    @Slot(str, bool)
    def _on_reply_bar_toggled(self, emoji: str, add: bool) -> None:
        target = self._target
        self.popup.hide()
        if target is not None and self._on_show(target):
            self.toggle(target, emoji, add)
