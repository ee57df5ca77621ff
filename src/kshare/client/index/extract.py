"""Plain text out of the files people share: PDF, DOCX, Markdown, HTML and plain text.

A file that cannot be read (corrupt, encrypted, an unknown format, too large
for the :class:`~kshare.client.index.limits.Limits`) gives an
:class:`ExtractResult` with a status and a sentence saying why; it never raises,
so one bad attachment can never fail a sync or a rebuild of the index. The
index reads files through :mod:`kshare.client.index.worker`, which runs this in
a separate process bounded in time and memory.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .limits import (
    DEFAULT_LIMITS,
    Damaged,
    Limits,
    TooLarge,
    check_docx_package,
    check_file_size,
    check_pdf_pages,
)

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 500_000  # per item, as Zotero does: enough for any real document
MAX_PDF_PAGES = DEFAULT_LIMITS.pdf_pages

OK = "ok"
EMPTY = "empty"  # readable, but holds no text (a scan, an empty file)
ENCRYPTED = "encrypted"
CORRUPT = "corrupt"
UNSUPPORTED = "unsupported"
MISSING = "missing"  # the blob has not been downloaded (yet)
TOO_LARGE = "too_large"  # past a limit of size, pages, time or memory: never tried again

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, and password-protected .docx


@dataclass(frozen=True)
class ExtractResult:
    text: str
    status: str
    message: str = ""
    limit: str = ""  # for TOO_LARGE: which limit stopped reading ("time", "memory", ...)


def too_large(name: str, limit: str, detail: str) -> ExtractResult:
    return ExtractResult("", TOO_LARGE, f"{name}: too large to index ({detail}).", limit)


def damaged(name: str) -> ExtractResult:
    return ExtractResult("", CORRUPT, f"{name}: the file is damaged and cannot be read.")


def file_format(mime: str, filename: str) -> str | None:
    """``pdf``, ``docx``, ``markdown``, ``html``, ``text`` or None, from MIME type or name."""
    mime = (mime or "").split(";")[0].strip().lower()
    suffix = Path(filename or "").suffix.lower()
    if mime == "application/pdf" or suffix == ".pdf":
        return "pdf"
    if mime == DOCX_MIME or suffix == ".docx":
        return "docx"
    if mime in ("text/markdown", "text/x-markdown") or suffix in (".md", ".markdown"):
        return "markdown"
    if mime in ("text/html", "application/xhtml+xml") or suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if mime.startswith("text/") or suffix in (".txt", ".text", ".csv", ".log", ".rst"):
        return "text"
    return None


def extract_text(
    path: Path, mime: str = "", filename: str = "", limits: Limits = DEFAULT_LIMITS
) -> ExtractResult:
    """The text of the file at ``path`` (capped at :data:`MAX_TEXT_CHARS`) and how reading went.

    This checks sizes before parsing but cannot stop a parser that runs away:
    untrusted files go through :class:`kshare.client.index.worker.Extractor`.
    """
    name = filename or path.name
    if not path.is_file():
        return ExtractResult("", MISSING, f"{name}: the file has not been downloaded.")
    kind = file_format(mime, name)
    if kind is None:
        return ExtractResult("", UNSUPPORTED, f"{name}: this file type is not searchable.")
    try:
        check_file_size(path, limits)
        if kind == "pdf":
            result = _pdf(path, name, limits)
        elif kind == "docx":
            result = _docx(path, name, limits)
        else:
            raw = _read_text(path)
            if kind == "markdown":
                raw = markdown_to_text(raw)
            elif kind == "html":
                raw = html_to_text(raw)
            result = _finish(raw, name)
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        return ExtractResult("", CORRUPT, f"{name}: the file cannot be read ({exc.strerror}).")
    except TooLarge as exc:
        log.info("not indexing %s: %s", name, exc.detail)
        return too_large(name, exc.limit, exc.detail)
    except MemoryError:
        return too_large(name, "memory", "reading it needs too much memory")
    except Damaged as exc:
        log.info("damaged %s: %s", name, exc)
        return damaged(name)
    except Exception as exc:
        # parsers of untrusted files fail in many ways; one file must not stop indexing
        log.warning("cannot extract text from %s (%s): %r", name, kind, exc)
        return damaged(name)
    return result


def _finish(text: str, name: str) -> ExtractResult:
    text = text[:MAX_TEXT_CHARS]
    if not text.strip():
        return ExtractResult("", EMPTY, f"{name}: no text found (a scan or an empty file?).")
    return ExtractResult(text, OK, "")


def _read_text(path: Path) -> str:
    with path.open("rb") as handle:  # only what can be indexed, however long the file
        data = handle.read(MAX_TEXT_CHARS * 4)  # 4 bytes per character at most in UTF-8
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows-made text files are often cp1252; latin-1 accepts any byte as a last resort
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


# pypdf's own caps: streams that inflate too far, page trees too deep or too wide
_PDF_LIMIT = "it holds more than a PDF reader may unpack"


def _pdf(path: Path, name: str, limits: Limits) -> ExtractResult:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

    try:
        reader = PdfReader(path)
    except LimitReachedError as exc:  # pypdf's own caps on inflating streams
        raise TooLarge("structure", _PDF_LIMIT) from exc
    except PdfReadError as exc:
        log.info("unreadable PDF %s: %s", name, exc)
        return ExtractResult("", CORRUPT, f"{name}: the PDF is damaged and cannot be read.")
    if reader.is_encrypted:
        try:
            # Many "protected" PDFs only restrict printing and open with an empty password
            opened = reader.decrypt("")
        except (DependencyError, NotImplementedError, FileNotDecryptedError) as exc:
            log.info("cannot decrypt %s: %s", name, exc)
            opened = PasswordType.NOT_DECRYPTED
        if not opened:
            message = f"{name}: the PDF is password-protected, so its text is not searchable."
            return ExtractResult("", ENCRYPTED, message)
    try:
        catalog: Any = reader.trailer["/Root"]
        check_pdf_pages(catalog["/Pages"].get("/Count", 0), limits)
        parts: list[str] = []
        size = 0
        for number, page in enumerate(reader.pages):
            if number >= limits.pdf_pages or size >= MAX_TEXT_CHARS:
                break
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
    except LimitReachedError as exc:
        raise TooLarge("structure", _PDF_LIMIT) from exc
    return _finish("\n".join(parts), name)


def _docx(path: Path, name: str, limits: Limits) -> ExtractResult:
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic == _OLE_MAGIC:
        return ExtractResult(
            "", ENCRYPTED, f"{name}: the document is password-protected or in the old .doc format."
        )
    if not zipfile.is_zipfile(path):
        return ExtractResult("", CORRUPT, f"{name}: the document is damaged and cannot be read.")
    check_docx_package(path, limits)
    import docx

    document = docx.Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            # merged cells repeat the same cell object; keep each once
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    parts.append(cell.text)
    return _finish("\n".join(parts), name)


class _TextOfHtml(HTMLParser):
    _SKIP = frozenset({"script", "style", "template", "noscript", "head"})
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page: no markup, no scripts or styles."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def markdown_to_text(source: str) -> str:
    """Readable text of Markdown: what a reader sees once it is rendered."""
    from markdown_it import MarkdownIt

    return html_to_text(MarkdownIt("commonmark").render(source))


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_TAG = re.compile(r"<[^>]{0,500}>")
_MD_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# list and heading markers at a line start (or after a space); emphasis and code marks;
# underscores only at a word's edge, so snake_case survives. Three patterns rather than
# one alternation: each runs only when its characters occur, and Python's regex engine
# tries every alternative at every position
_MD_MARKERS = re.compile(r"(^|\s)(#{1,6}|>|[*+-]|\d+\.)\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"[*`~]{1,3}")
_MD_UNDERSCORES = re.compile(r"(?<!\w)_{1,3}|_{1,3}(?!\w)")


def strip_markdown(source: str) -> str:
    """Markdown as plain text, roughly and fast: for snippets of many results at once."""
    # each pattern scans every position: it runs only where it can match
    markup = "<" in source
    text = _MD_SCRIPT.sub(" ", source) if markup else source
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if markup:
        text = _MD_TAG.sub(" ", text)
    text = _MD_MARKERS.sub(r"\1", text)
    if "*" in text or "`" in text or "~" in text:
        text = _MD_EMPHASIS.sub("", text)
    if "_" in text:
        text = _MD_UNDERSCORES.sub("", text)
    return text
