"""How much of a shared file the desktop is willing to read, and the checks made before reading.

A file comes from a colleague's desktop, or from whoever broke into it: a 200 KB
.docx can inflate to gigabytes, a PDF can declare a billion pages, an XML part
can define entities that expand exponentially. The cheap checks here run before
any parser sees the file (sizes from the zip directory, inflate ratios, XML
declarations Word never writes); the time and memory a parser may take are
enforced around it by :mod:`kshare.client.index.worker`.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
_CHUNK = MB
# Word, LibreOffice and Google Docs never write a DTD into a .docx; one that declares
# entities is built to make a parser expand them (billion laughs) or fetch them (XXE)
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_XML_PARTS = (".xml", ".rels", ".vml")


@dataclass(frozen=True)
class Limits:
    """What one file may cost to index; past any of these it is "too large to index"."""

    file_bytes: int = 100 * MB  # the file as shared
    unpacked_bytes: int = 250 * MB  # everything inside a .docx, once inflated
    inflate_ratio: int = 200  # unpacked / packed size of one large part of a .docx
    zip_parts: int = 10_000
    pdf_pages: int = 2_000
    seconds: float = 60.0  # reading one file, parsing included
    memory_bytes: int = 1024 * MB  # what the reading process may allocate beyond its start


DEFAULT_LIMITS = Limits()


class TooLarge(Exception):
    """The file would cost more than :class:`Limits` allows; ``limit`` names which."""

    def __init__(self, limit: str, detail: str) -> None:
        super().__init__(detail)
        self.limit = limit
        self.detail = detail


class Damaged(Exception):
    """The file is not what its format says (malformed, or built to attack a reader)."""


def check_file_size(path: Path, limits: Limits) -> None:
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise TooLarge(
            "file size", f"it is {_megabytes(size)}, more than {_megabytes(limits.file_bytes)}"
        )


def check_docx_package(path: Path, limits: Limits) -> None:
    """Refuse a .docx whose parts would inflate too far, before any of them is parsed.

    The sizes in the zip directory are the sender's claim; Python's zip reader stops
    each part at its declared size, so checking the claims bounds what parsing will
    inflate. The XML parts are also streamed once, in bounded chunks, to find DTDs.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError) as exc:
        raise Damaged(f"not a zip package: {exc}") from exc
    with archive:
        parts = archive.infolist()
        if len(parts) > limits.zip_parts:
            raise TooLarge("parts", f"it holds {len(parts)} parts")
        unpacked = sum(part.file_size for part in parts)
        if unpacked > limits.unpacked_bytes:
            raise TooLarge(
                "unpacked size",
                f"it unpacks to {_megabytes(unpacked)}, more than "
                f"{_megabytes(limits.unpacked_bytes)}",
            )
        for part in parts:
            packed = max(part.compress_size, 1)
            if part.file_size > MB and part.file_size > packed * limits.inflate_ratio:
                raise TooLarge(
                    "inflate ratio",
                    f"its part {part.filename} inflates {part.file_size // packed} times",
                )
        for part in parts:
            if part.filename.lower().endswith(_XML_PARTS):
                _refuse_declarations(archive, part)


def _refuse_declarations(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    tail = b""
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                window = tail + chunk
                if any(mark in window for mark in _DECLARATIONS):
                    raise Damaged(f"{part.filename} declares XML entities")
                tail = chunk[-16:]
    except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:  # bad CRC, cut short
        raise Damaged(f"{part.filename}: {exc}") from exc


def check_pdf_pages(declared: object, limits: Limits) -> None:
    """A page tree that claims more pages than we read is refused rather than walked."""
    try:
        pages = int(declared)  # type: ignore[call-overload]
    except (TypeError, ValueError) as exc:
        raise Damaged(f"page count {declared!r} is not a number") from exc
    if pages > limits.pdf_pages:
        raise TooLarge("pages", f"it has {pages} pages, more than {limits.pdf_pages}")


def _megabytes(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{size / 1024:.0f} KB"
