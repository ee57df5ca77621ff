"""A managed policy may say company content must not outlive N days without a sync."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kshare.client.services import Workspace
from kshare.client.settings import POLICY_ENV
from kshare.client.store import repository
from kshare.server.admin import AdminTools
from tests.support.disk import files_containing
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"
SECRET = "xylocarp roadmap"  # a colleague's words, on this disk only while allowed


def test_content_leaves_the_disk_after_the_allowed_days_but_unsent_writes_stay(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(
        json.dumps(
            {"values": {"wipe_after_offline_days": 7}, "locked": ["wipe_after_offline_days"]}
        )
    )
    monkeypatch.setenv(POLICY_ENV, str(policy))
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
        admin.add_user("bo", "Bo Lindqvist", PASSWORD)
    colleague = Workspace.open(tmp_path / "ana")
    colleague.login(server.url, "ana", PASSWORD)
    colleague.publish(title="Plans", body=f"The {SECRET} for next year.", audience=["org"])
    colleague.sync()
    colleague.close()

    bo = Workspace.open(tmp_path / "bo")
    bo.login(server.url, "bo", PASSWORD)
    bo.sync()
    assert files_containing(bo.paths.root, SECRET)  # it is here while allowed
    server.stop()
    bo.publish(title="Written on the plane", body="My own notes", audience=["org"])
    with bo.writer.begin() as conn:  # the last successful sync was eight days ago
        old = datetime.now(UTC) - timedelta(days=8)
        repository.set_state(conn, "last_success", old.isoformat())
    bo.close()

    bo = Workspace.open(tmp_path / "bo")  # opening enforces the policy
    try:
        assert "policy removed" in bo.status().message
        assert files_containing(bo.paths.root, SECRET) == []
        assert bo.pending_count() == 1 and bo.account is not None
        with pytest.raises(PermissionError):
            bo.settings.set("wipe_after_offline_days", 0)

        server.start()
        assert bo.sync().status.state == "idle"
        titles = {s.title for s in bo.feed_page(0, 10)}
        assert titles == {"Plans", "Written on the plane"}  # content back, own post delivered
        assert bo.pending_count() == 0
    finally:
        bo.close()
