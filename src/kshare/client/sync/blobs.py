"""Downloaded file contents, addressed by SHA-256: resumable, verified, kept within a budget.

A download writes ``<sha>.part`` and resumes it with a Range request; the
file only takes its final name once its hash matches. Least recently used
files are evicted past the budget, never one that an unsent upload needs.
Files no cached item refers to any more are deleted at once: revoked content
must leave the disk.

To open a file with the desktop's application, a read-only copy under its own
name (``open/<sha>/<name>``) is made, so the right program is chosen by its
extension; it goes when its content goes. The name is the sender's, cleaned
by :func:`kshare.client.filenames.safe_filename` (no bidi overrides, no paths).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import stat
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kshare.client.filenames import safe_filename
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import Offline, ServerTrouble, SyncError
from kshare.protocol.schemas import BlobRef

__all__ = ["BlobCorrupt", "BlobStore", "safe_filename"]

log = logging.getLogger(__name__)

CHUNK = 256 * 1024
PARALLEL_DOWNLOADS = 3
OPENED = "open"  # named copies for opening, one folder per content hash


class BlobCorrupt(SyncError):
    pass


class BlobStore:
    def __init__(
        self,
        folder: Path,
        api: ApiClient | None,
        *,
        budget_bytes: int = 2 * 1024**3,
        protected: Callable[[], set[str]] = set,
        on_bytes: Callable[[int], None] | None = None,
    ) -> None:
        self.folder = folder
        self.api = api
        self.budget_bytes = budget_bytes
        self.protected = protected
        self.on_bytes = on_bytes
        self._lock = threading.Lock()

    def path(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def touch(self, sha256: str) -> Path:
        """Mark a file as just used (the LRU order is the files' modification times)."""
        path = self.path(sha256)
        os.utime(path)
        return path

    def add_local(self, data: bytes) -> str:
        """Keep a file the user is about to upload; returns its SHA-256."""
        sha256 = hashlib.sha256(data).hexdigest()
        path = self.path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        return sha256

    def fetch(self, ref: BlobRef) -> Path:
        """Download (or resume) one file and verify it; returns its path."""
        path = self.path(ref.sha256)
        if path.is_file():  # on disk already: no server needed
            return self.touch(ref.sha256)
        if self.api is None:
            raise Offline("not signed in")
        import httpx  # with the first download, not with the app

        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(ref.sha256 + ".part")
        start = part.stat().st_size if part.is_file() else 0
        if start > ref.size:
            part.unlink()
            start = 0
        try:
            with self.api.stream_blob(ref.sha256, start) as response:
                if response.status_code >= 400:
                    response.read()
                    if response.status_code >= 500 or response.status_code == 429:
                        raise ServerTrouble(f"blob download failed (HTTP {response.status_code})")
                    raise self.api._error(response)
                if start and response.status_code != 206:
                    start = 0  # the server ignored the Range: start over
                with part.open("ab" if start else "wb") as out:
                    for chunk in response.iter_bytes(CHUNK):
                        out.write(chunk)
                        if self.on_bytes is not None:
                            self.on_bytes(len(chunk))
        except httpx.TransportError as exc:
            raise Offline(f"blob download broke ({type(exc).__name__}); it resumes later") from exc
        if _sha256_of(part) != ref.sha256:
            part.unlink()
            raise BlobCorrupt(f"the downloaded file {ref.filename or ref.sha256} was damaged")
        part.replace(path)
        self.evict()
        return path

    def named_copy(self, ref: BlobRef) -> Path:
        """A read-only copy of a fetched file under its own name, for opening in an app.

        A copy, not a link: an application that saves in place must not change the
        verified content. Made again when missing or no longer the same size.
        """
        source = self.fetch(ref)
        target = self.folder / OPENED / ref.sha256 / safe_filename(ref.filename, ref.mime)
        with self._lock:
            if target.is_file() and target.stat().st_size == ref.size:
                return target
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(source, tmp)
            os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            if target.exists():
                os.chmod(target, stat.S_IWUSR | stat.S_IRUSR)
            tmp.replace(target)
        return target

    def _drop_named_copies(self, keep: set[str]) -> None:
        opened = self.folder / OPENED
        if not opened.is_dir():
            return
        for folder in opened.iterdir():
            if folder.name not in keep:
                # an app may still hold the file open (Windows): tried again next time
                shutil.rmtree(folder, onerror=_make_writable_and_retry)

    def fetch_many(self, refs: Iterable[BlobRef]) -> list[Exception]:
        """Download several files, about three at a time; returns the failures."""
        wanted = {ref.sha256: ref for ref in refs if not self.has(ref.sha256)}
        errors: list[Exception] = []
        with ThreadPoolExecutor(PARALLEL_DOWNLOADS, thread_name_prefix="kshare-blob") as pool:
            futures = [pool.submit(self.fetch, ref) for ref in wanted.values()]
            for future in futures:
                exc = future.exception()
                if isinstance(exc, Exception):
                    errors.append(exc)
        return errors

    def _files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [p for p in self.folder.glob("??/*") if p.is_file()]

    def evict(self) -> int:
        """Delete least recently used files until the folder fits the budget."""
        with self._lock:
            files = [(p.stat().st_mtime, p.stat().st_size, p) for p in self._files()]
            total = sum(size for _, size, _ in files)
            if total <= self.budget_bytes:
                return 0
            keep = self.protected()
            freed = 0
            left = {path.name for _, _, path in files}
            for _, size, path in sorted(files):
                if total - freed <= self.budget_bytes:
                    break
                if path.name.split(".")[0] in keep:
                    continue  # an upload not yet on the server: this is the only copy
                path.unlink(missing_ok=True)
                left.discard(path.name)
                freed += size
            self._drop_named_copies(left)
            return freed

    def collect(self, referenced: set[str]) -> int:
        """Delete every file no cached item refers to (nor an unsent upload)."""
        keep = referenced | self.protected()
        removed = 0
        with self._lock:
            left: set[str] = set()
            for path in self._files():
                if path.name.split(".")[0] in keep:
                    left.add(path.name)
                else:
                    path.unlink(missing_ok=True)
                    removed += 1
            self._drop_named_copies(left)
        return removed


def _make_writable_and_retry(function: Callable[..., object], path: str, _info: object) -> None:
    try:
        os.chmod(path, stat.S_IWUSR | stat.S_IRUSR)
        function(path)
    except OSError as exc:
        log.info("cannot remove %s yet: %s", path, exc)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
