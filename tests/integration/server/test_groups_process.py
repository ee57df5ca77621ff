"""Group self-service against the real server process: approval brings the group's items
to the new member's next sync, leaving takes them away again."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from kshare.server.admin import AdminTools
from kshare.server.settings import HashParams
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration


def _sync(client: httpx.Client, token: str, since: str | None) -> dict[str, Any]:
    """Every feed page from ``since``, as a desktop would pull them."""
    items: set[str] = set()
    reconcile = False
    while True:
        params = {"since": since} if since else {}
        page = client.get("/api/v1/feed", params=params, headers=_auth(token)).json()
        items |= {u["data"]["id"] for u in page["upserts"] if u["type"] == "item"}
        reconcile = reconcile or page["reconcile"]
        since = page["cursor"]
        if not page["more"]:
            return {"items": items, "reconcile": reconcile, "cursor": since}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_approval_syncs_the_groups_items_and_leaving_purges_them(server: ServerProcess) -> None:
    with AdminTools(server.data_dir, hash_params=HashParams.fast()) as admin:
        finance = admin.add_group("Finance", "department", "closed")
        admin.add_user("carol", "Carol Owner", "pw")
        admin.add_user("bob", "Bob Newcomer", "pw")
        admin.add_member("Finance", "carol", owner=True)
        carol, bob = admin.issue_token("carol"), admin.issue_token("bob")
        bob_id = admin.user_id("bob")

    with httpx.Client(base_url=server.url, timeout=10) as client:
        budget = client.post(
            "/api/v1/items",
            headers=_auth(carol),
            json={"id": str(uuid.uuid4()), "title": "Budget", "audience": {"groups": ["Finance"]}},
        ).json()
        first = _sync(client, bob, None)
        assert budget["id"] not in first["items"]

        asked = client.post(f"/api/v1/groups/{finance}/join", headers=_auth(bob))
        assert asked.json()["request_pending"] is True
        approved = client.post(
            f"/api/v1/groups/{finance}/requests/{bob_id}/approve", headers=_auth(carol)
        )
        assert approved.status_code == 204, approved.text

        joined = _sync(client, bob, first["cursor"])
        assert joined["reconcile"] is True
        assert budget["id"] in joined["items"]

        left = client.post(f"/api/v1/groups/{finance}/leave", headers=_auth(bob))
        assert left.status_code == 204, left.text
        after = _sync(client, bob, joined["cursor"])
        assert after["reconcile"] is True
        assert budget["id"] not in after["items"]
        # What the desktop keeps is what /reconcile lists; the budget is not there to keep.
        kept = client.get("/api/v1/reconcile", headers=_auth(bob)).json()
        assert budget["id"] not in kept["items"]
