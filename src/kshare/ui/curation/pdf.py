"""HTML to PDF with Qt's own text layout (QTextDocument printed by QPdfWriter), offscreen."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication


def _application() -> QCoreApplication:
    app = QCoreApplication.instance()
    if app is None:
        # A shell has no display to speak of: lay out and print without one. A full
        # QApplication, so that the app (or anything else in this process) can use it too.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app


def write_pdf(html: str, path: Path) -> None:
    """Write ``html`` (already escaped and self-contained) to ``path`` as an A4 PDF."""
    _application()
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    document = QTextDocument()
    document.setHtml(html)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
