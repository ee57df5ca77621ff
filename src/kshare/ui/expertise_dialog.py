"""My expertise: the person decides what colleagues see about what they know.

Every choice is saved on this computer at once (off the GUI thread, through the
task runner) and published at the next sync; the list is drawn again from the
profile the change returns, so what is shown is what was saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import ExpertiseProfile, ExpertiseTopic
from kshare.ui.i18n import translate_noop
from kshare.ui.operations import Failure, TaskRunner

log = logging.getLogger(__name__)

CONFIRM_TIP = translate_noop(
    "ExpertiseDialog", "Say you know this: it counts for more and is marked as confirmed."
)
HIDE_TIP = translate_noop(
    "ExpertiseDialog", "Never list me as an expert for this topic. You can show it again later."
)
REMOVE_TIP = translate_noop(
    "ExpertiseDialog",
    "Take it off my profile. A topic found only in what you wrote stays hidden, "
    "so it does not come back.",
)
SHOW_TIP = translate_noop("ExpertiseDialog", "List me for this topic again.")
OPT_OUT_TIP = translate_noop(
    "ExpertiseDialog",
    "Colleagues will then not see you in expert results or in suggestions. "
    "What you wrote stays as it is.",
)
PUBLISHED_LATER = translate_noop(
    "ExpertiseDialog", "Saved on this computer; published at the next sync."
)


def _shown(text: str) -> str:
    """One of the texts above in the language in effect."""
    return QCoreApplication.translate("ExpertiseDialog", text)


class ExpertiseEditor(Protocol):
    """The part of :class:`kshare.client.services.Workspace` the dialog uses."""

    def expertise_profile(self, person_id: str | None = None) -> ExpertiseProfile | None: ...
    def update_expertise(
        self,
        *,
        confirm: Iterable[str] = (),
        hide: Iterable[str] = (),
        unhide: Iterable[str] = (),
        remove: Iterable[str] = (),
        opt_out: bool | None = None,
    ) -> ExpertiseProfile: ...


def _button(text: str, name: str, accessible: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setToolTip(tip)
    return button


class TopicChoices(QFrame):
    """One of the person's topics, with what they may do about it."""

    def __init__(self, topic: ExpertiseTopic, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("expertCard")
        self.topic = topic
        confirmed = topic.state == "confirmed"
        self.name = QLabel(topic.name)
        self.name.setObjectName("expertName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        percent = round(100 * max(0.0, min(1.0, topic.strength)))
        self.bar = QProgressBar()
        self.bar.setMaximum(100)
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(70, 6)
        self.bar.setValue(percent)
        self.bar.setToolTip(
            self.tr("Strength {percent}% of your strongest topic").format(percent=percent)
        )
        self.state = QLabel(
            self.tr("✓ Confirmed by you") if confirmed else self.tr("Found in what you wrote")
        )
        self.state.setObjectName("expertRole")
        self.confirm_button = _button(
            self.tr("Confirm"),
            "confirmTopic",
            self.tr("Confirm {topic}").format(topic=topic.name),
            _shown(CONFIRM_TIP),
        )
        self.confirm_button.setVisible(not confirmed)
        self.hide_button = _button(
            self.tr("Hide"),
            "hideTopic",
            self.tr("Hide {topic}").format(topic=topic.name),
            _shown(HIDE_TIP),
        )
        self.remove_button = _button(
            self.tr("Remove"),
            "removeTopic",
            self.tr("Remove {topic} from my profile").format(topic=topic.name),
            _shown(REMOVE_TIP),
        )
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addWidget(self.state)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(text, 1)
        layout.addWidget(self.bar)
        for button in (self.confirm_button, self.hide_button, self.remove_button):
            layout.addWidget(button)

    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.confirm_button, self.hide_button, self.remove_button)


class HiddenTopic(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.topic = name
        self.name = QLabel(name)
        self.name.setObjectName("hiddenTopicName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.show_button = _button(
            self.tr("Show again"),
            "unhideTopic",
            self.tr("Show {topic} again").format(topic=name),
            _shown(SHOW_TIP),
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 12, 0)
        layout.addWidget(self.name, 1)
        layout.addWidget(self.show_button)


class ExpertiseDialog(QDialog):
    scroll: QScrollArea  # type: ignore[assignment]  # the topics, not QWidget.scroll(dx, dy)
    profile_shown = Signal(object)  # ExpertiseProfile, each time the list is drawn
    changed = Signal(object)  # ExpertiseProfile, after a change was saved

    def __init__(self, source: ExpertiseEditor, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("expertiseDialog")
        self.setWindowTitle(self.tr("My expertise"))
        self.resize(620, 560)
        self._source = source
        self._runner = runner
        self._busy = False
        self.profile: ExpertiseProfile | None = None
        self.topic_rows: dict[str, TopicChoices] = {}
        self.hidden_rows: dict[str, HiddenTopic] = {}

        intro = QLabel(
            self.tr(
                "What colleagues see when they look for someone who knows a topic. Topics are "
                "found in what you wrote, answered and shared; confirm the ones you stand by."
            )
        )
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setAccessibleName(self.tr("What happened to your last change"))
        self.notice.hide()

        self.topics_heading = QLabel(self.tr("Your topics"))
        self.topics_heading.setObjectName("expertName")
        self.topics_empty = QLabel(
            self.tr("No topics yet: they appear as you write, answer and share.")
        )
        self.topics_empty.setObjectName("hint")
        self.topics_empty.setWordWrap(True)
        self.topics_empty.hide()
        self.hidden_heading = QLabel(self.tr("Hidden topics"))
        self.hidden_heading.setObjectName("expertName")
        self.hidden_empty = QLabel(
            self.tr("None. A hidden topic is never used to list you as an expert.")
        )
        self.hidden_empty.setObjectName("hint")
        self.hidden_empty.setWordWrap(True)
        self._body = QWidget()
        self._body.setObjectName("expertResultsBody")
        self._topics = QVBoxLayout()
        self._topics.setSpacing(8)
        self._hidden = QVBoxLayout()
        self._hidden.setSpacing(4)
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        body.addWidget(self.topics_heading)
        body.addWidget(self.topics_empty)
        body.addLayout(self._topics)
        body.addSpacing(8)
        body.addWidget(self.hidden_heading)
        body.addWidget(self.hidden_empty)
        body.addLayout(self._hidden)
        body.addStretch(1)
        self.scroll = scroll = QScrollArea()
        scroll.setObjectName("expertResults")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._body)
        # Where the person was before a change: scroll, section, row, the kind of button.
        self._place: tuple[int, QWidget | None, int, str] = (0, None, -1, "")

        self.opt_out = QCheckBox(self.tr("Opt out of expert listings"))
        self.opt_out.setObjectName("optOut")
        self.opt_out.setAccessibleName(self.tr("Opt out of expert listings"))
        self.opt_out.setToolTip(_shown(OPT_OUT_TIP))
        self.opt_out.setEnabled(False)  # until the profile is read
        self.opt_out.toggled.connect(self._on_opt_out_toggled)
        opt_out_hint = QLabel(_shown(OPT_OUT_TIP))
        opt_out_hint.setObjectName("hint")
        opt_out_hint.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.opt_out)
        layout.addWidget(opt_out_hint)
        layout.addWidget(close)

    @property
    def busy(self) -> bool:
        return self._busy

    def clear_messages(self) -> None:
        self.error.hide()
        self.notice.hide()

    def refresh(self) -> None:
        """Read the person's own profile again, off the GUI thread."""
        self._runner.local(
            self._source.expertise_profile,
            success=self._on_profile_loaded,
            failure=self._on_refresh_failed,
            label=translate_noop("TaskLabel", "reading your expertise profile"),
            owner=self,
        )

    # -- the changes ------------------------------------------------------------------

    def confirm_topic(self, name: str) -> None:
        self._update(self.tr("Confirmed “{topic}”.").format(topic=name), confirm=(name,))

    def hide_topic(self, name: str) -> None:
        self._update(
            self.tr("“{topic}” is hidden: you are not listed for it.").format(topic=name),
            hide=(name,),
        )

    def remove_topic(self, name: str) -> None:
        self._update(
            self.tr("Removed “{topic}” from your profile.").format(topic=name), remove=(name,)
        )

    def unhide_topic(self, name: str) -> None:
        self._update(self.tr("“{topic}” is shown again.").format(topic=name), unhide=(name,))

    def set_opt_out(self, opt_out: bool) -> None:
        done = (
            self.tr("You opted out: colleagues will not see you in expert results.")
            if opt_out
            else self.tr("You are listed in expert results again.")
        )
        self._update(done, opt_out=opt_out)

    def _update(self, done: str, **change: object) -> None:
        if self._busy:
            return
        self._keep_place()
        self._set_busy(True)
        self.error.hide()
        source = self._source

        def write() -> ExpertiseProfile:
            return source.update_expertise(**change)  # type: ignore[arg-type]

        self._runner.write(
            write,
            success=lambda profile: self._on_updated(done, profile),
            failure=self._on_update_failed,
            label=translate_noop("TaskLabel", "saving your expertise profile"),
            owner=self,
        )

    # -- outcomes, on the GUI thread ------------------------------------------------

    def _on_profile_loaded(self, profile: ExpertiseProfile | None) -> None:
        if profile is None:
            self._show_error(self.tr("Your profile is not available yet. Sync, then try again."))
            return
        self._render(profile)

    def _on_refresh_failed(self, failure: Failure) -> None:
        self._show_failure(failure)

    def _on_updated(self, done: str, profile: ExpertiseProfile) -> None:
        self._set_busy(False)
        self._render(profile)
        self.notice.setText(f"{done} {_shown(PUBLISHED_LATER)}")
        self.notice.show()
        self._restore_place()
        self.changed.emit(profile)

    def _on_update_failed(self, failure: Failure) -> None:
        self._set_busy(False)
        self._show_failure(failure)
        self._restore_place()
        self.refresh()  # show what is really saved, the checkbox too

    def _render(self, profile: ExpertiseProfile) -> None:
        self.profile = profile
        for row in self.topic_rows.values():
            row.hide()
            row.deleteLater()
        self.topic_rows = {}
        for topic in profile.topics:
            row = TopicChoices(topic, self._body)
            name = topic.name
            self._connect(row.confirm_button, partial(self.confirm_topic, name))
            self._connect(row.hide_button, partial(self.hide_topic, name))
            self._connect(row.remove_button, partial(self.remove_topic, name))
            self._topics.addWidget(row)
            row.show()  # at once: a layout would only show it at the next turn of the loop
            self.topic_rows[name] = row
        self.topics_empty.setVisible(not profile.topics)

        for hidden in self.hidden_rows.values():
            hidden.hide()
            hidden.deleteLater()
        self.hidden_rows = {}
        for name in profile.hidden:
            hidden = HiddenTopic(name, self._body)
            self._connect(hidden.show_button, partial(self.unhide_topic, name))
            self._hidden.addWidget(hidden)
            hidden.show()
            self.hidden_rows[name] = hidden
        self.hidden_empty.setVisible(not profile.hidden)

        self.opt_out.blockSignals(True)
        self.opt_out.setChecked(profile.opt_out)
        self.opt_out.blockSignals(False)
        self._set_busy(self._busy)
        self.profile_shown.emit(profile)

    def _rows_of(self, section: QWidget | None) -> list[QWidget]:
        if section is self.hidden_heading:
            return list(self.hidden_rows.values())
        return list(self.topic_rows.values())

    def _keep_place(self) -> None:
        """Remember where the person is before the buttons are disabled: disabling the one
        with the focus would walk the focus, and the list with it, down to the end."""
        focus = self.focusWidget()
        section: QWidget | None = None
        index = -1
        for heading in (self.topics_heading, self.hidden_heading):
            for position, row in enumerate(self._rows_of(heading)):
                if focus is not None and row.isAncestorOf(focus):
                    section, index = heading, position
        if focus is self.opt_out:
            section = self.opt_out
        kind = focus.objectName() if focus is not None else ""
        self._place = (self.scroll.verticalScrollBar().value(), section, index, kind)
        if focus is not None and (self._body.isAncestorOf(focus) or focus is self.opt_out):
            self.scroll.setFocus(Qt.FocusReason.OtherFocusReason)

    def _restore_place(self) -> None:
        """Back where the person was: the same scroll, and the focus on the row that took
        the place of the one they acted on (or the last one)."""
        scrolled, section, index, kind = self._place
        self._place = (0, None, -1, "")
        if (body := self._body.layout()) is not None:
            body.activate()
        self.scroll.verticalScrollBar().setValue(scrolled)
        if section is self.opt_out:
            self.opt_out.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if section is None:
            return
        rows = self._rows_of(section) or self._rows_of(
            self.topics_heading if section is self.hidden_heading else self.hidden_heading
        )
        if not rows:
            return
        row = rows[min(index, len(rows) - 1)]
        if isinstance(row, TopicChoices):
            buttons = row.buttons()
        else:
            assert isinstance(row, HiddenTopic)
            buttons = (row.show_button,)
        offered = [b for b in buttons if b.isVisibleTo(row)]
        # The same button on the next row (Hide after Hide), else the row's first one.
        target = next((b for b in offered if b.objectName() == kind), None) or next(
            iter(offered), None
        )
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(target)

    @staticmethod
    def _connect(button: QPushButton, act: Callable[[], None]) -> None:
        button.clicked.connect(lambda _checked=False: act())

    def _set_busy(self, busy: bool) -> None:
        """One change at a time: a second click waits for the first to be saved."""
        self._busy = busy
        for row in self.topic_rows.values():
            for button in row.buttons():
                button.setEnabled(not busy)
        for hidden in self.hidden_rows.values():
            hidden.show_button.setEnabled(not busy)
        self.opt_out.setEnabled(not busy and self.profile is not None)

    def _show_failure(self, failure: Failure) -> None:
        self._show_error(failure.message, "" if failure.user_facing else failure.details)

    def _show_error(self, message: str, details: str = "") -> None:
        self.notice.hide()
        self.error.setText(message)
        self.error.setToolTip(details)
        self.error.show()

    # -- slots ----------------------------------------------------------------------

    @Slot(bool)
    def _on_opt_out_toggled(self, checked: bool) -> None:
        self.set_opt_out(checked)
