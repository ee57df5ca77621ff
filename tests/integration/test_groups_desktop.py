"""Groups from the desktop against the real server: joining lets a group's content in at the
next sync, leaving takes it off the disk, owners answer requests, offline says so."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kshare.cli import main
from kshare.client.errors import NotSignedIn, UserFacingError
from kshare.client.groups import NeedsConnection, find_group
from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.disk import files_containing
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"


@pytest.fixture
def admin(server: ServerProcess, monkeypatch: pytest.MonkeyPatch) -> Iterator[AdminTools]:
    """ana owns the open "Kiln guild"; carol owns the closed "Finance"; bob is in neither."""
    monkeypatch.setenv("KSHARE_TEST_FAST_HASH", "1")
    tools = AdminTools(server.data_dir)
    tools.add_group("Kiln guild", kind="community", visibility="open", description="Pottery")
    tools.add_group("Finance", kind="department", visibility="closed")
    for username, name in (("ana", "Ana Souza"), ("bob", "Bob Ito"), ("carol", "Carol Diaz")):
        tools.add_user(username, name, PASSWORD)
    tools.add_member("Kiln guild", "ana", owner=True)
    tools.add_member("Finance", "carol", owner=True)
    yield tools
    tools.close()


@pytest.fixture
def desktop(
    server: ServerProcess, admin: AdminTools, tmp_path: Path
) -> Iterator[Callable[[str], Workspace]]:
    opened: list[Workspace] = []

    def make(username: str) -> Workspace:
        workspace = Workspace.open(tmp_path / f"profile-{username}")
        workspace.login(server.url, username, PASSWORD)
        opened.append(workspace)
        return workspace

    yield make
    for workspace in opened:
        workspace.close()


def _ids(workspace: Workspace) -> set[str]:
    return {row.id for row in workspace.feed_page(0, 500)}


def test_joining_an_open_group_brings_its_posts_and_leaving_takes_them_away(
    desktop: Callable[[str], Workspace], tmp_path: Path
) -> None:
    ana, bob = desktop("ana"), desktop("bob")
    glaze = ana.publish(
        title="Glaze recipes", body="codeword CELADON-5521", audience=["group:Kiln guild"]
    )
    assert ana.sync().status.state == "idle"
    assert bob.sync().status.state == "idle"
    assert glaze not in _ids(bob)

    guild = find_group(bob.groups(), "kiln GUILD")
    assert (guild.visibility, guild.kind, guild.description) == ("open", "community", "Pottery")
    assert (guild.is_member, guild.member_count) == (False, 1)

    joined = bob.join_group(guild.id)
    assert (joined.is_member, joined.is_owner, joined.member_count) == (True, False, 2)
    assert glaze not in _ids(bob)  # the content comes with the sync, not with the answer
    report = bob.sync()
    assert report.status.state == "idle", report.status.message
    assert glaze in _ids(bob)
    assert [hit.id for hit in bob.search("CELADON").hits] == [glaze]
    assert files_containing(tmp_path / "profile-bob", "CELADON-5521")

    bob.leave_group(guild.id)
    after = find_group(bob.groups(), "Kiln guild")
    assert (after.is_member, after.member_count) == (False, 1)
    report = bob.sync()
    assert report.status.state == "idle", report.status.message
    assert glaze in report.changes.removed_ids
    assert bob.item(glaze) is None and glaze not in _ids(bob)
    assert bob.search("CELADON").total == 0
    assert files_containing(tmp_path / "profile-bob", "CELADON-5521") == []


def test_a_closed_group_lets_in_whom_its_owner_approves(
    desktop: Callable[[str], Workspace],
) -> None:
    carol, bob, ana = desktop("carol"), desktop("bob"), desktop("ana")
    budget = carol.publish(title="Budget 2027", body="Numbers", audience=["group:Finance"])
    assert carol.sync().status.state == "idle"

    finance = find_group(bob.groups(), "Finance")
    assert finance.visibility == "closed" and not finance.request_pending
    asked = bob.join_group(finance.id)
    assert (asked.is_member, asked.request_pending) == (False, True)
    assert find_group(bob.groups(), "Finance").request_pending
    assert bob.join_group(finance.id).request_pending  # asking again changes nothing
    ana.join_group(finance.id)  # a second request, to decline

    mine = find_group(carol.groups(), "Finance")
    assert (mine.is_owner, mine.is_member) == (True, True)
    requests = carol.join_requests(finance.id)
    assert [r.person.username for r in requests] == ["bob", "ana"]  # oldest first

    # Only owners see and answer requests; the server's reason reaches the person.
    with pytest.raises(UserFacingError, match="owners"):
        bob.join_requests(finance.id)

    bob_id, ana_id = (r.person.id for r in requests)
    carol.approve_request(finance.id, bob_id)
    carol.decline_request(finance.id, ana_id)
    assert carol.join_requests(finance.id) == []
    assert find_group(carol.groups(), "Finance").member_count == 2
    declined = find_group(ana.groups(), "Finance")
    assert (declined.is_member, declined.request_pending) == (False, False)

    assert budget not in _ids(bob)
    assert bob.sync().status.state == "idle"
    assert budget in _ids(bob)
    assert find_group(bob.groups(), "Finance").is_member
    assert ana.sync().status.state == "idle"
    assert budget not in _ids(ana)


def test_the_last_owner_cannot_leave_and_is_told_why(
    desktop: Callable[[str], Workspace], admin: AdminTools
) -> None:
    carol = desktop("carol")
    finance = find_group(carol.groups(), "Finance")
    with pytest.raises(UserFacingError, match="only owner of Finance"):
        carol.leave_group(finance.id)
    assert find_group(carol.groups(), "Finance").is_owner

    admin.add_member("Finance", "bob", owner=True)  # with a second owner she may go
    carol.leave_group(finance.id)
    assert not find_group(carol.groups(), "Finance").is_member


def test_offline_every_group_call_says_it_needs_a_connection(
    desktop: Callable[[str], Workspace], server: ServerProcess
) -> None:
    bob = desktop("bob")
    guild = find_group(bob.groups(), "Kiln guild")
    server.stop()
    calls: list[Callable[[], object]] = [
        bob.groups,
        lambda: bob.join_group(guild.id),
        lambda: bob.leave_group(guild.id),
        lambda: bob.join_requests(guild.id),
        lambda: bob.approve_request(guild.id, "someone"),
        lambda: bob.decline_request(guild.id, "someone"),
    ]
    for call in calls:
        with pytest.raises(NeedsConnection, match="needs a connection to the server"):
            call()
    assert bob.pending_count() == 0  # nothing was queued for later

    bob.logout()
    with pytest.raises(NotSignedIn):
        bob.groups()


def test_the_command_line_lists_joins_and_leaves(
    desktop: Callable[[str], Workspace],
    server: ServerProcess,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ana, bob = desktop("ana"), desktop("bob")
    glaze = ana.publish(title="Glaze recipes", body="Celadon", audience=["group:Kiln guild"])
    assert ana.sync().status.state == "idle"
    bob.close()  # the commands open the profile themselves
    profile = ["--profile", str(tmp_path / "profile-bob")]

    assert main(["groups", *profile]) == 0
    out = capsys.readouterr().out
    assert "Kiln guild — community, open, 1 member\n   Pottery\n" in out
    assert "Finance — department, closed, 1 member\n" in out

    assert main(["join", "kiln guild", *profile]) == 0
    assert "Joined Kiln guild. Synced: 1 item arrived" in capsys.readouterr().out
    assert main(["join", "Finance", *profile]) == 0
    assert "Asked to join Finance" in capsys.readouterr().out
    assert main(["groups", "--json", *profile]) == 0
    listed = {g["name"]: g for g in json.loads(capsys.readouterr().out)}
    assert listed["Kiln guild"]["is_member"] and listed["Finance"]["request_pending"]

    again = Workspace.open(tmp_path / "profile-bob")
    try:
        assert again.item(glaze) is not None
    finally:
        again.close()

    assert main(["leave", "Kiln guild", *profile]) == 0
    assert "Left Kiln guild. Synced: 0 items arrived, 1 removed." in capsys.readouterr().out
    assert main(["leave", "Nope", *profile]) == 1
    assert "No group called “Nope”" in capsys.readouterr().err

    server.stop()
    assert main(["groups", *profile]) == 1
    assert (
        "Could not finish listing groups: it needs a connection to the server"
        in capsys.readouterr().err
    )
