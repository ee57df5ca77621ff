"""Bulk import of groups and people from CSV, and the audit feed followed for a SIEM."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from kshare.cli import main
from kshare.clock import ManualClock
from kshare.server.admin import AdminError
from kshare.server.ops import directory, people_csv
from tests.unit.server.support import Org

GROUPS = """name,kind,visibility,description,owners
Platform,team,closed,Runs the platform,carol
Data Guild,community,open,,
"""
PEOPLE = """username,display_name,title,department,manager,groups,owner_of,admin
gina,Gina Ops,SRE,Platform,carol,Platform;SRE,,false
hugo,Hugo Data,,Data,gina,Data Guild,Data Guild,
carol,Carol Outsider,Controller,Finance,,Platform,,
"""


def _run(org: Org, *args: str) -> int:
    url = ["--database-url", org.database_url] if org.database_url else []
    return main(["admin", "--data", str(org.data_dir), *url, *args])


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_groups_then_people_are_imported_once_and_again_change_nothing(
    org: Org, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    groups, people = _write(tmp_path, "g.csv", GROUPS), _write(tmp_path, "p.csv", PEOPLE)

    assert _run(org, "import-csv", "groups", str(groups)) == 0
    assert _run(org, "import-csv", "people", str(people)) == 0
    out = capsys.readouterr().out
    assert "groups: 2 created, 0 updated, 0 unchanged" in out
    assert "people: 2 created, 1 updated, 0 unchanged" in out
    assert "line 4: user carol: changed (title, department)" in out  # already owner

    assert _run(org, "import-csv", "groups", str(groups)) == 0
    assert _run(org, "import-csv", "people", str(people)) == 0
    again = capsys.readouterr().out
    assert "groups: 0 created, 0 updated, 2 unchanged" in again
    assert "people: 0 created, 0 updated, 3 unchanged" in again

    users = {u["username"]: u for u in org.admin.list_users()}
    assert {"gina", "hugo"} <= set(users)
    gina = org.admin.issue_token("gina")
    feed = org.api.get("/api/v1/feed", gina, params={"limit": 500}).json()
    seen = {u["data"]["name"]: u["data"] for u in feed["upserts"] if u["type"] == "group"}
    assert users["gina"]["id"] in seen["Platform"]["member_ids"]
    assert users["carol"]["id"] in seen["Platform"]["owner_ids"]  # an owner stays one
    hugo = org.api.get(
        f"/api/v1/groups/{seen['Data Guild']['id']}/requests", org.admin.issue_token("hugo")
    )
    assert hugo.status_code == 200  # owner of Data Guild
    # imported people have no password: sign-in fails until one is set or SSO is used
    login = org.api.post("/api/v1/auth/login", json={"username": "gina", "password": ""})
    assert login.status_code in (401, 422)

    entries = org.admin.audit_log()
    imports = [e for e in entries if e["action"] == "csv_imported"]
    assert [e["detail"]["kind"] for e in imports] == ["groups", "people"] * 2
    assert [e["detail"]["created"] for e in imports] == [2, 2, 0, 0]
    assert all(e["detail"]["by"].startswith("admin-cli:") for e in imports)
    created = [e for e in entries if e["action"] == "user_created" and e["detail"].get("source")]
    assert len(created) == 2 and all(e["detail"]["by"] for e in created)


def test_a_dry_run_reports_and_changes_nothing(
    sqlite_org: Org, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sqlite_org.admin.list_users()
    audited = len(sqlite_org.admin.audit_log())
    path = _write(tmp_path, "g.csv", GROUPS)

    assert _run(sqlite_org, "import-csv", "groups", str(path), "--dry-run") == 0

    out = capsys.readouterr().out
    assert "line 2: group Platform: would change (created, owner carol)" in out
    assert "groups: 2 would be created" in out and "dry run: nothing changed" in out
    assert sqlite_org.admin.list_users() == before
    assert len(sqlite_org.admin.audit_log()) == audited
    assert "Platform" not in {g["name"] for g in sqlite_org.admin.list_groups()}


def test_every_bad_line_is_named_and_nothing_is_imported(
    sqlite_org: Org, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        "p.csv",
        "username,groups,admin\n"
        "ok1,SRE,\n"
        "bad user,,\n"
        "ok1,,\n"
        "flag,,maybe\n"
        "extra,SRE,false,surplus\n"
        ",,\n",
    )
    assert _run(sqlite_org, "import-csv", "people", str(path)) == 1
    err = capsys.readouterr().err
    for expected in (
        "p.csv: line 3: username 'bad user' must be 1-150 characters without spaces",
        "p.csv: line 4: 'ok1' is already on line 2",
        "p.csv: line 5: admin must be true or false, not 'maybe'",
        "p.csv: line 6: more cells than the header has columns",
        "p.csv: line 7: username is empty",
        "p.csv: nothing imported (5 errors)",
    ):
        assert expected in err, err
    assert "ok1" not in {u["username"] for u in sqlite_org.admin.list_users()}

    unknown = _write(tmp_path, "u.csv", "username,groups\nzed,No Such Team\n")
    assert _run(sqlite_org, "import-csv", "people", str(unknown)) == 1
    assert "line 2: no such group 'No Such Team' (groups)" in capsys.readouterr().err
    assert "zed" not in {u["username"] for u in sqlite_org.admin.list_users()}

    header = _write(tmp_path, "h.csv", "login,groups\nzed,SRE\n")
    assert _run(sqlite_org, "import-csv", "people", str(header)) == 1
    assert "line 1: the header must name a 'username' column" in capsys.readouterr().err


def test_a_file_past_the_bounds_is_refused(
    sqlite_org: Org, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "username\n" + "".join(f"user{n}\n" for n in range(50))
    path = _write(tmp_path, "many.csv", rows)
    monkeypatch.setattr(people_csv, "MAX_ROWS", 20)
    report = people_csv.import_csv(sqlite_org.admin, "people", path)
    assert report.errors == ["line 22: more than 20 rows; split the file"]
    monkeypatch.setattr(people_csv, "MAX_FILE_BYTES", 100)
    with pytest.raises(AdminError, match="the limit is 100"):
        people_csv.import_csv(sqlite_org.admin, "people", path)
    long = _write(tmp_path, "long.csv", "username,title\nann," + "x" * 1001 + "\n")
    monkeypatch.setattr(people_csv, "MAX_FILE_BYTES", 10_000)
    report = people_csv.import_csv(sqlite_org.admin, "people", long)
    assert report.errors == ["line 2: title is longer than 1000 characters"]


class ActingClock(ManualClock):
    """Each wait of the following export is a moment in which the admin does something."""

    def __init__(self, org: Org, stop: threading.Event) -> None:
        super().__init__()
        self.org, self.stop, self.waits = org, stop, 0

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        self.waits += 1
        if self.waits == 1:
            directory.rename_group(self.org.admin, "SRE", "Reliability")
        else:
            self.stop.set()


def test_following_the_audit_feed_sends_new_entries_with_their_actor(
    sqlite_org: Org, tmp_path: Path
) -> None:
    out, state = tmp_path / "audit.jsonl", tmp_path / "state"
    stop = threading.Event()
    clock = ActingClock(sqlite_org, stop)
    export = directory.AuditExport(sqlite_org.admin, state)

    sent = export.follow(out, None, 5.0, stop, clock)

    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert sent == len(lines) and clock.waits == 2
    renamed = [e for e in lines if e["action"] == "group_renamed"]
    assert len(renamed) == 1 and renamed[0]["actor"].startswith("admin-cli:")
    assert all(e["actor"] for e in lines)
    assert [e["id"] for e in lines] == sorted({e["id"] for e in lines})
