"""Could not publish: writes the server did not take, and what the person can do about each.

An edit that met a newer version on the server waits here as a conflict: keep
mine sends it again over theirs, keep theirs drops it. A write the server
refused for good (no permission, the item is gone) can be copied and then
discarded. Nothing here is retried on its own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.ui.card_list import card_list
from kshare.ui.confirm import ask_to_confirm
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.text import full_time, kind_label, relative_time

log = logging.getLogger(__name__)

CONFLICT, FAILED = "conflict", "failed"
EXCERPT = 280
EMPTY = "Everything you wrote has reached the server."


class UnpublishedSource(Protocol):
    def unpublished(self) -> list[Any]: ...  # OutboxOp
    def resolve_conflict(self, entry_id: int, keep: str) -> None: ...
    def discard_unpublished(self, entry_id: int) -> None: ...


@dataclass(frozen=True)
class Description:
    """One outbox entry in the person's words."""

    what: str
    why: str
    mine: str  # the text they wrote, to compare or to copy
    theirs: str = ""  # the server's text, for a conflict


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quoted(title: str, body: str) -> str:
    return f"“{excerpt(title or body, 60)}”" if (title or body) else ""


def audience_words(spec: dict[str, Any]) -> str:
    """An audience as the outbox keeps it (the wire spec), in plain words."""
    if spec.get("org"):
        who = ["everyone in the company"]
    elif spec.get("private"):
        who = ["only you"]
    else:
        who = [f"group {g}" for g in spec.get("groups") or []]
        who += [f"person {p}" for p in spec.get("people") or []]
    parts = ["Visible to: " + (", ".join(who) or "only you")]
    editors = [f"group {g}" for g in spec.get("editor_groups") or []]
    editors += [f"person {p}" for p in spec.get("editor_people") or []]
    if editors:
        parts.append("can also edit: " + ", ".join(editors))
    if spec.get("publish_at"):
        parts.append(f"from {spec['publish_at']}")
    if spec.get("visible_until"):
        parts.append(f"until {spec['visible_until']}")
    return " · ".join(parts)


def describe(entry: Any) -> Description:
    payload: dict[str, Any] = entry.payload
    operation = entry.operation
    mine = ""
    theirs = ""
    if operation == "create_item":
        create = payload.get("create") or {}
        mine = str(create.get("body") or "")
        kind = kind_label(str(create.get("kind") or "post")).lower()
        what = f"Your new {kind} {_quoted(str(create.get('title') or ''), mine)}"
    elif operation == "update_item":
        update = payload.get("update") or {}
        base = payload.get("base") or {}
        server = payload.get("server") or {}
        mine = str(update.get("body") or update.get("title") or "")
        theirs = str(server.get("body") or server.get("title") or "")
        title = str(update.get("title") or base.get("title") or "")
        quoted = _quoted(title, str(base.get("body") or mine))
        audience = update.get("audience")
        if not mine and isinstance(audience, dict):  # only who may see or edit it changed
            mine = audience_words(audience)
            what = f"Your change of who can see {quoted}"
        else:
            what = f"Your edit of {quoted}"
    elif operation == "create_reaction":
        emoji = (payload.get("reaction") or {}).get("emoji", "")
        what = f"Your reaction {emoji}"
    else:
        what = {
            "delete_item": "Deleting an item",
            "delete_reaction": "Taking back a reaction",
            "upload_blob": "Uploading a file",
            "accept_answer": "Accepting an answer",
            "update_profile": "A change to your profile",
            "endorse": "An endorsement",
        }.get(operation, operation.replace("_", " ").capitalize())
    if entry.state == CONFLICT:
        why = "It was changed on the server before your edit arrived. Choose which to keep."
    else:
        reason = entry.last_error or "no reason given"
        why = f"The server refused it: {reason.rstrip('.')}."
    return Description(what.strip(), why, mine, theirs)


class EntryCard(QFrame):
    """One entry: what, why, when, and the choices that fit its state."""

    def __init__(self, entry: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unpublishedEntry")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.entry = entry
        self.description = described = describe(entry)
        self.what = QLabel(described.what, objectName="entryWhat", wordWrap=True)
        self.what.setTextFormat(Qt.TextFormat.PlainText)
        font = self.what.font()
        font.setBold(True)
        self.what.setFont(font)
        self.why = QLabel(described.why, objectName="entryWhy", wordWrap=True)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.when = QLabel(f"Written {relative_time(entry.created_at)}", objectName="hint")
        self.when.setToolTip(full_time(entry.created_at))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        layout.addWidget(self.what)
        layout.addWidget(self.why)
        layout.addWidget(self.when)

        self.mine = QLabel(objectName="entryMine", wordWrap=True)
        self.theirs = QLabel(objectName="entryTheirs", wordWrap=True)
        for label in (self.mine, self.theirs):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()
            layout.addWidget(label)
        if described.mine:
            self.mine.setText(f"Yours: {excerpt(described.mine)}")
            self.mine.show()
        if entry.state == CONFLICT and described.theirs:
            self.theirs.setText(f"On the server: {excerpt(described.theirs)}")
            self.theirs.show()

        self.keep_mine_button = QPushButton("Keep mine", objectName="keepMineButton")
        self.keep_mine_button.setAccessibleName(f"Keep mine: {described.what}")
        self.keep_theirs_button = QPushButton("Keep theirs", objectName="keepTheirsButton")
        self.keep_theirs_button.setAccessibleName(f"Keep theirs: {described.what}")
        self.copy_button = QPushButton("Copy my text", objectName="copyButton")
        self.copy_button.setAccessibleName(f"Copy my text: {described.what}")
        self.discard_button = QPushButton("Discard", objectName="discardButton")
        self.discard_button.setAccessibleName(f"Discard: {described.what}")
        conflict = entry.state == CONFLICT
        self.keep_mine_button.setVisible(conflict)
        self.keep_theirs_button.setVisible(conflict)
        self.discard_button.setVisible(not conflict)
        self.copy_button.setVisible(bool(described.mine))
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.copy_button,
            self.keep_theirs_button,
            self.keep_mine_button,
            self.discard_button,
        ):
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def set_busy(self, busy: bool) -> None:
        for button in (self.keep_mine_button, self.keep_theirs_button, self.discard_button):
            button.setEnabled(not busy)

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.description.mine)


class UnpublishedDialog(QDialog):
    entries_shown = Signal(int)  # how many entries the dialog lists now
    resolved = Signal(str)  # the target id of an entry that was resolved or discarded

    def __init__(
        self, source: UnpublishedSource, runner: TaskRunner, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("unpublishedDialog")
        self.setWindowTitle("Could not publish")
        self.resize(620, 480)
        self._source = source
        self._runner = runner
        self.cards: dict[int, EntryCard] = {}

        intro = QLabel(
            "These did not reach the server. Nothing here is sent again unless you choose to.",
            objectName="pageSubtitle",
            wordWrap=True,
        )
        self.empty = QLabel(EMPTY, objectName="emptyState", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.error = QLabel(objectName="errorText", wordWrap=True)
        self.error.hide()
        scroll, self._body, self._list = card_list("unpublishedList", spacing=8)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        layout.addWidget(close)

    def refresh(self) -> None:
        """Read the entries again, off the GUI thread."""
        self._runner.local(
            self._source.unpublished,
            success=self._show_entries,
            failure=self._show_failure,
            label="reading what could not be published",
            owner=self,
        )

    def card(self, entry_id: int) -> EntryCard | None:
        return self.cards.get(entry_id)

    def _show_entries(self, entries: list[Any]) -> None:
        for card in self.cards.values():
            card.deleteLater()
        self.cards = {}
        for position, entry in enumerate(entries):
            card = EntryCard(entry, self._body)
            entry_id, target = entry.id, entry.target_id
            card.keep_mine_button.clicked.connect(
                lambda _c=False, e=entry_id, t=target: self._resolve(e, t, "mine")
            )
            card.keep_theirs_button.clicked.connect(
                lambda _c=False, e=entry_id, t=target: self._resolve(e, t, "theirs")
            )
            card.discard_button.clicked.connect(
                lambda _c=False, e=entry_id, t=target: self._confirm_discard(e, t)
            )
            self._list.insertWidget(position, card)
            card.show()  # at once: a layout would only show it at the next turn of the loop
            self.cards[entry_id] = card
        self.empty.setVisible(not entries)
        self.entries_shown.emit(len(entries))

    def _resolve(self, entry_id: int, target_id: str, keep: str) -> None:
        self._run(
            entry_id,
            target_id,
            lambda: self._source.resolve_conflict(entry_id, keep),
            "keeping your version" if keep == "mine" else "keeping the server's version",
        )

    def _confirm_discard(self, entry_id: int, target_id: str) -> None:
        ask_to_confirm(
            self,
            name="confirmDiscard",
            question="Discard this?",
            consequence="What you wrote is deleted from this computer. "
            "Copy your text first if you want to keep it.",
            accept_label="Discard",
            on_accept=lambda: self._run(
                entry_id,
                target_id,
                lambda: self._source.discard_unpublished(entry_id),
                "discarding",
            ),
        )

    def _run(self, entry_id: int, target_id: str, work: Any, label: str) -> None:
        if (card := self.cards.get(entry_id)) is not None:
            card.set_busy(True)
        self.error.hide()
        self._runner.write(
            work,
            success=lambda _none: self._on_done(target_id),
            failure=self._on_failed,
            label=label,
            owner=self,
        )

    def _on_done(self, target_id: str) -> None:
        self.resolved.emit(target_id)
        self.refresh()

    def _on_failed(self, failure: Failure) -> None:
        self._show_failure(failure)
        self.refresh()  # the entry may have changed under us (a sync resolved it)

    def _show_failure(self, failure: Failure) -> None:
        self.error.setText(failure.message)
        self.error.setToolTip("" if failure.user_facing else failure.details)
        self.error.show()
