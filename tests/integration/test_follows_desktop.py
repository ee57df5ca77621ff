"""Follows and the inbox against the real server: offline through the outbox, synced to a
second desktop, private to the follower, and from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kshare.cli import main
from kshare.client.groups import find_group
from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.integration.conftest import PASSWORD
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration


def _idle(workspace: Workspace) -> None:
    report = workspace.sync()
    assert report.status.state == "idle", report.status.message


def test_a_follow_reaches_the_followers_other_desktop_and_no_one_else(
    people: dict[str, Workspace], server: ServerProcess, tmp_path: Path
) -> None:
    ana, bo, cy = people["ana"], people["bo"], people["cy"]
    ana.notifications.follow("person", "bo")
    ana.notifications.follow("tag", "Kafka")
    # Before the push, the follow already shows (the outbox holds it).
    assert {f.target for f in ana.notifications.following()} == {bo.account.user_id, "kafka"}  # type: ignore[union-attr]
    _idle(ana)
    laptop = Workspace.open(tmp_path / "ana-laptop")
    try:
        laptop.login(server.url, "ana", PASSWORD)
        _idle(laptop)
        assert {(f.kind, f.label) for f in laptop.notifications.following()} == {
            ("person", "Bo Lindqvist (@bo)"),
            ("tag", "#kafka"),
        }
        assert laptop.notifications.inbox() == [] and ana.notifications.inbox() == []
        bo.publish(title="Consumer lag dashboards", body="Here they are")
        _idle(bo)
        _idle(ana)
        _idle(laptop)
        assert [e.kind for e in ana.notifications.inbox(unread_only=True)] == ["followed"]
        # Read on the laptop: read on the other desktop after its next sync.
        laptop.notifications.mark_all_read()
        _idle(laptop)
        _idle(ana)
        assert ana.notifications.inbox(unread_only=True) == []
        assert len(ana.notifications.inbox()) == 1
        laptop.notifications.unfollow("tag", "kafka")
        _idle(laptop)
    finally:
        laptop.close()
    _idle(ana)
    assert [f.kind for f in ana.notifications.following()] == ["person"]
    _idle(cy)
    assert cy.notifications.following() == []


def test_new_posts_by_someone_followed_arrive_in_the_inbox_and_on_the_command_line(
    people: dict[str, Workspace],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ana, bo = people["ana"], people["bo"]
    ana.close()  # the commands open the profile themselves
    profile = ["--profile", str(tmp_path / "ana")]
    assert main(["follow", "person", "@bo", *profile]) == 0
    assert capsys.readouterr().out == "Following person @bo (sent at the next sync)\n"
    assert main(["follow", "group", "No such group", *profile]) == 1
    assert "No group called “No such group”" in capsys.readouterr().err
    assert main(["sync", *profile]) == 0
    assert "1 sent" in capsys.readouterr().out
    assert main(["inbox", "--unread", *profile]) == 0
    assert capsys.readouterr().out == "Nothing unread.\n"

    post = bo.publish(title="Broker upgrade done", body="All green.")
    _idle(bo)
    assert main(["sync", *profile]) == 0
    capsys.readouterr()
    assert main(["inbox", "--json", "--unread", *profile]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["kind"] == "followed" and entry["open"] == {"kind": "item", "id": post}
    assert entry["text"] == "Bo Lindqvist posted: “Broker upgrade done”"
    assert main(["following", "--json", *profile]) == 0
    assert [f["label"] for f in json.loads(capsys.readouterr().out)] == ["Bo Lindqvist (@bo)"]
    assert main(["unfollow", "person", "bo", *profile]) == 0
    assert main(["following", *profile]) == 0
    assert "You follow nothing yet" in capsys.readouterr().out


def test_an_owners_answer_to_a_join_request_reaches_the_requesters_inbox(
    people: dict[str, Workspace], server: ServerProcess
) -> None:
    ana, bo, cy = people["ana"], people["bo"], people["cy"]
    with AdminTools(server.data_dir) as admin:
        for name in ("Finance", "Legal"):
            admin.add_group(name, kind="department", visibility="closed")
            admin.add_member(name, "bo", owner=True)
    finance = find_group(ana.groups(), "Finance")
    legal = find_group(ana.groups(), "Legal")
    ana.join_group(finance.id)
    ana.join_group(legal.id)
    _idle(ana)
    assert ana.notifications.inbox(unread_only=True) == []
    bo.approve_request(finance.id, ana.account.user_id)  # type: ignore[union-attr]
    bo.decline_request(legal.id, ana.account.user_id)  # type: ignore[union-attr]
    _idle(ana)
    assert sorted(e.text for e in ana.notifications.inbox(unread_only=True)) == [
        "Your request to join Finance was approved",
        "Your request to join Legal was declined",
    ]
    _idle(cy)
    assert cy.notifications.inbox() == []
