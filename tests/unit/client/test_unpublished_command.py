"""``kshare unpublished`` lists what the server did not take, and resolves it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kshare.cli import main
from kshare.client.services import Workspace
from kshare.client.store import outbox, repository
from tests.unit.client.factories import item


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """A profile with one edit that met someone else's newer version (a conflict)."""
    root = tmp_path / "profile"
    workspace = Workspace.open(root)
    try:
        with workspace.writer.begin() as conn:
            repository.upsert_items(conn, [item("item-0001", author_id="p-ana", can_edit=True)])
        workspace.writes.edit("item-0001", title="Failover, v2", body=None, tags=None)
        with workspace.writer.begin() as conn:
            [entry] = outbox.pending(conn)
            server = item("item-0001", author_id="p-ana", version=2, can_edit=True)
            outbox.mark_conflict(
                conn, entry.id, "changed on the server", server.model_dump(mode="json")
            )
    finally:
        workspace.close()
    return root


def test_list_keep_and_discard(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["unpublished", "--json", "--profile", str(profile)]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["state"] == "conflict" and row["item_id"] == "item-0001"
    assert row["text"] == "Failover, v2" and row["change"] == "edit"

    assert main(["--profile", str(profile), "unpublished"]) == 0
    assert f"{row['id']}. [conflict] edit of item-0001: Failover, v2" in capsys.readouterr().out

    assert main(["unpublished", "discard", "999", "--profile", str(profile)]) == 1
    assert "no change 999" in capsys.readouterr().err

    assert main(["unpublished", "keep-mine", str(row["id"]), "--profile", str(profile)]) == 0
    assert "sent at the next sync" in capsys.readouterr().out
    workspace = Workspace.open(profile)
    try:
        assert workspace.unpublished() == [] and workspace.pending_count() == 1
    finally:
        workspace.close()


def test_discarding_drops_the_change(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = Workspace.open(profile)
    [entry] = workspace.unpublished()
    workspace.close()
    assert main(["unpublished", "discard", str(entry.id), "--profile", str(profile)]) == 0
    assert main(["unpublished", "--profile", str(profile)]) == 0
    assert "Nothing needs your attention." in capsys.readouterr().out
