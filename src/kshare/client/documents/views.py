"""Plain values about documents that the UI and the command line receive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kshare.client.phrases import Phrase


@dataclass(frozen=True)
class FileVersionView:
    """One version of a document's file, as the version history lists it."""

    number: int
    filename: str
    size: int
    mime: str
    uploader_id: str
    uploader_name: str
    created_at: datetime | None
    sha256: str
    current: bool
    downloaded: bool  # its bytes are on this computer


@dataclass(frozen=True)
class DocumentView:
    """A document's file and its history; ``versions`` newest first."""

    item_id: str
    filename: str
    versions: tuple[FileVersionView, ...]
    downloaded: bool  # the current version is on this computer

    @property
    def current(self) -> FileVersionView | None:
        return next((v for v in self.versions if v.current), None)


@dataclass(frozen=True)
class PageImage:
    """One rendered PDF page: RGBX pixels, ``stride`` bytes per row."""

    number: int  # from 1
    width: int
    height: int
    stride: int
    pixels: bytes


@dataclass(frozen=True)
class DocumentPreview:
    """What the preview pane shows: pages of a PDF, or text, or why there is neither."""

    filename: str
    kind: str  # "pdf", "text", "none"
    pages: tuple[PageImage, ...] = ()
    page_count: int = 0
    text: str = ""
    message: str = ""  # "Showing 5 of 40 pages", "This file type has no preview", ...
    message_phrase: Phrase | None = None  # ``message`` for translation
