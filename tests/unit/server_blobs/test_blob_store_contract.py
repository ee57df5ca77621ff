"""What every blob store promises, checked on the folder store and on S3 alike."""

from __future__ import annotations

import hashlib
import io
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from kshare.server.blobstore import (
    BlobHashMismatch,
    BlobInfo,
    BlobNotFound,
    BlobStore,
    BlobTooLarge,
    InvalidBlobId,
    InvalidRange,
)

from .conftest import CHUNK, PART, StoreCase


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def put(store: BlobStore, data: bytes, expected: str | None = None, max_bytes: int = 1 << 30):
    return store.put(io.BytesIO(data), expected, max_bytes)


def read(store: BlobStore, digest: str, start: int = 0, end: int | None = None) -> bytes:
    return b"".join(store.open_range(digest, start, end))


class TrickleStream(io.RawIOBase):
    """A network-like body: short reads, and it counts what was taken from it."""

    def __init__(self, data: bytes | None, step: int = 1000) -> None:
        self._data = data
        self._step = step
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        n = self._step if size < 0 else min(size, self._step)
        endless = self._data is None
        chunk = b"x" * n if endless else self._data[self.consumed : self.consumed + n]
        self.consumed += len(chunk)
        return chunk


DATA = os.urandom(3 * CHUNK + 123)  # several read chunks, not a multiple of one
BAD_IDS = [
    "",
    "a" * 63,
    "a" * 65,
    "A" * 64,
    "g" * 64,
    sha(b"x").upper(),
    sha(b"x") + "\n",
    "../" + sha(b"x")[3:],
    "..",
    "ab/cd/" + sha(b"x")[6:],
    "/etc/passwd",
    64 * "\u0660",  # Arabic-Indic zeros: "digits" to str.isdigit, not hex
    123,
    None,
]


def test_put_stores_the_bytes_under_their_hash(case: StoreCase) -> None:
    info = put(case.store, DATA, expected=sha(DATA))

    assert info == BlobInfo(sha(DATA), len(DATA))
    assert case.store.exists(sha(DATA))
    assert case.store.size(sha(DATA)) == len(DATA)
    assert read(case.store, sha(DATA)) == DATA
    assert list(case.store.iter_all()) == [info]
    assert case.leftovers() == []


def test_put_without_an_announced_hash_computes_it(case: StoreCase) -> None:
    assert put(case.store, DATA) == BlobInfo(sha(DATA), len(DATA))
    assert read(case.store, sha(DATA)) == DATA


def test_short_reads_from_a_slow_client_are_reassembled(case: StoreCase) -> None:
    stream = TrickleStream(DATA, step=777)

    info = case.store.put(stream, sha(DATA), len(DATA))

    assert info.size == len(DATA)
    assert read(case.store, sha(DATA)) == DATA


def test_empty_blob(case: StoreCase) -> None:
    info = put(case.store, b"", expected=sha(b""), max_bytes=0)

    assert info == BlobInfo(sha(b""), 0)
    assert case.store.size(sha(b"")) == 0
    assert list(case.store.open_range(sha(b""))) == []
    assert list(case.store.iter_all()) == [info]


def test_wrong_hash_is_refused_and_nothing_is_kept(case: StoreCase) -> None:
    claimed = sha(b"something else")

    with pytest.raises(BlobHashMismatch) as caught:
        put(case.store, DATA, expected=claimed)

    assert (caught.value.expected, caught.value.actual) == (claimed, sha(DATA))
    assert not case.store.exists(claimed)
    assert not case.store.exists(sha(DATA))
    assert list(case.store.iter_all()) == []
    assert case.leftovers() == []


def test_knowing_a_hash_is_not_enough_to_claim_an_existing_blob(case: StoreCase) -> None:
    secret = b"salary review 2026"
    put(case.store, secret)

    with pytest.raises(BlobHashMismatch):
        put(case.store, b"anything", expected=sha(secret))

    assert read(case.store, sha(secret)) == secret


def test_blob_of_exactly_max_bytes_is_accepted(case: StoreCase) -> None:
    assert put(case.store, DATA, max_bytes=len(DATA)).size == len(DATA)


def test_blob_over_max_bytes_is_refused_and_nothing_is_kept(case: StoreCase) -> None:
    with pytest.raises(BlobTooLarge) as caught:
        put(case.store, DATA, expected=sha(DATA), max_bytes=len(DATA) - 1)

    assert caught.value.max_bytes == len(DATA) - 1
    assert not case.store.exists(sha(DATA))
    assert case.leftovers() == []


@pytest.mark.parametrize("max_bytes", [0, 10, CHUNK + 5])
def test_endless_upload_stops_right_after_the_limit(case: StoreCase, max_bytes: int) -> None:
    stream = TrickleStream(None, step=4096)

    with pytest.raises(BlobTooLarge):
        case.store.put(stream, None, max_bytes)

    assert stream.consumed == max_bytes + 1
    assert list(case.store.iter_all()) == []
    assert case.leftovers() == []


def test_negative_limit_is_a_programming_error(case: StoreCase) -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        put(case.store, b"x", max_bytes=-1)


def test_putting_the_same_blob_twice_is_harmless(case: StoreCase) -> None:
    first = put(case.store, DATA, expected=sha(DATA))
    second = put(case.store, DATA)

    assert first == second
    assert list(case.store.iter_all()) == [first]
    assert read(case.store, sha(DATA)) == DATA
    assert case.leftovers() == []


def test_a_stored_blob_still_counts_against_the_limit(case: StoreCase) -> None:
    put(case.store, DATA)

    with pytest.raises(BlobTooLarge):
        put(case.store, DATA, expected=sha(DATA), max_bytes=10)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (0, None),  # whole blob
        (1000, None),  # resume: open-ended
        (0, 0),  # first byte
        (CHUNK, CHUNK),  # a single byte on a chunk boundary
        (len(DATA) - 1, None),  # last byte, open-ended
        (len(DATA) - 1, len(DATA) - 1),  # last byte, closed
        (CHUNK - 1, 2 * CHUNK),  # across chunk boundaries
        (10, len(DATA) + 10_000),  # end past the blob is clamped (RFC 9110)
    ],
)
def test_byte_ranges_are_inclusive_like_http(case: StoreCase, start: int, end: int | None) -> None:
    put(case.store, DATA)

    expected = DATA[start:] if end is None else DATA[start : end + 1]
    assert read(case.store, sha(DATA), start, end) == expected


def test_ranges_arrive_in_bounded_chunks(case: StoreCase) -> None:
    put(case.store, DATA)

    chunks = list(case.store.open_range(sha(DATA)))

    assert len(chunks) > 1
    assert max(map(len, chunks)) <= CHUNK


@pytest.mark.parametrize(
    ("start", "end"),
    [(len(DATA), None), (len(DATA) + 5, len(DATA) + 9), (10, 9), (-1, None), (-5, 3)],
)
def test_unsatisfiable_ranges_are_refused_before_streaming(
    case: StoreCase, start: int, end: int | None
) -> None:
    put(case.store, DATA)

    with pytest.raises(InvalidRange):
        case.store.open_range(sha(DATA), start, end)  # no iteration needed


def test_an_empty_blob_has_no_byte_zero(case: StoreCase) -> None:
    put(case.store, b"")

    with pytest.raises(InvalidRange):
        case.store.open_range(sha(b""), 0, 0)


def test_missing_blob(case: StoreCase) -> None:
    missing = sha(b"never stored")

    assert not case.store.exists(missing)
    with pytest.raises(BlobNotFound):
        case.store.size(missing)
    with pytest.raises(BlobNotFound):
        case.store.open_range(missing)  # raised before any iteration
    case.store.delete(missing)  # not an error


def test_delete_removes_only_that_blob(case: StoreCase) -> None:
    other = b"keep me"
    put(case.store, DATA)
    put(case.store, other)

    case.store.delete(sha(DATA))

    assert not case.store.exists(sha(DATA))
    with pytest.raises(BlobNotFound):
        case.store.size(sha(DATA))
    assert list(case.store.iter_all()) == [BlobInfo(sha(other), len(other))]
    assert read(case.store, sha(other)) == other


def test_a_deleted_blob_can_be_stored_again(case: StoreCase) -> None:
    put(case.store, DATA)
    case.store.delete(sha(DATA))

    put(case.store, DATA)

    assert read(case.store, sha(DATA)) == DATA


def test_iter_all_lists_every_blob(case: StoreCase) -> None:
    blobs = [os.urandom(n) for n in (0, 1, 100, CHUNK + 1)]
    for blob in blobs:
        put(case.store, blob)

    assert set(case.store.iter_all()) == {BlobInfo(sha(b), len(b)) for b in blobs}


@pytest.mark.parametrize("bad", BAD_IDS, ids=repr)
def test_malformed_ids_never_reach_storage(case: StoreCase, bad: object) -> None:
    store = case.store
    with pytest.raises(InvalidBlobId):
        store.exists(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidBlobId):
        store.size(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidBlobId):
        store.open_range(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidBlobId):
        store.delete(bad)  # type: ignore[arg-type]
    if bad is not None:  # None means "no announced hash", which is allowed
        with pytest.raises(InvalidBlobId):
            store.put(io.BytesIO(b"x"), bad, 10)  # type: ignore[arg-type]
    assert list(store.iter_all()) == []


def test_invalid_id_is_a_value_error_for_generic_handlers(case: StoreCase) -> None:
    with pytest.raises(ValueError):
        case.store.exists("nope")


def test_concurrent_uploads_of_the_same_blob_agree(case: StoreCase) -> None:
    # Larger than one S3 part, so the S3 store races multipart uploads.
    data = os.urandom(PART + 12_345)
    workers = 6
    barrier = threading.Barrier(workers)

    def upload(i: int) -> BlobInfo:
        barrier.wait()
        return put(case.store, data, expected=sha(data) if i % 2 else None)

    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(upload, range(workers)))

    assert results == [BlobInfo(sha(data), len(data))] * workers
    assert read(case.store, sha(data)) == data
    assert list(case.store.iter_all()) == [results[0]]
    assert case.leftovers() == []


def test_concurrent_readers_and_writers_of_different_blobs(case: StoreCase) -> None:
    blobs = [os.urandom(CHUNK + i) for i in range(8)]

    def round_trip(blob: bytes) -> bytes:
        put(case.store, blob, expected=sha(blob))
        return read(case.store, sha(blob), 1, None)

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(round_trip, blobs)) == [b[1:] for b in blobs]
