"""A document's file versions: kept by the server with who and when, synced to those who may
see the document, and downloadable by them alone; to anyone else they do not exist."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import httpx
import pytest

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"


@pytest.fixture
def desktops(server: ServerProcess, tmp_path: Path):  # type: ignore[no-untyped-def]
    with AdminTools(server.data_dir) as admin:
        admin.add_group("SRE", kind="team")
        admin.add_user("ana", "Ana Souza", PASSWORD, groups=["SRE"])
        admin.add_user("bo", "Bo Lindqvist", PASSWORD, groups=["SRE"])
        admin.add_user("cy", "Cy Park", PASSWORD)
    opened = {}
    for user in ("ana", "bo", "cy"):
        workspace = Workspace.open(tmp_path / user)
        workspace.login(server.url, user, PASSWORD)
        workspace.sync()
        opened[user] = workspace
    yield opened
    for workspace in opened.values():
        workspace.close()


def _get(server: ServerProcess, user: str, path: str) -> httpx.Response:
    with AdminTools(server.data_dir) as admin:
        token = admin.issue_token(user)
    return httpx.get(
        f"{server.url}/api/v1{path}", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def test_versions_reach_members_with_who_and_when_and_stay_unknown_to_outsiders(
    desktops: dict[str, Workspace], server: ServerProcess, tmp_path: Path
) -> None:
    ana, bo, cy = desktops["ana"], desktops["bo"], desktops["cy"]
    first = tmp_path / "runbook.md"
    shutil.copyfile(FIXTURES / "sample.md", first)
    doc_id = ana.share_file(first, title="Runbook", audience=["group:SRE"])
    ana.sync()
    second = tmp_path / "second" / "runbook.md"
    second.parent.mkdir()
    second.write_text(first.read_text(encoding="utf-8") + "\n\nRevised: call the pager first.\n")
    ana.replace_file(doc_id, second)
    assert ana.sync().status.state == "idle" and ana.pending_count() == 0

    bo.sync()
    document = bo.documents.document(doc_id)
    assert document is not None
    assert [v.number for v in document.versions] == [2, 1]  # newest first
    assert [v.uploader_name for v in document.versions] == ["Ana Souza", "Ana Souza"]
    assert all(v.created_at is not None for v in document.versions)
    assert document.versions[0].current and not document.versions[1].current
    assert not document.downloaded  # nothing fetched until asked for

    older = bo.documents.version_path(doc_id, 1)
    assert older.read_bytes() == first.read_bytes()
    assert bo.documents.version_path(doc_id).read_bytes() == second.read_bytes()
    saved = bo.documents.save_as(doc_id, tmp_path / "saved" / "old-runbook.md", 1)
    assert saved.read_bytes() == first.read_bytes()

    # Over the wire: a member lists both versions and fetches the older one's bytes.
    listed = _get(server, "bo", f"/items/{doc_id}/versions")
    assert listed.status_code == 200
    assert [v["number"] for v in listed.json()] == [1, 2]
    old_sha = hashlib.sha256(first.read_bytes()).hexdigest()
    assert listed.json()[0]["sha256"] == old_sha
    assert _get(server, "bo", f"/blobs/{old_sha}").content == first.read_bytes()

    # An outsider gets exactly the answer of things that do not exist.
    cy.sync()
    assert cy.documents.document(doc_id) is None
    hidden = _get(server, "cy", f"/items/{doc_id}/versions")
    absent = _get(server, "cy", "/items/no-such-item/versions")
    assert hidden.status_code == absent.status_code == 404
    assert hidden.json() == absent.json()
    hidden_blob = _get(server, "cy", f"/blobs/{old_sha}")
    absent_blob = _get(server, "cy", f"/blobs/{'0' * 64}")
    assert hidden_blob.status_code == absent_blob.status_code == 404
    assert hidden_blob.json() == absent_blob.json()
    feed = _get(server, "cy", "/feed")
    assert old_sha not in feed.text


def test_a_member_who_leaves_loses_the_older_versions_too(
    desktops: dict[str, Workspace], server: ServerProcess, tmp_path: Path
) -> None:
    ana, bo = desktops["ana"], desktops["bo"]
    first = tmp_path / "notes.txt"
    first.write_text("Zanzibar notes, first draft.\n", encoding="utf-8")
    doc_id = ana.share_file(first, title="Notes", audience=["group:SRE"])
    ana.sync()
    second = tmp_path / "v2" / "notes.txt"
    second.parent.mkdir()
    second.write_text("Zanzibar notes, second draft.\n", encoding="utf-8")
    ana.replace_file(doc_id, second)
    ana.sync()
    old_sha = hashlib.sha256(first.read_bytes()).hexdigest()
    assert _get(server, "bo", f"/blobs/{old_sha}").status_code == 200

    with AdminTools(server.data_dir) as admin:
        admin.remove_member("SRE", "bo")
    assert _get(server, "bo", f"/items/{doc_id}/versions").status_code == 404
    assert _get(server, "bo", f"/blobs/{old_sha}").status_code == 404
    bo.sync()
    assert bo.documents.document(doc_id) is None
