"""File contents: upload (hash-verified, size-limited) and ranged download for visible items."""

from __future__ import annotations

import logging
import re
import tempfile
from typing import Annotated

import anyio
from fastapi import APIRouter, Path, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.exc import IntegrityError

from kshare.protocol import routes as paths
from kshare.protocol.schemas import BlobRef
from kshare.server import blobstore as blob_errors
from kshare.server.errors import ApiError, not_found
from kshare.server.routes.account import ERRORS
from kshare.server.routes.deps import CallerDep, Services, ServicesDep
from kshare.server.tables import BlobUpload
from kshare.server.writes import uses_blob

log = logging.getLogger(__name__)

router = APIRouter(responses={**ERRORS, 416: ERRORS[413]})
Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
SPOOL = 8 * 1024 * 1024


def _store(svc: Services):  # type: ignore[no-untyped-def]
    if svc.blobs is None:
        raise ApiError(404, "not_found", "This server stores no files.")
    return svc.blobs


@router.put(f"{paths.BLOBS}/{{sha256}}", response_model=BlobRef)
async def upload_blob(
    sha256: Sha, request: Request, caller: CallerDep, svc: ServicesDep
) -> BlobRef:
    """Store the request body under its SHA-256; the name must match the content."""
    store = _store(svc)
    limit = svc.settings.max_blob_bytes
    with tempfile.SpooledTemporaryFile(max_size=SPOOL) as spool:
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise ApiError(413, "too_large", f"Files may be at most {limit} bytes.")
            spool.write(chunk)
        spool.seek(0)
        try:
            stored = await anyio.to_thread.run_sync(store.put, spool, sha256, limit)
        except blob_errors.BlobHashMismatch as exc:
            raise ApiError(422, "hash_mismatch", "The file does not match its SHA-256.") from exc
        except blob_errors.BlobTooLarge as exc:
            raise ApiError(413, "too_large", f"Files may be at most {limit} bytes.") from exc
        except blob_errors.BlobStoreFull as exc:
            raise ApiError(507, "storage_full", "The server has no room for this file.") from exc
    # Whoever sent the bytes holds the file and may attach it; recorded after the
    # content matched its name, so a hash alone never makes anyone an uploader.
    await anyio.to_thread.run_sync(_record_upload, svc, stored.sha256, caller.id)
    log.info("blob %s stored (%s bytes) by %s", sha256, stored.size, caller.id)
    mime = request.headers.get("content-type", "application/octet-stream")[:200]
    return BlobRef(sha256=stored.sha256, size=stored.size, mime=mime)


def _record_upload(svc: Services, sha256: str, person_id: str) -> None:
    try:
        with svc.db.write() as session:
            if session.get(BlobUpload, (sha256, person_id)) is None:
                session.add(BlobUpload(sha256=sha256, person_id=person_id))
    except IntegrityError:
        pass  # the same person sent the same file twice at once: one record is enough


def _parse_range(header: str | None, size: int) -> tuple[int, int | None] | None:
    if not header:
        return None
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        raise ApiError(
            416,
            "range_not_satisfiable",
            "Only one byte range is supported.",
            headers={"Content-Range": f"bytes */{size}"},
        )
    first, last = match.groups()
    if first == "":  # a suffix range: the last N bytes
        length = int(last)
        if length == 0:
            raise ApiError(
                416,
                "range_not_satisfiable",
                "Empty range.",
                headers={"Content-Range": f"bytes */{size}"},
            )
        return max(0, size - length), None
    return int(first), int(last) if last else None


@router.get(
    f"{paths.BLOBS}/{{sha256}}",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, 206: {"description": "part"}},
)
def download_blob(
    sha256: Sha, request: Request, caller: CallerDep, svc: ServicesDep
) -> StreamingResponse:
    """The file's bytes, only if an item the caller may see uses it (now or as an earlier
    version); honours one Range."""
    store = _store(svc)
    with svc.db.read() as session:
        used = uses_blob(session, caller.viewer, sha256, caller.now)
    if not used or not store.exists(sha256):
        raise not_found("file")
    size = store.size(sha256)
    wanted = _parse_range(request.headers.get("range"), size)
    start, end = wanted if wanted else (0, None)
    try:
        chunks = store.open_range(sha256, start, end)
    except blob_errors.InvalidRange as exc:
        raise ApiError(
            416,
            "range_not_satisfiable",
            "The range is outside the file.",
            headers={"Content-Range": f"bytes */{size}"},
        ) from exc
    except blob_errors.BlobNotFound as exc:
        raise not_found("file") from exc
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{sha256}"'}
    if wanted is None:
        headers["Content-Length"] = str(size)
        return StreamingResponse(chunks, media_type="application/octet-stream", headers=headers)
    last = size - 1 if end is None else min(end, size - 1)
    headers["Content-Range"] = f"bytes {start}-{last}/{size}"
    headers["Content-Length"] = str(last - start + 1)
    return StreamingResponse(
        chunks, status_code=206, media_type="application/octet-stream", headers=headers
    )
