"""Build the blob store the server configuration names: a folder or an S3 bucket."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit
from urllib.request import url2pathname

from kshare.clock import SYSTEM, Clock
from kshare.server.blobstore.base import BlobStore
from kshare.server.blobstore.filesystem import FilesystemBlobStore
from kshare.server.blobstore.s3 import S3BlobStore

_S3_OPTIONS = {"endpoint_url", "region"}


def blob_store_from_config(url_or_path: str, clock: Clock = SYSTEM) -> BlobStore:
    """A store for a folder path, a ``file://`` URL, or ``s3://bucket/prefix?endpoint_url=…&region=…``.

    S3 credentials are never part of the URL (configuration files are not a
    place for secrets); boto3 reads them from ``AWS_ACCESS_KEY_ID`` and
    ``AWS_SECRET_ACCESS_KEY`` or its other usual sources.
    """
    text = url_or_path.strip()
    if not text:
        raise ValueError("no blob store configured: give a folder or an s3:// URL")
    # A Windows path such as C:\blobs would parse as scheme "c", so only text
    # with "://" is treated as a URL.
    if "://" not in text:
        return FilesystemBlobStore(Path(text).expanduser(), clock=clock)
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme == "file":
        return _filesystem_from_url(parts, clock)
    if scheme == "s3":
        return _s3_from_url(parts, clock)
    raise ValueError(f"unsupported blob store scheme {scheme!r}: use a folder, file:// or s3://")


def _filesystem_from_url(parts: SplitResult, clock: Clock) -> FilesystemBlobStore:
    if parts.netloc not in ("", "localhost") or parts.query or parts.fragment:
        raise ValueError("a file:// blob store URL is file:///absolute/folder, with nothing else")
    return FilesystemBlobStore(Path(url2pathname(parts.path)), clock=clock)


def _s3_from_url(parts: SplitResult, clock: Clock) -> S3BlobStore:
    # Checked before anything is echoed back, so no secret ends up in a message or log.
    if "@" in parts.netloc:
        raise ValueError(
            "S3 credentials do not belong in the blob store URL: set AWS_ACCESS_KEY_ID "
            "and AWS_SECRET_ACCESS_KEY in the server's environment instead"
        )
    bucket = parts.netloc
    if not bucket or ":" in bucket:
        raise ValueError("an S3 blob store URL is s3://bucket/prefix, with a bucket name")
    if parts.fragment:
        raise ValueError("an S3 blob store URL has no #fragment")
    options = parse_qs(parts.query, keep_blank_values=True)
    unknown = set(options) - _S3_OPTIONS
    if unknown:
        raise ValueError(
            f"unknown S3 blob store option(s) {', '.join(sorted(unknown))}; "
            f"known: {', '.join(sorted(_S3_OPTIONS))}"
        )
    single: dict[str, str] = {}
    for name, values in options.items():
        if len(values) != 1 or not values[0]:
            raise ValueError(f"S3 blob store option {name} needs exactly one value")
        single[name] = values[0]
    endpoint_url = single.get("endpoint_url")
    if endpoint_url is not None and urlsplit(endpoint_url).scheme not in ("http", "https"):
        raise ValueError("the S3 endpoint_url must start with http:// or https://")
    prefix = unquote(parts.path).lstrip("/") or "blobs/"
    return S3BlobStore(
        bucket, endpoint_url=endpoint_url, region=single.get("region"), prefix=prefix, clock=clock
    )
