"""What a person may no longer see leaves their computer: cache (and its WAL), index, blobs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kshare.client.services import Workspace
from tests.integration.sync.conftest import Org
from tests.support.disk import files_containing

pytestmark = pytest.mark.integration


def test_revoked_and_deleted_content_leaves_the_disk(
    org: Org, desktop: Callable[..., Workspace], tmp_path: Path
) -> None:
    alice, carol = desktop("alice"), desktop("carol")
    secret = alice.publish(
        title="Layoff list draft", body="codeword PELICAN-4471", audience=["group:incident"]
    )
    doomed = alice.publish(title="Soon deleted", body="codeword HERON-9912", audience=["org"])
    assert alice.sync().status.state == "idle"
    assert carol.sync().status.state == "idle"
    carol_dir = tmp_path / "profile-carol"
    assert carol.item(secret) is not None and carol.item(doomed) is not None
    assert files_containing(carol_dir, "PELICAN-4471")  # it really was on disk

    org.admin.remove_member("incident", "carol")
    alice.delete(doomed)
    assert alice.sync().status.state == "idle"
    report = carol.sync()
    assert report.status.state == "idle", report.status.message
    assert {secret, doomed} <= report.changes.removed_ids
    assert carol.item(secret) is None and carol.item(doomed) is None
    assert carol.search("PELICAN").total == 0
    for needle in ("PELICAN-4471", "HERON-9912", "Layoff list draft"):
        assert files_containing(carol_dir, needle) == [], needle


def test_disabled_account_wipes_the_profile(
    org: Org, desktop: Callable[..., Workspace], tmp_path: Path
) -> None:
    alice, bob = desktop("alice"), desktop("bob")
    alice.publish(title="Quarterly numbers", body="codeword OSPREY-1204", audience=["org"])
    alice.sync()
    bob.sync()
    assert files_containing(tmp_path / "profile-bob", "OSPREY-1204")
    org.admin.disable_user("bob")
    report = bob.sync()
    assert report.status.state == "signed_out", report.status.message
    assert "disabled" in report.status.message
    assert bob.account is None
    assert bob.feed_count() == 0
    assert files_containing(tmp_path / "profile-bob", "OSPREY-1204") == []
