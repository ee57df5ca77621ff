"""What a person can do with the item in the reading pane: answer, comment, edit, delete,
react, open its file; and, on each answer and comment shown in its thread, comment,
react, edit and delete, without opening that reply alone.

Every write goes through the façade to the local outbox, on the task runner's
local worker, so it works offline and is sent at the next sync; a file is
fetched on the network pool because it may be downloaded first. Edit is
offered on the person's own items and on those whose author named them an
editor (who may change the text, never the audience); Delete only on their own.
The actions on a reply are links in its metadata line (see :func:`reply_actions`);
they use the same editor, confirmation and reaction bar as the item itself.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QCursor, QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.filenames import program_kind_of_file
from kshare.client.views import AudienceInfo, Choice, ItemDetail
from kshare.ui.audience_dialog import AudienceDialog
from kshare.ui.confirm import ask_to_confirm
from kshare.ui.item_editor import (
    ANSWER,
    COMMENT,
    EDIT,
    HEADINGS,
    Draft,
    ItemEditor,
    content_of,
)
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.program_warning import warn_before_running
from kshare.ui.reactions import ReactionBar

log = logging.getLogger(__name__)

CHANGED_MEANWHILE = (
    "This was changed since you started editing. Your text is still here: "
    "save again to replace the newer version, or cancel to keep it."
)


class ItemWriter(Protocol):
    """The part of :class:`kshare.client.services.Workspace` the actions use."""

    @property
    def account(self) -> Any: ...
    def item(self, item_id: str) -> ItemDetail | None: ...
    def publish(
        self,
        *,
        title: str,
        body: str,
        tags: Sequence[str] = (),
        audience: Sequence[str] = ("org",),
        kind: str = "post",
        parent_id: str | None = None,
    ) -> str: ...
    def edit(
        self,
        item_id: str,
        *,
        title: str | None = None,
        body: str | None = None,
        tags: Sequence[str] | None = None,
        **audience: Any,
    ) -> None: ...
    def audience_choices(self) -> list[Choice]: ...
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


def is_own(detail: ItemDetail, account: Any) -> bool:
    return account is not None and detail.summary.author_id == account.user_id


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
    actions = [(REPLY_COMMENT, "Comment")] if kind == "answer" else []
    actions.append((REPLY_REACT, "React"))
    if (
        kind == "answer"
        and not reply.summary.is_accepted
        and thread is not None
        and thread.summary.kind == "question"
        and any(a.summary.id == reply.summary.id for a in thread.answers)
        and is_own(thread, account)
    ):
        actions.append((REPLY_ACCEPT, "Accept"))
    if is_own(reply, account):
        actions += [(REPLY_EDIT, "Edit"), (REPLY_DELETE, "Delete")]
    return tuple(actions)


def _whose(reply: ItemDetail, account: Any) -> str:
    if is_own(reply, account):
        return f"your {reply.summary.kind}"
    return f"{reply.summary.author_name}'s {reply.summary.kind}"


class ItemActions(QWidget):
    """The row of buttons above the text; it also drives the reaction bar and the editor,
    which the reading pane places where they belong."""

    written = Signal(str)  # an item changed on this computer: show it again
    deleted = Signal(str)
    parent_requested = Signal(str)

    def __init__(self, writer: ItemWriter, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("itemActions")
        self._writer = writer
        self._runner = runner
        self._detail: ItemDetail | None = None
        self._drafts: dict[str, Draft] = {}
        self._reacting = False  # a reaction is being saved: one change at a time
        self._replies: dict[str, ItemDetail] = {}  # the replies on show, by id
        self._reply_mine: Mapping[str, frozenset[str]] = {}
        self.reactions = ReactionBar()
        self.reactions.toggled.connect(self._on_reactions_toggled)
        # A reply's reactions: the same bar, in a small popup opened from its "React" link.
        self.reaction_popup = QFrame(self, Qt.WindowType.Popup)
        self.reaction_popup.setObjectName("replyReactions")
        self.reaction_popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.reply_reactions = ReactionBar(self.reaction_popup)
        self.reply_reactions.toggled.connect(self._on_reply_reactions_toggled)
        popup_layout = QHBoxLayout(self.reaction_popup)
        popup_layout.setContentsMargins(6, 4, 6, 4)
        popup_layout.addWidget(self.reply_reactions)
        self._reaction_target: str | None = None
        self.editor = ItemEditor()
        self.editor.submitted.connect(self._on_editor_submitted)
        self.editor.audience_requested.connect(self._on_editor_audience_requested)
        self.audience_dialog: AudienceDialog | None = None

        def button(text: str, name: str, accessible: str, slot: Any) -> QPushButton:
            made = QPushButton(text, objectName=name)
            made.setAccessibleName(accessible)
            made.clicked.connect(slot)
            return made

        self.answer_button = button(
            "Answer", "answerButton", "Answer this question", self._on_answer_button_clicked
        )
        self.comment_button = button(
            "Comment", "commentButton", "Comment on this item", self._on_comment_button_clicked
        )
        self.open_file_button = button(
            "Open file",
            "openFileButton",
            "Open the attached file",
            self._on_open_file_button_clicked,
        )
        self.replace_file_button = button(
            "Replace file…",
            "replaceFileButton",
            "Replace the attached file with a new version",
            self._on_replace_file_button_clicked,
        )
        self.parent_button = button(
            "Show the question",
            "parentButton",
            "Show what this replies to",
            self._on_parent_button_clicked,
        )
        self.edit_button = button(
            "Edit", "editButton", "Edit your item", self._on_edit_button_clicked
        )
        self.delete_button = button(
            "Delete", "deleteButton", "Delete your item", self._on_delete_button_clicked
        )
        self.message = QLabel(objectName="errorText", wordWrap=True)
        self.message.hide()

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

    @property
    def detail(self) -> ItemDetail | None:
        return self._detail

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
            self._stash_draft()
            self.message.hide()
            self.reaction_popup.hide()
        self._detail = detail
        self._replies = {reply.summary.id: reply for reply in replies_of(detail)}
        self._reply_mine = dict(reply_mine or {})
        summary = detail.summary
        own = is_own(detail, self._writer.account)
        self.answer_button.setVisible(summary.kind == "question")
        self.comment_button.setVisible(summary.kind != "comment")
        self.open_file_button.setVisible(bool(detail.attachment_name))
        self.open_file_button.setText(f"Open {detail.attachment_name}")
        self.open_file_button.setToolTip(f"Open {detail.attachment_name} on this computer")
        self.parent_button.setVisible(detail.parent_id is not None)
        self.parent_button.setText(
            "Show the question" if summary.kind == "answer" else "Show the discussion"
        )
        may_edit = own or (detail.can_edit and detail.parent_id is None)
        self.edit_button.setVisible(may_edit)
        self.replace_file_button.setVisible(may_edit and summary.kind == "document")
        self.replace_file_button.setToolTip(
            f"Share a new version of {detail.attachment_name or 'the file'}: everyone who "
            "can see the document gets it at their next sync"
        )
        self.delete_button.setVisible(own)
        self.reactions.set_reactions(detail.reactions, mine)
        self.reactions.setEnabled(not self._reacting)
        if previous != item_id:
            self._restore_draft(item_id)

    def _restore_draft(self, item_id: str) -> None:
        """Back on an item: reopen a draft kept for it, or else for one of its replies."""
        for target in (item_id, *self._replies):
            if (draft := self._drafts.pop(target, None)) is not None:
                self.editor.start_draft(draft)
                if target in self._replies:
                    self._name_reply_draft(self._replies[target], draft.mode)
                return

    def clear(self) -> None:
        self._stash_draft()
        self._detail = None
        self._replies = {}
        self._reply_mine = {}
        self.reaction_popup.hide()
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
            self._open_editor(reply, COMMENT)
        elif action == REPLY_EDIT:
            self._open_editor(reply, EDIT)
        elif action == REPLY_DELETE:
            self.confirm_delete(reply)
        elif action == REPLY_REACT:
            self.show_reply_reactions(reply_id, at)

    def _open_editor(self, target: ItemDetail, mode: str) -> None:
        """The one editor, on the item or on a reply: text typed for another is kept aside."""
        target_id = target.summary.id
        if self.editor.is_open and (self.editor.item_id, self.editor.mode) == (target_id, mode):
            self.editor.body.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._stash_draft()
        kept = self._drafts.get(target_id)
        if kept is not None and kept.mode == mode:
            self.editor.start_draft(self._drafts.pop(target_id))
        elif mode == EDIT:
            self.editor.start_edit(target, is_own(target, self._writer.account))
        else:
            self.editor.start_reply(target_id, mode)
        if target_id in self._replies:
            self._name_reply_draft(target, mode)

    def _name_reply_draft(self, target: ItemDetail, mode: str) -> None:
        whose = _whose(target, self._writer.account)
        self.editor.heading.setText(
            f"Edit {whose}" if mode == EDIT else f"{HEADINGS[mode]} on {whose}"
        )

    def show_reply_reactions(self, reply_id: str, at: QPoint | None = None) -> None:
        reply = self._replies.get(reply_id)
        if reply is None:
            return
        self._reaction_target = reply_id
        self.reply_reactions.set_reactions(
            reply.reactions, self._reply_mine.get(reply_id, frozenset())
        )
        self.reply_reactions.setEnabled(not self._reacting)
        self.reaction_popup.adjustSize()
        self.reaction_popup.move(at if at is not None else QCursor.pos())
        self.reaction_popup.show()

    # -- the work ------------------------------------------------------------------

    def start_reply(self, mode: str) -> None:
        if self._detail is not None:
            self._open_editor(self._detail, mode)

    def start_edit(self) -> None:
        if self._detail is not None:
            self._open_editor(self._detail, EDIT)

    def _save_reply(self, draft: Draft) -> None:
        def write() -> str:
            return self._writer.publish(
                title="", body=draft.body, kind=draft.mode, parent_id=draft.item_id
            )

        self.editor.set_busy(True)
        self._runner.write(
            write,
            success=lambda _reply_id: self._on_saved(draft),
            failure=lambda failure: self._on_save_failed(draft, failure),
            label="saving your reply",
            owner=self,
        )

    def _save_edit(self, draft: Draft) -> None:
        tags = self.editor.tag_list()

        def write() -> ItemDetail | None:
            # The outbox sends the version the cache holds, so the server can refuse an edit
            # of an old version. A newer version that reached this computer while the editor
            # was open would pass that check: catch it here, unless it only carries the same
            # text back (this person's own earlier edit, now on the server).
            current = self._writer.item(draft.item_id)
            if (
                current is not None
                and current.version != draft.base_version
                and content_of(current) != draft.base_content
            ):
                return current
            change = draft.audience_change
            if draft.top_level and change is not None:
                self._writer.edit(
                    draft.item_id,
                    title=draft.title,
                    body=draft.body,
                    tags=tags,
                    audience=change.audience,
                    editors=change.editors,
                    publish_at=change.publish_at,
                    visible_until=change.visible_until,
                )
            elif draft.top_level:
                self._writer.edit(draft.item_id, title=draft.title, body=draft.body, tags=tags)
            else:
                self._writer.edit(draft.item_id, body=draft.body)
            return None

        self.editor.set_busy(True)
        self._runner.write(
            write,
            success=lambda newer: self._on_edit_answered(draft, newer),
            failure=lambda failure: self._on_save_failed(draft, failure),
            label="saving your changes",
            owner=self,
        )

    def _delete(self, item_id: str) -> None:
        self._runner.write(
            lambda: self._writer.delete(item_id),
            success=lambda _none: self._on_deleted(item_id),
            failure=self._show_failure,
            label="deleting the item",
            owner=self,
        )

    def _accept(self, answer_id: str) -> None:
        self._runner.write(
            lambda: self._writer.accept_answer(answer_id),
            success=lambda _none: self.written.emit(answer_id),
            failure=self._show_failure,
            label="accepting the answer",
            owner=self,
        )

    def _toggle_reaction(self, item_id: str, emoji: str, add: bool) -> None:
        def write() -> None:
            if add:
                self._writer.react(item_id, emoji)
            else:
                self._writer.unreact(item_id, emoji)

        # One change at a time, or a double click would react twice.
        self._reacting = True
        self.reactions.setEnabled(False)
        self.reply_reactions.setEnabled(False)
        self._runner.write(
            write,
            success=lambda _none: self._on_reaction_saved(item_id),
            failure=lambda failure: self._on_reaction_failed(item_id, failure),
            label="saving your reaction",
            owner=self,
        )

    def open_attachment(self) -> None:
        if self._detail is None or not self._detail.attachment_name:
            return
        item_id, name = self._detail.summary.id, self._detail.attachment_name
        self.open_file_button.setEnabled(False)
        self.open_file_button.setText(f"Fetching {name}…")
        self.message.hide()
        self._runner.network(
            lambda: _with_program_kind(self._writer.attachment_path(item_id), name),
            success=lambda fetched: self._on_attachment_fetched(name, *fetched),
            failure=self._on_attachment_failed,
            label=f"fetching {name}",
            owner=self,
        )

    def replace_file(self, path: Path | str) -> None:
        """Share ``path`` as the new version of the document on show (queued, then synced)."""
        if self._detail is None:
            return
        item_id = self._detail.summary.id
        self.replace_file_button.setEnabled(False)
        self.message.hide()
        self._runner.write(
            lambda: self._writer.replace_file(item_id, path),
            success=lambda _none: self._on_file_replaced(item_id),
            failure=self._on_replace_failed,
            label="sharing the new version",
            owner=self,
        )

    def _on_file_replaced(self, item_id: str) -> None:
        self.replace_file_button.setEnabled(True)
        self.written.emit(item_id)

    def _on_replace_failed(self, failure: Failure) -> None:
        self.replace_file_button.setEnabled(True)
        self._show_failure(failure)

    # -- outcomes, on the GUI thread -----------------------------------------------

    def _stash_draft(self) -> None:
        if self.editor.is_open:
            draft = self.editor.draft()
            if draft.body.strip() or draft.mode == EDIT:
                self._drafts[draft.item_id] = draft
            self.editor.close_editor()

    def _editing(self, draft: Draft) -> bool:
        """Is the editor still on this draft? The person may have moved to another item."""
        return self.editor.item_id == draft.item_id and self.editor.mode == draft.mode

    def _on_saved(self, draft: Draft) -> None:
        if self._editing(draft):
            self.editor.close_editor()
        elif (kept := self._drafts.get(draft.item_id)) and kept.mode == draft.mode:
            del self._drafts[draft.item_id]
        self.written.emit(draft.item_id)

    def _on_edit_answered(self, draft: Draft, newer: ItemDetail | None) -> None:
        if newer is None:
            self._on_saved(draft)
            return
        if not self._editing(draft):
            # Kept aside meanwhile: when the person comes back, the editor warns them then.
            return
        self.editor.set_busy(False)
        # The next Save knowingly replaces the newer version.
        self.editor.base_version = newer.version
        self.editor.base_content = content_of(newer)
        self.editor.show_error(CHANGED_MEANWHILE)
        self.written.emit(draft.item_id)

    def _on_save_failed(self, draft: Draft, failure: Failure) -> None:
        details = "" if failure.user_facing else failure.details
        if self._editing(draft):
            self.editor.set_busy(False)
            self.editor.show_error(failure.message, details)
        else:
            self._show_failure(failure)  # the draft itself is kept for when they come back

    def _on_deleted(self, item_id: str) -> None:
        gone = {item_id}
        if (reply := self._replies.get(item_id)) is not None:
            gone |= {r.summary.id for r in replies_of(reply)}
        elif self._detail is not None and self._detail.summary.id == item_id:
            gone |= set(self._replies)
        for target in gone:
            self._drafts.pop(target, None)
        if self.editor.item_id in gone or item_id == self._detail_id():
            self.editor.close_editor()
        self.deleted.emit(item_id)

    def _detail_id(self) -> str | None:
        return self._detail.summary.id if self._detail is not None else None

    def _on_reaction_saved(self, item_id: str) -> None:
        self._reacting = False
        self.reactions.setEnabled(True)
        self.reply_reactions.setEnabled(True)
        self.written.emit(item_id)

    def _on_reaction_failed(self, item_id: str, failure: Failure) -> None:
        self._reacting = False
        self.reactions.setEnabled(True)
        self.reply_reactions.setEnabled(True)
        self._show_failure(failure)
        self.written.emit(item_id)  # show the reactions as they really are

    def _on_attachment_fetched(self, name: str, path: Path | None, program: str | None) -> None:
        self._reset_open_button()
        if path is None:
            self.message.setText(f"{name} is not available on this computer.")
            self.message.show()
        elif program is not None:  # opening it would run it: say so, offer a copy instead
            warn_before_running(
                self,
                name=name,
                kind=program,
                on_open=lambda: self._open_file(name, path),
                on_save=lambda: self._save_copy(name, path),
            )
        else:
            self._open_file(name, path)

    def _open_file(self, name: str, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.message.setText(f"No application on this computer could open {name}.")
            self.message.show()

    def _save_copy(self, name: str, path: Path) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(self, f"Save {name}", name)
        if not chosen:
            return
        try:
            shutil.copyfile(path, chosen)
        except OSError as exc:
            self.message.setText(f"Cannot save {name}: {exc.strerror}.")
            self.message.show()

    def _on_attachment_failed(self, failure: Failure) -> None:
        self._reset_open_button()
        self._show_failure(failure)

    def _reset_open_button(self) -> None:
        self.open_file_button.setEnabled(True)
        if self._detail is not None:
            self.open_file_button.setText(f"Open {self._detail.attachment_name}")

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

    def confirm_delete(self, target: ItemDetail) -> None:
        """Ask first; delete the item or reply only if the person says so."""
        item_id = target.summary.id
        what = target.summary.kind
        ask_to_confirm(
            self,
            name="confirmDelete",
            question=f"Delete this {what}?",
            consequence="It is removed for everyone who can see it, at the next sync.",
            accept_label="Delete",
            on_accept=lambda: self._delete(item_id),
        )

    @Slot()
    def _on_replace_file_button_clicked(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Choose the new version", "", "Documents (*.pdf *.docx *.md *.txt);;All files (*)"
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

    @Slot(str, bool)
    def _on_reactions_toggled(self, emoji: str, add: bool) -> None:
        if self._detail is not None:
            self._toggle_reaction(self._detail.summary.id, emoji, add)

    @Slot(str, bool)
    def _on_reply_reactions_toggled(self, emoji: str, add: bool) -> None:
        target = self._reaction_target
        self.reaction_popup.hide()
        if target is not None and target in self._replies:
            self._toggle_reaction(target, emoji, add)

    @Slot(object)
    def _on_editor_audience_requested(self, current: AudienceInfo) -> None:
        item_id = self.editor.item_id
        self._runner.local(
            self._writer.audience_choices,
            success=lambda choices: self._open_audience_dialog(item_id, current, choices),
            failure=self._show_failure,
            label="loading groups and people",
            owner=self,
        )

    def _open_audience_dialog(
        self, item_id: str, current: AudienceInfo, choices: list[Choice]
    ) -> None:
        if self.editor.item_id != item_id or self.editor.mode != EDIT:
            return  # the person moved on meanwhile
        if self.audience_dialog is not None:
            self.audience_dialog.close()
        dialog = self.audience_dialog = AudienceDialog(current, choices, self)

        def applied() -> None:
            if self.editor.item_id == item_id and self.editor.mode == EDIT:
                self.editor.set_audience_change(dialog.change())

        dialog.accepted.connect(applied)
        dialog.open()

    @Slot(object)
    def _on_editor_submitted(self, draft: Draft) -> None:
        if draft.mode in (ANSWER, COMMENT):
            self._save_reply(draft)
        elif draft.mode == EDIT:
            self._save_edit(draft)


def _with_program_kind(path: Path | None, name: str) -> tuple[Path | None, str | None]:
    """The fetched file and, if opening it would run it, what kind of program it is."""
    return path, program_kind_of_file(path, name) if path is not None else None
