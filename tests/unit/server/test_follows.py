"""Follows on SQLite and PostgreSQL: private to the follower, gated on every read.

The organisation (see conftest): SRE is open (ana, bob, erin), Finance is
closed (carol), Project Falcon is secret (dave).
"""

from __future__ import annotations

from typing import Any

from tests.unit.server.support import Org

FOLLOWS = "/api/v1/me/follows"


def _follow(org: Org, who: str, kind: str, target: str, *, on: bool = True, key: str = "") -> Any:
    headers = {"Idempotency-Key": key} if key else {}
    body = {"kind": kind, "target": target, "following": on}
    return org.api.put(FOLLOWS, org.tokens[who], json=body, headers=headers)


def _listed(org: Org, who: str) -> set[tuple[str, str]]:
    response = org.api.get(FOLLOWS, org.tokens[who])
    assert response.status_code == 200, response.text
    return {(f["kind"], f["target"]) for f in response.json()["follows"]}


def test_each_kind_can_be_followed_and_unfollowed(org: Org) -> None:
    question = org.item("carol", kind="question", title="Which queue?", audience={"org": True})
    assert _follow(org, "bob", "person", org.ids["carol"]).status_code == 200
    assert _follow(org, "bob", "tag", "  PostgreSQL ").status_code == 200
    assert _follow(org, "bob", "group", org.groups["finance"]).status_code == 200
    assert _follow(org, "bob", "question", question["id"]).status_code == 200
    assert _listed(org, "bob") == {
        ("person", org.ids["carol"]),
        ("tag", "postgresql"),
        ("group", org.groups["finance"]),
        ("question", question["id"]),
    }
    assert _follow(org, "bob", "tag", "postgresql", on=False).status_code == 200
    answer = _follow(org, "bob", "person", org.ids["carol"], on=False)
    assert {(f["kind"], f["target"]) for f in answer.json()["follows"]} == {
        ("group", org.groups["finance"]),
        ("question", question["id"]),
    }


def test_follows_are_private_to_the_follower(org: Org) -> None:
    _follow(org, "bob", "tag", "kafka")
    assert ("tag", "kafka") in _listed(org, "bob")
    assert _listed(org, "carol") == set()
    # Nothing else a colleague can fetch says what bob follows.
    assert "kafka" not in org.api.get("/api/v1/me", org.tokens["carol"]).text
    assert "kafka" not in str(org.feed_all("carol"))


def test_what_the_viewer_may_not_see_cannot_be_followed(org: Org) -> None:
    secret = org.item(
        "dave", kind="question", title="Falcon?", audience={"groups": ["Project Falcon"]}
    )
    post = org.item("carol", kind="post", title="Not a question", audience={"org": True})
    missing = _follow(org, "bob", "question", secret["id"])
    assert missing.status_code == 404
    unknown = _follow(org, "bob", "question", "no-such-question-id")
    assert unknown.json()["code"] == missing.json()["code"] == "not_found"
    assert _follow(org, "bob", "group", org.groups["falcon"]).status_code == 404
    assert _follow(org, "bob", "question", post["id"]).status_code == 404  # not a question
    assert _follow(org, "bob", "person", "nobody-at-all").status_code == 404
    assert _follow(org, "bob", "planet", "mars").status_code == 422
    assert _follow(org, "dave", "group", org.groups["falcon"]).status_code == 200
    assert _follow(org, "dave", "question", secret["id"]).status_code == 200


def test_a_target_the_follower_lost_drops_out_of_the_list(org: Org) -> None:
    question = org.item("ana", kind="question", title="SRE only", audience={"groups": ["SRE"]})
    assert _follow(org, "bob", "question", question["id"]).status_code == 200
    assert ("question", question["id"]) in _listed(org, "bob")
    org.admin.remove_member("SRE", "bob")
    assert ("question", question["id"]) not in _listed(org, "bob")
    org.admin.add_member("SRE", "bob")
    org.tokens["bob"] = org.admin.issue_token("bob")
    assert ("question", question["id"]) in _listed(org, "bob")


def test_a_repeated_key_applies_once_and_signed_out_callers_are_refused(org: Org) -> None:
    first = _follow(org, "bob", "tag", "go", key="follow-go-1")
    again = _follow(org, "bob", "tag", "go", key="follow-go-1")
    assert first.json() == again.json()
    assert org.api.get(FOLLOWS).status_code == 401
    assert org.api.put(FOLLOWS, json={"kind": "tag", "target": "go"}).status_code == 401
    org.admin.disable_user("erin")
    assert org.api.get(FOLLOWS, org.tokens["erin"]).status_code in (401, 403)


def test_the_inbox_read_point_is_the_callers_own_and_only_moves_forward(org: Org) -> None:
    inbox = "/api/v1/me/inbox"
    assert org.api.get(inbox, org.tokens["bob"]).json() == {"read_through": None}
    later = {"read_through": "2026-12-02T08:00:00Z"}
    earlier = {"read_through": "2026-12-01T08:00:00Z"}
    assert org.api.put(inbox, org.tokens["bob"], json=later).json() == {
        "read_through": "2026-12-02T08:00:00Z"
    }
    # An offline desktop's older point does not unread anything.
    assert org.api.put(inbox, org.tokens["bob"], json=earlier).json() == later | {
        "read_through": "2026-12-02T08:00:00Z"
    }
    assert org.api.get(inbox, org.tokens["carol"]).json() == {"read_through": None}
    assert org.api.get(inbox).status_code == 401
    assert org.api.put(inbox, org.tokens["bob"], json={"read_through": "year 3"}).status_code == 422


def test_join_decisions_go_to_the_requester_alone(org: Org) -> None:
    finance = org.groups["finance"]
    org.admin.add_member("Finance", "carol", owner=True)
    for asker in ("bob", "ana"):
        assert org.api.post(f"/api/v1/groups/{finance}/join", org.tokens[asker]).status_code == 200
    carol = org.tokens["carol"]
    assert org.api.post(f"/api/v1/groups/{finance}/requests/{org.ids['bob']}/approve", carol)
    assert org.api.post(f"/api/v1/groups/{finance}/requests/{org.ids['ana']}/decline", carol)
    decided = "/api/v1/me/join-decisions"
    [bobs] = org.api.get(decided, org.tokens["bob"]).json()
    assert (bobs["group_name"], bobs["approved"]) == ("Finance", True)
    [anas] = org.api.get(decided, org.tokens["ana"]).json()
    assert (anas["group_name"], anas["approved"]) == ("Finance", False)
    assert org.api.get(decided, carol).json() == []
    assert org.api.get(decided).status_code == 401
