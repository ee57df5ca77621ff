"""The folder store: its layout, crash safety, a full disk and leftover cleanup."""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from kshare.clock import ManualClock
from kshare.server.blobstore import BlobInfo, BlobNotFound, BlobStoreFull, FilesystemBlobStore
from kshare.server.blobstore.filesystem import INCOMING

DATA = os.urandom(200_000)
DIGEST = hashlib.sha256(DATA).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> FilesystemBlobStore:
    return FilesystemBlobStore(tmp_path / "blobs", chunk_size=16 * 1024)


def incoming(store: FilesystemBlobStore) -> list[Path]:
    return list((store.root / INCOMING).iterdir())


def test_blobs_are_fanned_out_by_their_first_four_hex_digits(store: FilesystemBlobStore) -> None:
    store.put(io.BytesIO(DATA), DIGEST, len(DATA))

    path = store.root / DIGEST[:2] / DIGEST[2:4] / DIGEST
    assert store.path_of(DIGEST) == path
    assert path.read_bytes() == DATA


def test_root_is_created_and_accepts_a_plain_string(tmp_path: Path) -> None:
    store = FilesystemBlobStore(str(tmp_path / "a" / "b"))

    store.put(io.BytesIO(b"x"), None, 1)

    assert (tmp_path / "a" / "b" / INCOMING).is_dir()


class DropsMidway(io.RawIOBase):
    """A client that sends half the file, then its connection breaks."""

    def __init__(self, store: FilesystemBlobStore) -> None:
        self._store = store
        self.seen_final_name_during_upload = False
        self._sent = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.seen_final_name_during_upload |= self._store.path_of(DIGEST).exists()
        if self._sent >= len(DATA) // 2:
            raise ConnectionResetError("client went away")
        chunk = DATA[self._sent : self._sent + min(size, 10_000)]
        self._sent += len(chunk)
        return chunk


def test_an_interrupted_upload_never_appears_under_its_final_name(
    store: FilesystemBlobStore,
) -> None:
    stream = DropsMidway(store)

    with pytest.raises(ConnectionResetError):
        store.put(stream, DIGEST, len(DATA))

    assert not stream.seen_final_name_during_upload
    assert not store.exists(DIGEST)
    assert incoming(store) == []


def test_the_file_is_synced_before_it_is_renamed(
    store: FilesystemBlobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.put(io.BytesIO(DATA), DIGEST, len(DATA))

    assert events.index("fsync-file") < events.index("replace")
    if os.name != "nt":  # Windows cannot sync a folder
        assert events[-1] == "fsync-dir"  # the new name itself is made durable


def no_space(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_gives_a_clear_error_and_leaves_nothing(
    store: FilesystemBlobStore,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    call: str,
) -> None:
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if fd <= 2:  # keep the terminal and pytest's own output working
            return real_write(fd, data)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, call, write if call == "write" else no_space)

    with caplog.at_level(logging.ERROR), pytest.raises(BlobStoreFull, match="no space left"):
        store.put(io.BytesIO(DATA), DIGEST, len(DATA))

    monkeypatch.undo()
    assert not store.exists(DIGEST)
    assert incoming(store) == []
    assert "out of space" in caplog.text  # the operator sees the cause in the log


def test_a_full_disk_does_not_hide_other_os_errors(
    store: FilesystemBlobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fsync", broken)

    with pytest.raises(OSError, match="I/O error") as caught:
        store.put(io.BytesIO(DATA), DIGEST, len(DATA))

    assert not isinstance(caught.value, BlobStoreFull)
    monkeypatch.undo()
    assert incoming(store) == []


def test_iter_all_ignores_everything_that_is_not_a_blob(store: FilesystemBlobStore) -> None:
    info = store.put(io.BytesIO(DATA), None, len(DATA))
    other = hashlib.sha256(b"other").hexdigest()
    (store.root / INCOMING / "put-123.part").write_bytes(b"half")
    (store.root / "README").write_text("not a blob")
    (store.root / other[:2] / other[2:4]).mkdir(parents=True)
    (store.root / other[:2] / other[2:4] / (other + ".bak")).write_bytes(b"x")
    (store.root / "ff" / "ff").mkdir(parents=True)
    (store.root / "ff" / "ff" / other).write_bytes(b"in the wrong folder")
    (store.root / "zz").mkdir()

    assert list(store.iter_all()) == [info]


def test_stale_unfinished_uploads_are_removed(tmp_path: Path) -> None:
    clock = ManualClock()
    store = FilesystemBlobStore(tmp_path / "blobs", clock=clock)
    old = store.root / INCOMING / "put-old.part"
    fresh = store.root / INCOMING / "put-fresh.part"
    old.write_bytes(b"left by a crash")
    fresh.write_bytes(b"still being written by another worker")
    now = clock.now().timestamp()
    os.utime(fresh, (now - 60, now - 60))
    os.utime(old, (now - 86_400, now - 86_400))

    assert store.remove_stale_uploads(timedelta(hours=1)) == 1

    assert incoming(store) == [fresh]


def test_an_existing_blob_is_not_rewritten(store: FilesystemBlobStore) -> None:
    store.put(io.BytesIO(DATA), None, len(DATA))
    before = store.path_of(DIGEST).stat()

    assert store.put(io.BytesIO(DATA), DIGEST, len(DATA)) == BlobInfo(DIGEST, len(DATA))

    after = store.path_of(DIGEST).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert incoming(store) == []


def test_a_blob_deleted_while_being_read_reports_not_found(store: FilesystemBlobStore) -> None:
    store.put(io.BytesIO(DATA), None, len(DATA))
    chunks = store.open_range(DIGEST)
    store.delete(DIGEST)

    with pytest.raises(BlobNotFound):
        next(iter(chunks))


def test_chunk_size_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        FilesystemBlobStore(tmp_path, chunk_size=0)
