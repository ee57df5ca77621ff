"""Make the demo company's PDF and DOCX files from the texts in resources/demo/documents.

Run from the checkout after changing a text: ``.venv/bin/python scripts/make_demo_documents.py``.
The files are committed (a few kilobytes each), so the demo needs neither Qt's PDF
writer nor python-docx at seed time. PDFs are drawn by Qt, DOCX files by python-docx.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import docx
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

DOCUMENTS = Path(__file__).resolve().parents[1] / "resources" / "demo" / "documents"


def write_pdf(markdown: str, target: Path) -> None:
    writer = QPdfWriter(str(target))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
        )
    )
    writer.setCreator("Northwind Analytics")
    document = QTextDocument()
    document.setMarkdown(markdown)
    document.print_(writer)


def write_docx(markdown: str, target: Path) -> None:
    out = docx.Document()
    for line in markdown.splitlines():
        if line.startswith("# "):
            out.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            out.add_heading(line[3:], level=2)
        elif line.startswith("- "):
            out.add_paragraph(line[2:], style="List Bullet")
        elif line[:1].isdigit() and ". " in line:
            out.add_paragraph(line.split(". ", 1)[1], style="List Number")
        elif line.strip():
            out.add_paragraph(line)
    out.core_properties.author = "Northwind Analytics"
    out.save(str(target))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    files = DOCUMENTS / "files"
    files.mkdir(exist_ok=True)
    for text in sorted((DOCUMENTS / "texts").glob("*.md")):
        markdown = text.read_text(encoding="utf-8")
        for suffix, write in ((".pdf", write_pdf), (".docx", write_docx)):
            wanted = [v for v in _versions() if v == text.stem + suffix]
            for name in wanted:
                write(markdown, files / name)
                print(f"wrote {name} ({(files / name).stat().st_size} bytes)")
    del app
    return 0


def _versions() -> list[str]:
    import yaml

    data = yaml.safe_load((DOCUMENTS / "documents.yaml").read_text(encoding="utf-8"))
    return [name for entry in data["documents"] for name in entry["versions"]]


if __name__ == "__main__":
    raise SystemExit(main())
