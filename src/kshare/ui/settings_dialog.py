"""Preferences: the desktop settings a person may change, each with what it does.

The values come from :class:`kshare.client.settings.Settings`, read in layers
(defaults < the organisation's policy < the person's choices < environment). A
key the policy locks is shown with its value but cannot be changed; one an
environment variable sets for this run is shown the same way, since choosing
another value here would change nothing while it is set. OK writes only what
the person changed, through :meth:`Settings.set` on the task runner's local
worker; Cancel writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kshare.client.settings import BY_KEY, Setting
from kshare.ui.devices_section import DeviceAccount, DevicesSection
from kshare.ui.i18n import translate_noop
from kshare.ui.operations import Failure, TaskRunner

log = logging.getLogger(__name__)

# When a change is used: the sync machinery reads most settings once, when it starts.
RESTART, NEXT_SYNC, AT_ONCE = "restart", "sync", "now"
APPLIES = {
    RESTART: translate_noop("SettingsDialog", "Takes effect the next time kshare starts."),
    NEXT_SYNC: translate_noop("SettingsDialog", "Takes effect at the next sync."),
    AT_ONCE: translate_noop("SettingsDialog", "Takes effect at once."),
}
LOCKED_TEXT = translate_noop("SettingsDialog", "Set by your organisation")
LOCKED_TIP = translate_noop(
    "SettingsDialog",
    "Your organisation's managed policy sets this value and does not let it be changed here.",
)


@dataclass(frozen=True)
class Field:
    """How one setting is offered: the words around it and the range of its control."""

    key: str
    label: str
    explanation: str
    applies: str = RESTART
    unit: str = ""
    minimum: int = 0
    maximum: int = 1_000_000
    step: int = 1
    zero_text: str = ""  # what a spin box says at its minimum, when that means "off"
    choice_labels: Mapping[str, str] = field(default_factory=dict)
    hidden_choices: frozenset[str] = frozenset()  # accepted when set, never offered
    untranslated_choices: frozenset[str] = frozenset()  # labels shown as they are written


FIELDS: tuple[Field, ...] = (
    Field(
        "blob_policy",
        translate_noop("SettingsDialog", "Download attached files"),
        translate_noop(
            "SettingsDialog",
            "Files shared with you can be fetched with every sync, so they open offline, "
            "or only when you open one, which saves space and bandwidth.",
        ),
        # "manual" downloads exactly as "lazy" does (only when a file is opened): it is
        # still read from older settings and policies, but not offered as a third way
        choice_labels={
            "eager": translate_noop("SettingsDialog", "With every sync"),
            "lazy": translate_noop("SettingsDialog", "When I open one"),
            "manual": translate_noop("SettingsDialog", "When I open one"),
        },
        hidden_choices=frozenset({"manual"}),
    ),
    Field(
        "blob_cache_mb",
        translate_noop("SettingsDialog", "Space for downloaded files"),
        translate_noop(
            "SettingsDialog",
            "Downloaded files beyond this are removed, least recently used first; "
            "they download again when you open them.",
        ),
        unit=" MB",
        minimum=100,
        maximum=1_000_000,
        step=256,
    ),
    Field(
        "poll_interval_s",
        translate_noop("SettingsDialog", "Check for changes every"),
        translate_noop("SettingsDialog", "Used only when the server cannot send live updates."),
        unit=" s",
        minimum=30,
        maximum=86_400,
        step=30,
    ),
    Field(
        "reconcile_interval_h",
        translate_noop("SettingsDialog", "Full safety check every"),
        translate_noop(
            "SettingsDialog",
            "A complete comparison with the server that finds anything an ordinary sync missed.",
        ),
        unit=" h",
        minimum=1,
        maximum=24 * 30,
    ),
    Field(
        "wipe_after_offline_days",
        translate_noop("SettingsDialog", "Remove company content when offline for"),
        translate_noop(
            "SettingsDialog",
            "If this computer cannot sync for this long, its copy of shared content is removed "
            "at start-up or at the next sync attempt. Your unsent writes are kept.",
        ),
        applies=NEXT_SYNC,
        unit=translate_noop("SettingsDialog", " days"),
        maximum=3650,
        zero_text=translate_noop("SettingsDialog", "Never"),
    ),
    # Desktop notifications: all at once, then each kind of inbox entry.
    Field(
        "notify_desktop",
        translate_noop("SettingsDialog", "Desktop notifications"),
        translate_noop(
            "SettingsDialog",
            "Announce new inbox entries on the desktop (where the system has a tray). Nothing "
            "older than the last announcement is ever announced.",
        ),
        applies=NEXT_SYNC,
    ),
    *(
        Field(f"notify_{kind}", label, "", applies=NEXT_SYNC)
        for kind, label in (
            ("mention", translate_noop("SettingsDialog", "Notify me of mentions of me")),
            ("answer", translate_noop("SettingsDialog", "Notify me of answers to my questions")),
            ("accepted", translate_noop("SettingsDialog", "Notify me of accepted answers")),
            ("reply", translate_noop("SettingsDialog", "Notify me of replies and comments")),
            ("endorsement", translate_noop("SettingsDialog", "Notify me of endorsements")),
            ("joined", translate_noop("SettingsDialog", "Notify me of group membership")),
            (
                "followed",
                translate_noop("SettingsDialog", "Notify me of new items in what I follow"),
            ),
        )
    ),
)
FIELDS += (
    Field(
        "appearance",
        translate_noop("SettingsDialog", "Appearance"),
        translate_noop(
            "SettingsDialog",
            "Light or dark; “Follow the system” changes with your desktop's dark mode.",
        ),
        applies=AT_ONCE,
        choice_labels={
            "system": translate_noop("SettingsDialog", "Follow the system"),
            "light": translate_noop("SettingsDialog", "Light"),
            "dark": translate_noop("SettingsDialog", "Dark"),
        },
    ),
    Field(
        "language",
        translate_noop("SettingsDialog", "Language"),
        translate_noop(
            "SettingsDialog",
            "The language of kshare's windows; “Follow the system” uses your desktop's "
            "language where kshare has it, and English otherwise.",
        ),
        applies=RESTART,
        # each language by its own name, whatever the language in effect
        choice_labels={
            "system": translate_noop("SettingsDialog", "Follow the system"),
            "en": "English",
            "de": "Deutsch",
        },
        untranslated_choices=frozenset({"en", "de"}),
    ),
    Field(
        "share_search_gaps",
        translate_noop("SettingsDialog", "Help curators find gaps"),
        translate_noop(
            "SettingsDialog",
            "When a search of yours finds nothing, tell the company's curators the words, never "
            "your name; they see a search only once five people have made it.",
        ),
        applies=AT_ONCE,
    ),
    Field(
        "proxy",
        translate_noop("SettingsDialog", "Proxy"),
        translate_noop(
            "SettingsDialog",
            "“system” follows this computer's proxy settings, “none” connects directly; "
            "or give an address such as http://proxy.example.com:3128.",
        ),
        applies=RESTART,
    ),
    Field(
        "proxy_pac_url",
        translate_noop("SettingsDialog", "Proxy auto-config (PAC)"),
        translate_noop(
            "SettingsDialog",
            "The address of your organisation's PAC script; with proxy “system” it decides "
            "which proxy each connection uses.",
        ),
        applies=RESTART,
    ),
    Field(
        "update_channel",
        translate_noop("SettingsDialog", "Updates"),
        translate_noop("SettingsDialog", "Which releases your organisation offers you."),
        choice_labels={
            "stable": translate_noop("SettingsDialog", "Stable releases"),
            "beta": translate_noop("SettingsDialog", "Early releases (beta)"),
        },
    ),
    # Parts of kshare only the organisation turns on or off: shown so nobody wonders why.
    Field(
        "downloads_enabled",
        translate_noop("SettingsDialog", "Download shared documents"),
        translate_noop("SettingsDialog", "Opening shared files."),
    ),
    Field(
        "publish_to_organisation_enabled",
        translate_noop("SettingsDialog", "Publish to the whole organisation"),
        translate_noop("SettingsDialog", "Choosing “Everyone” as the audience."),
    ),
    Field(
        "experts_enabled",
        translate_noop("SettingsDialog", "Find experts"),
        translate_noop("SettingsDialog", "Expert search and suggestions."),
    ),
)
# Settings that are not the person's to choose here: the server comes with signing in,
# the number of changes fetched per request is a tuning knob for IT, and the rest are
# the organisation's network and support choices, read from its policy only.
NOTIFY_KINDS = frozenset(
    f"notify_{kind}"
    for kind in ("mention", "answer", "accepted", "reply", "endorsement", "joined", "followed")
)
NOT_OFFERED = frozenset(
    {
        "server_url",
        "page_size",
        "ca_bundle",
        "certificate_pins",
        "allow_plain_http",
        "support_contact",
        "download_url",
        "home_mix",  # the slider on the Home page itself
    }
)


class SettingsStore(Protocol):
    """The part of :class:`kshare.client.settings.Settings` the dialog uses."""

    locked: frozenset[str]

    def get(self, key: str) -> Any: ...
    def set(self, key: str, value: Any) -> None: ...
    def source(self, key: str) -> str: ...
    def environment_variable(self, key: str) -> str: ...


def preferences_shortcut() -> QKeySequence:
    """The platform's shortcut for preferences, or Ctrl+, where it has none."""
    standard = QKeySequence(QKeySequence.StandardKey.Preferences)
    return standard if not standard.isEmpty() else QKeySequence("Ctrl+,")


def _shown(text: str) -> str:
    """A text of the tables above (marked with translate_noop), in the language in effect."""
    return QCoreApplication.translate("SettingsDialog", text) if text else ""


def set_by_environment(settings: SettingsStore, key: str) -> bool:
    """Does an environment variable decide this key for this run? (A locked key ignores it.)"""
    return settings.source(key) == "environment"


class SettingRow(QWidget):
    """One setting: its label, its control, what it does, and who decides it."""

    def __init__(self, spec: Field, setting: Setting, value: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.setting = setting
        self.setObjectName(f"setting_{spec.key}")
        label = _shown(spec.label)
        self.label = QLabel(label)
        self.label.setObjectName("settingLabel")
        self.control = self._make_control(value)
        self.label.setBuddy(self.control)
        self.control.setAccessibleName(label)
        explanation = _shown(spec.explanation)
        applies = _shown(APPLIES[spec.applies])
        self.explanation = QLabel(f"{explanation} {applies}")
        self.explanation.setObjectName("hint")
        self.explanation.setWordWrap(True)
        self.source = QLabel()
        self.source.setObjectName("settingSource")
        self.source.setWordWrap(True)
        self.source.hide()
        self.locked = False
        self.initial = self.value()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(3)
        if not isinstance(self.control, QCheckBox):  # a check box carries its own label
            layout.addWidget(self.label)
        else:
            self.label.hide()
        layout.addWidget(self.control)
        layout.addWidget(self.explanation)
        layout.addWidget(self.source)

    def _make_control(self, value: Any) -> QWidget:
        setting, spec = self.setting, self.spec
        if setting.choices:
            combo = QComboBox()
            combo.setObjectName("settingControl")
            for choice in setting.choices:
                if choice in spec.hidden_choices and choice != value:
                    continue
                text = spec.choice_labels.get(choice, choice)
                if choice not in spec.untranslated_choices:
                    text = _shown(text)
                combo.addItem(text, choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if setting.type is bool:
            box = QCheckBox(_shown(spec.label))
            box.setObjectName("settingControl")
            box.setChecked(bool(value))
            return box
        if setting.type is int:
            spin = QSpinBox()
            spin.setObjectName("settingControl")
            # A value from a file outside the usual range is shown as it is, not clamped.
            spin.setRange(min(spec.minimum, int(value)), max(spec.maximum, int(value)))
            spin.setSingleStep(spec.step)
            spin.setSuffix(_shown(spec.unit))
            if spec.zero_text and spin.minimum() == 0:
                spin.setSpecialValueText(_shown(spec.zero_text))
            spin.setValue(int(value))
            return spin
        if setting.type is str:
            line = QLineEdit(str(value))
            line.setObjectName("settingControl")
            return line
        raise TypeError(f"no control for the setting {setting.key} of type {setting.type}")

    def value(self) -> Any:
        control = self.control
        if isinstance(control, QComboBox):
            return control.currentData()
        if isinstance(control, QCheckBox):
            return control.isChecked()
        if isinstance(control, QLineEdit):
            return control.text().strip()
        assert isinstance(control, QSpinBox)
        return control.value()

    @property
    def changed(self) -> bool:
        return not self.locked and self.value() != self.initial

    def lock(self, text: str, tip: str) -> None:
        """Show the value, but not as something the person can change."""
        self.locked = True
        self.control.setEnabled(False)
        self.control.setToolTip(tip)
        self.source.setText(text)
        self.source.setToolTip(tip)
        self.source.show()
        self.control.setAccessibleDescription(f"{text}. {tip}")


class SettingsDialog(QDialog):
    scroll: QScrollArea  # type: ignore[assignment]  # the settings, not QWidget.scroll(dx, dy)
    applied = Signal(list)  # the keys OK wrote

    def __init__(
        self,
        settings: SettingsStore,
        runner: TaskRunner,
        parent: QWidget | None = None,
        account: DeviceAccount | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self._runner = runner
        self.rows: dict[str, SettingRow] = {}

        # The settings scroll (a small screen, 150% scale); OK and Cancel stay in view.
        body = QWidget()
        body.setObjectName("settingsBody")
        layout = QVBoxLayout(body)
        layout.setSpacing(10)
        kinds: list[SettingRow] = []
        kinds_grid = QGridLayout()
        kinds_grid.setContentsMargins(0, 0, 0, 0)
        for spec in FIELDS:
            setting = BY_KEY.get(spec.key)
            if setting is None:
                continue
            row = SettingRow(spec, setting, settings.get(spec.key))
            if spec.key in settings.locked or setting.policy_only:
                row.lock(_shown(LOCKED_TEXT), _shown(LOCKED_TIP))
            elif set_by_environment(settings, spec.key):
                variable = settings.environment_variable(spec.key)
                row.lock(
                    self.tr("Set by {variable} for this run").format(variable=variable),
                    self.tr(
                        "The environment variable {variable} decides this value while it is "
                        "set; unset it to choose here."
                    ).format(variable=variable),
                )
            self.rows[spec.key] = row
            if spec.key in NOTIFY_KINDS:  # small check boxes, two to a line
                place = len(kinds)
                kinds.append(row)
                kinds_grid.addWidget(row, place // 2, place % 2)
                if place == 0:
                    layout.addLayout(kinds_grid)
            else:
                layout.addWidget(row)
        self.devices: DevicesSection | None = None
        if account is not None:  # signed in: the person's devices and password
            self.devices = DevicesSection(account, runner, self)
            layout.addWidget(self.devices)
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("settingsScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(self.scroll, 1)
        layout = outer
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fit_to_screen(body)

    def _fit_to_screen(self, body: QWidget) -> None:
        width = max(560, body.sizeHint().width() + 40)
        height = body.sizeHint().height() + self.buttons.sizeHint().height() + 60
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, int(room.height() * 0.9))
        self.resize(width, height)

    def changes(self) -> dict[str, Any]:
        """What the person changed; untouched values, locked or not, are never written."""
        return {key: row.value() for key, row in self.rows.items() if row.changed}

    def needs_restart(self, keys: list[str]) -> bool:
        return any(self.rows[key].spec.applies == RESTART for key in keys)

    def _apply(self, changes: dict[str, Any]) -> list[str]:
        written: list[str] = []
        for key, value in changes.items():
            self._settings.set(key, value)  # refuses a locked key with PermissionError
            written.append(key)
        return written

    def _set_busy(self, busy: bool) -> None:
        for button in self.buttons.buttons():
            button.setEnabled(not busy)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        changes = self.changes()
        if not changes:
            self.accept()
            return
        self._set_busy(True)
        self.error.hide()
        self._runner.write(
            lambda: self._apply(changes),
            success=self._on_applied,
            failure=self._on_apply_failed,
            label=translate_noop("TaskLabel", "saving your settings"),
            owner=self,
        )

    def _on_applied(self, written: list[str]) -> None:
        self._set_busy(False)
        self.applied.emit(written)
        self.accept()

    def _on_apply_failed(self, failure: Failure) -> None:
        self._set_busy(False)
        exc = failure.exception
        if isinstance(exc, PermissionError) and exc.errno is None:
            message = str(exc)  # Settings refused a locked key, in its own words
        elif isinstance(exc, OSError):
            message = self.tr("Your settings could not be saved: {reason}").format(
                reason=exc.strerror or exc
            )
        else:
            message = failure.message
        self.error.setText(message)
        self.error.setToolTip("" if failure.user_facing else failure.details)
        self.error.show()


def applied_message(dialog: SettingsDialog, keys: list[str]) -> str:
    """What the window says after OK."""
    if dialog.needs_restart(keys):
        return QCoreApplication.translate(
            "SettingsDialog", "Settings saved. Some take effect the next time kshare starts."
        )
    return QCoreApplication.translate("SettingsDialog", "Settings saved.")
