"""Ask before something that cannot be undone, without blocking the window.

The question is window-modal and opened with ``open()``: the event loop keeps
running (syncs finish, results arrive) while the person decides, and tests
find the box by its object name and click a button as a person would.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_confirm(
    parent: QWidget,
    *,
    name: str,
    question: str,
    consequence: str,
    accept_label: str,
    on_accept: Callable[[], None],
) -> QMessageBox:
    """Show ``question`` with ``accept_label`` and Cancel; ``on_accept`` runs only on accept."""
    box = QMessageBox(QMessageBox.Icon.Question, "kshare", question, parent=parent)
    box.setObjectName(name)
    box.setInformativeText(consequence)
    accept = box.addButton(accept_label, QMessageBox.ButtonRole.DestructiveRole)
    accept.setObjectName("confirmButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)  # Enter must not destroy anything
    box.setEscapeButton(cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        if box.clickedButton() is accept:
            on_accept()

    box.finished.connect(finished)
    box.open()
    return box
