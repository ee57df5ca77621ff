"""Group self-service on SQLite and PostgreSQL: join, ask, approve, decline, leave.

The organisation (see conftest): SRE is open (ana, bob, erin), Finance is
closed (carol), Project Falcon is secret (dave). Nobody owns a group until a
test says so.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.unit.server.support import Api, Org

GROUPS = "/api/v1/groups"


def _actions(org: Org, action: str) -> list[dict[str, Any]]:
    return [e for e in org.admin.audit_log() if e["action"] == action]


def _item_ids(feed: dict[str, Any]) -> set[str]:
    return {u["data"]["id"] for u in feed["upserts"] if u["type"] == "item"}


def _listing(org: Org, who: str) -> dict[str, dict[str, Any]]:
    response = org.api.get(GROUPS, org.tokens[who])
    assert response.status_code == 200, response.text
    return {g["name"]: g for g in response.json()}


def test_joining_an_open_group_is_immediate_synced_and_audited(org: Org) -> None:
    sre = org.groups["sre"]
    carol_before = org.feed_all("carol")
    bob_before = org.feed_all("bob")

    headers = {"Idempotency-Key": "join-sre-1"}
    joined = org.api.post(f"{GROUPS}/{sre}/join", org.tokens["carol"], headers=headers)
    assert joined.status_code == 200, joined.text
    assert joined.json()["is_member"] is True
    assert joined.json()["member_count"] == 4  # ana, bob, erin and now carol
    replay = org.api.post(f"{GROUPS}/{sre}/join", org.tokens["carol"], headers=headers)
    assert replay.json() == joined.json()
    again = org.api.post(f"{GROUPS}/{sre}/join", org.tokens["carol"])
    assert again.status_code == 200 and again.json()["member_count"] == 4

    # One change, one audit line, however often the desktop retries.
    [entry] = _actions(org, "group_joined")
    assert (entry["actor_id"], entry["target"]) == (org.ids["carol"], sre)
    # carol's epoch moved: her next sync reconciles.
    assert org.feed_all("carol", since=carol_before["cursor"])["reconcile"] is True
    # Every other device gets SRE again, with carol in it.
    bob_after = org.feed_all("bob", since=bob_before["cursor"])
    assert bob_after["reconcile"] is False
    [group] = [u["data"] for u in bob_after["upserts"] if u["type"] == "group"]
    assert group["id"] == sre and org.ids["carol"] in group["member_ids"]


def test_a_closed_group_takes_a_request_that_an_owner_approves(org: Org) -> None:
    finance = org.groups["finance"]
    org.admin.add_member("Finance", "carol", owner=True)
    budget = org.item(
        "carol", title="Budget 2027", body="Numbers", audience={"groups": ["Finance"]}
    )
    bob_before = org.feed_all("bob")
    assert budget["id"] not in _item_ids(bob_before)

    for _ in range(2):  # asking twice is one request
        asked = org.api.post(f"{GROUPS}/{finance}/join", org.tokens["bob"])
        assert asked.status_code == 200, asked.text
        assert (asked.json()["is_member"], asked.json()["request_pending"]) == (False, True)
    assert len(_actions(org, "group_join_requested")) == 1
    assert _listing(org, "bob")["Finance"]["request_pending"] is True

    pending = org.api.get(f"{GROUPS}/{finance}/requests", org.tokens["carol"])
    assert pending.status_code == 200
    assert [r["person"]["username"] for r in pending.json()] == ["bob"]
    # the owner's listing counts what waits; nobody else's says anything about it
    assert _listing(org, "carol")["Finance"]["pending_requests"] == 1
    assert all(_listing(org, who)["Finance"]["pending_requests"] is None for who in ("bob", "ana"))
    # Who asked is the owners' business only, not other members' or the asker's.
    for who in ("dave", "bob", "ana"):
        refused = org.api.get(f"{GROUPS}/{finance}/requests", org.tokens[who])
        assert refused.status_code == 403, (who, refused.text)
        assert "bob" not in refused.text and org.ids["bob"] not in refused.text
        answer = org.api.post(
            f"{GROUPS}/{finance}/requests/{org.ids['bob']}/approve", org.tokens[who]
        )
        assert answer.status_code == 403, (who, answer.text)
    assert org.feed_all("bob", since=bob_before["cursor"])["reconcile"] is False

    approved = org.api.post(
        f"{GROUPS}/{finance}/requests/{org.ids['bob']}/approve", org.tokens["carol"]
    )
    assert approved.status_code == 204, approved.text
    after = org.feed_all("bob", since=bob_before["cursor"])
    assert after["reconcile"] is True
    assert budget["id"] in _item_ids(after)
    listed = _listing(org, "bob")["Finance"]
    assert (listed["is_member"], listed["request_pending"], listed["member_count"]) == (
        True,
        False,
        2,
    )
    assert org.api.get(f"{GROUPS}/{finance}/requests", org.tokens["carol"]).json() == []
    assert _listing(org, "carol")["Finance"]["pending_requests"] == 0
    [entry] = _actions(org, "group_join_approved")
    assert (entry["actor_id"], entry["target"]) == (org.ids["carol"], finance)
    assert entry["detail"]["person"] == org.ids["bob"]
    # A retry of the approval finds bob already in and changes nothing.
    retry = org.api.post(
        f"{GROUPS}/{finance}/requests/{org.ids['bob']}/approve", org.tokens["carol"]
    )
    assert retry.status_code == 204
    assert len(_actions(org, "group_join_approved")) == 1


def test_a_declined_request_is_gone_and_may_be_asked_again(org: Org) -> None:
    finance = org.groups["finance"]
    org.admin.add_member("Finance", "carol", owner=True)
    ana_before = org.feed_all("ana")
    assert org.api.post(f"{GROUPS}/{finance}/join", org.tokens["ana"]).status_code == 200

    decline = f"{GROUPS}/{finance}/requests/{org.ids['ana']}/decline"
    assert org.api.post(decline, org.tokens["carol"]).status_code == 204
    assert org.api.post(decline, org.tokens["carol"]).status_code == 404
    listed = _listing(org, "ana")["Finance"]
    assert (listed["is_member"], listed["request_pending"]) == (False, False)
    [entry] = _actions(org, "group_join_declined")
    assert (entry["actor_id"], entry["detail"]["person"]) == (org.ids["carol"], org.ids["ana"])
    # Nothing about ana's access changed, so her feed carries on without reconciling.
    assert org.feed_all("ana", since=ana_before["cursor"])["reconcile"] is False

    # She may ask again, and withdraw by leaving.
    assert org.api.post(f"{GROUPS}/{finance}/join", org.tokens["ana"]).json()["request_pending"]
    assert org.api.post(f"{GROUPS}/{finance}/leave", org.tokens["ana"]).status_code == 204
    assert _listing(org, "ana")["Finance"]["request_pending"] is False
    assert org.api.get(f"{GROUPS}/{finance}/requests", org.tokens["carol"]).json() == []
    assert len(_actions(org, "group_join_withdrawn")) == 1


def test_a_secret_group_answers_outsiders_exactly_like_no_group(org: Org) -> None:
    falcon = org.groups["falcon"]
    org.admin.add_member("Project Falcon", "dave", owner=True)
    nowhere = str(uuid.uuid4())
    bob = org.tokens["bob"]
    listing_before = org.api.get(GROUPS, bob)

    for suffix, method in (
        ("join", "POST"),
        ("leave", "POST"),
        ("requests", "GET"),
        (f"requests/{org.ids['dave']}/approve", "POST"),
        (f"requests/{org.ids['bob']}/decline", "POST"),
    ):
        probe = org.api.request(method, f"{GROUPS}/{falcon}/{suffix}", bob)
        control = org.api.request(method, f"{GROUPS}/{nowhere}/{suffix}", bob)
        assert probe.status_code == control.status_code == 404, suffix
        assert probe.json() == control.json()
    assert org.api.get(f"{GROUPS}/{falcon}/requests", org.tokens["dave"]).json() == []

    # Outsiders' listing names neither the group nor its size, and does not move when it grows.
    org.admin.add_member("Project Falcon", "ana")
    listing_after = org.api.get(GROUPS, bob)
    assert listing_after.json() == listing_before.json()
    assert "Falcon" not in listing_after.text and falcon not in listing_after.text
    assert sorted(_listing(org, "bob")) == ["Finance", "SRE"]
    seen_by_dave = _listing(org, "dave")["Project Falcon"]
    assert (seen_by_dave["member_count"], seen_by_dave["is_owner"]) == (2, True)


def test_a_closed_group_turned_secret_takes_no_more_requests(org: Org) -> None:
    finance = org.groups["finance"]
    org.admin.add_member("Finance", "carol", owner=True)
    assert org.api.post(f"{GROUPS}/{finance}/join", org.tokens["bob"]).status_code == 200
    org.admin.set_group_visibility("Finance", "secret")

    assert org.api.post(f"{GROUPS}/{finance}/join", org.tokens["bob"]).status_code == 404
    assert "Finance" not in _listing(org, "bob")
    assert org.api.get(f"{GROUPS}/{finance}/requests", org.tokens["carol"]).json() == []
    approve = f"{GROUPS}/{finance}/requests/{org.ids['bob']}/approve"
    assert org.api.post(approve, org.tokens["carol"]).status_code == 404
    # the request was dropped, not hidden: closed again, the group has nothing pending
    org.admin.set_group_visibility("Finance", "closed")
    assert org.api.get(f"{GROUPS}/{finance}/requests", org.tokens["carol"]).json() == []
    assert org.api.post(approve, org.tokens["carol"]).status_code == 404
    [changed, *_] = [e for e in _actions(org, "group_visibility_changed") if e["target"] == finance]
    assert changed["detail"]["join_requests_dropped"] == 1


def test_leaving_purges_the_group_and_the_last_owner_stays(org: Org) -> None:
    sre = org.groups["sre"]
    org.admin.add_member("SRE", "ana", owner=True)
    runbook = org.item("ana", title="Runbook", body="Restart it", audience={"groups": ["SRE"]})
    bob_before = org.feed_all("bob")
    assert runbook["id"] in _item_ids(bob_before)

    refused = org.api.post(f"{GROUPS}/{sre}/leave", org.tokens["ana"])
    assert refused.status_code == 409
    assert refused.json()["code"] == "last_owner"
    assert "only owner of SRE" in refused.json()["message"]

    assert org.api.post(f"{GROUPS}/{sre}/leave", org.tokens["bob"]).status_code == 204
    assert org.api.post(f"{GROUPS}/{sre}/leave", org.tokens["bob"]).status_code == 204  # no-op
    [entry] = _actions(org, "group_left")
    assert (entry["actor_id"], entry["target"]) == (org.ids["bob"], sre)
    after = org.feed_all("bob", since=bob_before["cursor"])
    assert after["reconcile"] is True
    assert runbook["id"] not in _item_ids(after)
    # The reconcile listing is what the desktop keeps: the runbook is not in it, so it is purged.
    kept = org.api.get("/api/v1/reconcile", org.tokens["bob"]).json()
    assert runbook["id"] not in kept["items"]
    assert org.api.get(f"/api/v1/items/{runbook['id']}", org.tokens["bob"]).status_code == 404

    # With a second owner, ana may go.
    org.admin.add_member("SRE", "carol", owner=True)
    assert org.api.post(f"{GROUPS}/{sre}/leave", org.tokens["ana"]).status_code == 204
    assert _listing(org, "carol")["SRE"]["member_count"] == 2  # carol and erin


def test_leaving_a_secret_group_forgets_it_for_good(org: Org) -> None:
    falcon = org.groups["falcon"]
    dave_before = org.feed_all("dave")
    assert falcon in {u["data"]["id"] for u in dave_before["upserts"] if u["type"] == "group"}

    assert org.api.post(f"{GROUPS}/{falcon}/leave", org.tokens["dave"]).status_code == 204
    after = org.feed_all("dave", since=dave_before["cursor"])
    assert after["reconcile"] is True
    assert falcon not in org.api.get("/api/v1/reconcile", org.tokens["dave"]).json()["groups"]
    assert "Project Falcon" not in _listing(org, "dave")
    # Secret groups are never joined by asking, not even by a former member.
    assert org.api.post(f"{GROUPS}/{falcon}/join", org.tokens["dave"]).status_code == 404


def test_two_owners_leaving_at_once_leave_one_behind(org: Org) -> None:
    sre = org.groups["sre"]
    for who in ("ana", "bob"):
        org.admin.add_member("SRE", who, owner=True)
    start = threading.Barrier(2)

    def leave(who: str) -> int:
        # Each thread its own client and event loop, so the two requests truly overlap.
        api = Api(org.app)
        try:
            start.wait(timeout=10)
            return api.post(f"{GROUPS}/{sre}/leave", org.tokens[who]).status_code
        finally:
            api.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = sorted(pool.map(leave, ("ana", "bob")))
    assert statuses == [204, 409]
    owners = [g for g in _listing(org, "carol").values() if g["name"] == "SRE"]
    assert owners[0]["member_count"] == 2  # erin and the owner who had to stay
