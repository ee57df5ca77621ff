"""HTML to PDF with Qt's own text layout (QTextDocument printed by QPdfWriter), offscreen."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument


def _application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        # A shell has no display to speak of: lay out and print without one.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app  # type: ignore[return-value]


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
