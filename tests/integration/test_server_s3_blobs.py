"""``kshare serve --blob-store s3://...``: shared files live in an S3-compatible store.

The store is a real S3-compatible server (moto) on 127.0.0.1; the kshare server
is a real process; the files travel from one desktop to another through both.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[tuple[str, Any]]:
    boto3 = pytest.importorskip("boto3", reason="boto3 is not installed (kshare[s3])")
    moto_server = pytest.importorskip("moto.server", reason="moto[server] is not installed")
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket="kshare-files")
    try:
        yield endpoint, client
    finally:
        server.stop()


def test_files_shared_through_a_server_on_s3_reach_a_colleague_intact(
    s3: tuple[str, Any], tmp_path: Path
) -> None:
    endpoint, client = s3
    url = f"s3://kshare-files/team?endpoint_url={endpoint}&region=us-east-1"
    server = ServerProcess(
        tmp_path / "server", extra_args=["--blob-store", url, "--max-upload-mb", "1"]
    ).start()
    ana = bo = None
    try:
        with AdminTools(server.data_dir) as admin:
            admin.add_user("ana", "Ana Souza", PASSWORD)
            admin.add_user("bo", "Bo Lindqvist", PASSWORD)
        ana = Workspace.open(tmp_path / "ana")
        ana.login(server.url, "ana", PASSWORD)
        bo = Workspace.open(tmp_path / "bo")
        bo.login(server.url, "bo", PASSWORD)

        handbook = tmp_path / "handbook.pdf"
        shutil.copyfile(FIXTURES / "sample.pdf", handbook)
        doc_id = ana.share_file(handbook, audience=["org"])
        ana.sync()
        keys = [o["Key"] for o in client.list_objects_v2(Bucket="kshare-files")["Contents"]]
        assert len(keys) == 1 and keys[0].startswith("team/")  # the bytes went to S3

        bo.sync()
        fetched = bo.attachment_path(doc_id)
        assert fetched is not None and fetched.read_bytes() == handbook.read_bytes()

        too_big = tmp_path / "too-big.bin"
        too_big.write_bytes(b"\0" * (1024 * 1024 + 1))
        ana.share_file(too_big, audience=["org"])  # the desktop allows it; this server does not
        report = ana.sync()
        refused = [entry for entry in ana.unpublished() if entry.operation == "upload_blob"]
        assert refused and report.status.state != "syncing"
        assert len(client.list_objects_v2(Bucket="kshare-files")["Contents"]) == 1
    finally:
        for workspace in (ana, bo):
            if workspace is not None:
                workspace.close()
        server.stop()
