"""A document's file versions, downloads of any version, previews and "Save as…".

Everything reads the desktop cache: the versions arrive with the document at sync
(``ItemOut.file_versions``), so the history shows offline. Bytes are fetched on demand
from the server, which hands out a version only to those who may see the document;
offline, a version not yet downloaded says so instead of failing vaguely.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from kshare.client.documents.preview import TextReader, preview_file
from kshare.client.documents.views import DocumentPreview, DocumentView, FileVersionView
from kshare.client.errors import UserFacingError, say
from kshare.client.filenames import safe_filename
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.store.repository import ITEMS, PEOPLE
from kshare.client.sync.blobs import BlobStore
from kshare.client.sync.errors import Offline, SyncError
from kshare.protocol.schemas import BlobRef, FileVersion

log = logging.getLogger(__name__)


THIS_FILE = QT_TRANSLATE_NOOP("Errors", "This file")
THE_FILE = QT_TRANSLATE_NOOP("Errors", "the file")


class NotDownloaded(UserFacingError):
    """The file is not on this computer and the server cannot be reached to fetch it."""


class Documents:
    """Versions, downloads and previews of the documents in the cache."""

    def __init__(
        self,
        reader: Engine,
        local_blobs: BlobStore,
        online_blobs: Callable[[], BlobStore],
        read_text: TextReader,
        *,
        allow_downloads: Callable[[], None] = lambda: None,
    ) -> None:
        """``local_blobs`` answers what is on disk (no network); ``online_blobs`` builds
        the store that may download (it raises when signed out); ``allow_downloads`` raises
        when the organisation turned downloads off."""
        self._reader = reader
        self._local = local_blobs
        self._online = online_blobs
        self._read_text = read_text
        self._allow_downloads = allow_downloads

    # --- reading the cache ------------------------------------------------------------

    def document(self, item_id: str) -> DocumentView | None:
        """The document's file and every version of it, newest first; None if it has none."""
        with self._reader.connect() as conn:
            row = conn.execute(
                select(ITEMS.c.attachment, ITEMS.c.file_versions, ITEMS.c.author_id).where(
                    ITEMS.c.id == item_id
                )
            ).one_or_none()
            if row is None or not row.attachment:
                return None
            current = BlobRef.model_validate(row.attachment)
            versions = _versions(row.file_versions, current, row.author_id)
            ids = {v.uploader_id for v in versions}
            names: dict[str, str] = dict(
                conn.execute(
                    select(PEOPLE.c.id, PEOPLE.c.display_name).where(PEOPLE.c.id.in_(ids))
                ).all()
            )
        views = tuple(
            FileVersionView(
                number=v.number,
                filename=safe_filename(v.filename, v.mime),
                size=v.size,
                mime=v.mime,
                uploader_id=v.uploader_id,
                uploader_name=names.get(v.uploader_id, "someone"),
                created_at=None if v.created_at == datetime.min else v.created_at,
                sha256=v.sha256,
                current=v is versions[-1],
                downloaded=self._local.has(v.sha256),
            )
            for v in reversed(versions)
        )
        return DocumentView(
            item_id=item_id,
            filename=safe_filename(current.filename, current.mime),
            versions=views,
            downloaded=self._local.has(current.sha256),
        )

    # --- the bytes ---------------------------------------------------------------------

    def version_path(self, item_id: str, number: int | None = None) -> Path:
        """A read-only copy of a version (the current one when ``number`` is None) under
        its own name, downloaded first when needed."""
        ref = self._ref(item_id, number)
        if self._local.has(ref.sha256):
            return self._local.named_copy(ref)
        self._allow_downloads()
        try:
            return self._online().named_copy(ref)
        except Offline as exc:
            raise NotDownloaded(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{name} is not downloaded yet, and the server cannot be reached. "
                    "It can be opened once you are online.",
                ),
                name=ref.filename or say(THIS_FILE),
            ) from exc
        except SyncError as exc:
            raise UserFacingError(
                QT_TRANSLATE_NOOP("Errors", "Cannot download {name}: {cause}"),
                name=ref.filename or say(THE_FILE),
                cause=exc.phrase,
            ) from exc

    def save_as(self, item_id: str, target: Path, number: int | None = None) -> Path:
        """Save a copy of a version at ``target`` (writable, unlike the copy for opening)."""
        source = self.version_path(item_id, number)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        except OSError as exc:
            raise UserFacingError(
                QT_TRANSLATE_NOOP("Errors", "Cannot save {name}: {cause}"),
                name=target.name,
                cause=exc.strerror or exc,
            ) from exc
        return target

    def preview(self, item_id: str, number: int | None = None) -> DocumentPreview:
        """The preview of a version: PDF pages or text; downloads it first when allowed."""
        ref = self._ref(item_id, number)
        path = self.version_path(item_id, number)
        return preview_file(path, ref.mime, safe_filename(ref.filename, ref.mime), self._read_text)

    def _ref(self, item_id: str, number: int | None) -> BlobRef:
        view = self.document(item_id)
        if view is None:
            raise UserFacingError(
                QT_TRANSLATE_NOOP("Errors", "This document is no longer available to you.")
            )
        wanted = (
            view.current
            if number is None
            else next((v for v in view.versions if v.number == number), None)
        )
        if wanted is None:
            raise UserFacingError(
                QT_TRANSLATE_NOOP("Errors", "Version {number} of {name} is not known here."),
                number=number,
                name=view.filename,
            )
        return BlobRef(
            sha256=wanted.sha256, size=wanted.size, mime=wanted.mime, filename=wanted.filename
        )


def _versions(raw: Any, current: BlobRef, author_id: str) -> list[FileVersion]:
    """The synced versions, oldest first; the current file alone when none synced yet."""
    versions: list[FileVersion] = []
    for entry in raw or []:
        try:
            versions.append(FileVersion.model_validate(entry))
        except ValueError:
            log.warning("skipping an unreadable file version")
    versions.sort(key=lambda v: v.number)
    if not versions or versions[-1].sha256 != current.sha256:
        # Written here and not sent yet, or synced before versions were kept.
        number = versions[-1].number + 1 if versions else 1
        versions.append(
            FileVersion(
                number=number,
                sha256=current.sha256,
                size=current.size,
                mime=current.mime,
                filename=current.filename,
                uploader_id=author_id,
                created_at=datetime.min,
            )
        )
    return versions
