"""Write a post, question or article in Markdown and choose who may read it.

Publishing writes to the local outbox (so it survives being offline or a
crash) and the next sync sends it; the feed shows it at once as pending.
What the user typed is kept until the outbox has accepted it.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import Choice
from kshare.ui.audience_options import AudienceOptions
from kshare.ui.audience_picker import AudiencePicker
from kshare.ui.audience_reach import AudienceReachLabel
from kshare.ui.mention_completer import MentionTextEdit
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

KINDS = (
    ("post", QT_TRANSLATE_NOOP("Composer", "Post")),
    ("question", QT_TRANSLATE_NOOP("Composer", "Question")),
    ("article", QT_TRANSLATE_NOOP("Composer", "Article")),
)


class PublishTarget(Protocol):
    def audience_choices(self) -> list[Choice]: ...
    def publish(
        self,
        *,
        title: str,
        body: str,
        tags: tuple[str, ...] | list[str] = (),
        audience: tuple[str, ...] | list[str] = ("org",),
        kind: str = "post",
        parent_id: str | None = None,
        editors: tuple[str, ...] | list[str] = (),
        publish_at: datetime | None = None,
        visible_until: datetime | None = None,
    ) -> str: ...


def parse_tags(text: str) -> tuple[str, ...]:
    """``kubernetes, on-call #postgres`` -> ``('kubernetes', 'on-call', 'postgres')``."""
    seen: dict[str, None] = {}
    for raw in re.split(r"[,\s]+", text):
        tag = raw.strip().lstrip("#").lower()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


class Composer(QWidget):
    published = Signal(str, str)  # item id, "Visible to: …"

    def __init__(self, target: PublishTarget, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._target = target
        self._runner = runner
        self._publishing = False

        title = named(QLabel(self.tr("Compose")), "pageTitle")
        subtitle = named(
            QLabel(
                self.tr(
                    "Share what you know. It is saved on this computer first and sent at the "
                    "next sync."
                ),
                wordWrap=True,
            ),
            "pageSubtitle",
        )
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind"))
        for value, label in KINDS:
            self.kind.addItem(self.tr(label), value)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("A title that says what it is about"))
        self.body = MentionTextEdit()
        self.body.setPlaceholderText(
            self.tr(
                "Write in Markdown: **bold**, *italic*, `code`, lists with -, "
                "links with [text](url)"
            )
        )
        self.body.setTabChangesFocus(True)
        self.mentions = self.body.mentions
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("kubernetes, on-call"))
        self.audience = AudiencePicker()
        self.options = AudienceOptions()
        self.audience.describe_with(self.options.summary)
        self.reach = AudienceReachLabel(getattr(target, "audience_reach", None), runner)
        self.error = named(QLabel(wordWrap=True), "errorText")
        self.error.hide()
        self.publish_button = named(QPushButton(self.tr("Publish")), "primary")
        self.publish_button.clicked.connect(self._on_publish_button_clicked)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Text"), self.body)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Audience"), self.audience)
        form.addRow("", self.options)
        form.addRow(self.tr("Who will see this"), self.reach)

        self.publish_button.setMinimumWidth(130)
        actions = QHBoxLayout()
        actions.addWidget(self.error, 1)
        actions.addStretch(0)
        actions.addWidget(self.publish_button, 0, Qt.AlignmentFlag.AlignRight)

        # A form wider than a line of reading text is harder to fill in.
        column = named(QWidget(), "composerBody")
        column.setMaximumWidth(820)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(10)
        column_layout.addWidget(title)
        column_layout.addWidget(subtitle)
        column_layout.addLayout(form, 1)
        body = named(QWidget(), "composerBody")
        row = QHBoxLayout(body)
        row.setContentsMargins(24, 20, 24, 8)
        row.addWidget(column, 1)
        row.addStretch(0)
        # The form scrolls when "More options" is open on a small screen; the Publish
        # button stays in view below it.
        self.form_scroll = named(QScrollArea(), "composerScroll")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(body)
        footer = named(QWidget(), "composerBody")
        footer.setMaximumWidth(820 + 48)
        footer_layout = QHBoxLayout(footer)
        footer_layout.setContentsMargins(24, 0, 24, 16)
        footer_layout.addLayout(actions, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(footer)

        self.title.textChanged.connect(self._on_field_changed)
        self.body.textChanged.connect(self._on_field_changed)
        self.audience.audience_changed.connect(self._on_field_changed)
        self.audience.audience_changed.connect(self._on_audience_changed)
        self.options.changed.connect(self.audience.refresh_summary)
        self._update_button()

    def load_choices(self) -> None:
        """Fetch the groups and people for the picker; called whenever the page opens."""
        self.reach.count_audience(self.audience.audience())
        self._runner.local(
            self._target.audience_choices,
            success=self._on_choices_loaded,
            failure=self._show_failure,
            label=QT_TRANSLATE_NOOP("TaskLabel", "loading groups and people"),
            owner=self,
        )

    def focus_title(self) -> None:
        self.title.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def publish(self) -> None:
        if self._publishing or not self._ready():
            return
        title = self.title.text().strip()
        body = self.body.toPlainText()
        tags = parse_tags(self.tags.text())
        audience = self.audience.audience()
        kind = str(self.kind.currentData())
        summary = self.audience.summary_text()
        # Only what was chosen: "More options" left alone publishes as before.
        rights: dict[str, Any] = {}
        if editors := self.options.editors():
            rights["editors"] = editors
        if (publish_at := self.options.publish_at.value()) is not None:
            rights["publish_at"] = publish_at
        if (visible_until := self.options.visible_until.value()) is not None:
            rights["visible_until"] = visible_until
        self._publishing = True
        self._update_button()
        self.error.hide()

        def write() -> str:
            return self._target.publish(
                title=title, body=body, tags=tags, audience=audience, kind=kind, **rights
            )

        self._runner.write(
            write,
            success=lambda item_id: self._on_published(item_id, summary),
            failure=self._on_publish_failed,
            label=QT_TRANSLATE_NOOP("TaskLabel", "saving your post"),
            owner=self,
        )

    def clear(self) -> None:
        self.title.clear()
        self.body.clear()
        self.tags.clear()
        self.audience.reset()
        self.options.reset()
        self.kind.setCurrentIndex(0)
        self.error.hide()

    def _ready(self) -> bool:
        return bool(
            self.title.text().strip()
            and self.body.toPlainText().strip()
            and self.audience.is_complete()
        )

    def _update_button(self) -> None:
        self.publish_button.setEnabled(self._ready() and not self._publishing)
        self.publish_button.setText(self.tr("Saving…") if self._publishing else self.tr("Publish"))

    def _on_published(self, item_id: Any, summary: str) -> None:
        self._publishing = False
        self.clear()
        self._update_button()
        self.published.emit(str(item_id), summary)

    def _on_publish_failed(self, failure: Failure) -> None:
        self._publishing = False
        self._update_button()
        self._show_failure(failure)

    def _show_failure(self, failure: Failure) -> None:
        # Inline, next to the button: the draft stays in the fields untouched.
        self.error.setText(failure.message)
        self.error.setToolTip(failure.details if not failure.user_facing else "")
        self.error.show()

    @Slot()
    def _on_publish_button_clicked(self) -> None:
        self.publish()

    @Slot()
    def _on_field_changed(self) -> None:
        self._update_button()

    def _on_choices_loaded(self, choices: list[Choice]) -> None:
        self.options.set_choices(choices)
        self.audience.set_choices(choices)
        self.mentions.set_people(choices)
        self._on_audience_changed()

    @Slot()
    def _on_audience_changed(self) -> None:
        self.options.set_visible_to(self.audience.audience(), self.audience.model.checked())
        if self.isVisible():
            self.reach.count_audience(self.audience.audience())
