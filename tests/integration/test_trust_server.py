"""Against a real server process: a file's hash is no key to it, and hidden topics stay home."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import httpx

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

CONTRACT = b"SALARY-BANDS-2027 " + bytes(range(256)) * 16
SHA = hashlib.sha256(CONTRACT).hexdigest()
NEVER_STORED = hashlib.sha256(b"no such file anywhere").hexdigest()
MARKER = "Walrus-Marker-91c4"


def _client(server: ServerProcess, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def _attach(client: httpx.Client, sha: str) -> httpx.Response:
    return client.post(
        "/api/v1/items",
        json={
            "id": str(uuid.uuid4()),
            "kind": "document",
            "title": "bands.pdf",
            "attachment": {"sha256": sha, "size": len(CONTRACT)},
            "audience": {"private": True},
        },
    )


def test_a_hash_alone_neither_fetches_nor_reveals_a_file(
    server: ServerProcess, people: dict[str, Workspace], tmp_path: Path
) -> None:
    with AdminTools(server.data_dir) as admin:
        ana_token, cy_token = admin.issue_token("ana"), admin.issue_token("cy")
    with _client(server, ana_token) as ana, _client(server, cy_token) as cy:
        assert ana.put(f"/api/v1/blobs/{SHA}", content=CONTRACT).status_code == 200
        assert _attach(ana, SHA).status_code == 201  # her own, private
        stolen, unknown = _attach(cy, SHA), _attach(cy, NEVER_STORED)
        assert stolen.status_code == unknown.status_code == 422
        assert stolen.json() == unknown.json()
        for headers in ({}, {"Range": "bytes=0-17"}, {"Range": "bytes=-4"}):
            got = cy.get(f"/api/v1/blobs/{SHA}", headers=headers)
            missing = cy.get(f"/api/v1/blobs/{NEVER_STORED}", headers=headers)
            assert got.status_code == missing.status_code == 404
            assert got.json() == missing.json() and b"SALARY" not in got.content
        head, head_missing = (
            cy.head(f"/api/v1/blobs/{SHA}"),
            cy.head(f"/api/v1/blobs/{NEVER_STORED}"),
        )
        assert head.status_code == head_missing.status_code
        # The owner still gets her file, so the refusals above are not a broken route.
        assert ana.get(f"/api/v1/blobs/{SHA}").content == CONTRACT
    people["cy"].sync()
    assert _files_holding(tmp_path / "cy", b"SALARY-BANDS") == []


def _files_holding(folder: Path, needle: bytes) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and needle.lower() in path.read_bytes().lower():
            found.append(path)
    return found


def test_a_hidden_topic_never_reaches_a_colleagues_disk(
    server: ServerProcess, people: dict[str, Workspace], tmp_path: Path
) -> None:
    ana, bo = people["ana"], people["bo"]
    ana.publish(title="Walrus marker field notes", body="Counting walrus markers.", tags=["walrus"])
    ana.update_expertise(hide=[MARKER])
    assert ana.sync().status.state == "idle"
    bo.sync()
    ana.sync()
    leaked = _files_holding(tmp_path / "bo", MARKER.encode())
    assert leaked == [], f"ana's hidden topic reached bo's disk: {leaked}"
    # The positive control: her own desktop does hold it, so the search can find it.
    assert _files_holding(tmp_path / "ana", MARKER.encode())
    profile = bo.expertise_profile(ana.account.user_id if ana.account else "")
    assert profile is not None and profile.hidden == ()
