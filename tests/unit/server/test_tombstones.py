"""Old tombstones are forgotten, at start-up and while the server runs; older cursors reconcile."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from kshare.server.app import prune_old_tombstones
from kshare.server.tables import Tombstone
from tests.unit.server.conftest import Templates, clone_org
from tests.unit.server.support import Org


def _delete(org: Org, title: str) -> str:
    post = org.item("ana", title=title, audience={"org": True})
    assert org.api.delete(f"/api/v1/items/{post['id']}", org.tokens["ana"]).status_code == 204
    return str(post["id"])


def _age(org: Org, item_id: str, days: int) -> None:
    with org.app.state.services.db.write() as session:
        session.execute(
            update(Tombstone)
            .where(Tombstone.entity_id == item_id)
            .values(created_at=datetime.now(UTC) - timedelta(days=days))
        )


def _tombstones(org: Org, item_id: str) -> int:
    with org.app.state.services.db.read() as session:
        found = select(func.count()).where(Tombstone.entity_id == item_id)
        return int(session.scalar(found) or 0)


def test_old_tombstones_go_and_a_cursor_from_before_them_reconciles(org: Org) -> None:
    before = org.feed_all("bob")["cursor"]
    old = _delete(org, "deleted long ago")
    between = org.feed_all("bob")["cursor"]
    recent = _delete(org, "deleted today")
    _age(org, old, days=100)
    svc = org.app.state.services
    assert prune_old_tombstones(svc.db, svc.settings) == 1
    assert _tombstones(org, old) == 0 and _tombstones(org, recent) == 1
    # a desktop that had not synced since before the pruned removal cannot be told about
    # it any more: it must reconcile, which drops what it should no longer hold
    assert org.feed_all("bob", since=before)["reconcile"] is True
    # one that had seen it carries on with the removals it still needs
    after = org.feed_all("bob", since=between)
    assert after["reconcile"] is False
    assert {"type": "item", "id": recent, "reason": "deleted"} in after["removals"]


def test_a_running_server_prunes_without_a_restart(
    templates: Templates, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    org = clone_org(
        templates.get("sqlite"), tmp_path / "server", request, prune_every=timedelta(seconds=0.05)
    )
    old = _delete(org, "deleted long ago")
    _age(org, old, days=100)

    # The running server's first periodic prune commits; no test-side polling.
    committed = threading.Event()
    org.app.state.services.db.after_commit.append(committed.set)

    async def serve_until_a_prune() -> bool:
        async with org.app.router.lifespan_context(org.app):
            return await asyncio.to_thread(committed.wait, 60)

    assert org.api.loop.run_until_complete(serve_until_a_prune()), "the server never pruned"
    assert _tombstones(org, old) == 0
