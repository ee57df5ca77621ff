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

log = logging.getLogger(__name__)

MAX_PAGES = 8  # rendered for the pane; the rest open in a PDF viewer
MAX_PREVIEW_BYTES = 50 * 1024 * 1024
PAGE_WIDTH = 900  # pixels of a rendered page
MAX_PIXELS = 4_000_000  # per page, whatever its shape
MAX_TEXT_CHARS = 200_000
# PDFium keeps global state: one rendering at a time in this process.
_PDFIUM = threading.Lock()

TextReader = Callable[[Path, str, str], ExtractResult]


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
        return DocumentPreview(filename, "none", message=f"{filename} has no preview here.")
    try:
        size = path.stat().st_size
        check_file_size(path, limits)
    except TooLarge:
        return DocumentPreview(filename, "none", message=f"{filename} is too large to preview.")
    except OSError:
        return DocumentPreview(filename, "none", message=f"{filename} is not on this computer.")
    if kind == "pdf":
        if size > MAX_PREVIEW_BYTES:
            return DocumentPreview(
                filename, "none", message=f"{filename} is too large to preview ({exc_mb(size)})."
            )
        return render_pdf(path, filename, max_pages=max_pages, limits=limits)
    result = read_text(path, mime, filename)
    if result.status != OK:
        return DocumentPreview(filename, "none", message=result.message)
    text = result.text[:MAX_TEXT_CHARS]
    note = "" if len(result.text) <= MAX_TEXT_CHARS else "The preview shows the beginning only."
    return DocumentPreview(filename, "text", text=text, message=note)


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
            if "password" in text:
                message = f"{filename} is password-protected: open it in a PDF viewer."
            else:
                message = f"{filename} is damaged and cannot be shown."
            return DocumentPreview(filename, "none", message=message)
        try:
            count = len(document)
            if count > limits.pdf_pages:
                return DocumentPreview(
                    filename, "none", message=f"{filename} has too many pages to preview."
                )
            pages = []
            for index in range(min(count, max_pages)):
                pages.append(_render_page(document, index))
        except pdfium.PdfiumError as exc:
            log.info("cannot render %s: %s", filename, exc)
            return DocumentPreview(
                filename, "none", message=f"{filename} is damaged and cannot be shown."
            )
        finally:
            document.close()
    shown = len(pages)
    message = f"Showing {shown} of {count} pages." if shown < count else ""
    return DocumentPreview(filename, "pdf", pages=tuple(pages), page_count=count, message=message)


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
