"""Light and dark appearance, following the system unless the person chooses one.

kshare's look is written once, in light colours: the stylesheet (``resources/style``),
the reading pane's CSS and the card painter all name colours of one light palette.
A dark appearance is the same look with every one of those colours replaced by its
dark counterpart from :data:`DARK_FOR_LIGHT`, so a new widget styled in light colours
is dark-ready as soon as its colours have a counterpart (a test checks that every
colour used anywhere in the UI has one).

The setting ``appearance`` is ``system`` (the default: Qt's colour scheme hint, which
follows the desktop's dark mode where the platform reports it), ``light`` or ``dark``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from kshare.ui.resources import stylesheet

log = logging.getLogger(__name__)

SYSTEM, LIGHT, DARK = "system", "light", "dark"
CHOICES = (SYSTEM, LIGHT, DARK)

# Every light colour the UI uses, with the colour that takes its place in the dark.
# Grouped by role: surfaces, lines, text, accent, states.
DARK_FOR_LIGHT: dict[str, str] = {
    # surfaces, from the page to the subtlest tint
    "#ffffff": "#1c2127",
    "#f7f8fa": "#20252c",
    "#f7f9fc": "#232a33",
    "#f5f7fa": "#252b32",
    "#f0f4f8": "#252b32",
    "#eef1f5": "#2b323a",
    "#eef3fc": "#243149",
    "#eaf1fe": "#263654",
    # lines and borders
    "#eef0f3": "#2c333b",
    "#e4e7eb": "#333b44",
    "#e1e6ec": "#38414b",
    "#dde2e8": "#3c4550",
    "#cbd2d9": "#4a5460",
    # text, from the strongest to the quietest
    "#1f2933": "#e6e9ed",
    "#323f4b": "#d7dce2",
    "#3e4c59": "#c6cdd5",
    "#52606d": "#adb6c0",
    "#616e7c": "#9da8b4",
    "#7b8794": "#8b97a4",
    "#9aa5b1": "#6f7b88",
    # accent
    "#3461c1": "#7ea6f8",
    "#2c55ad": "#94b5fa",
    "#1d3f8f": "#b0c8fc",
    "#9db3e3": "#4d6cab",
    "#c9dafb": "#34497a",
    "#dbe6fb": "#2a3a5c",
    # states: pending, error, success
    "#fff4e0": "#3d3120",
    "#8a5300": "#f0b35a",
    "#b42318": "#ff8f85",
    "#1f6f43": "#72d3a0",
    "#1b7f4b": "#72d3a0",
    # the curators' knowledge-flow pictures: ink, people, bars and the bridges between groups
    "#33414e": "#d2d9e0",
    "#7a8a99": "#93a1ae",
    "#3676ba": "#6ea5e6",
    "#d9480f": "#ff8a4c",
}

_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


@dataclass(frozen=True)
class Theme:
    """The appearance in effect: ``light`` or ``dark``."""

    scheme: str = LIGHT

    @property
    def dark(self) -> bool:
        return self.scheme == DARK

    def hex(self, light: str) -> str:
        """The colour to use for the light colour ``light`` (``#rrggbb``)."""
        if not self.dark:
            return light
        mapped = DARK_FOR_LIGHT.get(light.lower())
        if mapped is None:
            log.debug("no dark counterpart for %s", light)
            return light
        return mapped

    def color(self, light: str) -> QColor:
        return QColor(self.hex(light))

    def css(self, text: str) -> str:
        """A stylesheet or CSS written in light colours, in this theme's colours."""
        if not self.dark:
            return text
        return _HEX.sub(lambda match: self.hex(match.group(0)), text)


_current = Theme()
_watcher: ThemeWatcher | None = None


def current() -> Theme:
    """The theme in effect (light until :func:`apply` chose another)."""
    return _current


def system_scheme() -> str:
    """What the desktop asks for: ``dark`` or ``light`` (light when it does not say)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return LIGHT
    scheme = app.styleHints().colorScheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def resolve(choice: str) -> str:
    """The scheme a setting value stands for."""
    if choice == DARK:
        return DARK
    if choice == LIGHT:
        return LIGHT
    if choice != SYSTEM:
        log.warning("unknown appearance %r; following the system", choice)
    return system_scheme()


def palette(theme: Theme) -> QPalette:
    """Qt's palette for a theme, so unstyled widgets (dialogs, menus) match it."""
    pal = QPalette()
    roles = QPalette.ColorRole
    named = {
        roles.Window: "#f5f7fa",
        roles.WindowText: "#1f2933",
        roles.Base: "#ffffff",
        roles.AlternateBase: "#f7f8fa",
        roles.Text: "#1f2933",
        roles.Button: "#eef1f5",
        roles.ButtonText: "#1f2933",
        roles.ToolTipBase: "#ffffff",
        roles.ToolTipText: "#1f2933",
        roles.PlaceholderText: "#7b8794",
        roles.Link: "#3461c1",
        roles.LinkVisited: "#2c55ad",
        roles.Highlight: "#c9dafb",
        roles.HighlightedText: "#1f2933",
        roles.Light: "#ffffff",
        roles.Midlight: "#eef1f5",
        roles.Mid: "#cbd2d9",
        roles.Dark: "#9aa5b1",
        roles.Shadow: "#52606d",
    }
    for role, light in named.items():
        pal.setColor(role, theme.color(light))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(disabled, role, theme.color("#9aa5b1"))
    pal.setColor(roles.BrightText, QColor("#ffffff"))
    return pal


class ThemeWatcher(QObject):
    """Applies the chosen appearance and follows the system's when it changes."""

    changed = Signal(str)  # the scheme now in effect

    def __init__(self, app: QApplication, choice: str = SYSTEM) -> None:
        super().__init__(app)
        self._app = app
        self._choice = choice if choice in CHOICES else SYSTEM
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.apply()

    @classmethod
    def install(cls, app: QApplication, choice: str | None = None) -> ThemeWatcher:
        """The application's one watcher, made on first use; ``choice`` updates it."""
        global _watcher
        if _watcher is None or _watcher._app is not app:
            _watcher = cls(app, choice or SYSTEM)
        elif choice is not None:
            _watcher.set_choice(choice)
        return _watcher

    @property
    def choice(self) -> str:
        return self._choice

    def set_choice(self, choice: str) -> None:
        self._choice = choice if choice in CHOICES else SYSTEM
        self.apply()

    def apply(self) -> None:
        global _current
        theme = Theme(resolve(self._choice))
        if theme == _current and self._app.property("ksharethemed"):
            return
        _current = theme
        self._app.setPalette(palette(theme))
        self._app.setStyleSheet(theme.css(stylesheet()))
        self._app.setProperty("ksharethemed", True)
        # Painted items (cards) read the theme at paint time: repaint what is shown.
        for widget in self._app.topLevelWidgets():
            widget.update()
        log.info("appearance: %s", theme.scheme)
        self.changed.emit(theme.scheme)

    def _on_system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._choice == SYSTEM:
            self.apply()
