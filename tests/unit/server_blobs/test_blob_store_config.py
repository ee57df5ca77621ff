"""Choosing the blob store from the server's configuration string."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from kshare.server.blobstore import FilesystemBlobStore, S3BlobStore, blob_store_from_config

from .conftest import ACCESS_KEY, SECRET_KEY


def test_a_plain_path_is_a_folder_store(tmp_path: Path) -> None:
    store = blob_store_from_config(str(tmp_path / "blobs"))

    assert isinstance(store, FilesystemBlobStore)
    assert store.root == tmp_path / "blobs"


def test_a_path_may_start_with_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))

    store = blob_store_from_config("~/kshare-blobs")

    assert isinstance(store, FilesystemBlobStore)
    assert store.root == tmp_path / "kshare-blobs"


@pytest.mark.parametrize("host", ["", "localhost"])
def test_a_file_url_is_a_folder_store(tmp_path: Path, host: str) -> None:
    folder = tmp_path / "with space"
    store = blob_store_from_config(f"file://{host}{quote(folder.as_posix())}")

    assert isinstance(store, FilesystemBlobStore)
    assert store.root == folder


def test_an_s3_url_without_a_path_uses_the_default_prefix() -> None:
    pytest.importorskip("boto3")

    store = blob_store_from_config("s3://kshare-blobs?region=eu-central-1")

    assert isinstance(store, S3BlobStore)
    assert (store.bucket, store.prefix) == ("kshare-blobs", "blobs/")


def test_an_s3_url_names_bucket_prefix_endpoint_and_region() -> None:
    pytest.importorskip("boto3")

    store = blob_store_from_config(
        "s3://kshare/prod/attachments?endpoint_url=https://s3.example.test:9000&region=eu-west-3"
    )

    assert isinstance(store, S3BlobStore)
    assert (store.bucket, store.prefix) == ("kshare", "prod/attachments/")
    client: Any = store._client
    assert client.meta.endpoint_url == "https://s3.example.test:9000"
    assert client.meta.region_name == "eu-west-3"


def test_an_s3_store_from_config_works_with_credentials_from_the_environment(
    s3_endpoint: str, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)

    store = blob_store_from_config(f"s3://{bucket}/kshare?endpoint_url={quote(s3_endpoint)}")
    info = store.put(io.BytesIO(b"from the environment"), None, 100)

    assert b"".join(store.open_range(info.sha256)) == b"from the environment"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("", "no blob store configured"),
        ("   ", "no blob store configured"),
        ("gs://bucket/blobs", "unsupported blob store scheme"),
        ("file://fileserver/share/blobs", "file:///absolute/folder"),
        ("file:///srv/blobs?mode=fast", "file:///absolute/folder"),
        ("s3://", "bucket name"),
        ("s3:///blobs", "bucket name"),
        ("s3://bucket:9000/blobs", "bucket name"),
        ("s3://bucket/blobs#x", "fragment"),
        ("s3://bucket?endpoint=http://minio:9000", "unknown S3 blob store option"),
        ("s3://bucket?region=a&region=b", "exactly one value"),
        ("s3://bucket?region=", "exactly one value"),
        ("s3://bucket?endpoint_url=minio:9000", "http:// or https://"),
    ],
)
def test_bad_configuration_is_refused_with_a_reason(config: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        blob_store_from_config(config)


def test_credentials_in_the_url_are_refused_without_echoing_them() -> None:
    with pytest.raises(ValueError, match="AWS_ACCESS_KEY_ID") as caught:
        blob_store_from_config("s3://AKIDEXAMPLE:wJalrXUtnFEMI@bucket/blobs")

    assert "wJalrXUtnFEMI" not in str(caught.value)
    assert "AKIDEXAMPLE" not in str(caught.value)
