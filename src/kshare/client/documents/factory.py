"""Builds the documents service from a profile's parts (kept out of the façade)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kshare.client.documents.service import Documents
from kshare.client.index.extract import ExtractResult
from kshare.client.sync.blobs import BlobStore


def _read_text(path: Path, mime: str, filename: str) -> ExtractResult:
    # The indexer's reader: a separate process, killed past its time and memory limits.
    from kshare.client.index.worker import shared_extractor

    return shared_extractor().extract(path, mime, filename)


def documents_of(workspace: Any) -> Documents:
    """The documents service of one open profile (``kshare.client.services.Workspace``)."""
    cached = getattr(workspace, "_documents_service", None)
    if isinstance(cached, Documents):
        return cached

    def online() -> BlobStore:
        blobs = workspace.syncing.engine().blobs
        assert blobs is not None
        return blobs  # type: ignore[no-any-return]

    service = Documents(
        workspace.reader,
        BlobStore(workspace.paths.blobs_dir, None),
        online,
        _read_text,
        allow_downloads=lambda: workspace.require_feature(
            "downloads_enabled", "Downloading shared documents"
        ),
    )
    workspace._documents_service = service
    return service
