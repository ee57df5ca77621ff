"""Drafts kept aside: text typed for one item or reply while the person went to another.

The reading pane has one editor. When the person opens it on something else, or
moves to another item, what they typed is kept here by the id of what it answers
or edits, and comes back when they return to it.
"""

from __future__ import annotations

from collections.abc import Iterable

from kshare.ui.item_editor import EDIT, Draft, ItemEditor


class DraftShelf:
    """The drafts of one reading pane, by the id of the item or reply they belong to."""

    def __init__(self) -> None:
        self._drafts: dict[str, Draft] = {}

    def stash(self, editor: ItemEditor) -> None:
        """Close the editor, keeping its text (an edit is kept even when emptied)."""
        if editor.is_open:
            draft = editor.draft()
            if draft.body.strip() or draft.mode == EDIT:
                self._drafts[draft.item_id] = draft
            editor.close_editor()

    def first_of(self, targets: Iterable[str]) -> tuple[str, Draft] | None:
        """Take the draft kept for the first of ``targets`` that has one."""
        for target in targets:
            if (draft := self._drafts.pop(target, None)) is not None:
                return target, draft
        return None

    def take(self, target_id: str, mode: str) -> Draft | None:
        """Take the draft kept for ``target_id`` if it is of this mode (answer, comment, edit)."""
        kept = self._drafts.get(target_id)
        if kept is not None and kept.mode == mode:
            return self._drafts.pop(target_id)
        return None

    def saved(self, draft: Draft) -> None:
        """A draft kept aside meanwhile was saved: it is no longer waiting."""
        if (kept := self._drafts.get(draft.item_id)) and kept.mode == draft.mode:
            del self._drafts[draft.item_id]

    def forget(self, targets: Iterable[str]) -> None:
        """These items are gone: so are their drafts."""
        for target in targets:
            self._drafts.pop(target, None)
