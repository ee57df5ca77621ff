"""IT's directory commands: rename groups, name owners, grant admin, feed a SIEM."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from kshare.cli import main
from kshare.server.admin import AdminError
from kshare.server.ops import directory
from tests.unit.server.support import Org


def _group_as_seen_by(org: Org, who: str, group_id: str) -> dict[str, object]:
    for upsert in org.feed_all(who)["upserts"]:
        if upsert["type"] == "group" and upsert["data"]["id"] == group_id:
            return upsert["data"]  # type: ignore[no-any-return]
    raise AssertionError(f"{who} does not see the group")


def test_a_renamed_group_reaches_its_members(org: Org) -> None:
    before = org.feed_all("bob")["cursor"]
    directory.rename_group(org.admin, "SRE", "Site Reliability")
    changed = org.feed_all("bob", since=before)["upserts"]
    assert [u["data"]["name"] for u in changed if u["type"] == "group"] == ["Site Reliability"]
    with pytest.raises(AdminError, match="already exists"):
        directory.rename_group(org.admin, "Finance", "site reliability")
    assert any(e["action"] == "group_renamed" for e in org.admin.audit_log())


def test_owners_are_named_and_the_last_one_is_kept(org: Org) -> None:
    directory.set_owner(org.admin, "Finance", "bob")
    finance = _group_as_seen_by(org, "bob", org.groups["finance"])
    assert org.ids["bob"] in finance["owner_ids"]  # type: ignore[operator]
    requests = org.api.get(f"/api/v1/groups/{org.groups['finance']}/requests", org.tokens["bob"])
    assert requests.status_code == 200  # an owner may answer join requests
    with pytest.raises(AdminError, match="only owner"):
        directory.set_owner(org.admin, "Finance", "bob", owner=False)
    directory.set_owner(org.admin, "Finance", "carol")
    directory.set_owner(org.admin, "Finance", "bob", owner=False)
    finance = _group_as_seen_by(org, "carol", org.groups["finance"])
    assert finance["owner_ids"] == [org.ids["carol"]]
    assert org.ids["bob"] in finance["member_ids"]  # type: ignore[operator]


def test_admin_role_is_granted_and_taken(sqlite_org: Org) -> None:
    directory.set_admin(sqlite_org.admin, "carol", is_admin=True)
    assert [u["is_admin"] for u in sqlite_org.admin.list_users() if u["username"] == "carol"] == [
        True
    ]
    directory.set_admin(sqlite_org.admin, "carol", is_admin=False)
    roles = [
        e["detail"]["is_admin"]
        for e in sqlite_org.admin.audit_log()
        if e["action"] == "role_changed"
    ]
    assert roles == [True, False]


def test_the_audit_feed_sends_each_entry_once(sqlite_org: Org, tmp_path: Path) -> None:
    out, state = tmp_path / "audit.jsonl", tmp_path / "audit.state"
    data = str(sqlite_org.data_dir)
    args = ["admin", "--data", data, "export-audit", "--output", str(out), "--state", str(state)]
    assert main(args) == 0
    first = [json.loads(line) for line in out.read_text().splitlines()]
    assert first and all({"at", "action", "actor_id", "target"} <= set(e) for e in first)
    assert main(["admin", "--data", data, "rename-group", "SRE", "SRE Team"]) == 0
    assert main(args) == 0
    every = [json.loads(line) for line in out.read_text().splitlines()]
    assert [e["id"] for e in every] == sorted({e["id"] for e in every})  # none twice
    assert every[-1]["action"] == "group_renamed"
    assert len(every) == len(first) + 1


def test_the_audit_feed_reaches_a_syslog_collector(sqlite_org: Org, tmp_path: Path) -> None:
    collector = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    collector.bind(("127.0.0.1", 0))
    collector.settimeout(5)
    port = collector.getsockname()[1]
    try:
        export = directory.AuditExport(sqlite_org.admin, tmp_path / "state")
        sent = export.to_syslog(f"127.0.0.1:{port}")
        received = [collector.recv(65536).decode() for _ in range(sent)]
    finally:
        collector.close()
    assert sent == len(sqlite_org.admin.audit_log())
    assert all(line.startswith("<") and "kshare: {" in line for line in received)
    assert any('"action": "user_created"' in line for line in received)


def test_deleting_a_group_revokes_what_it_gave(org: Org) -> None:
    only_sre = org.item(
        "ana", kind="post", title="SRE only", body="x", audience={"groups": ["SRE"]}
    )
    shared = org.item(
        "ana",
        kind="post",
        title="SRE and carol",
        body="y",
        audience={"groups": ["SRE"], "people": ["carol"]},
    )
    before = org.feed_all("bob")
    assert {only_sre["id"], shared["id"]} <= {
        u["data"]["id"] for u in before["upserts"] if u["type"] == "item"
    }
    assert directory.delete_group(org.admin, "SRE") == 2
    after = org.feed_all("bob", since=before["cursor"])
    seen_again = org.feed_all("bob")
    items = {u["data"]["id"] for u in seen_again["upserts"] if u["type"] == "item"}
    assert only_sre["id"] not in items and shared["id"] not in items
    assert after["reconcile"] or {r["id"] for r in after["removals"]} >= {only_sre["id"]}
    groups = {u["data"]["name"] for u in seen_again["upserts"] if u["type"] == "group"}
    assert "SRE" not in groups
    # The author and the named person keep what was also theirs.
    assert org.api.get(f"/api/v1/items/{shared['id']}", org.tokens["carol"]).status_code == 200
    assert org.api.get(f"/api/v1/items/{only_sre['id']}", org.tokens["ana"]).status_code == 200
    assert org.api.get(f"/api/v1/items/{only_sre['id']}", org.tokens["bob"]).status_code == 404
    [entry] = [e for e in org.admin.audit_log() if e["action"] == "group_deleted"]
    assert entry["detail"]["members"] == 3 and entry["detail"]["items"] == 2
