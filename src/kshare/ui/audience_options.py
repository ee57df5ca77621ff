"""Who may also edit an item, and when others see it: the composer's "More options".

Editors are chosen among those who can see the item; times are shown and
entered in local time and handed on as UTC. The sentences here say the same
choices back in plain words, in the composer, the audience dialog and the
reading pane.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QSortFilterProxyModel,
    Qt,
    QTime,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.dates import FIRST_PICKABLE_DAY, LAST_PICKABLE_DAY
from kshare.client.views import AudienceInfo, Choice
from kshare.clock import SYSTEM, Clock
from kshare.ui.audience_picker import AudienceChoicesModel, audience_key, short_label
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP, clock_time, counts, short_date

# The time field's display format; a translation may order it as its language does.
DATE_FORMAT = QT_TRANSLATE_NOOP("TimeField", "d MMM yyyy, HH:mm")


def _tr(text: str) -> str:
    return QCoreApplication.translate("audience_options", text)


def when(moment: datetime, clock: Clock = SYSTEM) -> str:
    """``30 Nov, 18:00`` in local time (with the year when it is not ``clock``'s year)."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()
    day = short_date(local, year=local.year != clock.now().astimezone().year)
    return QCoreApplication.translate("audience_options", "{day}, {time}").format(
        day=day, time=clock_time(local)
    )


def rights_summary(
    visible_to: str,
    editor_names: Sequence[str] = (),
    publish_at: datetime | None = None,
    visible_until: datetime | None = None,
) -> str:
    """``Visible to: SRE from 1 Dec, 09:00 until 30 Dec, 18:00 · SRE can edit``."""
    text = visible_to
    if publish_at is not None:
        text += " " + QCoreApplication.translate("audience_options", "from {when}").format(
            when=when(publish_at)
        )
    if visible_until is not None:
        text += " " + QCoreApplication.translate("audience_options", "until {when}").format(
            when=when(visible_until)
        )
    if editor_names:
        text += " · " + QCoreApplication.translate("audience_options", "{names} can edit").format(
            names=_names(editor_names)
        )
    return text


def _names(names: Sequence[str]) -> str:
    if len(names) > 3:
        return counts().more(", ".join(names[:2]), len(names) - 2)
    if len(names) > 1:
        return QCoreApplication.translate("audience_options", "{names} and {last}").format(
            names=", ".join(names[:-1]), last=names[-1]
        )
    return names[0]


def audience_line(
    label: str,
    info: AudienceInfo,
    *,
    is_author: bool,
    now: datetime | None = None,
    clock: Clock = SYSTEM,
) -> str:
    """The reading pane's audience line: who sees it, who may edit it, and when."""
    now = now or clock.now()
    parts = [label] if label else []
    if info.editor_names:
        parts.append(
            QCoreApplication.translate("audience_options", "{names} can edit").format(
                names=_names(info.editor_names)
            )
        )
    if is_author and info.publish_at is not None and info.publish_at > now:
        parts.append(
            QCoreApplication.translate("audience_options", "Scheduled for {when}").format(
                when=when(info.publish_at)
            )
        )
    if info.visible_until is not None:
        parts.append(
            QCoreApplication.translate("audience_options", "Visible until {when}").format(
                when=when(info.visible_until)
            )
        )
    return " · ".join(parts)


@dataclass(frozen=True)
class AudienceChange:
    """A new audience for an existing item, as :meth:`Workspace.edit` takes it."""

    audience: tuple[str, ...]
    editors: tuple[str, ...]
    publish_at: datetime | None
    visible_until: datetime | None
    summary: str = ""


def loses_access(before: AudienceInfo, after: AudienceChange) -> bool:
    """Would anyone who may see the item now stop seeing it (or see it later)?

    Said from names alone: a person named before who is now reached only through a
    group counts as losing access, which errs on the side of warning.
    """
    if "org" not in after.audience:
        was = (set(before.audience) | set(before.editors)) - {"private"}
        now = set(after.audience) | set(after.editors)
        if before.hidden_groups or was - now:
            return True
    if after.visible_until is not None and (
        before.visible_until is None or after.visible_until < before.visible_until
    ):
        return True
    return after.publish_at is not None and (
        before.publish_at is None or after.publish_at > before.publish_at
    )


def to_qt(moment: datetime) -> QDateTime:
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )


def from_qt(value: QDateTime) -> datetime:
    date, time = value.date(), value.time()
    local = datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())
    return local.astimezone(UTC)  # a naive time is this computer's local time


class TimeField(QWidget):
    """An optional time: a check box and a local date and time."""

    changed = Signal()

    def __init__(
        self,
        label: str,
        default_offset: timedelta,
        parent: QWidget | None = None,
        *,
        clock: Clock = SYSTEM,
    ) -> None:
        super().__init__(parent)
        self._offset = default_offset
        self._clock = clock  # the default time is an hour from its now
        self.check = QCheckBox(label)
        self.edit = QDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(self.tr(DATE_FORMAT))
        # the server's range (1970..9999 UTC), narrowed by a day so any time zone fits
        first, last = FIRST_PICKABLE_DAY, LAST_PICKABLE_DAY
        self.edit.setMinimumDate(QDate(first.year, first.month, first.day))
        self.edit.setMaximumDate(QDate(last.year, last.month, last.day))
        self.edit.setAccessibleName(label)
        self.edit.setToolTip(self.tr("Local time"))
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self._on_check_toggled)
        self.edit.dateTimeChanged.connect(self._on_edit_changed)
        self.reset()

    def value(self) -> datetime | None:
        return from_qt(self.edit.dateTime()) if self.check.isChecked() else None

    def set_value(self, moment: datetime | None) -> None:
        if moment is None:
            self.reset()
            return
        self.edit.setDateTime(to_qt(moment))
        self.check.setChecked(True)

    def reset(self) -> None:
        start = (self._clock.now() + self._offset).replace(minute=0, second=0, microsecond=0)
        self.edit.setDateTime(to_qt(start))
        self.check.setChecked(False)

    @Slot(bool)
    def _on_check_toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        self.changed.emit()

    @Slot()
    def _on_edit_changed(self) -> None:
        if self.check.isChecked():
            self.changed.emit()


class AudienceOptions(QWidget):
    """A compact, folded area: "Can also edit", "Publish at", "Visible until"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, clock: Clock = SYSTEM) -> None:
        super().__init__(parent)
        self.toggle = named(QToolButton(), "moreOptions")
        self.toggle.setText(self.tr("More options"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.area = named(QWidget(), "moreOptionsArea")
        self.editors_model = AudienceChoicesModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.editors_model)
        self.editors_list = named(QListView(), "editorChoices")
        self.editors_list.setModel(proxy)
        self.editors_list.setMaximumHeight(110)
        self.editors_list.setAccessibleName(self.tr("Can also edit"))
        self.editors_hint = named(QLabel(wordWrap=True), "hint")
        self.publish_at = TimeField(self.tr("Publish at"), timedelta(hours=1), clock=clock)
        self.visible_until = TimeField(self.tr("Visible until"), timedelta(days=7), clock=clock)

        form = QFormLayout(self.area)
        form.setContentsMargins(0, 0, 0, 0)
        editors = QVBoxLayout()
        editors.addWidget(self.editors_list)
        editors.addWidget(self.editors_hint)
        form.addRow(self.tr("Can also edit"), editors)
        form.addRow("", self.publish_at)
        form.addRow("", self.visible_until)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.area)
        self.area.setVisible(False)

        self._all: list[Choice] = []
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self.editors_model.selection_changed.connect(self._on_option_changed)
        self.publish_at.changed.connect(self._on_option_changed)
        self.visible_until.changed.connect(self._on_option_changed)
        self.set_visible_to(("org",))

    def set_choices(self, choices: list[Choice]) -> None:
        self._all = list(choices)

    def set_visible_to(self, audience: Sequence[str], chosen: Sequence[Choice] = ()) -> None:
        """Offer as editors only those who can see the item (the author always can)."""
        keep = {audience_key(c) for c in self.editors_model.checked()}
        if "org" in audience:
            offered = list(self._all)
            hint = ""
        elif "private" in audience or not audience:
            offered = []
            hint = self.tr("Only you can see it, so only you can edit it.")
        else:
            offered = list(chosen)
            hint = self.tr("Choose among the groups and people who can see it.")
        self.editors_model.set_choices(offered)
        self.editors_model.set_checked(keep & {audience_key(c) for c in offered})
        self.editors_list.setEnabled(bool(offered))
        self.editors_hint.setText(hint)
        self.editors_hint.setVisible(bool(hint))

    def editors(self) -> tuple[str, ...]:
        return tuple(audience_key(c) for c in self.editors_model.checked())

    def editor_names(self) -> tuple[str, ...]:
        return tuple(short_label(c) for c in self.editors_model.checked())

    def set_values(
        self,
        editors: Sequence[str],
        publish_at: datetime | None,
        visible_until: datetime | None,
    ) -> None:
        self.editors_model.set_checked(set(editors))
        self.publish_at.set_value(publish_at)
        self.visible_until.set_value(visible_until)
        if editors or publish_at or visible_until:
            self.toggle.setChecked(True)

    def reset(self) -> None:
        self.editors_model.set_checked(set())
        self.publish_at.reset()
        self.visible_until.reset()
        self.toggle.setChecked(False)

    def summary(self, visible_to: str) -> str:
        return rights_summary(
            visible_to,
            self.editor_names(),
            self.publish_at.value(),
            self.visible_until.value(),
        )

    @Slot(bool)
    def _on_toggle_toggled(self, shown: bool) -> None:
        self.area.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    @Slot()
    def _on_option_changed(self) -> None:
        self.changed.emit()
