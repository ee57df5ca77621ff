"""Text extracted from document blobs, kept beside the index so a rebuild need not re-read PDFs.

It is derived data under the index folder: one file per document item, named
by a hash of the item id, dropped when the item is purged. Each file starts
with a one-line JSON header (the blob's SHA-256, the status, the message), so a
new version of the document is noticed and extracted again. Every outcome but
"missing" is kept, a file "too large to index" or "damaged" included: it is
not read again until its content changes.

Files are read by a worker process (:mod:`kshare.client.index.worker`) bounded
in time and memory, since they come from other desktops.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import RowMapping

from kshare.client.filenames import display_name

from .source import DocumentText

if TYPE_CHECKING:
    from .worker import Extractor

# the status of a document whose blob has not been downloaded (``extract.MISSING``): the
# extractor and its worker load at the first document read, not with the index (an expert
# query reads none)
MISSING = "missing"

log = logging.getLogger(__name__)


def blob_path(blobs_dir: Path, sha256: str) -> Path:
    """Where the sync engine keeps a downloaded blob (its blob store decides the layout)."""
    from kshare.client.sync.blobs import BlobStore

    return BlobStore(blobs_dir, None).path(sha256)


class ExtractedTexts:
    def __init__(self, folder: Path, blobs_dir: Path, extractor: Extractor | None = None) -> None:
        self.folder = folder
        self.blobs_dir = blobs_dir
        self._extractor = extractor

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            from .worker import shared_extractor

            self._extractor = shared_extractor()  # one worker for every index in the process
        return self._extractor

    def _file(self, item_id: str) -> Path:
        digest = hashlib.sha256(item_id.encode()).hexdigest()
        return self.folder / digest[:2] / f"{digest}.txt"

    def text_of(self, row: RowMapping) -> DocumentText:
        """The text of a document item's blob: from the sidecar if current, else extracted now."""
        attachment: dict[str, Any] = row["attachment"] or {}
        sha = str(attachment.get("sha256") or "")
        # the sender's name, cleaned: it ends up in messages shown in the reading pane
        filename = display_name(str(attachment.get("filename") or ""))
        if not sha:
            return DocumentText("", MISSING, f"{filename or row['id']}: no file attached.")
        saved = self._read(str(row["id"]), sha)
        if saved is not None:
            return saved
        result = self.extractor.extract(
            blob_path(self.blobs_dir, sha), str(attachment.get("mime") or ""), filename
        )
        document = DocumentText(result.text, result.status, result.message)
        if result.status != MISSING:  # a missing blob is retried once it has been downloaded
            self._write(str(row["id"]), sha, document)
        return document

    def status_of(self, item_id: str) -> DocumentText | None:
        """The extraction status of a document item, text left out; None if never extracted."""
        path = self._file(item_id)
        try:
            with path.open(encoding="utf-8") as handle:
                header = json.loads(handle.readline())
        except (OSError, ValueError):
            return None
        return DocumentText("", str(header.get("status", "")), str(header.get("message", "")))

    def _read(self, item_id: str, sha: str) -> DocumentText | None:
        path = self._file(item_id)
        try:
            with path.open(encoding="utf-8") as handle:
                header = json.loads(handle.readline())
                if header.get("sha256") != sha:
                    return None
                return DocumentText(handle.read(), str(header["status"]), str(header["message"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as exc:
            log.warning("ignoring unreadable extracted text %s: %s", path, exc)
            return None

    def _write(self, item_id: str, sha: str, document: DocumentText) -> None:
        path = self._file(item_id)
        header = {"sha256": sha, "status": document.status, "message": document.message}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            partial.write_text(json.dumps(header) + "\n" + document.text, encoding="utf-8")
            os.replace(partial, path)
        except OSError as exc:  # only a cache: the next rebuild extracts again
            log.warning("cannot keep extracted text for %s: %s", item_id, exc)

    def forget(self, item_id: str) -> None:
        """Drop an item's extracted text (a purge: nothing of it may stay on disk)."""
        with contextlib.suppress(FileNotFoundError):
            self._file(item_id).unlink()
