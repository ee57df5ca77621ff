"""Losing a large group empties this computer of it at the next sync, with a receipt.

Black-box: the desktop is the ``kshare`` command on a profile of its own, the
server a real process, the group change the admin command or ``kshare leave``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete

from kshare.server.changes import bump_epoch
from kshare.server.tables import AudienceRow, Item
from tests.integration.sync.conftest import PASSWORD, Org, kshare_env
from tests.integration.sync.seeding import seed_items
from tests.support.disk import files_containing

pytestmark = pytest.mark.integration

MARKER = "QUOKKA7731"
GROUP_ITEMS = 150


class Desktop:
    """One person's ``kshare`` command line on a profile folder of their own."""

    def __init__(self, org: Org, env: dict[str, str], profile: Path, user: str) -> None:
        self.org = org
        self.env = kshare_env(env) | {"KSHARE_BLOB_POLICY": "eager"}
        self.profile = profile
        self.user = user

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kshare", *args, "--profile", str(self.profile)],
            input=stdin,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def login(self) -> None:
        done = self.run(
            "login", self.org.server.url, "--user", self.user, "--password-stdin", stdin=PASSWORD
        )
        assert done.returncode == 0, done.stderr

    def search_total(self, words: str) -> int:
        done = self.run("search", words, "--json")
        assert done.returncode == 0, done.stderr
        return int(json.loads(done.stdout)["total"])


def admin(org: Org, env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kshare", "admin", "--data", str(org.server.data_dir), *args],
        env=kshare_env(env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def carol(org: Org, subprocess_env: dict[str, str], tmp_path: Path) -> Desktop:
    """carol's desktop holding the 150 posts and a shared file of the secret group."""
    seed_items(
        org.server.data_dir,
        "alice",
        GROUP_ITEMS,
        body_size=200,
        group=org.ids["incident"],
        marker=MARKER,
    )
    desktop = Desktop(org, subprocess_env, tmp_path / "carol-profile", "carol")
    alice = Desktop(org, subprocess_env, tmp_path / "alice-profile", "alice")
    alice.login()
    handout = tmp_path / "handout.txt"
    handout.write_text(f"Severance terms, codeword {MARKER}-FILE\n")
    shared = alice.run("share", str(handout), "--audience", "group:incident", "--title", "Handout")
    assert shared.returncode == 0, shared.stderr
    desktop.login()
    synced = desktop.run("sync")
    assert synced.returncode == 0, synced.stderr
    # The content really was on this computer: in the cache, the index and the blobs.
    assert desktop.search_total(MARKER) >= GROUP_ITEMS
    assert files_containing(desktop.profile / "blobs", f"{MARKER}-FILE")
    return desktop


def _purge_receipts(org: Org) -> list[dict[str, object]]:
    return [e for e in org.admin.audit_log() if e["action"] == "purge_ack"]


def _assert_all_gone(org: Org, desktop: Desktop) -> None:
    synced = desktop.run("sync")
    assert synced.returncode == 0, synced.stderr
    assert desktop.search_total(MARKER) == 0
    assert files_containing(desktop.profile, MARKER) == []
    receipts = _purge_receipts(org)
    assert receipts, "the device sent no purge receipt"
    purged_items = sum(int(r["detail"]["counts"].get("item", 0)) for r in receipts)  # type: ignore[index,union-attr]
    assert purged_items >= GROUP_ITEMS + 1
    assert all(r["actor_id"] == org.ids["carol"] for r in receipts)


def test_removed_member_loses_a_large_group_at_the_next_sync(
    org: Org, carol: Desktop, subprocess_env: dict[str, str]
) -> None:
    admin(org, subprocess_env, "remove-member", "incident", "carol")
    _assert_all_gone(org, carol)


def test_leaving_a_large_group_takes_its_content_off_the_computer(org: Org, carol: Desktop) -> None:
    left = carol.run("leave", "incident")
    assert left.returncode == 0, left.stderr + left.stdout
    _assert_all_gone(org, carol)


def test_an_unexplained_mass_disappearance_waits_for_confirm_removal(
    org: Org, subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    seeded = seed_items(org.server.data_dir, "alice", GROUP_ITEMS, body_size=200, marker=MARKER)
    bob = Desktop(org, subprocess_env, tmp_path / "bob-profile", "bob")
    bob.login()
    assert bob.run("sync").returncode == 0
    assert bob.search_total(MARKER) == GROUP_ITEMS
    # The server loses the rows without a word (a restore from an old backup, say) and
    # asks the desktop to reconcile: absence is all it has to go on.
    with org.admin.db.write() as session:
        session.execute(delete(AudienceRow).where(AudienceRow.item_id.in_(seeded)))
        session.execute(delete(Item).where(Item.id.in_(seeded)))
        bump_epoch(session, [org.ids["bob"]])

    refused = bob.run("sync")
    assert refused.returncode == 1
    assert "kshare sync --confirm-removal" in refused.stderr
    assert bob.search_total(MARKER) == GROUP_ITEMS  # nothing deleted on a guess

    confirmed = bob.run("sync", "--confirm-removal")
    assert confirmed.returncode == 0, confirmed.stderr
    assert bob.search_total(MARKER) == 0
    assert files_containing(bob.profile, MARKER) == []
    receipts = _purge_receipts(org)
    assert sum(int(r["detail"]["counts"].get("item", 0)) for r in receipts) == GROUP_ITEMS  # type: ignore[index,union-attr]
