"""What a person can do with the item in the reading pane: answer, comment, edit, delete,
react, open its file; and, on each answer and comment shown in its thread, comment,
react, edit and delete, without opening that reply alone.

Every write goes through the façade to the local outbox, on the task runner's
local worker, so it works offline and is sent at the next sync. Edit is
offered on the person's own items and on those whose author named them an
editor (who may change the text, never the audience); Delete only on their own.
The actions on a reply are links in its metadata line (see :func:`reply_actions`);
they use the same editor, confirmation and reaction bar as the item itself.

This module holds the row of buttons and decides what is offered; the work is
done by :mod:`kshare.ui.item_edit_flow` (the editor and its drafts),
:mod:`kshare.ui.item_reactions` and :mod:`kshare.ui.item_attachments`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QPoint, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import ItemDetail
from kshare.ui.audience_dialog import AudienceDialog
from kshare.ui.confirm import ask_to_confirm
from kshare.ui.item_attachments import ItemAttachment
from kshare.ui.item_edit_flow import CHANGED_MEANWHILE, ItemEditFlow, TextWriter, is_own
from kshare.ui.item_editor import ANSWER, COMMENT, EDIT, ItemEditor
from kshare.ui.item_reactions import ItemReactions
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.reactions import ReactionBar

log = logging.getLogger(__name__)

__all__ = [
    "CHANGED_MEANWHILE",
    "REPLY_ACTIONS",
    "ItemActions",
    "ItemWriter",
    "is_own",
    "replies_of",
    "reply_actions",
]


class ItemWriter(TextWriter, Protocol):
    """The part of :class:`kshare.client.services.Workspace` the actions use: what the edit
    flow writes with, and the rest of the item's actions."""

    def delete(self, item_id: str) -> None: ...
    def accept_answer(self, answer_id: str) -> None: ...
    def react(self, item_id: str, emoji: str) -> str: ...
    def unreact(self, item_id: str, emoji: str) -> None: ...
    def my_reactions(self, item_id: str) -> frozenset[str]: ...
    def attachment_path(self, item_id: str) -> Path | None: ...
    def replace_file(self, item_id: str, path: Path | str) -> None: ...


# What the links in a reply's metadata line do: kshare:reply/<action>/<reply id>.
REPLY_COMMENT, REPLY_REACT, REPLY_EDIT, REPLY_DELETE = "comment", "react", "edit", "delete"
REPLY_ACCEPT = "accept"
REPLY_ACTIONS = (REPLY_COMMENT, REPLY_REACT, REPLY_ACCEPT, REPLY_EDIT, REPLY_DELETE)


def replies_of(detail: ItemDetail) -> Iterator[ItemDetail]:
    """Every answer and comment under an item, answers' comments too."""
    for reply in (*detail.answers, *detail.comments):
        yield reply
        yield from replies_of(reply)


def reply_actions(
    reply: ItemDetail, account: Any, thread: ItemDetail | None = None
) -> tuple[tuple[str, str], ...]:
    """The actions offered on a reply shown in ``thread``, as (action, label).

    Like the item's own buttons: an answer takes comments, a comment does not;
    Edit and Delete only on the person's own. The person who asked the question
    may accept an answer that is not the accepted one yet.
    """
    kind = reply.summary.kind
    actions = []
    if kind == "answer":
        actions.append((REPLY_COMMENT, QCoreApplication.translate("ItemActions", "Comment")))
    actions.append((REPLY_REACT, QCoreApplication.translate("ItemActions", "React")))
    if (
        kind == "answer"
        and not reply.summary.is_accepted
        and thread is not None
        and thread.summary.kind == "question"
        and any(a.summary.id == reply.summary.id for a in thread.answers)
        and is_own(thread, account)
    ):
        actions.append((REPLY_ACCEPT, QCoreApplication.translate("ItemActions", "Accept")))
    if is_own(reply, account):
        actions += [
            (REPLY_EDIT, QCoreApplication.translate("ItemActions", "Edit")),
            (REPLY_DELETE, QCoreApplication.translate("ItemActions", "Delete")),
        ]
    return tuple(actions)


def _button(text: str, name: str, accessible: str, slot: Callable[[], None]) -> QPushButton:
    made = QPushButton(text)
    made.setObjectName(name)
    made.setAccessibleName(accessible)
    made.clicked.connect(slot)
    return made


class ItemActions(QWidget):
    """The row of buttons above the text; it also drives the reaction bar and the editor,
    which the reading pane places where they belong."""

    written = Signal(str)  # an item changed on this computer: show it again
    deleted = Signal(str)
    parent_requested = Signal(str)

    def __init__(
        self, writer: ItemWriter, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("itemActions")
        self._writer = writer
        self._runner = runner
        self._detail: ItemDetail | None = None
        self._replies: dict[str, ItemDetail] = {}  # the replies on show, by id
        self._edits = ItemEditFlow(
            self, writer, runner, written=self.written.emit, show_failure=self._show_failure
        )
        self._reactions = ItemReactions(
            self,
            writer,
            runner,
            written=self.written.emit,
            show_failure=self._show_failure,
            on_show=lambda reply_id: reply_id in self._replies,
        )

        self.answer_button = _button(
            self.tr("Answer"),
            "answerButton",
            self.tr("Answer this question"),
            self._on_answer_button_clicked,
        )
        self.comment_button = _button(
            self.tr("Comment"),
            "commentButton",
            self.tr("Comment on this item"),
            self._on_comment_button_clicked,
        )
        self.open_file_button = _button(
            self.tr("Open file"),
            "openFileButton",
            self.tr("Open the attached file"),
            self._on_open_file_button_clicked,
        )
        self.replace_file_button = _button(
            self.tr("Replace file…"),
            "replaceFileButton",
            self.tr("Replace the attached file with a new version"),
            self._on_replace_file_button_clicked,
        )
        self.parent_button = _button(
            self.tr("Show the question"),
            "parentButton",
            self.tr("Show what this replies to"),
            self._on_parent_button_clicked,
        )
        self.edit_button = _button(
            self.tr("Edit"), "editButton", self.tr("Edit your item"), self._on_edit_button_clicked
        )
        self.delete_button = _button(
            self.tr("Delete"),
            "deleteButton",
            self.tr("Delete your item"),
            self._on_delete_button_clicked,
        )
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        self._attachment = ItemAttachment(
            self,
            writer,
            runner,
            open_button=self.open_file_button,
            replace_button=self.replace_file_button,
            message=self.message,
            written=self.written.emit,
            show_failure=self._show_failure,
        )

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for made in (
            self.answer_button,
            self.comment_button,
            self.open_file_button,
            self.parent_button,
        ):
            row.addWidget(made)
        row.addStretch(1)
        row.addWidget(self.replace_file_button)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.message)

    # -- the parts the reading pane places and tests look at -------------------------

    @property
    def editor(self) -> ItemEditor:
        return self._edits.editor

    @property
    def audience_dialog(self) -> AudienceDialog | None:
        return self._edits.audience_dialog

    @property
    def reactions(self) -> ReactionBar:
        return self._reactions.bar

    @property
    def reply_reactions(self) -> ReactionBar:
        return self._reactions.reply_bar

    @property
    def reaction_popup(self) -> QFrame:
        return self._reactions.popup

    @property
    def detail(self) -> ItemDetail | None:
        return self._detail

    # -- what is on show ---------------------------------------------------------------

    def set_item(
        self,
        detail: ItemDetail,
        mine: frozenset[str],
        reply_mine: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        """Offer what fits this item; an open editor for another item keeps its draft.

        ``reply_mine``: the person's own reactions on each reply on show, by reply id.
        """
        previous = self._detail.summary.id if self._detail else None
        item_id = detail.summary.id
        if previous != item_id:
            self._edits.stash()
            self.message.hide()
            self.reaction_popup.hide()
        self._detail = detail
        self._replies = {reply.summary.id: reply for reply in replies_of(detail)}
        summary = detail.summary
        own = is_own(detail, self._writer.account)
        self.answer_button.setVisible(summary.kind == "question")
        self.comment_button.setVisible(summary.kind != "comment")
        self.open_file_button.setVisible(bool(detail.attachment_name))
        self.parent_button.setVisible(detail.parent_id is not None)
        self.parent_button.setText(
            self.tr("Show the question")
            if summary.kind == "answer"
            else self.tr("Show the discussion")
        )
        may_edit = own or (detail.can_edit and detail.parent_id is None)
        self.edit_button.setVisible(may_edit)
        self.replace_file_button.setVisible(may_edit and summary.kind == "document")
        self._attachment.show_item(detail.attachment_name)
        self.delete_button.setVisible(own)
        self._reactions.show_item(detail, mine, reply_mine or {})
        if previous != item_id:
            self._edits.restore(item_id, self._replies)

    def clear(self) -> None:
        self._edits.stash()
        self._detail = None
        self._replies = {}
        self._reactions.clear()
        self._attachment.clear()
        self.message.hide()

    def reply(self, reply_id: str) -> ItemDetail | None:
        return self._replies.get(reply_id)

    def act_on_reply(self, action: str, reply_id: str, at: QPoint | None = None) -> None:
        """A link in a reply's metadata line was clicked; ``at`` places the reaction popup."""
        reply = self._replies.get(reply_id)
        offered = reply_actions(reply, self._writer.account, self._detail) if reply else ()
        if reply is None or action not in dict(offered):
            log.info("ignored %r on a reply that is not on show or does not offer it", action)
            return
        if action == REPLY_ACCEPT:
            self._accept(reply_id)
        elif action == REPLY_COMMENT:
            self._edits.open(reply, COMMENT, reply=True)
        elif action == REPLY_EDIT:
            self._edits.open(reply, EDIT, reply=True)
        elif action == REPLY_DELETE:
            self.confirm_delete(reply)
        elif action == REPLY_REACT:
            self.show_reply_reactions(reply_id, at)

    def show_reply_reactions(self, reply_id: str, at: QPoint | None = None) -> None:
        reply = self._replies.get(reply_id)
        if reply is not None:
            self._reactions.show_reply(reply, at)

    # -- the work ------------------------------------------------------------------

    def start_reply(self, mode: str) -> None:
        if self._detail is not None:
            self._edits.open(self._detail, mode, reply=False)

    def start_edit(self) -> None:
        if self._detail is not None:
            self._edits.open(self._detail, EDIT, reply=False)

    def open_attachment(self) -> None:
        if self._detail is None or not self._detail.attachment_name:
            return
        self._attachment.open(self._detail.summary.id, self._detail.attachment_name)

    def replace_file(self, path: Path | str) -> None:
        """Share ``path`` as the new version of the document on show (queued, then synced)."""
        if self._detail is not None:
            self._attachment.replace(self._detail.summary.id, path)

    def confirm_delete(self, target: ItemDetail) -> None:
        """Ask first; delete the item or reply only if the person says so."""
        item_id = target.summary.id
        ask_to_confirm(
            self,
            name="confirmDelete",
            question=self.tr("Delete this {kind}?").format(kind=target.summary.kind),
            consequence=self.tr("It is removed for everyone who can see it, at the next sync."),
            accept_label=self.tr("Delete"),
            on_accept=lambda: self._delete(item_id),
        )

    def _delete(self, item_id: str) -> None:
        self._runner.write(
            lambda: self._writer.delete(item_id),
            success=lambda _none: self._on_deleted(item_id),
            failure=self._show_failure,
            label=self.tr("deleting the item"),
            owner=self,
        )

    def _accept(self, answer_id: str) -> None:
        self._runner.write(
            lambda: self._writer.accept_answer(answer_id),
            success=lambda _none: self.written.emit(answer_id),
            failure=self._show_failure,
            label=self.tr("accepting the answer"),
            owner=self,
        )

    # -- outcomes, on the GUI thread -----------------------------------------------

    def _on_deleted(self, item_id: str) -> None:
        gone = {item_id}
        if (reply := self._replies.get(item_id)) is not None:
            gone |= {r.summary.id for r in replies_of(reply)}
        elif self._detail is not None and self._detail.summary.id == item_id:
            gone |= set(self._replies)
        on_show = self._detail is not None and self._detail.summary.id == item_id
        self._edits.forget(gone, close=on_show)
        self.deleted.emit(item_id)

    def _show_failure(self, failure: Failure) -> None:
        self.message.setText(failure.message)
        self.message.setToolTip("" if failure.user_facing else failure.details)
        self.message.show()

    # -- slots -----------------------------------------------------------------------

    @Slot()
    def _on_answer_button_clicked(self) -> None:
        self.start_reply(ANSWER)

    @Slot()
    def _on_comment_button_clicked(self) -> None:
        self.start_reply(COMMENT)

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        self.start_edit()

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        if self._detail is not None:
            self.confirm_delete(self._detail)

    @Slot()
    def _on_replace_file_button_clicked(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the new version"),
            "",
            self.tr("Documents (*.pdf *.docx *.md *.txt);;All files (*)"),
        )
        if chosen:
            self.replace_file(chosen)

    @Slot()
    def _on_open_file_button_clicked(self) -> None:
        self.open_attachment()

    @Slot()
    def _on_parent_button_clicked(self) -> None:
        if self._detail is not None and self._detail.parent_id:
            self.parent_requested.emit(self._detail.parent_id)
