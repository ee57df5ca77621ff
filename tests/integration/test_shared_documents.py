"""A file shared with a group: uploaded through the outbox, downloaded and verified by members,
searchable by its text, and never on a non-member's disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kshare.client import writing
from kshare.client.services import UserFacingError, Workspace
from kshare.server.admin import AdminTools
from tests.support.disk import files_containing
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
WORD_IN_PDF = "Zanzibar"  # appears only inside sample.pdf's text


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
        opened[user] = workspace
    yield opened
    for workspace in opened.values():
        workspace.close()


def test_a_shared_pdf_reaches_members_verified_and_searchable_and_nobody_else(
    desktops: dict[str, Workspace], tmp_path: Path
) -> None:
    ana, bo, cy = desktops["ana"], desktops["bo"], desktops["cy"]
    copy = tmp_path / "handbook.pdf"
    shutil.copyfile(FIXTURES / "sample.pdf", copy)

    doc_id = ana.share_file(
        copy, title="Team handbook", tags=["onboarding"], audience=["group:SRE"]
    )
    assert ana.pending_count() == 2  # the bytes, then the document that refers to them
    assert ana.sync().status.state == "idle" and ana.pending_count() == 0

    bo.sync()
    cy.sync()
    local = bo.attachment_path(doc_id)  # downloaded on demand and hash-checked
    assert local is not None and local.read_bytes() == copy.read_bytes()
    assert local.name == "handbook.pdf"  # its own name: the desktop picks the PDF viewer
    bo.sync()  # the index picks up the text now that the file is here
    hits = bo.search(WORD_IN_PDF)
    assert [hit.id for hit in hits.hits] == [doc_id]

    assert cy.item(doc_id) is None
    assert cy.search(WORD_IN_PDF).total == 0
    assert files_containing(cy.paths.root, "Team handbook") == []
    assert not any(p.is_file() for p in cy.paths.blobs_dir.rglob("*"))

    # deleted by its author: bo's copy, the one named for opening too, leaves his disk
    ana.delete(doc_id)
    ana.sync()
    bo.sync()
    assert bo.item(doc_id) is None
    assert not any(p.is_file() for p in bo.paths.blobs_dir.rglob("*"))


def test_an_oversized_file_is_refused_before_anything_is_queued(
    desktops: dict[str, Workspace], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = desktops["ana"]
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr(writing, "MAX_UPLOAD_BYTES", 1024)
    with pytest.raises(UserFacingError, match=r"big\.bin"):
        ana.share_file(big)
    assert ana.pending_count() == 0


def test_a_missing_file_says_so(desktops: dict[str, Workspace], tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match=r"nothere\.pdf"):
        desktops["ana"].share_file(tmp_path / "nothere.pdf")


def test_eager_download_reports_bytes_with_their_total(
    desktops: dict[str, Workspace], tmp_path: Path
) -> None:
    ana, bo = desktops["ana"], desktops["bo"]
    bo.settings.set("blob_policy", "eager")
    copy = tmp_path / "guide.docx"
    shutil.copyfile(FIXTURES / "sample.docx", copy)
    doc_id = ana.share_file(copy, audience=["group:SRE"])
    ana.sync()

    seen: list[tuple[int, int | None]] = []
    bo.sync(progress=lambda status: seen.append((status.bytes_done, status.bytes_total)))

    size = copy.stat().st_size
    assert seen[-1] == (size, size)
    downloaded = [p for p in bo.paths.blobs_dir.rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in downloaded] == [copy.read_bytes()]  # fetched by the sync
    opened = bo.attachment_path(doc_id)  # a named copy of what the sync fetched
    assert opened is not None and opened.name == "guide.docx"
    assert opened.read_bytes() == downloaded[0].read_bytes()


def test_a_shared_file_takes_editors_and_a_window_and_a_refusal_queues_nothing(
    desktops: dict[str, Workspace], tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    ana, bo, cy = desktops["ana"], desktops["bo"], desktops["cy"]
    copy = tmp_path / "guide.docx"
    shutil.copyfile(FIXTURES / "sample.docx", copy)
    ana.sync()  # the groups and their members, as this computer knows them
    with pytest.raises(UserFacingError, match="Cy Park"):  # cy cannot see it: no editor either
        ana.share_file(copy, audience=["group:SRE"], editors=["person:cy"])
    assert ana.pending_count() == 0  # not even the upload
    until = datetime.now(UTC) + timedelta(hours=1)
    doc_id = ana.share_file(
        copy, audience=["group:SRE"], editors=["person:bo"], visible_until=until
    )
    assert ana.pending_count() == 2
    ana.sync()
    bo.sync()
    cy.sync()
    shared = bo.item(doc_id)
    assert shared is not None and shared.can_edit
    assert cy.item(doc_id) is None


def test_a_new_version_of_the_file_reaches_members(
    desktops: dict[str, Workspace], tmp_path: Path
) -> None:
    ana, bo = desktops["ana"], desktops["bo"]
    first = tmp_path / "guide.docx"
    shutil.copyfile(FIXTURES / "sample.docx", first)
    doc_id = ana.share_file(first, title="Guide", audience=["group:SRE"])
    ana.sync()
    bo.sync()
    opened = bo.attachment_path(doc_id)
    assert opened is not None and opened.read_bytes() == first.read_bytes()

    second = tmp_path / "guide-v2.pdf"
    shutil.copyfile(FIXTURES / "sample.pdf", second)
    with pytest.raises(UserFacingError, match="Only its author"):
        bo.replace_file(doc_id, second)  # a member, not an editor
    ana.replace_file(doc_id, second)
    assert ana.item(doc_id).attachment_name == "guide-v2.pdf"  # type: ignore[union-attr]
    assert ana.pending_count() == 2  # the new bytes, then the change that points at them
    assert ana.sync().status.state == "idle" and ana.pending_count() == 0
    bo.sync()
    shared = bo.item(doc_id)
    assert shared is not None and shared.attachment_name == "guide-v2.pdf"
    assert shared.summary.title == "Guide"  # the rest of the document as it was
    fresh = bo.attachment_path(doc_id)
    assert fresh is not None and fresh.name == "guide-v2.pdf"
    assert fresh.read_bytes() == second.read_bytes()
    bo.sync()  # the index reads the new version's text now that it is here
    assert [hit.id for hit in bo.search(WORD_IN_PDF).hits] == [doc_id]

    post = ana.publish(title="Not a document", body="x")
    with pytest.raises(UserFacingError, match="Only a shared document"):
        ana.replace_file(post, second)


def test_the_command_line_shares_a_new_version(
    desktops: dict[str, Workspace], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kshare.cli import main

    ana, bo = desktops["ana"], desktops["bo"]
    first = tmp_path / "notes.txt"
    first.write_text("first notes")
    doc_id = ana.share_file(first, audience=["group:SRE"])
    ana.sync()
    ana.close()  # the command opens the same profile
    profile = ["--profile", str(tmp_path / "ana")]
    second = tmp_path / "notes-v2.txt"
    second.write_text("second notes")
    assert main(["share", str(second), "--replaces", doc_id, "--title", "x", *profile]) == 2
    assert main(["share", str(second), "--replaces", doc_id, *profile]) == 0
    assert f"Replaced the file of {doc_id}" in capsys.readouterr().out
    bo.sync()
    fresh = bo.attachment_path(doc_id)
    assert fresh is not None and fresh.read_text() == "second notes"
