"""A post for one group reaches a member's desktop and never a non-member's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kshare.client.services import LoginFailed, Workspace
from tests.integration.sync.conftest import Org
from tests.support.disk import files_containing

pytestmark = pytest.mark.integration


def test_group_post_reaches_members_only(
    org: Org, desktop: Callable[..., Workspace], tmp_path: Path
) -> None:
    alice, bob, carol = desktop("alice"), desktop("bob"), desktop("carol")
    secret = "Rollback plan for the payment outage zq7"
    item_id = alice.publish(
        title="Incident notes", body=secret, tags=["incident"], audience=["group:incident"]
    )
    assert alice.item(item_id).pending  # shown at once, before the server has it
    report = alice.sync()
    assert report.status.state == "idle", report.status.message
    assert not alice.item(item_id).pending
    assert alice.pending_count() == 0

    for workspace in (bob, carol):
        assert workspace.sync().status.state == "idle"
    detail = carol.item(item_id)
    assert detail is not None and secret in detail.body_markdown
    assert "<p>" in detail.body_html
    assert carol.feed_page(0, 10)[0].id == item_id
    assert bob.item(item_id) is None
    assert bob.feed_count() == 0
    assert files_containing(tmp_path / "profile-bob", "payment outage zq7") == []
    assert files_containing(tmp_path / "profile-bob", item_id) == []


def test_wrong_password_is_a_clear_error(org: Org, desktop: Callable[..., Workspace]) -> None:
    workspace = desktop("alice", login=False)
    with pytest.raises(LoginFailed):
        workspace.login(org.server.url, "alice", "wrong")
    assert workspace.account is None


def test_status_and_choices_after_sync(org: Org, desktop: Callable[..., Workspace]) -> None:
    alice = desktop("alice")
    alice.sync()
    status = alice.status()
    assert status.state == "idle" and status.last_success is not None
    names = {(c.kind, c.name) for c in alice.audience_choices()}
    assert ("group", "incident") in names and ("person", "bob") in names
    assert ("person", "alice") not in names
