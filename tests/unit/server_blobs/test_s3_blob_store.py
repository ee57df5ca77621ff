"""The S3 store against a real S3-compatible server on 127.0.0.1 (moto)."""

from __future__ import annotations

import builtins
import hashlib
import io
import os
from datetime import timedelta
from typing import Any

import pytest

from kshare.server.blobstore import (
    BlobHashMismatch,
    BlobInfo,
    BlobNotFound,
    BlobStoreUnavailable,
    S3BlobStore,
)

from .conftest import PART, make_s3_store, s3_leftovers

BIG = os.urandom(2 * PART + 1234)  # three parts
BIG_SHA = hashlib.sha256(BIG).hexdigest()


def test_large_blobs_go_up_in_parts(s3_endpoint: str, bucket: str, s3_client: Any) -> None:
    store = make_s3_store(s3_endpoint, bucket)

    assert store.put(io.BytesIO(BIG), BIG_SHA, len(BIG)) == BlobInfo(BIG_SHA, len(BIG))

    head = s3_client.head_object(Bucket=bucket, Key=f"blobs/{BIG_SHA}")
    assert head["ETag"].strip('"').endswith("-3")  # S3's mark of a three-part upload
    assert head["ContentLength"] == len(BIG)
    assert b"".join(store.open_range(BIG_SHA, PART - 1, PART)) == BIG[PART - 1 : PART + 1]
    assert s3_leftovers(s3_client, bucket) == []


def test_a_large_wrong_upload_never_reaches_the_bucket(
    s3_endpoint: str, bucket: str, s3_client: Any
) -> None:
    store = make_s3_store(s3_endpoint, bucket)
    claimed = hashlib.sha256(b"other").hexdigest()

    with pytest.raises(BlobHashMismatch):
        store.put(io.BytesIO(BIG), claimed, len(BIG))

    assert s3_client.list_objects_v2(Bucket=bucket).get("KeyCount") == 0
    assert s3_leftovers(s3_client, bucket) == []


def test_keys_live_under_the_prefix(s3_endpoint: str, bucket: str, s3_client: Any) -> None:
    store = make_s3_store(s3_endpoint, bucket, prefix="tenant-a/kshare")

    info = store.put(io.BytesIO(b"hello"), None, 100)

    assert store.prefix == "tenant-a/kshare/"
    assert store.key_of(info.sha256) == f"tenant-a/kshare/{info.sha256}"
    keys = [o["Key"] for o in s3_client.list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys == [f"tenant-a/kshare/{info.sha256}"]


def test_stores_with_different_prefixes_do_not_see_each_other(
    s3_endpoint: str, bucket: str
) -> None:
    one = make_s3_store(s3_endpoint, bucket, prefix="one/")
    two = make_s3_store(s3_endpoint, bucket, prefix="two/")

    info = one.put(io.BytesIO(b"only in one"), None, 100)

    assert not two.exists(info.sha256)
    assert list(two.iter_all()) == []
    assert list(one.iter_all()) == [info]


def test_iter_all_ignores_foreign_objects(s3_endpoint: str, bucket: str, s3_client: Any) -> None:
    store = make_s3_store(s3_endpoint, bucket)
    info = store.put(io.BytesIO(b"blob"), None, 100)
    s3_client.put_object(Bucket=bucket, Key="blobs/README", Body=b"x")
    s3_client.put_object(Bucket=bucket, Key=f"blobs/{info.sha256}.bak", Body=b"x")
    s3_client.put_object(Bucket=bucket, Key=f"blobs/{info.sha256.upper()}", Body=b"x")
    s3_client.put_object(Bucket=bucket, Key=f"elsewhere/{info.sha256}", Body=b"x")

    assert list(store.iter_all()) == [info]


def test_iter_all_pages_through_long_listings(s3_endpoint: str, bucket: str) -> None:
    store = make_s3_store(s3_endpoint, bucket)
    store._list_page_size = 2  # what 1000 keys per page would do to a large bucket
    infos = {store.put(io.BytesIO(str(i).encode()), None, 100) for i in range(5)}

    assert set(store.iter_all()) == infos


def test_stale_multipart_uploads_are_aborted(s3_endpoint: str, bucket: str, s3_client: Any) -> None:
    store = make_s3_store(s3_endpoint, bucket)
    key = f"blobs/{BIG_SHA}"
    s3_client.create_multipart_upload(Bucket=bucket, Key=key)  # as if a worker crashed

    # moto reports every upload as started in 2010, so "recent" has to mean
    # "within a century" here to show that young uploads are left alone.
    assert store.remove_stale_uploads(timedelta(days=36_500)) == 0
    assert store.remove_stale_uploads(timedelta(0)) == 1

    assert s3_leftovers(s3_client, bucket) == []


def test_a_blob_deleted_while_being_read_reports_not_found(s3_endpoint: str, bucket: str) -> None:
    store = make_s3_store(s3_endpoint, bucket)
    info = store.put(io.BytesIO(b"short-lived"), None, 100)
    chunks = store.open_range(info.sha256)
    store.delete(info.sha256)

    with pytest.raises(BlobNotFound):
        next(iter(chunks))


def test_a_missing_bucket_is_reported_clearly(
    s3_endpoint: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = make_s3_store(s3_endpoint, "no-such-bucket-for-kshare")

    with pytest.raises(BlobStoreUnavailable, match="no-such-bucket-for-kshare"):
        store.put(io.BytesIO(b"x"), None, 10)
    with pytest.raises(BlobStoreUnavailable):
        list(store.iter_all())
    assert "NoSuchBucket" in caplog.text


def test_part_size_below_the_s3_minimum_is_refused() -> None:
    with pytest.raises(ValueError, match="part_size"):
        S3BlobStore("bucket", part_size=1024)


def test_without_boto3_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_boto(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in {"boto3", "botocore"}:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_boto)

    with pytest.raises(ImportError, match="'s3' extra"):
        S3BlobStore("bucket")
