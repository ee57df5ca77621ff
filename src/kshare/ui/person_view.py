"""A person's expertise profile in the reading pane: what they know, who vouches for it,
and who else knows the same things.

The profile is read from the local cache off the GUI thread; the newest request wins.
An endorsement goes to the outbox like every other write and is sent at the next sync.
"""

from __future__ import annotations

import html
import logging
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import Expert, ExpertiseProfile
from kshare.ui import theme
from kshare.ui.follow_buttons import FollowButton, FollowSource
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP, counts

log = logging.getLogger(__name__)

PERSON_SCHEME = "person:"
EMPTY = QT_TRANSLATE_NOOP("PersonView", "Select a colleague to see what they know.")
GONE = QT_TRANSLATE_NOOP("PersonView", "This profile is not available to you.")


class ProfileSource(Protocol):
    """The part of :class:`kshare.client.services.Workspace` the profile uses."""

    def expertise_profile(self, person_id: str | None = None) -> ExpertiseProfile | None: ...
    def endorse(self, person_id: str, skill: str) -> None: ...


def person_link(person_id: str, name: str) -> str:
    """Rich text for a name that opens the person's profile."""
    target = html.escape(person_id, quote=True)
    return f'<a href="{PERSON_SCHEME}{target}">{html.escape(name)}</a>'


def link_label(text: str, *, accessible: str, object_name: str = "") -> QLabel:
    """A label whose links the mouse and the keyboard can follow."""
    label = named(QLabel(text, wordWrap=True), object_name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.LinksAccessibleByMouse
        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    )
    label.setAccessibleName(accessible)
    return label


def role_of(title: str, department: str) -> str:
    return " · ".join(p for p in (title, department) if p)


def ask_line(profile: ExpertiseProfile) -> str:
    return profile.ask_about or "; ".join(profile.ask_me_about)


def skills_with_counts(profile: ExpertiseProfile) -> list[tuple[str, int]]:
    """Declared skills and endorsed ones, most endorsed first, then in the person's order."""
    counts = dict(profile.endorsements)
    names = list(profile.skills) + [s for s, _ in profile.endorsements if s not in profile.skills]
    return sorted(((name, counts.get(name, 0)) for name in names), key=lambda row: -row[1])


def endorsement_text(count: int) -> str:
    if count == 0:
        return QCoreApplication.translate("person_view", "no endorsements yet")
    return counts().endorsements(count)


def section(text: str) -> QLabel:
    return named(QLabel(text.upper()), "profileSection")


class TopicRow(QWidget):
    def __init__(self, name: str, strength: float, confirmed: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = named(QLabel(name), "topicName")
        self.bar = QProgressBar(maximum=100, textVisible=False)
        self.bar.setFixedSize(90, 6)
        percent = round(100 * max(0.0, min(1.0, strength)))
        self.bar.setValue(percent)
        self.bar.setToolTip(
            self.tr("Strength {percent}% of their strongest topic").format(percent=percent)
        )
        self.mark = named(QLabel(self.tr("✓ Confirmed")), "expertRole")
        self.mark.setToolTip(self.tr("They confirmed they know this"))
        self.mark.setVisible(confirmed)
        if confirmed:
            spoken = self.tr("{topic}, strength {percent} percent, confirmed")
        else:
            spoken = self.tr("{topic}, strength {percent} percent")
        self.setAccessibleName(spoken.format(topic=name, percent=percent))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(self.name, 1)
        row.addWidget(self.mark)
        row.addWidget(self.bar)


class SkillRow(QWidget):
    endorse_clicked = Signal(str)  # skill

    def __init__(
        self,
        skill: str,
        count: int,
        *,
        person: str,
        can_endorse: bool,
        endorsed: bool,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.skill = skill
        self.name = named(QLabel(skill), "skillName")
        self.count = named(QLabel(endorsement_text(count)), "expertRole")
        self.endorse_button = named(QPushButton(self.tr("Endorse")), "endorseButton")
        self.endorse_button.setAccessibleName(
            self.tr("Endorse {person} for {skill}").format(person=person, skill=skill)
        )
        self.endorse_button.setToolTip(
            self.tr("Vouch that {person} knows {skill}").format(person=person, skill=skill)
        )
        self.endorse_button.setVisible(can_endorse)
        self.endorse_button.clicked.connect(self._on_endorse_button_clicked)
        if endorsed:
            self.mark_endorsed()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(self.name)
        row.addWidget(self.count, 1)
        row.addWidget(self.endorse_button)

    def mark_endorsed(self) -> None:
        self.endorse_button.setText(self.tr("Endorsed"))
        self.endorse_button.setEnabled(False)
        self.endorse_button.setToolTip(self.tr("You endorsed this; it is sent at the next sync"))

    def set_busy(self) -> None:
        self.endorse_button.setText(self.tr("Endorsing…"))
        self.endorse_button.setEnabled(False)

    def reset(self) -> None:
        self.endorse_button.setText(self.tr("Endorse"))
        self.endorse_button.setEnabled(True)

    @Slot()
    def _on_endorse_button_clicked(self) -> None:
        self.endorse_clicked.emit(self.skill)


class PersonView(QWidget):
    """One person's expertise, shown where items are read."""

    person_link_clicked = Signal(str)
    manage_requested = Signal()
    back_requested = Signal()
    profile_shown = Signal(str)  # person id
    endorsed = Signal(str, str)  # person id, skill: written to the outbox

    def __init__(
        self,
        source: ProfileSource,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        follows: FollowSource | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("personView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._source = source
        self._runner = runner
        self._request = 0
        self._requested: str | None = None  # what was asked for; None is "me"
        self.profile: ExpertiseProfile | None = None
        self._endorsed: set[tuple[str, str]] = set()
        self.topic_rows: list[TopicRow] = []
        self.skill_rows: dict[str, SkillRow] = {}
        self.similar_labels: list[QLabel] = []

        self._stack = QStackedWidget(self)
        self._empty = QLabel(self.tr(EMPTY), alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self._empty.setObjectName("emptyState")

        self.back_button = named(QPushButton(self.tr("← Back")), "link")
        self.back_button.setAccessibleName(self.tr("Back to what you were reading"))
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.clicked.connect(self.back_requested)
        self.back_button.hide()
        self.name = named(QLabel(wordWrap=True), "detailTitle")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.role = named(QLabel(wordWrap=True), "detailMeta")
        self.role.setTextFormat(Qt.TextFormat.PlainText)
        self.ask = named(QLabel(wordWrap=True), "expertAsk")
        self.ask.setTextFormat(Qt.TextFormat.PlainText)
        self.opted_out = named(QLabel(wordWrap=True), "blockedNotice")
        self.opted_out.setTextFormat(Qt.TextFormat.PlainText)
        self.manage_button = named(QPushButton(self.tr("Manage my expertise…")), "manageExpertise")
        self.manage_button.setAccessibleName(self.tr("Manage my expertise profile"))
        self.manage_button.setToolTip(
            self.tr("Confirm, hide or remove topics, or opt out of listings")
        )
        self.manage_button.clicked.connect(self.manage_requested)
        self.message = named(QLabel(wordWrap=True), "errorText")
        self.message.hide()
        self.follow_button = FollowButton(follows, runner)
        self.follow_button.hide()

        self.topics_heading = section(self.tr("Topics"))
        self.topics_empty = named(QLabel(wordWrap=True), "hint")
        self._topics = QVBoxLayout()
        self._topics.setSpacing(6)
        self.skills_heading = section(self.tr("Skills"))
        self._skills = QVBoxLayout()
        self._skills.setSpacing(6)
        self.similar_heading = section(self.tr("Similar people"))
        self._similar = QVBoxLayout()
        self._similar.setSpacing(4)

        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addStretch(1)
        head.addWidget(self.manage_button)
        body = named(QWidget(), "personBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.name)
        layout.addWidget(self.role)
        layout.addWidget(self.follow_button)
        layout.addWidget(self.ask)
        layout.addWidget(self.opted_out)
        layout.addWidget(self.message)
        layout.addSpacing(12)
        layout.addWidget(self.topics_heading)
        layout.addWidget(self.topics_empty)
        layout.addLayout(self._topics)
        layout.addSpacing(12)
        layout.addWidget(self.skills_heading)
        layout.addLayout(self._skills)
        layout.addSpacing(12)
        layout.addWidget(self.similar_heading)
        layout.addLayout(self._similar)
        layout.addStretch(1)
        scroll = named(QScrollArea(), "personScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self._stack.addWidget(self._empty)
        self._stack.addWidget(scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

    @property
    def person_id(self) -> str | None:
        """Who is on show (their id, also for one's own profile), or None."""
        return self.profile.person_id if self.profile is not None else None

    def set_back_available(self, available: bool, label: str | None = None) -> None:
        self.back_button.setText(self.tr("← Back") if label is None else label)
        self.back_button.setVisible(available)

    def show_person(self, person_id: str | None = None) -> None:
        """Load a profile off the GUI thread and show it; ``None`` is the signed-in person."""
        self._request += 1
        request = self._request
        self._requested = person_id
        self._runner.local(
            lambda: self._source.expertise_profile(person_id),
            success=lambda profile: self._on_profile_loaded(request, profile),
            failure=lambda failure: self._on_profile_failed(request, failure),
            label=QT_TRANSLATE_NOOP("TaskLabel", "reading the expertise profile"),
            owner=self,
        )

    def reload(self) -> None:
        if self.profile is not None:
            self.show_person(self._requested)

    def on_changes(self, changes: object) -> None:
        """After a sync: read the profile again if it is on show and changed."""
        people: frozenset[str] = getattr(changes, "person_ids", frozenset())
        if self.person_id is not None and self.person_id in people:
            self.reload()

    def show_profile(self, profile: ExpertiseProfile) -> None:
        """Show a profile already read (one's own, just changed in the dialog)."""
        self._request += 1
        self._requested = None if profile.is_me else profile.person_id
        self._render(profile)

    def clear(self, message: str | None = None) -> None:
        """Show ``message`` (by default: select a colleague) in place of a profile."""
        self._request += 1
        self.profile = None
        self._empty.setText(self.tr(EMPTY) if message is None else message)
        self._stack.setCurrentIndex(0)

    # -- outcomes -----------------------------------------------------------------

    def _on_profile_loaded(self, request: int, profile: ExpertiseProfile | None) -> None:
        if request != self._request:
            return
        if profile is None:
            self.clear(self.tr(GONE))
            return
        self._render(profile)

    def _on_profile_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self.clear(failure.message)

    def _render(self, profile: ExpertiseProfile) -> None:
        same = self.profile is not None and self.profile.person_id == profile.person_id
        self.profile = profile
        if not same:
            self.message.hide()
        self.name.setText(profile.display_name)
        self.role.setText(role_of(profile.title, profile.department))
        self.role.setVisible(bool(self.role.text()))
        ask = ask_line(profile)
        self.ask.setText(self.tr("Ask me about: {topics}").format(topics=ask))
        self.ask.setVisible(bool(ask))
        if profile.opt_out and profile.is_me:
            self.opted_out.setText(self.tr("You chose not to be listed as an expert."))
        elif profile.opt_out:
            self.opted_out.setText(
                self.tr("{name} chose not to be listed as an expert.").format(
                    name=profile.display_name
                )
            )
        self.opted_out.setVisible(profile.opt_out)
        self.manage_button.setVisible(profile.is_me)
        if not same or not self.follow_button.target:
            self.follow_button.bind("person", profile.person_id, profile.display_name)
        self.follow_button.setVisible(not profile.is_me and self.follow_button.can_follow)

        for row in self.topic_rows:
            row.hide()
            row.deleteLater()
        self.topic_rows = []
        for topic in profile.topics:
            row = TopicRow(topic.name, topic.strength, topic.state == "confirmed")
            self._topics.addWidget(row)
            row.show()  # at once: a layout would only show it at the next turn of the loop
            self.topic_rows.append(row)
        self.topics_empty.setText(
            self.tr("Nothing yet: topics appear as you write, answer and share.")
            if profile.is_me
            else self.tr("Nothing stands out yet.")
        )
        # Someone who opted out is not listed for anything: no empty section to explain.
        silent = profile.opt_out and not profile.is_me and not profile.topics
        self.topics_heading.setVisible(not silent)
        self.topics_empty.setVisible(not profile.topics and not silent)

        for skill_row in self.skill_rows.values():
            skill_row.hide()
            skill_row.deleteLater()
        self.skill_rows = {}
        mine = {s.casefold() for s in profile.endorsed_by_me}
        for skill, count in skills_with_counts(profile):
            skill_row = SkillRow(
                skill,
                count,
                person=profile.display_name,
                can_endorse=not profile.is_me,
                endorsed=skill.casefold() in mine or (profile.person_id, skill) in self._endorsed,
            )
            skill_row.endorse_clicked.connect(self._on_skill_row_endorse_clicked)
            self._skills.addWidget(skill_row)
            skill_row.show()
            self.skill_rows[skill] = skill_row
        self.skills_heading.setVisible(bool(self.skill_rows))

        for label in self.similar_labels:
            label.hide()
            label.deleteLater()
        self.similar_labels = []
        for expert in profile.similar:
            label = self._similar_label(expert)
            self._similar.addWidget(label)
            label.show()
            self.similar_labels.append(label)
        self.similar_heading.setVisible(bool(self.similar_labels))

        self._stack.setCurrentIndex(1)
        self.profile_shown.emit(profile.person_id)

    def _similar_label(self, expert: Expert) -> QLabel:
        role = role_of(expert.title, expert.department)
        text = person_link(expert.person_id, expert.display_name)
        if role:
            quiet = theme.current().hex("#616e7c")
            text += f' <span style="color:{quiet}">· {html.escape(role)}</span>'
        accessible = self.tr("Open {name}'s profile").format(name=expert.display_name)
        label = link_label(text, accessible=accessible, object_name="similarPerson")
        label.linkActivated.connect(self._on_person_link_activated)
        return label

    # -- endorsing -----------------------------------------------------------------

    def endorse(self, skill: str) -> None:
        profile = self.profile
        if profile is None or profile.is_me or (row := self.skill_rows.get(skill)) is None:
            return
        person_id, name = profile.person_id, profile.display_name
        row.set_busy()
        self.message.hide()
        self._runner.write(
            lambda: self._source.endorse(person_id, skill),
            success=lambda _none: self._on_endorsed(person_id, skill),
            failure=lambda failure: self._on_endorse_failed(person_id, skill, name, failure),
            label=QT_TRANSLATE_NOOP("TaskLabel", "saving your endorsement"),
            owner=self,
        )

    def _on_endorsed(self, person_id: str, skill: str) -> None:
        self._endorsed.add((person_id, skill))
        if self.person_id == person_id and (row := self.skill_rows.get(skill)) is not None:
            row.mark_endorsed()
        self.endorsed.emit(person_id, skill)

    def _on_endorse_failed(self, person_id: str, skill: str, name: str, failure: Failure) -> None:
        if self.person_id == person_id and (row := self.skill_rows.get(skill)) is not None:
            row.reset()
        self.message.setText(
            self.tr("Could not endorse {name} for {skill}: {reason}").format(
                name=name, skill=skill, reason=failure.message
            )
        )
        self.message.setToolTip("" if failure.user_facing else failure.details)
        self.message.show()

    # -- slots ----------------------------------------------------------------------

    @Slot(str)
    def _on_skill_row_endorse_clicked(self, skill: str) -> None:
        self.endorse(skill)

    @Slot(str)
    def _on_person_link_activated(self, link: str) -> None:
        if link.startswith(PERSON_SCHEME):
            self.person_link_clicked.emit(link[len(PERSON_SCHEME) :])
