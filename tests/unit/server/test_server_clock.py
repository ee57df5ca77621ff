"""The server's one clock (``Settings.clock``): what it stamps and when windows open and close.

The clock is a ManualClock; nothing here waits.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kshare.clock import SYSTEM, ManualClock
from kshare.server.tables import Item, Tombstone
from tests.unit.server.conftest import Templates, clone_org
from tests.unit.server.support import Org


@pytest.fixture
def clock() -> ManualClock:
    # starts at the real date, so the template's own sign-ins are not in its future
    return ManualClock(SYSTEM.now().replace(microsecond=0))


@pytest.fixture
def org(
    templates: Templates, request: pytest.FixtureRequest, tmp_path: Path, clock: ManualClock
) -> Org:
    return clone_org(templates.get("sqlite"), tmp_path / "server", request, clock=clock)


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _feed_ids(org: Org, who: str) -> set[str]:
    return {u["data"]["id"] for u in org.feed_all(who)["upserts"] if u["type"] == "item"}


def test_items_and_their_rows_are_stamped_with_the_servers_clock(
    org: Org, clock: ManualClock
) -> None:
    clock.advance(hours=3)  # the template's tokens last a day
    made = org.item("ana", title="Stamped", audience={"org": True})
    assert _when(made["created_at"]) == clock.now()
    assert _when(made["updated_at"]) == clock.now()
    clock.advance(minutes=5)
    edited = org.api.put(
        f"/api/v1/items/{made['id']}",
        org.tokens["ana"],
        json={"title": "Stamped again", "base_version": made["version"]},
    )
    assert edited.status_code == 200, edited.text
    assert _when(edited.json()["updated_at"]) == clock.now()
    clock.advance(hours=1)
    deleted = org.api.delete(f"/api/v1/items/{made['id']}", org.tokens["ana"])
    assert deleted.status_code == 204, deleted.text
    with org.app.state.services.db.read() as session:
        row = session.get(Item, made["id"])
        assert row is not None and row.created_at == clock.now() - timedelta(hours=1, minutes=5)
        # rows stamped by a column default (here the tombstone) take the same clock
        stone = session.scalars(select(Tombstone).where(Tombstone.entity_id == made["id"])).one()
        assert stone.created_at == clock.now()


def test_a_scheduled_item_appears_when_the_clock_reaches_its_time(
    org: Org, clock: ManualClock
) -> None:
    start = clock.now() + timedelta(hours=2)
    made = org.item("ana", title="Later", audience={"org": True, "publish_at": start.isoformat()})
    assert made["id"] not in _feed_ids(org, "bob")
    clock.advance(hours=2, seconds=-1)
    assert made["id"] not in _feed_ids(org, "bob")
    clock.advance(seconds=1)
    assert made["id"] in _feed_ids(org, "bob")
    assert made["id"] in _feed_ids(org, "ana")


def test_an_item_leaves_the_feed_when_its_window_closes(org: Org, clock: ManualClock) -> None:
    until = clock.now() + timedelta(hours=2)
    made = org.item(
        "ana", title="Today only", audience={"org": True, "visible_until": until.isoformat()}
    )
    first: dict[str, Any] = org.feed_all("bob")
    assert made["id"] in {u["data"]["id"] for u in first["upserts"] if u["type"] == "item"}
    clock.advance(hours=2)
    later = org.feed_all("bob", since=first["cursor"])
    assert {"type": "item", "id": made["id"], "reason": "access_revoked"} in [
        {k: r[k] for k in ("type", "id", "reason")} for r in later["removals"]
    ]
    assert org.api.get(f"/api/v1/items/{made['id']}", org.tokens["bob"]).status_code == 404
    assert org.api.get(f"/api/v1/items/{made['id']}", org.tokens["ana"]).status_code == 200
