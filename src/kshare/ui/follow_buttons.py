"""A Follow / Following toggle for whatever a page shows: a tag, a group, a person, a question.

The state is read from the local cache off the GUI thread; a click flips the button at
once and writes the change (to the cache and the outbox, so it works offline) on the
local lane. If the write fails, the button goes back to what it was and says why.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kshare.client.errors import UserFacingError
from kshare.client.notifications.follows import FollowSet, canonical_tag
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.query_ops import CollectionOp, QueryOp
from kshare.ui.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


class FollowSource(Protocol):
    """The part of :class:`kshare.client.notifications.service.Notifications` used here."""

    def follow(self, kind: str, name: str, *, following: bool = True) -> str: ...
    def follow_set(self) -> FollowSet: ...


def follow_key(kind: str, target: str) -> str:
    """How the cache names ``target``: tags in the server's spelling, the rest by id."""
    return canonical_tag(target.lstrip("#")) if kind == "tag" else target


class FollowButton(QWidget):
    """One toggle bound to one thing at a time; ``bind`` points it at another."""

    changed = Signal(str, str, bool)  # kind, target, following: a change was saved
    failed = Signal(str)  # the sentence shown when a change could not be saved

    def __init__(
        self, follows: FollowSource | None, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followToggle")
        self._follows = follows
        self._runner = runner
        self._request = 0
        self.kind = ""
        self.target = ""
        self.label = ""
        self.following = False
        self.button = QPushButton(QCoreApplication.translate("FollowButton", "Follow"))
        self.button.setObjectName("followButton")
        self.button.setCheckable(True)
        self.button.setEnabled(False)
        self.button.clicked.connect(self._on_button_clicked)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.button)
        row.addWidget(self.message, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setVisible(follows is not None)

    @property
    def can_follow(self) -> bool:
        """Whether there is anything to follow with: without it the toggle stays hidden."""
        return self._follows is not None

    def bind(self, kind: str, target: str, label: str) -> None:
        """Show the state for ``target`` (read from the cache in the background)."""
        self._request += 1
        request = self._request
        self.kind, self.target, self.label = kind, follow_key(kind, target), label
        self.message.hide()
        self._show(False, known=False)
        follows = self._follows
        if follows is None or not target:
            return
        key = (kind, self.target)
        QueryOp(
            parent=self,
            op=lambda: key in follows.follow_set(),
            success=lambda on: self._on_state_read(request, bool(on)),
        ).failure(lambda failure: self._on_state_failed(request, failure)).run_in_background(
            self._runner
        )

    def _on_state_read(self, request: int, following: bool) -> None:
        if request == self._request:
            self._show(following, known=True)

    def _on_state_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self._show(False, known=True)
            self._say(failure.message)

    def _show(self, following: bool, *, known: bool) -> None:
        self.following = following
        self.button.setChecked(following)
        self.button.setText(
            QCoreApplication.translate("FollowButton", "Following")
            if following
            else QCoreApplication.translate("FollowButton", "Follow")
        )
        self.button.setEnabled(known and self._follows is not None and bool(self.target))
        what = self.label or self.target
        if following:
            self.button.setAccessibleName(
                QCoreApplication.translate("FollowButton", "Following {0}. Stop following").format(
                    what
                )
            )
            self.button.setToolTip(
                QCoreApplication.translate(
                    "FollowButton", "You follow {0}: new things show in your Inbox"
                ).format(what)
            )
        else:
            self.button.setAccessibleName(
                QCoreApplication.translate("FollowButton", "Follow {0}").format(what)
            )
            self.button.setToolTip(
                QCoreApplication.translate(
                    "FollowButton", "Follow {0}: new things show in your Inbox"
                ).format(what)
            )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def toggle(self) -> None:
        """Follow, or stop following: shown at once, saved in the background."""
        follows = self._follows
        if follows is None or not self.target:
            return
        before = self.following
        wanted = not before
        kind, target, request = self.kind, self.target, self._request
        self.message.hide()
        self._show(wanted, known=True)

        def write() -> str:
            try:
                return follows.follow(kind, target, following=wanted)
            except LookupError as exc:  # the cache does not know it (any more): say so
                if isinstance(exc, UserFacingError):  # its sentence is said already
                    raise
                raise UserFacingError(str(exc.args[0]) if exc.args else str(exc)) from exc

        def saved(_target: object) -> None:
            self.changed.emit(kind, target, wanted)

        def not_saved(failure: Failure) -> None:
            if request == self._request:
                self._show(before, known=True)
                text = (
                    QCoreApplication.translate("FollowButton", "Could not follow {0}: {1}")
                    if wanted
                    else QCoreApplication.translate(
                        "FollowButton", "Could not stop following {0}: {1}"
                    )
                ).format(self.label or target, failure.message)
                self._say(text)
                self.failed.emit(text)

        CollectionOp(parent=self, op=write, success=saved).failure(not_saved).with_progress(
            QT_TRANSLATE_NOOP("TaskLabel", "following")
            if wanted
            else QT_TRANSLATE_NOOP("TaskLabel", "stopping following")
        ).run_in_background(self._runner)

    @Slot(bool)
    def _on_button_clicked(self, _checked: bool) -> None:
        self.toggle()
