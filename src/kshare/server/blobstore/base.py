"""The contract every blob store keeps, its errors, and the checks they share.

A blob is an immutable byte string named by the SHA-256 of its content. Its name
is used to build file paths and object keys, so every entry point validates it
strictly before touching storage.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO, TypeGuard

_SHA256 = re.compile(r"[0-9a-f]{64}")


class BlobStoreError(Exception):
    """Something went wrong in the blob store; the message says what."""


class InvalidBlobId(BlobStoreError, ValueError):
    """The name given is not 64 lowercase hexadecimal characters."""


class BlobNotFound(BlobStoreError, LookupError):
    """No blob with this SHA-256 is stored."""

    def __init__(self, sha256: str) -> None:
        super().__init__(f"blob {sha256} is not stored")
        self.sha256 = sha256


class BlobHashMismatch(BlobStoreError):
    """The uploaded bytes do not hash to the SHA-256 the uploader announced."""

    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(f"content hashes to {actual}, not to the announced {expected}")
        self.expected = expected
        self.actual = actual


class BlobTooLarge(BlobStoreError):
    """The upload is larger than the limit it was given."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"blob is larger than the limit of {max_bytes} bytes")
        self.max_bytes = max_bytes


class BlobStoreFull(BlobStoreError):
    """The storage behind the blob store has no space left."""


class InvalidRange(BlobStoreError, ValueError):
    """The byte range cannot be served for this blob (HTTP 416)."""


class BlobStoreUnavailable(BlobStoreError):
    """The storage service could not be reached or refused the request."""


@dataclass(frozen=True, slots=True)
class BlobInfo:
    """A stored blob: its SHA-256 (lowercase hex) and its size in bytes."""

    sha256: str
    size: int


def is_sha256(name: object) -> TypeGuard[str]:
    """Whether ``name`` is a blob id: exactly 64 lowercase hex characters."""
    # fullmatch, not match with "$": "$" would also accept a trailing newline.
    return isinstance(name, str) and _SHA256.fullmatch(name) is not None


def validate_sha256(sha256: object) -> str:
    """Return ``sha256`` if it is 64 lowercase hex characters, else raise InvalidBlobId."""
    if not is_sha256(sha256):
        raise InvalidBlobId(f"not a SHA-256 in lowercase hex: {sha256!r:.80}")
    return sha256


def validate_max_bytes(max_bytes: int) -> None:
    """Reject a negative or non-integer size limit before any byte is read."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0:
        raise ValueError(f"max_bytes must be a non-negative integer, not {max_bytes!r}")


def resolve_range(size: int, start: int, end: int | None) -> tuple[int, int]:
    """Turn an HTTP-style inclusive range into ``(start, stop)`` with ``stop`` exclusive.

    ``end=None`` means "to the last byte"; an ``end`` past the last byte is
    clamped, as RFC 9110 asks. A whole-blob read of an empty blob is allowed
    (it yields nothing); any other range that starts past the end is not.
    """
    if start < 0 or (end is not None and end < start):
        raise InvalidRange(f"invalid byte range {start}-{'' if end is None else end}")
    if start == 0 and end is None:
        return 0, size
    if start >= size:
        raise InvalidRange(f"range starts at byte {start} but the blob has {size} bytes")
    stop = size if end is None else min(end + 1, size)
    return start, stop


def read_fully(stream: BinaryIO, n: int) -> bytes:
    """Read up to ``n`` bytes, looping because sockets and pipes return short reads."""
    parts: list[bytes] = []
    remaining = n
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


class BlobStore(ABC):
    """Content-addressed storage for attachments, shared by every server worker.

    Implementations are safe to call from several threads at once. A blob only
    ever becomes visible under its name once its full content has been
    verified, so readers never see a partial or wrong blob.
    """

    @abstractmethod
    def put(self, stream: BinaryIO, expected_sha256: str | None, max_bytes: int) -> BlobInfo:
        """Store the bytes read from ``stream`` and return their SHA-256 and size.

        The stream is read in chunks and always hashed in full, even when the
        blob already exists: only a caller who really has the bytes may claim
        them (otherwise knowing a hash would be enough to attach someone
        else's file). Storing an existing blob again is harmless.

        Raises BlobHashMismatch, BlobTooLarge (without reading much more than
        ``max_bytes``), BlobStoreFull or InvalidBlobId; nothing is left behind.
        """

    @abstractmethod
    def exists(self, sha256: str) -> bool:
        """Whether the blob is stored."""

    @abstractmethod
    def size(self, sha256: str) -> int:
        """The blob's size in bytes; raises BlobNotFound."""

    @abstractmethod
    def open_range(self, sha256: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """Bytes ``start`` to ``end`` inclusive (as in an HTTP Range), in chunks.

        BlobNotFound and InvalidRange are raised by this call itself, before
        any iteration, so an HTTP handler can answer 404/416 before it starts
        a streamed reply.
        """

    @abstractmethod
    def delete(self, sha256: str) -> None:
        """Remove the blob; removing a blob that is not stored is not an error."""

    @abstractmethod
    def iter_all(self) -> Iterator[BlobInfo]:
        """Every stored blob, in no particular order (for garbage collection)."""

    @abstractmethod
    def remove_stale_uploads(self, older_than: timedelta) -> int:
        """Clean up uploads a crash left unfinished; returns how many were removed.

        Only uploads started more than ``older_than`` ago are touched, so
        uploads still running in other workers are left alone.
        """
