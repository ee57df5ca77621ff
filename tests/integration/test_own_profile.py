"""One's own profile, changed with `kshare profile`, reaches colleagues; offline it waits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kshare.cli import main
from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"


def test_kshare_profile_changes_title_location_skills_and_topics_for_everyone(
    server: ServerProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
        admin.add_user("bo", "Bo Lindqvist", PASSWORD)
    desktops = {}
    for user in ("ana", "bo"):
        workspace = Workspace.open(tmp_path / user)
        workspace.login(server.url, user, PASSWORD)
        workspace.sync()
        desktops[user] = workspace
    ana_profile = ["--profile", str(tmp_path / "ana")]
    desktops["ana"].close()

    code = main(
        [
            "profile",
            "--title",
            "Staff engineer",
            "--location",
            "Lisbon",
            "--skill",
            "PostgreSQL",
            "--skill",
            "postgresql",  # the same skill twice: kept once
            "--skill",
            "Kubernetes",
            "--ask-me-about",
            "on-call rotations",
            *ana_profile,
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Title: Staff engineer" in out and "Skills: PostgreSQL, Kubernetes" in out
    assert "Saved." in out

    assert main(["profile", "--json", *ana_profile]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["location"] == "Lisbon" and shown["ask_me_about"] == ["on-call rotations"]

    bo = desktops["bo"]
    bo.sync()
    seen = bo.expertise_profile(shown["person_id"])
    assert seen is not None
    assert seen.title == "Staff engineer"
    assert list(seen.skills) == ["PostgreSQL", "Kubernetes"]
    assert list(seen.ask_me_about) == ["on-call rotations"]

    # Offline the change is kept and says so; it is sent once the server is back.
    server.stop()
    assert main(["profile", "--title", "Principal engineer", "--json", *ana_profile]) == 0
    waiting = json.loads(capsys.readouterr().out)
    assert waiting["title"] == "Principal engineer" and waiting["sent"] is False
    bo.close()
