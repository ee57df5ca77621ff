"""Backup and restore: the database and the files as one set, across backends."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from kshare.server.app import blob_store_for, create_app
from kshare.server.db import Database
from kshare.server.ops.backup import BackupError, backup, restore
from kshare.server.settings import Settings
from tests.unit.server.conftest import make_settings
from tests.unit.server.support import Api, Org, ThrowawayPostgres, postgres_reason

FILE = b"%PDF-1.4 runbook for the failover drill " + bytes(range(256)) * 64


def _fill(org: Org) -> dict[str, str]:
    sha = hashlib.sha256(FILE).hexdigest()
    assert org.api.put(f"/api/v1/blobs/{sha}", org.tokens["ana"], content=FILE).status_code == 200
    question = org.item(
        "ana", kind="question", title="Failover drill?", body="When?", audience={"groups": ["SRE"]}
    )
    answer = org.item("bob", kind="answer", parent_id=question["id"], body="Thursdays")
    org.item("bob", kind="comment", parent_id=answer["id"], body="and after upgrades")
    document = org.item(
        "ana",
        kind="document",
        title="Runbook",
        attachment={
            "sha256": sha,
            "size": len(FILE),
            "filename": "runbook.pdf",
            "media_type": "application/pdf",
        },
        audience={"org": True},
    )
    return {"sha": sha, "question": question["id"], "document": document["id"]}


def _store(org: Org) -> object:
    return org.app.state.services.blobs


def _served(api: Api, token: str) -> tuple[list[tuple[str, int]], str]:
    page = api.get("/api/v1/feed", token, params={"limit": 500}).json()
    items = sorted(
        (u["data"]["id"], u["data"]["version"]) for u in page["upserts"] if u["type"] == "item"
    )
    return items, json.dumps(sorted(u["data"]["id"] for u in page["upserts"]))


def _open(tmp: Path, url: str | None) -> tuple[Database, object, Settings]:
    settings = make_settings(tmp, url)
    return Database(settings.resolved_database_url), blob_store_for(settings), settings


@pytest.mark.parametrize("target", ["sqlite", "postgres"])
def test_a_backup_restores_to_the_same_server(
    org: Org, target: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    ids = _fill(org)
    before = _served(org.api, org.tokens["bob"])
    folder = tmp_path / "backup"
    summary = backup(org.app.state.services.db, _store(org), folder)  # type: ignore[arg-type]
    assert summary.blobs == 1 and summary.rows["items"] >= 4
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["rows"]["people"] == 5

    url = None
    if target == "postgres":
        if reason := postgres_reason():
            pytest.skip(reason)
        pg = ThrowawayPostgres()
        request.addfinalizer(pg.drop)
        url = pg.url
    db, store, settings = _open(tmp_path / "restored", url)
    try:
        restore(db, store, folder, max_blob_bytes=settings.max_blob_bytes)  # type: ignore[arg-type]
    finally:
        db.dispose()
    app = create_app(make_settings(tmp_path / "restored", url))
    api = Api(app)
    try:
        # The same people, with the same tokens, see the same things at the same versions.
        assert _served(api, org.tokens["bob"]) == before
        assert api.get(f"/api/v1/items/{ids['question']}", org.tokens["carol"]).status_code == 404
        blob = api.get(f"/api/v1/blobs/{ids['sha']}", org.tokens["carol"])
        assert blob.status_code == 200 and blob.content == FILE
        # New rows get fresh ids after the restored ones (sequences follow the data).
        assert org.item("bob", kind="post", title="after", body="x")  # the old server still works
        fresh = api.post(
            "/api/v1/items",
            org.tokens["bob"],
            json={"id": "after-restore", "kind": "post", "title": "t", "body": "b"},
        )
        assert fresh.status_code == 201, fresh.text
    finally:
        api.close()
        app.state.services.db.dispose()


def test_restore_checks_everything_before_writing(sqlite_org: Org, tmp_path: Path) -> None:
    ids = _fill(sqlite_org)
    folder = tmp_path / "backup"
    backup(sqlite_org.app.state.services.db, _store(sqlite_org), folder)  # type: ignore[arg-type]
    blob = folder / "blobs" / ids["sha"][:2] / ids["sha"]
    blob.write_bytes(blob.read_bytes()[:-1] + b"!")
    db, store, settings = _open(tmp_path / "restored", None)
    try:
        with pytest.raises(BackupError, match="damaged"):
            restore(db, store, folder, max_blob_bytes=settings.max_blob_bytes)  # type: ignore[arg-type]
        with db.write_engine.connect() as conn:
            assert "items" not in {
                r[0]
                for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
            }
    finally:
        db.dispose()


def test_restore_refuses_a_server_that_holds_data(sqlite_org: Org, tmp_path: Path) -> None:
    _fill(sqlite_org)
    folder = tmp_path / "backup"
    services = sqlite_org.app.state.services
    backup(services.db, _store(sqlite_org), folder)  # type: ignore[arg-type]
    with pytest.raises(BackupError, match="already holds data"):
        restore(services.db, _store(sqlite_org), folder, max_blob_bytes=10**8)  # type: ignore[arg-type]


def test_a_backup_missing_a_named_file_is_not_written(sqlite_org: Org, tmp_path: Path) -> None:
    ids = _fill(sqlite_org)
    _store(sqlite_org).delete(ids["sha"])  # type: ignore[attr-defined]
    folder = tmp_path / "backup"
    with pytest.raises(BackupError, match="missing from the blob store"):
        backup(sqlite_org.app.state.services.db, _store(sqlite_org), folder)  # type: ignore[arg-type]
    assert list(folder.iterdir()) == []


def test_backup_wants_a_new_folder_and_restore_a_backup(sqlite_org: Org, tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    with pytest.raises(BackupError, match="not empty"):
        backup(sqlite_org.app.state.services.db, _store(sqlite_org), tmp_path / "used")  # type: ignore[arg-type]
    db, store, _settings = _open(tmp_path / "restored", None)
    try:
        with pytest.raises(BackupError, match="no kshare backup"):
            restore(db, store, tmp_path / "used", max_blob_bytes=1)  # type: ignore[arg-type]
    finally:
        db.dispose()


def test_the_admin_command_backs_up_and_restores(
    sqlite_org: Org, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kshare.cli import main

    _fill(sqlite_org)
    folder = tmp_path / "nightly"
    assert main(["admin", "--data", str(sqlite_org.data_dir), "backup", str(folder)]) == 0
    assert "backed up" in capsys.readouterr().out
    assert main(["admin", "--data", str(tmp_path / "new"), "restore", str(folder)]) == 0
    assert "restored" in capsys.readouterr().out
    # A second restore into the same server is refused with the reason, exit status 1.
    assert main(["admin", "--data", str(tmp_path / "new"), "restore", str(folder)]) == 1
    assert "already holds data" in capsys.readouterr().err
