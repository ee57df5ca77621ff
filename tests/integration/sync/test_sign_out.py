"""``kshare logout`` with writes still waiting warns, keeps them, and they land on return."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from kshare.client.services import Workspace
from kshare.server.tables import Item
from tests.integration.sync.conftest import Org
from tests.integration.sync.test_large_revocation import Desktop

pytestmark = pytest.mark.integration


def test_signing_out_with_unsent_writes_warns_and_keeps_them(
    org: Org, subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    bob = Desktop(org, subprocess_env, tmp_path / "bob-profile", "bob")
    bob.login()
    offline = Workspace.open(bob.profile)  # written, not yet sent
    try:
        offline.publish(title="Offsite agenda", body="written on the train", audience=["org"])
    finally:
        offline.close()

    signed_out = bob.run("logout")
    assert signed_out.returncode == 0, signed_out.stderr
    assert "1 change not sent yet is kept on this computer; it is sent" in signed_out.stderr
    assert "sign in again as bob" in signed_out.stderr

    bob.login()
    synced = bob.run("sync")
    assert synced.returncode == 0, synced.stderr
    with org.admin.db.read() as session:
        count = select(func.count()).select_from(Item).where(Item.title == "Offsite agenda")
        assert session.scalar(count) == 1
