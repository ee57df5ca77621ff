"""Blob stores to test: a folder under tmp_path, and a bucket on a real S3 server.

The S3 server is moto's, started in this process and listening on 127.0.0.1,
so boto3 talks real HTTP to it exactly as it would to MinIO or AWS.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kshare.server.blobstore import BlobStore, FilesystemBlobStore, S3BlobStore
from kshare.server.blobstore.filesystem import INCOMING

# Small enough that test blobs span several chunks and S3 parts.
CHUNK = 64 * 1024
PART = 5 * 1024 * 1024
ACCESS_KEY = "kshare-test-access"
SECRET_KEY = "kshare-test-secret"  # moto accepts any credentials
REGION = "us-east-1"


@dataclass
class StoreCase:
    """A store under test and a way to see what an upload left behind."""

    store: BlobStore
    leftovers: Callable[[], list[str]]


def _make_aws_environment_hermetic(mp: pytest.MonkeyPatch, scratch: Path) -> None:
    # Never read a developer's ~/.aws files, profiles or credentials, and never
    # wait for an instance metadata service that is not there.
    for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        mp.delenv(name, raising=False)
    mp.setenv("AWS_CONFIG_FILE", str(scratch / "no-aws-config"))
    mp.setenv("AWS_SHARED_CREDENTIALS_FILE", str(scratch / "no-aws-credentials"))
    mp.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture(autouse=True)
def _hermetic_aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _make_aws_environment_hermetic(monkeypatch, tmp_path)


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """The URL of an S3-compatible server on 127.0.0.1 (moto), for the whole session."""
    pytest.importorskip("boto3", reason="boto3 is not installed (pip install 'kshare[s3]')")
    moto_server = pytest.importorskip(
        "moto.server", reason="moto[server] is not installed (pip install 'kshare[dev]')"
    )
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture(scope="session")
def s3_client(s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A plain boto3 client for inspecting the bucket behind the store's back."""
    import boto3

    # Shared by the session because creating a client costs about 0.1 s; it
    # reads its configuration only now, so the environment is made hermetic
    # just for this moment.
    with pytest.MonkeyPatch.context() as mp:
        _make_aws_environment_hermetic(mp, tmp_path_factory.mktemp("aws"))
        session = boto3.session.Session(
            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY, region_name=REGION
        )
        return session.client("s3", endpoint_url=s3_endpoint)


@pytest.fixture
def bucket(s3_client: Any) -> str:
    """A fresh, empty bucket for one test."""
    name = f"kshare-test-{uuid.uuid4().hex[:16]}"
    s3_client.create_bucket(Bucket=name)
    return name


def make_s3_store(endpoint: str, bucket: str, **kwargs: Any) -> S3BlobStore:
    kwargs.setdefault("part_size", PART)
    kwargs.setdefault("read_chunk_size", CHUNK)
    return S3BlobStore(
        bucket,
        endpoint_url=endpoint,
        region=REGION,
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
        **kwargs,
    )


def s3_leftovers(client: Any, bucket: str) -> list[str]:
    """Unfinished multipart uploads and objects that are not blobs."""
    uploads = client.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    objects = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return [f"upload {u['Key']}" for u in uploads] + [
        o["Key"] for o in objects if not o["Key"].startswith("blobs/")
    ]


def fs_leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in (root / INCOMING).iterdir())


@pytest.fixture(params=["filesystem", "s3"])
def case(request: pytest.FixtureRequest, tmp_path: Path) -> StoreCase:
    """Each contract test runs once per implementation."""
    if request.param == "filesystem":
        root = tmp_path / "blobs"
        return StoreCase(FilesystemBlobStore(root, chunk_size=CHUNK), lambda: fs_leftovers(root))
    endpoint = request.getfixturevalue("s3_endpoint")
    client = request.getfixturevalue("s3_client")
    name = request.getfixturevalue("bucket")
    return StoreCase(make_s3_store(endpoint, name), lambda: s3_leftovers(client, name))
