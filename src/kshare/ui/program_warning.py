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

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

NAME = "confirmRunProgram"


def warn_before_running(
    parent: QWidget,
    *,
    name: str,
    kind: str,
    on_open: Callable[[], None],
    on_save: Callable[[], None],
) -> QMessageBox:

    # ``kind`` comes from the client layer, in its words
    question = QCoreApplication.translate("ProgramWarning", "“{name}” is {kind}.").format(
        name=name, kind=kind
    )
    box = QMessageBox(QMessageBox.Icon.Warning, "kshare", question, parent=parent)
    box.setObjectName(NAME)
    box.setInformativeText(
        QCoreApplication.translate(
            "ProgramWarning",
            "Opening it runs it on this computer, with your rights. Open it only if you "
            "expected a program from its author; otherwise save a copy, or cancel.",
        )
    )
    save = box.addButton(
        QCoreApplication.translate("ProgramWarning", "Save as…"), QMessageBox.ButtonRole.AcceptRole
    )
    run = box.addButton(
        QCoreApplication.translate("ProgramWarning", "Open anyway"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
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
