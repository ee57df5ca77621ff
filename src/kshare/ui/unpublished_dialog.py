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

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
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
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP, full_time, kind_label, relative_time

log = logging.getLogger(__name__)

CONFLICT, FAILED = "conflict", "failed"
EXCERPT = 280
EMPTY = QT_TRANSLATE_NOOP("UnpublishedDialog", "Everything you wrote has reached the server.")
# What an outbox entry does, for the operations without words of their own below.
OPERATIONS = {
    "delete_item": QT_TRANSLATE_NOOP("unpublished_dialog", "Deleting an item"),
    "delete_reaction": QT_TRANSLATE_NOOP("unpublished_dialog", "Taking back a reaction"),
    "upload_blob": QT_TRANSLATE_NOOP("unpublished_dialog", "Uploading a file"),
    "accept_answer": QT_TRANSLATE_NOOP("unpublished_dialog", "Accepting an answer"),
    "update_profile": QT_TRANSLATE_NOOP("unpublished_dialog", "A change to your profile"),
    "endorse": QT_TRANSLATE_NOOP("unpublished_dialog", "An endorsement"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("unpublished_dialog", text)


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
    if not (title or body):
        return ""
    return QCoreApplication.translate("unpublished_dialog", "“{text}”").format(
        text=excerpt(title or body, 60)
    )


def audience_words(spec: dict[str, Any]) -> str:
    """An audience as the outbox keeps it (the wire spec), in plain words."""
    group, person = (
        QCoreApplication.translate("unpublished_dialog", "group {name}"),
        QCoreApplication.translate("unpublished_dialog", "person {name}"),
    )
    if spec.get("org"):
        who = [QCoreApplication.translate("unpublished_dialog", "everyone in the company")]
    elif spec.get("private"):
        who = [QCoreApplication.translate("unpublished_dialog", "only you")]
    else:
        who = [group.format(name=g) for g in spec.get("groups") or []]
        who += [person.format(name=p) for p in spec.get("people") or []]
    parts = [
        QCoreApplication.translate("unpublished_dialog", "Visible to: {who}").format(
            who=", ".join(who) or QCoreApplication.translate("unpublished_dialog", "only you")
        )
    ]
    editors = [group.format(name=g) for g in spec.get("editor_groups") or []]
    editors += [person.format(name=p) for p in spec.get("editor_people") or []]
    if editors:
        parts.append(
            QCoreApplication.translate("unpublished_dialog", "can also edit: {who}").format(
                who=", ".join(editors)
            )
        )
    if spec.get("publish_at"):
        parts.append(
            QCoreApplication.translate("unpublished_dialog", "from {when}").format(
                when=spec["publish_at"]
            )
        )
    if spec.get("visible_until"):
        parts.append(
            QCoreApplication.translate("unpublished_dialog", "until {when}").format(
                when=spec["visible_until"]
            )
        )
    return " · ".join(parts)


def describe(entry: Any) -> Description:
    payload: dict[str, Any] = entry.payload
    operation = entry.operation
    mine = ""
    theirs = ""
    if operation == "create_item":
        create = payload.get("create") or {}
        mine = str(create.get("body") or "")
        kind = str(create.get("kind") or "post")
        quoted = _quoted(str(create.get("title") or ""), mine)
        # "Your new post “…”": the kind as a word of its own, lower case in English.
        what = QCoreApplication.translate("unpublished_dialog", "Your new {kind} {title}").format(
            kind=kind_label(kind).lower(), Kind=kind_label(kind), title=quoted
        )
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
            what = QCoreApplication.translate(
                "unpublished_dialog", "Your change of who can see {title}"
            ).format(title=quoted)
        else:
            what = QCoreApplication.translate("unpublished_dialog", "Your edit of {title}").format(
                title=quoted
            )
    elif operation == "create_reaction":
        emoji = (payload.get("reaction") or {}).get("emoji", "")
        what = QCoreApplication.translate("unpublished_dialog", "Your reaction {emoji}").format(
            emoji=emoji
        )
    elif operation in OPERATIONS:
        what = _tr(OPERATIONS[operation])
    else:
        what = operation.replace("_", " ").capitalize()
    if entry.state == CONFLICT:
        why = QCoreApplication.translate(
            "unpublished_dialog",
            "It was changed on the server before your edit arrived. Choose which to keep.",
        )
    else:
        reason = entry.last_error or QCoreApplication.translate(
            "unpublished_dialog", "no reason given"
        )
        why = QCoreApplication.translate(
            "unpublished_dialog", "The server refused it: {reason}."
        ).format(reason=reason.rstrip("."))
    return Description(what.strip(), why, mine, theirs)


class EntryCard(QFrame):
    """One entry: what, why, when, and the choices that fit its state."""

    def __init__(self, entry: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unpublishedEntry")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.entry = entry
        self.description = described = describe(entry)
        self.what = named(QLabel(described.what, wordWrap=True), "entryWhat")
        self.what.setTextFormat(Qt.TextFormat.PlainText)
        font = self.what.font()
        font.setBold(True)
        self.what.setFont(font)
        self.why = named(QLabel(described.why, wordWrap=True), "entryWhy")
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        written = self.tr("Written {when}").format(when=relative_time(entry.created_at))
        self.when = named(QLabel(written), "hint")
        self.when.setToolTip(full_time(entry.created_at))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        layout.addWidget(self.what)
        layout.addWidget(self.why)
        layout.addWidget(self.when)

        self.mine = named(QLabel(wordWrap=True), "entryMine")
        self.theirs = named(QLabel(wordWrap=True), "entryTheirs")
        for label in (self.mine, self.theirs):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()
            layout.addWidget(label)
        if described.mine:
            self.mine.setText(self.tr("Yours: {text}").format(text=excerpt(described.mine)))
            self.mine.show()
        if entry.state == CONFLICT and described.theirs:
            self.theirs.setText(
                self.tr("On the server: {text}").format(text=excerpt(described.theirs))
            )
            self.theirs.show()

        what = described.what
        self.keep_mine_button = named(QPushButton(self.tr("Keep mine")), "keepMineButton")
        self.keep_mine_button.setAccessibleName(self.tr("Keep mine: {what}").format(what=what))
        self.keep_theirs_button = named(QPushButton(self.tr("Keep theirs")), "keepTheirsButton")
        self.keep_theirs_button.setAccessibleName(self.tr("Keep theirs: {what}").format(what=what))
        self.copy_button = named(QPushButton(self.tr("Copy my text")), "copyButton")
        self.copy_button.setAccessibleName(self.tr("Copy my text: {what}").format(what=what))
        self.discard_button = named(QPushButton(self.tr("Discard")), "discardButton")
        self.discard_button.setAccessibleName(self.tr("Discard: {what}").format(what=what))
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
        self.setWindowTitle(self.tr("Could not publish"))
        self.resize(620, 480)
        self._source = source
        self._runner = runner
        self.cards: dict[int, EntryCard] = {}

        intro = named(
            QLabel(
                self.tr(
                    "These did not reach the server. Nothing here is sent again unless you "
                    "choose to."
                ),
                wordWrap=True,
            ),
            "pageSubtitle",
        )
        self.empty = named(QLabel(self.tr(EMPTY), wordWrap=True), "emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.error = named(QLabel(wordWrap=True), "errorText")
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
            label=QT_TRANSLATE_NOOP("TaskLabel", "reading what could not be published"),
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
            QT_TRANSLATE_NOOP("TaskLabel", "keeping your version")
            if keep == "mine"
            else QT_TRANSLATE_NOOP("TaskLabel", "keeping the server's version"),
        )

    def _confirm_discard(self, entry_id: int, target_id: str) -> None:
        ask_to_confirm(
            self,
            name="confirmDiscard",
            question=self.tr("Discard this?"),
            consequence=self.tr(
                "What you wrote is deleted from this computer. "
                "Copy your text first if you want to keep it."
            ),
            accept_label=self.tr("Discard"),
            on_accept=lambda: self._run(
                entry_id,
                target_id,
                lambda: self._source.discard_unpublished(entry_id),
                QT_TRANSLATE_NOOP("TaskLabel", "discarding"),
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
