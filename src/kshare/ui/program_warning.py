"""Warn before a shared file that is a program or a script is handed to the system opener.

Opening such a file runs it, with the reader's rights, and its name was chosen
by whoever shared it. The warning names the real type (from the extension and
the file's first bytes, see :func:`kshare.client.filenames.program_kind`) and
offers to save a copy instead; Cancel is the default. Like
:func:`kshare.ui.confirm.ask_to_confirm` it is window-modal and never blocks
the event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

NAME = "confirmRunProgram"
OPEN_ANYWAY = "Open anyway"
SAVE_AS = "Save as…"


def warn_before_running(
    parent: QWidget,
    *,
    name: str,
    kind: str,
    on_open: Callable[[], None],
    on_save: Callable[[], None],
) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, "kshare", f"“{name}” is {kind}.", parent=parent)
    box.setObjectName(NAME)
    box.setInformativeText(
        "Opening it runs it on this computer, with your rights. Open it only if you "
        "expected a program from its author; otherwise save a copy, or cancel."
    )
    save = box.addButton(SAVE_AS, QMessageBox.ButtonRole.AcceptRole)
    run = box.addButton(OPEN_ANYWAY, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)  # Enter must not run a program
    box.setEscapeButton(cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        if box.clickedButton() is run:
            on_open()
        elif box.clickedButton() is save:
            on_save()

    box.finished.connect(finished)
    box.open()
    return box
