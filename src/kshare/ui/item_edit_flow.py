"""Writing in the reading pane: answering, commenting and editing, with the one editor.

Text typed for one item or reply is kept aside (:mod:`kshare.ui.item_drafts`)
when the person turns to another, and every save goes through the façade to the
local outbox, on the task runner's local worker, so it works offline. An edit
checks first that nobody changed the item meanwhile (see :meth:`ItemEditFlow.save_edit`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtWidgets import QWidget

from kshare.client.views import AudienceInfo, Choice, ItemDetail
from kshare.ui.audience_dialog import AudienceDialog
from kshare.ui.item_drafts import DraftShelf
from kshare.ui.item_editor import ANSWER, COMMENT, EDIT, HEADINGS, Draft, ItemEditor, content_of
from kshare.ui.operations import Failure, TaskRunner

CHANGED_MEANWHILE = (
    "This was changed since you started editing. Your text is still here: "
    "save again to replace the newer version, or cancel to keep it."
)


class TextWriter(Protocol):
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


def is_own(detail: ItemDetail, account: Any) -> bool:
    return account is not None and detail.summary.author_id == account.user_id


def whose(reply: ItemDetail, account: Any) -> str:
    """Whose reply the editor is on: "your answer", "Ana Souza's comment"."""
    kind = reply.summary.kind
    if is_own(reply, account):
        return QCoreApplication.translate("ItemActions", "your {kind}").format(kind=kind)
    return QCoreApplication.translate("ItemActions", "{author}'s {kind}").format(
        author=reply.summary.author_name, kind=kind
    )


class ItemEditFlow(QObject):
    """The reading pane's editor (``editor``), its drafts and saving what it submits."""

    def __init__(
        self,
        owner: QWidget,
        writer: TextWriter,
        runner: TaskRunner,
        *,
        written: Callable[[str], None],
        show_failure: Callable[[Failure], None],
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._writer = writer
        self._runner = runner
        self._written = written
        self._show_failure = show_failure
        self.drafts = DraftShelf()
        self.editor = ItemEditor()
        self.editor.submitted.connect(self._on_editor_submitted)
        self.editor.audience_requested.connect(self._on_editor_audience_requested)
        self.audience_dialog: AudienceDialog | None = None

    def open(self, target: ItemDetail, mode: str, *, reply: bool) -> None:
        """The one editor, on the item or on a reply: text typed for another is kept aside."""
        target_id = target.summary.id
        if self.editor.is_open and (self.editor.item_id, self.editor.mode) == (target_id, mode):
            self.editor.body.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.stash()
        kept = self.drafts.take(target_id, mode)
        if kept is not None:
            self.editor.start_draft(kept)
        elif mode == EDIT:
            self.editor.start_edit(target, is_own(target, self._writer.account))
        else:
            self.editor.start_reply(target_id, mode)
        if reply:
            self.name_reply_draft(target, mode)

    def restore(self, item_id: str, replies: Mapping[str, ItemDetail]) -> None:
        """Back on an item: reopen a draft kept for it, or else for one of its replies."""
        found = self.drafts.first_of((item_id, *replies))
        if found is None:
            return
        target, draft = found
        self.editor.start_draft(draft)
        if target in replies:
            self.name_reply_draft(replies[target], draft.mode)

    def name_reply_draft(self, target: ItemDetail, mode: str) -> None:
        owner = whose(target, self._writer.account)
        if mode == EDIT:
            heading = QCoreApplication.translate("ItemActions", "Edit {whose}").format(whose=owner)
        else:
            heading = QCoreApplication.translate("ItemActions", "{heading} on {whose}").format(
                heading=HEADINGS[mode], whose=owner
            )
        self.editor.heading.setText(heading)

    def stash(self) -> None:
        self.drafts.stash(self.editor)

    def forget(self, gone: Iterable[str], *, close: bool) -> None:
        """These items are gone: their drafts go, and the editor closes if it was on one."""
        gone = set(gone)
        self.drafts.forget(gone)
        if close or self.editor.item_id in gone:
            self.editor.close_editor()

    # -- saving ----------------------------------------------------------------------

    def save_reply(self, draft: Draft) -> None:
        def write() -> str:
            return self._writer.publish(
                title="", body=draft.body, kind=draft.mode, parent_id=draft.item_id
            )

        self.editor.set_busy(True)
        self._runner.write(
            write,
            success=lambda _reply_id: self._on_saved(draft),
            failure=lambda failure: self._on_save_failed(draft, failure),
            label=self.tr("saving your reply"),
            owner=self._owner,
        )

    def save_edit(self, draft: Draft) -> None:
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
            label=self.tr("saving your changes"),
            owner=self._owner,
        )

    # -- outcomes, on the GUI thread -----------------------------------------------

    def _editing(self, draft: Draft) -> bool:
        """Is the editor still on this draft? The person may have moved to another item."""
        return self.editor.item_id == draft.item_id and self.editor.mode == draft.mode

    def _on_saved(self, draft: Draft) -> None:
        if self._editing(draft):
            self.editor.close_editor()
        else:
            self.drafts.saved(draft)
        self._written(draft.item_id)

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
        self.editor.show_error(QCoreApplication.translate("ItemActions", CHANGED_MEANWHILE))
        self._written(draft.item_id)

    def _on_save_failed(self, draft: Draft, failure: Failure) -> None:
        details = "" if failure.user_facing else failure.details
        if self._editing(draft):
            self.editor.set_busy(False)
            self.editor.show_error(failure.message, details)
        else:
            self._show_failure(failure)  # the draft itself is kept for when they come back

    # -- the editor's requests -------------------------------------------------------

    @Slot(object)
    def _on_editor_submitted(self, draft: Draft) -> None:
        if draft.mode in (ANSWER, COMMENT):
            self.save_reply(draft)
        elif draft.mode == EDIT:
            self.save_edit(draft)

    @Slot(object)
    def _on_editor_audience_requested(self, current: AudienceInfo) -> None:
        item_id = self.editor.item_id
        self._runner.local(
            self._writer.audience_choices,
            success=lambda choices: self._open_audience_dialog(item_id, current, choices),
            failure=self._show_failure,
            label=self.tr("loading groups and people"),
            owner=self._owner,
        )

    def _open_audience_dialog(
        self, item_id: str, current: AudienceInfo, choices: list[Choice]
    ) -> None:
        if self.editor.item_id != item_id or self.editor.mode != EDIT:
            return  # the person moved on meanwhile
        if self.audience_dialog is not None:
            self.audience_dialog.close()
        dialog = self.audience_dialog = AudienceDialog(current, choices, self._owner)

        def applied() -> None:
            if self.editor.item_id == item_id and self.editor.mode == EDIT:
                self.editor.set_audience_change(dialog.change())

        dialog.accepted.connect(applied)
        dialog.open()
