"""The inline editor under an item: write an answer or a comment, or edit an item.

Editing one's own item also offers "Audience…": who may see and edit it, and
when, applied together with the edit.

It only collects text; :mod:`kshare.ui.item_actions` saves it. What the person
typed stays in the fields until the outbox has accepted it, and a failure is
said next to the buttons.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import AudienceInfo, ItemDetail
from kshare.ui.audience_options import AudienceChange
from kshare.ui.composer import parse_tags
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP

ANSWER, COMMENT, EDIT = "answer", "comment", "edit"

# Translated where they are shown (context ItemEditor).
HEADINGS = {
    ANSWER: QT_TRANSLATE_NOOP("ItemEditor", "Your answer"),
    COMMENT: QT_TRANSLATE_NOOP("ItemEditor", "Your comment"),
    EDIT: QT_TRANSLATE_NOOP("ItemEditor", "Edit"),
}
SUBMIT_LABELS = {
    ANSWER: QT_TRANSLATE_NOOP("ItemEditor", "Post answer"),
    COMMENT: QT_TRANSLATE_NOOP("ItemEditor", "Post comment"),
    EDIT: QT_TRANSLATE_NOOP("ItemEditor", "Save changes"),
}
PLACEHOLDERS = {
    ANSWER: QT_TRANSLATE_NOOP(
        "ItemEditor", "Share what you know. Markdown works: **bold**, `code`, lists with -"
    ),
    COMMENT: QT_TRANSLATE_NOOP("ItemEditor", "Add a comment"),
    EDIT: "",
}


@dataclass(frozen=True)
class Draft:
    """What the editor holds; kept while the person reads another item."""

    mode: str
    item_id: str
    body: str
    title: str = ""
    tags: str = ""
    base_version: int = 0  # the version an edit started from, and what it said then
    base_content: tuple[str, str, tuple[str, ...]] = ("", "", ())
    top_level: bool = True  # answers and comments have no title or tags of their own
    audience: AudienceInfo | None = None  # the item's audience, when this person may change it
    audience_change: AudienceChange | None = None  # the new one, applied with the edit


def content_of(detail: ItemDetail) -> tuple[str, str, tuple[str, ...]]:
    """What an edit replaces: two versions with the same content need no warning."""
    return (detail.summary.title, detail.body_markdown, tuple(detail.summary.tags))


class ItemEditor(QWidget):
    submitted = Signal(object)  # Draft
    cancelled = Signal()
    audience_requested = Signal(object)  # the AudienceInfo to start from

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemEditor")
        self.mode = ""
        self.item_id = ""
        self.base_version = 0
        self.base_content: tuple[str, str, tuple[str, ...]] = ("", "", ())
        self.top_level = True
        self.audience: AudienceInfo | None = None
        self.audience_change: AudienceChange | None = None
        self._busy = False

        self.heading = named(QLabel(), "editorHeading")
        self.title = named(QLineEdit(), "editorTitle")
        self.title.setPlaceholderText(self.tr("Title"))
        self.title.setAccessibleName(self.tr("Title"))
        self.body = named(QPlainTextEdit(), "editorBody")
        self.body.setAccessibleName(self.tr("Text"))
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(90)
        self.body.setMaximumHeight(160)
        self.tags = named(QLineEdit(), "editorTags")
        self.tags.setPlaceholderText(self.tr("Tags: kubernetes, on-call"))
        self.tags.setAccessibleName(self.tr("Tags"))
        self.audience_button = named(QPushButton(self.tr("Audience…")), "editorAudience")
        self.audience_button.setToolTip(self.tr("Change who can see and edit this, and when"))
        self.audience_button.clicked.connect(self._on_audience_button_clicked)
        self.audience_label = named(QLabel(wordWrap=True), "editorAudienceSummary")
        self.error = named(QLabel(wordWrap=True), "errorText")
        self.error.hide()
        self.submit_button = named(QPushButton(), "primary")
        self.submit_button.setAccessibleName(self.tr("Save"))
        self.cancel_button = named(QPushButton(self.tr("Cancel")), "editorCancel")
        self.submit_button.clicked.connect(self._on_submit_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.title.textChanged.connect(self._on_field_changed)
        self.body.textChanged.connect(self._on_field_changed)

        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addStretch(0)  # keeps the buttons together on the right when there is no error
        buttons.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        buttons.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.tags)
        audience_row = QHBoxLayout()
        audience_row.addWidget(self.audience_button, 0)
        audience_row.addWidget(self.audience_label, 1)
        layout.addLayout(audience_row)
        layout.addLayout(buttons)
        self.hide()

    def start_reply(self, item_id: str, mode: str, body: str = "") -> None:
        self._start(mode, item_id)
        self.body.setPlainText(body)

    def start_edit(self, detail: ItemDetail, can_change_audience: bool = False) -> None:
        """``can_change_audience``: the author's own item (editors change the text only)."""
        top_level = detail.parent_id is None
        self.start_draft(
            Draft(
                EDIT,
                detail.summary.id,
                detail.body_markdown,
                detail.summary.title,
                ", ".join(detail.summary.tags),
                detail.version,
                content_of(detail),
                top_level,
                detail.audience if can_change_audience and top_level else None,
            )
        )

    def start_draft(self, draft: Draft) -> None:
        self._start(draft.mode, draft.item_id, draft.top_level)
        self.base_version = draft.base_version
        self.base_content = draft.base_content
        self.title.setText(draft.title)
        self.body.setPlainText(draft.body)
        self.tags.setText(draft.tags)
        self.audience = draft.audience
        self.set_audience_change(draft.audience_change)

    def set_audience_change(self, change: AudienceChange | None) -> None:
        """The audience to apply with the edit (None: unchanged)."""
        self.audience_change = change
        offered = self.mode == EDIT and self.audience is not None
        self.audience_button.setVisible(offered)
        self.audience_label.setVisible(offered and change is not None)
        self.audience_label.setText(
            self.tr("On save: {summary}").format(summary=change.summary)
            if change is not None
            else ""
        )

    def draft(self) -> Draft:
        return Draft(
            self.mode,
            self.item_id,
            self.body.toPlainText(),
            self.title.text().strip(),
            self.tags.text(),
            self.base_version,
            self.base_content,
            self.top_level,
            self.audience,
            self.audience_change,
        )

    def tag_list(self) -> tuple[str, ...]:
        return parse_tags(self.tags.text())

    @property
    def is_open(self) -> bool:
        return bool(self.mode)

    def close_editor(self) -> None:
        self.mode = ""
        self.item_id = ""
        self._busy = False
        self.body.clear()
        self.title.clear()
        self.tags.clear()
        self.audience = None
        self.set_audience_change(None)
        self.error.hide()
        self.hide()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            self.error.hide()
        self._update_buttons()

    def show_error(self, message: str, details: str = "") -> None:
        self.error.setText(message)
        self.error.setToolTip(details)
        self.error.show()

    def _start(self, mode: str, item_id: str, top_level: bool = True) -> None:
        self.mode = mode
        self.item_id = item_id
        self.base_version = 0
        self.top_level = top_level
        self._busy = False
        self.audience = None
        self.set_audience_change(None)
        editing = mode == EDIT and top_level
        self.heading.setText(self.tr(HEADINGS[mode]))
        self.title.setVisible(editing)
        self.tags.setVisible(editing)
        self.title.clear()
        self.tags.clear()
        self.body.setPlaceholderText(self.tr(PLACEHOLDERS[mode]) if PLACEHOLDERS[mode] else "")
        self.body.setAccessibleName(self.tr(HEADINGS[mode]))
        self.submit_button.setText(self.tr(SUBMIT_LABELS[mode]))
        self.error.hide()
        self.show()
        (self.title if editing else self.body).setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_buttons()

    def _ready(self) -> bool:
        if not self.body.toPlainText().strip():
            return False
        needs_title = self.mode == EDIT and self.top_level
        return not needs_title or bool(self.title.text().strip())

    def _update_buttons(self) -> None:
        self.submit_button.setEnabled(self.is_open and self._ready() and not self._busy)
        label = SUBMIT_LABELS.get(self.mode, "")
        self.submit_button.setText(
            self.tr("Saving…") if self._busy else self.tr(label) if label else ""
        )
        self.audience_button.setEnabled(not self._busy)

    @Slot()
    def _on_field_changed(self) -> None:
        self._update_buttons()

    @Slot()
    def _on_submit_button_clicked(self) -> None:
        if self.is_open and self._ready() and not self._busy:
            self.submitted.emit(self.draft())

    @Slot()
    def _on_audience_button_clicked(self) -> None:
        if self.audience is not None and not self._busy:
            self.audience_requested.emit(self.audience)

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self.close_editor()
        self.cancelled.emit()
