"""Windows that grow when their content does (an error line, a longer label), never squash."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget


def grow_to_fit(window: QWidget) -> None:
    """Make ``window`` at least as tall as its layout needs at its current width."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = window.width()
    needed = layout.totalMinimumSize().height()
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalHeightForWidth(width))
    screen = window.screen() or QApplication.primaryScreen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height())
    window.setMinimumHeight(needed)
    if window.height() < needed:
        window.resize(width, needed)
