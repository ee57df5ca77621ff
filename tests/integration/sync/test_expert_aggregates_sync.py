"""Sync keeps expert finding's data in the cache current, and revocation takes words out of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from kshare.client.experts import item_facts, profile_terms
from kshare.client.services import Workspace
from kshare.client.store.models import ExpertItem, ExpertPosting, ExpertTagPerson
from tests.integration.sync.conftest import Org
from tests.support.disk import files_containing

pytestmark = pytest.mark.integration


def words_of(workspace: Workspace, person_id: str) -> set[str]:
    with workspace.reader.connect() as conn:
        rows = conn.execute(select(ExpertPosting.term).where(ExpertPosting.person_id == person_id))
        return set(rows.scalars())


def facts_of(workspace: Workspace) -> tuple[set[str], set[str]]:
    """The items the finder's facts on disk hold, and the tags their counts name."""
    with workspace.reader.connect() as conn:
        items = set(conn.execute(select(ExpertItem.item_id)).scalars())
        tags = set(conn.execute(select(ExpertTagPerson.tag)).scalars())
    return items, tags


def test_sync_fills_the_profiles_and_a_revocation_empties_them(
    org: Org, desktop: Callable[..., Workspace], tmp_path: Path
) -> None:
    alice, carol = desktop("alice"), desktop("carol")
    secret = alice.publish(
        title="Layoff list draft",
        body="codeword pelicanite",
        tags=["pelicanite"],
        audience=["group:incident"],
    )
    alice.publish(title="Vacuum tuning", body="lower the scale factor", audience=["org"])
    assert alice.sync().status.state == "idle"
    assert carol.sync().status.state == "idle"
    alice_id = alice.account.user_id if alice.account else ""
    with carol.reader.connect() as conn:
        # the sync hook did it: no query was asked
        assert profile_terms.is_current(conn) and item_facts.is_current(conn)
    assert {"pelicanite", "vacuum"} <= words_of(carol, alice_id)
    assert secret in facts_of(carol)[0] and "pelicanite" in facts_of(carol)[1]
    carol.experts("vacuum")
    carol._expert_finder().warm()  # as the warm-up after each sync page does

    org.admin.remove_member("incident", "carol")
    report = carol.sync()
    assert report.status.state == "idle", report.status.message
    assert secret in report.changes.removed_ids
    assert "pelicanite" not in words_of(carol, alice_id)
    assert "vacuum" in words_of(carol, alice_id)
    items, tags = facts_of(carol)
    assert secret not in items and "pelicanite" not in tags and len(items) == 1
    assert files_containing(tmp_path / "profile-carol", "pelicanite") == []
    assert [e.person_id for e in carol.experts("pelicanite")] == []
