"""``kshare expertise``: a profile from the command line, and one's own choices about it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kshare.cli import main
from kshare.client.services import Workspace

from .test_expertise_profile import content, open_profile, people


def synced(root: Path, user: str | None = "alice", **choices: Any) -> Path:
    rows = [p.model_copy(update=choices.get(p.id, {})) for p in people()] + list(content())
    open_profile(root, rows, user).close()
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["expertise", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_my_profile_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = synced(
        tmp_path / "p",
        alice={"expertise_confirmed": ["Kubernetes"], "expertise_hidden": ["ceramics"]},
    )
    code, out, err = run(capsys, "--profile", str(profile))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:2] == ["Alice Berg (you)", "DBA · Platform"]
    assert lines[2].startswith("Ask about: ") and "Kubernetes" in lines[2]
    assert any(line.split()[:3] == ["Kubernetes", "1.00", "(confirmed)"] for line in lines)
    assert any(line.split()[0] == "postgresql" for line in lines if line.startswith("  "))
    assert "Hidden topics (only you see these): ceramics" in lines
    assert "Similar people:" in lines and "  Bob Costa" in lines
    assert "opted out" not in out


def test_someone_elses_profile_by_user_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = synced(tmp_path / "p", dan={"expert_opt_out": True, "expertise_hidden": ["x"]})
    code, out, _ = run(capsys, "BOB", "--profile", str(profile))
    assert code == 0
    assert out.startswith("Bob Costa\n")
    assert "  Go — endorsed by 2 colleagues" in out
    assert "  Postgres — endorsed by 1 colleague" in out
    code, out, _ = run(capsys, "dan", "--profile", str(profile))
    assert "Not listed as an expert (opted out)" in out
    assert "Topics" not in out and "Hidden" not in out and "Similar" not in out
    assert "  Python — endorsed by 1 colleague" in out


def test_json_is_the_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = synced(tmp_path / "p")
    code, out, _ = run(capsys, "bob", "--json", "--profile", str(profile))
    assert code == 0
    data = json.loads(out)
    assert data["person_id"] == "bob" and data["is_me"] is False
    assert data["endorsements"] == [["Go", 2], ["Postgres", 1]]
    assert data["topics"] == []  # Bob's one answer makes no topic of his
    code, out, _ = run(capsys, "--json", "--profile", str(profile))
    assert {"name", "strength", "state"} <= set(json.loads(out)["topics"][0])


def test_changes_apply_at_once_and_wait_for_the_next_sync(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = synced(tmp_path / "p")
    code, out, err = run(
        capsys, "--hide", "postgresql", "--confirm", "Kubernetes", "--profile", str(profile)
    )
    assert code == 0, err
    assert out.startswith("Queued your expertise changes (confirm Kubernetes; hide postgresql)")
    assert "next sync" in out
    code, out, _ = run(capsys, "--json", "--profile", str(profile))
    data = json.loads(out)
    assert data["hidden"] == ["postgresql"]
    assert ["Kubernetes", "confirmed"] in [[t["name"], t["state"]] for t in data["topics"]]
    code, out, err = run(capsys, "--opt-out", "--json", "--profile", str(profile))
    assert code == 0 and json.loads(out)["opt_out"] is True and "next sync" in err
    code, out, _ = run(capsys, "--opt-out", "--profile", str(profile))
    assert out.startswith("Nothing to change")
    workspace = Workspace.open(profile)
    try:
        assert workspace.pending_count() == 2
    finally:
        workspace.close()


def test_mistakes_are_said_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = synced(tmp_path / "p")
    code, out, err = run(capsys, "bob", "--hide", "go", "--profile", str(profile))
    assert (code, out) == (2, "") and "own" in err and "PERSON" in err
    code, out, err = run(capsys, "nobody", "--profile", str(profile))
    assert code == 1 and out == "" and "nobody" in err
    code, out, err = run(capsys, "--hide", "a", "--unhide", "A", "--profile", str(profile))
    assert code == 1 and "both" in err
    with pytest.raises(SystemExit):
        main(["expertise", "--opt-out", "--opt-in", "--profile", str(profile)])
    signed_out = synced(tmp_path / "out", user=None)
    code, _, err = run(capsys, "--hide", "go", "--profile", str(signed_out))
    assert code == 1 and "sign in" in err
    code, out, _ = run(capsys, "bob", "--profile", str(signed_out))
    assert code == 0 and out.startswith("Bob Costa")
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "--profile", str(empty))
    assert code == 1 and "kshare sync" in err
