"""Blobs as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW …).

An upload is spooled locally (in memory while small, then in a temporary file)
while it is hashed, and only sent to the bucket once its hash and size are
verified. The object therefore never exists under its final key with wrong or
partial content, and no temporary keys have to be cleaned up after a crash.
Large blobs go up as a multipart upload, which S3 only makes visible when it is
complete.

boto3 is an optional dependency (``kshare[s3]``) and is imported when a store
is created. Credentials not given explicitly come from boto3's usual chain
(``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``, profiles, instance roles).
Stores that reject the checksum headers recent boto3 sends by default (older
Ceph releases, for example) work with ``AWS_REQUEST_CHECKSUM_CALCULATION=when_required``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from typing import IO, Any, BinaryIO

from kshare.clock import SYSTEM, Clock
from kshare.server.blobstore.base import (
    BlobHashMismatch,
    BlobInfo,
    BlobNotFound,
    BlobStore,
    BlobStoreFull,
    BlobStoreUnavailable,
    BlobTooLarge,
    is_sha256,
    resolve_range,
    validate_max_bytes,
    validate_sha256,
)

logger = logging.getLogger(__name__)

MIN_PART_SIZE = 5 * 1024 * 1024  # S3's smallest part except the last
_NOT_FOUND = {"404", "NoSuchKey", "NotFound"}
# Error codes S3-compatible servers use when their disks or quotas are exhausted.
_NO_SPACE = {"XMinioStorageFull", "QuotaExceeded", "XMinioAdminBucketQuotaExceeded"}


class S3BlobStore(BlobStore):
    """Blobs stored as ``{prefix}{sha256}`` objects in one bucket.

    ``endpoint_url`` points at a non-AWS store (path-style addressing is then
    used, which MinIO and Ceph accept without wildcard DNS). The bucket must
    already exist. The credentials need s3:GetObject, PutObject, DeleteObject,
    ListBucket and AbortMultipartUpload on it; without ListBucket, S3 answers a
    lookup of a missing blob with 403 instead of 404, which reads as an outage.
    The store is safe to share between threads.
    """

    _list_page_size = 1000  # S3's maximum; tests lower it to exercise paging

    def __init__(
        self,
        bucket: str,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        prefix: str = "blobs/",
        *,
        part_size: int = 8 * 1024 * 1024,
        read_chunk_size: int = 1024 * 1024,
        spool_dir: str | None = None,
        clock: Clock = SYSTEM,
    ) -> None:
        self._clock = clock
        if not bucket:
            raise ValueError("an S3 bucket name is required")
        if part_size < MIN_PART_SIZE:
            raise ValueError(f"part_size must be at least {MIN_PART_SIZE} bytes (an S3 limit)")
        try:
            import boto3
            import boto3.exceptions
            import botocore.exceptions
            from boto3.s3.transfer import TransferConfig
            from botocore.config import Config
        except ImportError as exc:
            raise ImportError(
                "storing blobs in S3 needs boto3: install kshare with the 's3' extra"
            ) from exc

        self.bucket = bucket
        self.prefix = prefix if not prefix or prefix.endswith("/") else prefix + "/"
        self._part_size = part_size
        self._read_chunk_size = read_chunk_size
        self._spool_dir = spool_dir
        self._client_error: type[Exception] = botocore.exceptions.ClientError
        self._errors: tuple[type[Exception], ...] = (
            botocore.exceptions.ClientError,
            botocore.exceptions.BotoCoreError,
            boto3.exceptions.Boto3Error,
        )
        config = Config(
            s3={"addressing_style": "path"} if endpoint_url else {},
            retries={"mode": "standard"},
        )
        # A session of our own: boto3's default session is not thread-safe
        # and would pick up credentials set for other code in the process.
        session = boto3.session.Session(
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            region_name=region,
        )
        self._client: Any = session.client("s3", endpoint_url=endpoint_url, config=config)
        self._transfer = TransferConfig(
            multipart_threshold=part_size, multipart_chunksize=part_size
        )
        self._endpoint = endpoint_url or "AWS"

    def __repr__(self) -> str:
        return f"S3BlobStore(bucket={self.bucket!r}, prefix={self.prefix!r}, at {self._endpoint})"

    def key_of(self, sha256: str) -> str:
        """The object key of a blob; the name is validated first."""
        return self.prefix + validate_sha256(sha256)

    # --- writing ---------------------------------------------------------------------

    def put(self, stream: BinaryIO, expected_sha256: str | None, max_bytes: int) -> BlobInfo:
        expected = None if expected_sha256 is None else validate_sha256(expected_sha256)
        validate_max_bytes(max_bytes)
        with tempfile.SpooledTemporaryFile(max_size=self._part_size, dir=self._spool_dir) as spool:
            try:
                info = self._spool(stream, spool, max_bytes)
            except OSError as exc:
                if exc.errno in {errno.ENOSPC, errno.EDQUOT}:
                    where = self._spool_dir or tempfile.gettempdir()
                    logger.error("no space to spool an upload in %s: %s", where, exc)
                    raise BlobStoreFull(
                        f"no space left in {where} to receive the file before storing it"
                    ) from exc
                raise
            if expected is not None and info.sha256 != expected:
                raise BlobHashMismatch(expected, info.sha256)
            key = self.key_of(info.sha256)
            with self._translated("store", info.sha256):
                if self._head(key) is not None:
                    # Already stored; the caller has just proved it has the bytes.
                    return info
                spool.seek(0)
                self._client.upload_fileobj(
                    spool,
                    self.bucket,
                    key,
                    ExtraArgs={"ContentType": "application/octet-stream"},
                    Config=self._transfer,
                )
        logger.debug("stored blob %s (%d bytes) in bucket %s", info.sha256, info.size, self.bucket)
        return info

    def _spool(self, stream: BinaryIO, spool: IO[bytes], max_bytes: int) -> BlobInfo:
        hasher = hashlib.sha256()
        size = 0
        while True:
            # One byte past the limit is enough to know an upload is too large.
            chunk = stream.read(min(self._read_chunk_size, max_bytes - size + 1))
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise BlobTooLarge(max_bytes)
            hasher.update(chunk)
            spool.write(chunk)
        return BlobInfo(hasher.hexdigest(), size)

    # --- reading ---------------------------------------------------------------------

    def exists(self, sha256: str) -> bool:
        key = self.key_of(sha256)
        with self._translated("look up", sha256):
            return self._head(key) is not None

    def size(self, sha256: str) -> int:
        key = self.key_of(sha256)
        with self._translated("look up", sha256):
            size = self._head(key)
        if size is None:
            raise BlobNotFound(sha256)
        return size

    def open_range(self, sha256: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        first, stop = resolve_range(self.size(sha256), start, end)
        return self._read(self.key_of(sha256), sha256, first, stop)

    def _read(self, key: str, sha: str, start: int, stop: int) -> Iterator[bytes]:
        if start == stop:
            return  # an empty blob: S3 cannot answer a range of zero bytes
        with self._translated("read", sha):
            try:
                reply = self._client.get_object(
                    Bucket=self.bucket, Key=key, Range=f"bytes={start}-{stop - 1}"
                )
            except self._client_error as exc:
                if _code(exc) in _NOT_FOUND:
                    raise BlobNotFound(sha) from None  # deleted since open_range()
                raise
            body = reply["Body"]
            try:
                yield from body.iter_chunks(self._read_chunk_size)
            finally:
                body.close()

    def _head(self, key: str) -> int | None:
        """The object's size, or None if it does not exist."""
        try:
            reply = self._client.head_object(Bucket=self.bucket, Key=key)
        except self._client_error as exc:
            if _code(exc) in _NOT_FOUND:
                return None
            raise
        return int(reply["ContentLength"])

    # --- housekeeping ----------------------------------------------------------------

    def delete(self, sha256: str) -> None:
        key = self.key_of(sha256)
        with self._translated("delete", sha256):
            # S3 answers a delete of a missing key with success, as we want.
            self._client.delete_object(Bucket=self.bucket, Key=key)

    def iter_all(self) -> Iterator[BlobInfo]:
        paginator = self._client.get_paginator("list_objects_v2")
        with self._translated("list", "blobs"):
            pages = paginator.paginate(
                Bucket=self.bucket,
                Prefix=self.prefix,
                PaginationConfig={"PageSize": self._list_page_size},
            )
            for page in pages:
                for obj in page.get("Contents", []):
                    name = obj["Key"][len(self.prefix) :]
                    # Other tools may keep objects under the same prefix; only
                    # names that are blob ids are ours.
                    if is_sha256(name):
                        yield BlobInfo(name, int(obj["Size"]))

    def remove_stale_uploads(self, older_than: timedelta) -> int:
        cutoff = self._clock.now() - older_than
        removed = 0
        paginator = self._client.get_paginator("list_multipart_uploads")
        with self._translated("clean up", "unfinished uploads"):
            for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix):
                for upload in page.get("Uploads", []):
                    if upload["Initiated"] < cutoff:
                        self._client.abort_multipart_upload(
                            Bucket=self.bucket, Key=upload["Key"], UploadId=upload["UploadId"]
                        )
                        removed += 1
        if removed:
            logger.info("aborted %d unfinished uploads in bucket %s", removed, self.bucket)
        return removed

    @contextlib.contextmanager
    def _translated(self, action: str, what: str) -> Iterator[None]:
        """Turn boto errors into BlobStoreError subclasses the routes know."""
        try:
            yield
        except self._errors as exc:
            code = _code(exc)
            logger.error("could not %s %s in bucket %s: %s", action, what, self.bucket, exc)
            if code in _NO_SPACE:
                raise BlobStoreFull(f"bucket {self.bucket} is full or over its quota") from exc
            raise BlobStoreUnavailable(
                f"could not {action} {what} in bucket {self.bucket} at {self._endpoint}: {exc}"
            ) from exc


def _code(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code", ""))
    # boto3's S3UploadFailedError only keeps the message of the ClientError.
    cause = exc.__cause__ or exc.__context__
    return _code(cause) if cause is not None else ""
