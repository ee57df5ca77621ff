"""Blobs as files under one folder, fanned out as ``ab/cd/abcd…`` to keep folders small."""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from kshare.clock import SYSTEM, Clock
from kshare.server.blobstore.base import (
    BlobHashMismatch,
    BlobInfo,
    BlobNotFound,
    BlobStore,
    BlobStoreError,
    BlobStoreFull,
    BlobTooLarge,
    is_sha256,
    resolve_range,
    validate_max_bytes,
    validate_sha256,
)

logger = logging.getLogger(__name__)

# Uploads are written here first. Their hash, and so their final folder, is only
# known after the last byte; this folder is inside the root, hence on the same
# file system, so the final os.replace stays atomic. Keeping them apart also
# means a crash leaves its debris in one place, never next to real blobs.
INCOMING = ".incoming"
_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
_HEX = frozenset("0123456789abcdef")


class FilesystemBlobStore(BlobStore):
    """Blobs stored as read-only-by-convention files under ``root``.

    Several server processes may share one root: each upload gets its own
    temporary file and concurrent uploads of the same blob end in the same
    bytes under the same name.
    """

    def __init__(
        self, root: Path | str, *, chunk_size: int = 1024 * 1024, clock: Clock = SYSTEM
    ) -> None:
        if chunk_size <= 0:
            raise ValueError("chunk_size must be positive")
        self.root = Path(root)
        self._incoming = self.root / INCOMING
        self._chunk_size = chunk_size
        self._clock = clock  # file times are wall-clock times: ages are measured against it
        self._incoming.mkdir(parents=True, exist_ok=True)

    def __repr__(self) -> str:
        return f"FilesystemBlobStore({str(self.root)!r})"

    def path_of(self, sha256: str) -> Path:
        """Where the blob lives (or would live); the name is validated first."""
        sha = validate_sha256(sha256)
        return self.root / sha[:2] / sha[2:4] / sha

    # --- writing ---------------------------------------------------------------------

    def put(self, stream: BinaryIO, expected_sha256: str | None, max_bytes: int) -> BlobInfo:
        expected = None if expected_sha256 is None else validate_sha256(expected_sha256)
        validate_max_bytes(max_bytes)
        try:
            info = self._put(stream, expected, max_bytes)
        except OSError as exc:
            if exc.errno in _NO_SPACE:
                logger.error("blob store %s is out of space: %s", self.root, exc)
                raise BlobStoreFull(
                    f"no space left to store the file under {self.root}: "
                    "free some disk space or raise the quota, then upload again"
                ) from exc
            raise
        logger.debug("stored blob %s (%d bytes)", info.sha256, info.size)
        return info

    def _put(self, stream: BinaryIO, expected: str | None, max_bytes: int) -> BlobInfo:
        fd, tmp_name = tempfile.mkstemp(dir=self._incoming, prefix="put-", suffix=".part")
        tmp = Path(tmp_name)
        try:
            try:
                info = self._receive(fd, stream, max_bytes)
                # Data must be on disk before the rename makes it visible, or a
                # crash could leave a complete-looking name over missing bytes.
                os.fsync(fd)
            finally:
                os.close(fd)
            if expected is not None and info.sha256 != expected:
                raise BlobHashMismatch(expected, info.sha256)
            self._publish(tmp, info.sha256)
        except BaseException:
            # Any failure, including KeyboardInterrupt, must not leave the
            # partial upload behind; the error itself is re-raised unchanged.
            _remove_quietly(tmp)
            raise
        return info

    def _receive(self, fd: int, stream: BinaryIO, max_bytes: int) -> BlobInfo:
        hasher = hashlib.sha256()
        size = 0
        while True:
            # Never ask for more than one byte past the limit, so an oversized
            # upload is refused without reading or writing much beyond it.
            chunk = stream.read(min(self._chunk_size, max_bytes - size + 1))
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise BlobTooLarge(max_bytes)
            hasher.update(chunk)
            _write_all(fd, chunk)
        return BlobInfo(hasher.hexdigest(), size)

    def _publish(self, tmp: Path, sha: str) -> None:
        final = self.path_of(sha)
        self._ensure_dir(final.parent.parent)
        self._ensure_dir(final.parent)
        if final.exists():
            # Already stored (the bytes are the same by definition): keep the
            # existing file untouched rather than rewriting it under readers.
            _remove_quietly(tmp)
            return
        try:
            os.replace(tmp, final)
        except PermissionError:
            # Windows refuses to replace a file another thread has open; if a
            # concurrent upload of the same blob won the race, that is success.
            if not final.exists():
                raise
            _remove_quietly(tmp)
            return
        _fsync_dir(final.parent)

    def _ensure_dir(self, path: Path) -> None:
        try:
            path.mkdir()
        except FileExistsError:
            return
        # A new folder's own name must be durable too, or a crash could lose
        # the blobs inside it even though each of them was synced.
        _fsync_dir(path.parent)

    # --- reading ---------------------------------------------------------------------

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def size(self, sha256: str) -> int:
        path = self.path_of(sha256)
        try:
            return path.stat().st_size
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None

    def open_range(self, sha256: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        path = self.path_of(sha256)
        first, stop = resolve_range(self.size(sha256), start, end)
        return self._read(path, sha256, first, stop)

    def _read(self, path: Path, sha: str, start: int, stop: int) -> Iterator[bytes]:
        try:
            f = path.open("rb")
        except FileNotFoundError:
            # Deleted between open_range() and the first read.
            raise BlobNotFound(sha) from None
        with f:
            f.seek(start)
            remaining = stop - start
            while remaining > 0:
                chunk = f.read(min(self._chunk_size, remaining))
                if not chunk:
                    logger.error("blob %s is shorter than its recorded size", sha)
                    raise BlobStoreError(f"blob {sha} ended before byte {stop}")
                remaining -= len(chunk)
                yield chunk

    # --- housekeeping ----------------------------------------------------------------

    def delete(self, sha256: str) -> None:
        # Empty fan-out folders are kept: removing them would race with an
        # upload that is about to rename a file into them.
        self.path_of(sha256).unlink(missing_ok=True)

    def iter_all(self) -> Iterator[BlobInfo]:
        for first in _subdirs(self.root):
            for second in _subdirs(first):
                with os.scandir(second) as entries:
                    for entry in entries:
                        name = entry.name
                        # Anything else in the tree (editor backups, stray
                        # files) is not a blob and must not be reported as one.
                        if not is_sha256(name) or name[:4] != first.name + second.name:
                            continue
                        try:
                            if entry.is_file(follow_symlinks=False):
                                yield BlobInfo(name, entry.stat(follow_symlinks=False).st_size)
                        except FileNotFoundError:
                            continue  # deleted while we were listing

    def remove_stale_uploads(self, older_than: timedelta) -> int:
        cutoff = self._clock.now().timestamp() - older_than.total_seconds()
        removed = 0
        with os.scandir(self._incoming) as entries:
            for entry in entries:
                try:
                    if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                        os.unlink(entry.path)
                        removed += 1
                except FileNotFoundError:
                    continue  # another worker cleaned it up first
        if removed:
            logger.info("removed %d unfinished uploads from %s", removed, self._incoming)
        return removed


def _subdirs(path: Path) -> Iterator[Path]:
    """Fan-out folders: exactly two lowercase hex characters."""
    with os.scandir(path) as entries:
        names = [
            e.name
            for e in entries
            if len(e.name) == 2 and _HEX.issuperset(e.name) and e.is_dir(follow_symlinks=False)
        ]
    for name in names:
        yield path / name


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(path: Path) -> None:
    # Windows cannot open a folder as a file; NTFS journals renames itself.
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        # Cleanup must not hide the error that caused it; the leftover is in
        # the incoming folder, where remove_stale_uploads() will find it.
        logger.warning("could not remove unfinished upload %s: %s", path, exc)
