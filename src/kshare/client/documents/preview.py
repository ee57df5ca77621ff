"""Previews of shared files, within bounds: the first pages of a PDF, the text of the rest.

A shared file comes from a colleague's desktop, or from whoever broke into it. PDF pages
are rendered with PDFium only after the file's size and page count passed their limits,
at most :data:`MAX_PAGES` pages and :data:`MAX_PIXELS` pixels each; other formats are read
by the indexer's bounded reader (a separate process it kills past its limits).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from kshare.client.documents.views import DocumentPreview, PageImage
from kshare.client.index.extract import OK, ExtractResult, file_format
from kshare.client.index.limits import DEFAULT_LIMITS, Limits, TooLarge, check_file_size
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase

log = logging.getLogger(__name__)

MAX_PAGES = 8  # rendered for the pane; the rest open in a PDF viewer
MAX_PREVIEW_BYTES = 50 * 1024 * 1024
PAGE_WIDTH = 900  # pixels of a rendered page
MAX_PIXELS = 4_000_000  # per page, whatever its shape
MAX_TEXT_CHARS = 200_000
# PDFium keeps global state: one rendering at a time in this process.
_PDFIUM = threading.Lock()

TextReader = Callable[[Path, str, str], ExtractResult]

CONTEXT = "DocumentPreview"
NO_PREVIEW = QT_TRANSLATE_NOOP("DocumentPreview", "{filename} has no preview here.")
TOO_LARGE = QT_TRANSLATE_NOOP("DocumentPreview", "{filename} is too large to preview.")
TOO_LARGE_SIZE = QT_TRANSLATE_NOOP(
    "DocumentPreview", "{filename} is too large to preview ({size})."
)
NOT_HERE = QT_TRANSLATE_NOOP("DocumentPreview", "{filename} is not on this computer.")
PASSWORD = QT_TRANSLATE_NOOP(
    "DocumentPreview", "{filename} is password-protected: open it in a PDF viewer."
)
DAMAGED = QT_TRANSLATE_NOOP("DocumentPreview", "{filename} is damaged and cannot be shown.")
TOO_MANY_PAGES = QT_TRANSLATE_NOOP("DocumentPreview", "{filename} has too many pages to preview.")
BEGINNING_ONLY = QT_TRANSLATE_NOOP("DocumentPreview", "The preview shows the beginning only.")
SHOWING = QT_TRANSLATE_NOOP("DocumentPreview", "Showing {shown} of {count} pages.")


def _none(filename: str, template: str, /, **values: object) -> DocumentPreview:
    """No preview, and the sentence that says why."""
    note = Phrase.of(CONTEXT, template, filename=filename, **values)
    return DocumentPreview(filename, "none", message=note.text, message_phrase=note)


def preview_file(
    path: Path,
    mime: str,
    filename: str,
    read_text: TextReader,
    *,
    max_pages: int = MAX_PAGES,
    limits: Limits = DEFAULT_LIMITS,
) -> DocumentPreview:
    """The preview of one downloaded file; never raises for a bad file."""
    kind = file_format(mime, filename)
    if kind is None:
        return _none(filename, NO_PREVIEW)
    try:
        size = path.stat().st_size
        check_file_size(path, limits)
    except TooLarge:
        return _none(filename, TOO_LARGE)
    except OSError:
        return _none(filename, NOT_HERE)
    if kind == "pdf":
        if size > MAX_PREVIEW_BYTES:
            return _none(filename, TOO_LARGE_SIZE, size=exc_mb(size))
        return render_pdf(path, filename, max_pages=max_pages, limits=limits)
    result = read_text(path, mime, filename)
    if result.status != OK:
        return DocumentPreview(
            filename, "none", message=result.message, message_phrase=Phrase.verbatim(result.message)
        )
    text = result.text[:MAX_TEXT_CHARS]
    note = None if len(result.text) <= MAX_TEXT_CHARS else Phrase.of(CONTEXT, BEGINNING_ONLY)
    return DocumentPreview(
        filename, "text", text=text, message=note.text if note else "", message_phrase=note
    )


def exc_mb(size: int) -> str:
    return f"{size / 1024**2:.0f} MB"


def render_pdf(
    path: Path, filename: str, *, max_pages: int = MAX_PAGES, limits: Limits = DEFAULT_LIMITS
) -> DocumentPreview:
    """The first ``max_pages`` pages of a PDF as pixels, or a message saying why not."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            text = str(exc).lower()
            return _none(filename, PASSWORD if "password" in text else DAMAGED)
        try:
            count = len(document)
            if count > limits.pdf_pages:
                return _none(filename, TOO_MANY_PAGES)
            pages = []
            for index in range(min(count, max_pages)):
                pages.append(_render_page(document, index))
        except pdfium.PdfiumError as exc:
            log.info("cannot render %s: %s", filename, exc)
            return _none(filename, DAMAGED)
        finally:
            document.close()
    shown = len(pages)
    note = Phrase.of(CONTEXT, SHOWING, shown=shown, count=count) if shown < count else None
    return DocumentPreview(
        filename,
        "pdf",
        pages=tuple(pages),
        page_count=count,
        message=note.text if note else "",
        message_phrase=note,
    )


def _render_page(document: object, index: int) -> PageImage:
    page = document[index]  # type: ignore[index]
    try:
        width, height = page.get_size()
        scale = PAGE_WIDTH / max(width, 1.0)
        if width * height * scale * scale > MAX_PIXELS:  # a very long or odd page
            scale = (MAX_PIXELS / max(width * height, 1.0)) ** 0.5
        bitmap = page.render(scale=scale, prefer_bgrx=True, rev_byteorder=True)
        try:
            return PageImage(
                number=index + 1,
                width=bitmap.width,
                height=bitmap.height,
                stride=bitmap.stride,
                pixels=bytes(bitmap.buffer),
            )
        finally:
            bitmap.close()
    finally:
        page.close()
