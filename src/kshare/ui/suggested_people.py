"""People who might know: colleagues the expert finder suggests for an unanswered question.

Shown in the reading pane under a question without an accepted answer; each name
opens that person's profile.
"""

from __future__ import annotations

import html
import logging
from typing import Protocol

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kshare.client.views import Expert, ItemDetail
from kshare.ui import theme
from kshare.ui.operations import Failure
from kshare.ui.person_view import PERSON_SCHEME, link_label, person_link

log = logging.getLogger(__name__)

SUGGESTED = 5


class SuggestionSource(Protocol):
    def suggested_experts(self, item_id: str, *, limit: int = 5) -> list[Expert]: ...


def wants_suggestions(detail: ItemDetail) -> bool:
    """A question nobody has answered to the asker's satisfaction yet."""
    return detail.summary.kind == "question" and not any(
        answer.summary.is_accepted for answer in detail.answers
    )


def suggestion_html(expert: Expert) -> str:
    text = f"<b>{person_link(expert.person_id, expert.display_name)}</b>"
    if role := expert.title or expert.department:
        quiet = theme.current().hex("#616e7c")
        text += f' <span style="color:{quiet}">· {html.escape(role)}</span>'
    if expert.reasons:
        reason = html.escape(expert.reasons[0].text)
        text += f'<br><span style="color:{theme.current().hex("#7b8794")}">{reason}</span>'
    return text


class SuggestedPeople(QFrame):
    person_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expertCard")
        self.setAccessibleName(self.tr("People who might know"))
        self.experts: list[Expert] = []
        self.labels: list[QLabel] = []
        self.heading = QLabel(self.tr("People who might know"))
        self.heading.setObjectName("suggestedHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 10, 14, 10)
        self._layout.setSpacing(6)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.message)
        self.hide()

    def set_experts(self, experts: list[Expert]) -> None:
        """List them; with none, the box goes away."""
        self._clear_rows()
        self.message.hide()
        self.experts = list(experts[:SUGGESTED])
        for expert in self.experts:
            label = link_label(
                suggestion_html(expert),
                accessible=self.tr("Open {name}'s profile").format(name=expert.display_name),
                object_name="suggestedPerson",
            )
            label.linkActivated.connect(self._on_label_link_activated)
            self._layout.addWidget(label)
            label.show()
            self.labels.append(label)
        self.setVisible(bool(self.experts))

    def show_failure(self, failure: Failure) -> None:
        self._clear_rows()
        self.experts = []
        self.message.setText(
            self.tr("Could not suggest anyone: {reason}").format(reason=failure.message)
        )
        self.message.setToolTip("" if failure.user_facing else failure.details)
        self.message.show()
        self.show()

    def clear(self) -> None:
        self._clear_rows()
        self.experts = []
        self.message.hide()
        self.hide()

    def _clear_rows(self) -> None:
        for label in self.labels:
            label.hide()
            label.deleteLater()
        self.labels = []

    @Slot(str)
    def _on_label_link_activated(self, link: str) -> None:
        if link.startswith(PERSON_SCHEME):
            self.person_clicked.emit(link[len(PERSON_SCHEME) :])
