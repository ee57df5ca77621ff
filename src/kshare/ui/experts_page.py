"""Find the colleagues who know a topic, and show why each one is listed."""

from __future__ import annotations

import html
import logging
from typing import Protocol

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import Expert, ExpertReason
from kshare.ui.card_list import card_list
from kshare.ui.i18n import phrase_text, translate_noop
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.person_view import PERSON_SCHEME, link_label, person_link
from kshare.ui.text import decimal

log = logging.getLogger(__name__)

REASONS_SHOWN = 4


class ExpertSource(Protocol):
    def experts(self, topic: str, *, limit: int = 10) -> list[Expert]: ...


def reason_html(reason: ExpertReason, index: int = 0) -> str:
    # The finder writes each reason as a whole phrase ("Answered “…”"), shown in the
    # window's language; a reason about an item links to it, and one about a tag
    # unfolds the contributions behind it.
    text = html.escape(reason_text(reason))
    if reason.item_id:
        target = html.escape(reason.item_id, quote=True)
        return f'<a href="item:{target}">{text}</a>'
    if reason.items:
        return f'<a href="{UNFOLD}{index}">{text}</a>'
    return text


def reason_text(reason: ExpertReason) -> str:
    return phrase_text(reason.phrase, reason.text)


def contributions_html(items: tuple[tuple[str, str], ...]) -> str:
    """The contributions behind a tag reason, one link a line."""
    return "<br>".join(
        f'<a href="item:{html.escape(item_id, quote=True)}">{html.escape(title)}</a>'
        for item_id, title in items
    )


UNFOLD = "unfold:"


class ExpertCard(QFrame):
    reason_clicked = Signal(str)  # item id
    person_clicked = Signal(str)  # person id

    def __init__(self, rank: int, expert: Expert, best: float, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("expertCard")
        self.expert = expert
        self.name = name = link_label(
            f"{rank}. {person_link(expert.person_id, expert.display_name)}",
            accessible=self.tr("{rank}. {name}: open their profile").format(
                rank=rank, name=expert.display_name
            ),
            object_name="expertName",
        )
        name.setWordWrap(False)
        name.setToolTip(self.tr("See what {name} knows").format(name=expert.display_name))
        name.linkActivated.connect(self._on_name_link_activated)
        role = QLabel(" · ".join(p for p in (expert.title, expert.department) if p))
        role.setObjectName("expertRole")
        strength = QProgressBar()
        strength.setMaximum(100)
        strength.setTextVisible(False)
        strength.setFixedSize(90, 6)
        strength.setValue(round(100 * expert.score / best) if best > 0 else 0)
        strength.setToolTip(self.tr("Relevance {score}").format(score=decimal(expert.score)))
        head = QHBoxLayout()
        head.addWidget(name)
        head.addStretch(1)
        head.addWidget(strength)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(role)
        if expert.ask_about:
            ask = QLabel(self.tr("Ask me about: {topics}").format(topics=expert.ask_about))
            ask.setObjectName("expertAsk")
            ask.setWordWrap(True)
            layout.addWidget(ask)
        self.reason_labels: list[QLabel] = []
        # the contributions behind a tag reason, by the reason's index: shown on a click
        self.contribution_lists: dict[int, QLabel] = {}
        links = (
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        for index, reason in enumerate(expert.reasons[:REASONS_SHOWN]):
            label = QLabel(f"• {reason_html(reason, index)}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(links)
            label.linkActivated.connect(self._on_reason_link_activated)
            layout.addWidget(label)
            self.reason_labels.append(label)
            if reason.items:
                label.setToolTip(self.tr("Show these contributions"))
                listing = QLabel(contributions_html(reason.items))
                listing.setWordWrap(True)
                listing.setObjectName("expertContributions")
                listing.setAccessibleName(f"{expert.display_name}: {reason_text(reason)}")
                listing.setTextFormat(Qt.TextFormat.RichText)
                listing.setTextInteractionFlags(links)
                listing.setContentsMargins(14, 0, 0, 2)
                listing.linkActivated.connect(self._on_reason_link_activated)
                listing.hide()
                layout.addWidget(listing)
                self.contribution_lists[index] = listing

    @Slot(str)
    def _on_reason_link_activated(self, link: str) -> None:
        if link.startswith(UNFOLD):
            listing = self.contribution_lists.get(int(link[len(UNFOLD) :]))
            if listing is not None:
                listing.setHidden(not listing.isHidden())
            return
        if link.startswith("item:"):
            self.reason_clicked.emit(link[len("item:") :])

    @Slot(str)
    def _on_name_link_activated(self, link: str) -> None:
        if link.startswith(PERSON_SCHEME):
            self.person_clicked.emit(link[len(PERSON_SCHEME) :])


class ExpertsPage(QWidget):
    item_activated = Signal(str)
    person_activated = Signal(str)
    manage_expertise_requested = Signal()
    experts_shown = Signal(list)

    def __init__(self, source: ExpertSource, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._request = 0
        self.cards: list[ExpertCard] = []

        title = QLabel(self.tr("Experts"))
        title.setObjectName("pageTitle")
        self.own_profile_button = QPushButton(self.tr("Your expertise profile…"))
        self.own_profile_button.setObjectName("link")
        self.own_profile_button.setAccessibleName(self.tr("Your expertise profile"))
        self.own_profile_button.setToolTip(
            self.tr("See and choose what colleagues find about what you know")
        )
        self.own_profile_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.own_profile_button.clicked.connect(self.manage_expertise_requested)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.own_profile_button)
        subtitle = QLabel(
            self.tr(
                "Who knows about a topic? Ranked from what colleagues wrote, answered and were "
                "endorsed for."
            )
        )
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)
        self.topic = QLineEdit()
        self.topic.setObjectName("searchBox")
        self.topic.setAccessibleName(self.tr("Topic to find experts for"))
        self.topic.setPlaceholderText(self.tr("A topic, e.g. Kubernetes, expenses, GDPR"))
        self.topic.returnPressed.connect(self._on_find_clicked)
        find = QPushButton(self.tr("Find experts"))
        find.setObjectName("primary")
        find.setAccessibleName(self.tr("Find experts"))
        find.clicked.connect(self._on_find_clicked)
        row = QHBoxLayout()
        row.addWidget(self.topic, 1)
        row.addWidget(find)
        self.status = QLabel()
        self.status.setObjectName("pageSubtitle")

        scroll, self._body, self._cards_layout = card_list(
            "expertResults", spacing=10, body_name="expertResultsBody"
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(subtitle)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Shown from the navigation or Ctrl+E: the next keys typed are the topic.
        self.topic.setFocus(Qt.FocusReason.OtherFocusReason)

    def find(self, topic: str) -> None:  # type: ignore[override]  # not QWidget.find(id)
        topic = topic.strip()
        if self.topic.text().strip() != topic:
            self.topic.setText(topic)
        if not topic:
            return
        self._request += 1
        request = self._request
        self.status.setText(self.tr("Looking…"))
        self._runner.local(
            lambda: self._source.experts(topic, limit=10),
            success=lambda experts: self._on_experts_loaded(request, topic, experts),
            failure=lambda failure: self._on_experts_failed(request, failure),
            label=translate_noop("TaskLabel", "finding experts"),
            owner=self,
        )

    @Slot()
    def _on_find_clicked(self) -> None:
        self.find(self.topic.text())

    def _on_experts_loaded(self, request: int, topic: str, experts: list[Expert]) -> None:
        if request != self._request:
            return
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        if not experts:
            self.status.setText(
                self.tr("No one stands out for “{topic}” yet. Try a broader topic.").format(
                    topic=topic
                )
            )
        else:
            self.status.setText(self.tr("People who know about “{topic}”").format(topic=topic))
        best = max((e.score for e in experts), default=0.0)
        for rank, expert in enumerate(experts, start=1):
            card = ExpertCard(rank, expert, best)
            card.reason_clicked.connect(self.item_activated)
            card.person_clicked.connect(self.person_activated)
            self._cards_layout.insertWidget(self._cards_layout.count() - 1, card)
            self.cards.append(card)
        self.experts_shown.emit(list(experts))

    def _on_experts_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self.status.setText(failure.message)
