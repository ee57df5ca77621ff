"""Writes: idempotency, version conflicts, answers, shares, collections, profiles, history."""

from __future__ import annotations

import json
import uuid

from tests.unit.server.support import Org


def test_repeated_idempotency_key_replays_the_original(org: Org) -> None:
    body = {"id": str(uuid.uuid4()), "title": "once", "audience": {"org": True}}
    headers = {"Idempotency-Key": "outbox-op-1"}
    first = org.api.post("/api/v1/items", org.tokens["ana"], json=body, headers=headers)
    again = org.api.post("/api/v1/items", org.tokens["ana"], json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    # The same request spelled differently (key order, spacing) is still the same request.
    respelled = org.api.post(
        "/api/v1/items",
        org.tokens["ana"],
        content=json.dumps(dict(reversed(list(body.items()))), indent=2),
        headers={**headers, "Content-Type": "application/json"},
    )
    assert respelled.status_code == 201 and respelled.json() == first.json()
    other = dict(body, id=str(uuid.uuid4()))
    reused = org.api.post("/api/v1/items", org.tokens["ana"], json=other, headers=headers)
    # Same key, another body: refused, never answered with the first item.
    assert reused.status_code == 422, reused.text
    assert reused.json()["code"] == "idempotency_key_reused"
    assert "different request" in reused.json()["message"]
    listing = org.api.get("/api/v1/reconcile", org.tokens["ana"]).json()
    assert other["id"] not in listing["items"]
    # The key belongs to its user: bob's identical key is a different operation.
    bob = org.api.post("/api/v1/items", org.tokens["bob"], json=other, headers=headers)
    assert bob.status_code == 201 and bob.json()["id"] == other["id"]


def test_key_reused_for_another_path_is_refused(sqlite_org: Org) -> None:
    org = sqlite_org
    post = org.item("ana", title="p", audience={"org": True})
    headers = {"Idempotency-Key": "k-2"}
    org.api.post(
        f"/api/v1/items/{post['id']}/reactions",
        org.tokens["ana"],
        json={"id": "reaction-x1", "emoji": "x"},
        headers=headers,
    )
    response = org.api.put(
        f"/api/v1/items/{post['id']}",
        org.tokens["ana"],
        json={"base_version": 1, "title": "q"},
        headers=headers,
    )
    assert response.status_code == 422 and response.json()["code"] == "idempotency_key_reused"


def test_stale_base_version_is_412_with_the_current_item(org: Org) -> None:
    post = org.item("ana", title="v1", audience={"org": True}, body="start")
    url = f"/api/v1/items/{post['id']}"
    ok = org.api.put(url, org.tokens["ana"], json={"base_version": 1, "title": "v2"})
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = org.api.put(url, org.tokens["ana"], json={"base_version": 1, "title": "lost"})
    assert stale.status_code == 412
    error = stale.json()
    assert error["code"] == "version_conflict" and error["current"]["title"] == "v2"
    history = org.api.get(url + "/history", org.tokens["bob"]).json()
    assert [(h["version"], h["title"]) for h in history] == [(1, "v1")]


def test_co_editor_may_edit_but_not_change_the_audience(org: Org) -> None:
    post = org.item("ana", title="shared", audience={"groups": ["SRE"], "editor_people": ["bob"]})
    url = f"/api/v1/items/{post['id']}"
    assert org.api.get(url, org.tokens["bob"]).json()["can_edit"] is True
    assert (
        org.api.put(url, org.tokens["bob"], json={"base_version": 1, "body": "x"}).status_code
        == 200
    )
    widen = org.api.put(url, org.tokens["bob"], json={"base_version": 2, "audience": {"org": True}})
    assert widen.status_code == 403


def test_accepting_an_answer(org: Org) -> None:
    question = org.item("ana", kind="question", title="why?", audience={"org": True})
    answer = org.item("carol", kind="answer", parent_id=question["id"], body="because")
    url = f"/api/v1/items/{answer['id']}/accept"
    assert org.api.post(url, org.tokens["carol"]).status_code == 403
    accepted = org.api.post(url, org.tokens["ana"])
    assert accepted.status_code == 200 and accepted.json()["is_accepted"] is True
    q = org.api.get(f"/api/v1/items/{question['id']}", org.tokens["bob"]).json()
    assert q["accepted_answer_id"] == answer["id"]


def test_answers_inherit_and_cannot_set_an_audience(org: Org) -> None:
    question = org.item("ana", kind="question", title="team q", audience={"groups": ["SRE"]})
    refused = org.api.post(
        "/api/v1/items",
        org.tokens["bob"],
        json={
            "id": str(uuid.uuid4()),
            "kind": "answer",
            "parent_id": question["id"],
            "audience": {"org": True},
        },
    )
    assert refused.status_code == 422
    answer = org.item("bob", kind="answer", parent_id=question["id"], body="here")
    assert answer["audience"]["groups"][0]["name"] == "SRE"
    assert org.api.get(f"/api/v1/items/{answer['id']}", org.tokens["carol"]).status_code == 404


def test_a_share_never_reaches_more_people_than_the_original(org: Org) -> None:
    original = org.item("ana", title="team", audience={"groups": ["SRE"]})
    share = org.item("bob", title="look", quote_of=original["id"], audience={"org": True})
    assert share["quote_of"] == original["id"]
    url = f"/api/v1/items/{share['id']}"
    assert org.api.get(url, org.tokens["carol"]).status_code == 404
    assert org.api.get(url, org.tokens["ana"]).status_code == 200
    # Narrowing the original later takes the share with it, even from its own author.
    start = org.feed_all("bob")
    org.admin.set_item_audience(original["id"], ["person:ana"])
    assert org.api.get(url, org.tokens["bob"]).status_code == 404
    assert org.api.get(url, org.tokens["ana"]).status_code == 200
    after = org.feed_all("bob", since=start["cursor"])
    assert {original["id"], share["id"]} <= {r["id"] for r in after["removals"]}
    assert carol_cannot_share(org, original["id"])


def carol_cannot_share(org: Org, item_id: str) -> bool:
    response = org.api.post(
        "/api/v1/items",
        org.tokens["carol"],
        json={
            "id": str(uuid.uuid4()),
            "quote_of": item_id,
            "audience": {"org": True},
        },
    )
    return response.status_code == 404


def test_collections_list_only_visible_entries(org: Org) -> None:
    public = org.item("ana", title="public", audience={"org": True})
    team = org.item("ana", title="team", audience={"groups": ["SRE"]})
    collection = org.item(
        "ana",
        kind="collection",
        title="best of",
        audience={"org": True},
        entries=[{"item_id": public["id"], "position": 1}, {"item_id": team["id"], "position": 2}],
    )
    url = f"/api/v1/items/{collection['id']}"
    for who, expected in (("bob", [public["id"], team["id"]]), ("carol", [public["id"]])):
        entries = org.api.get(url, org.tokens[who]).json()["entries"]
        assert [e["item_id"] for e in entries] == expected


def test_tags_are_case_folded_and_mentions_parsed(org: Org) -> None:
    post = org.item(
        "ana",
        title="t",
        tags=["PostgreSQL", "postgresql", "On Call"],
        body="thanks @Bob and @nobody",
        audience={"org": True},
    )
    assert post["tags"] == ["postgresql", "on-call"]
    assert post["mentions"] == [org.ids["bob"]]


def test_profile_and_endorsements(org: Org) -> None:
    me = org.api.put(
        "/api/v1/me/profile",
        org.tokens["bob"],
        json={"skills": ["Go", "go", " Kafka "], "expert_opt_out": True},
    ).json()
    assert me["skills"] == ["Go", "Kafka"] and me["expert_opt_out"] is True
    endorsed = org.api.post(
        f"/api/v1/people/{org.ids['bob']}/endorsements", org.tokens["ana"], json={"skill": "Go"}
    ).json()
    assert endorsed["endorsements"] == {"Go": [org.ids["ana"]]}
    # another spelling of the same skill counts with it, under the name bob gave it
    again = org.api.post(
        f"/api/v1/people/{org.ids['bob']}/endorsements", org.tokens["carol"], json={"skill": "GO "}
    ).json()
    assert again["endorsements"] == {"Go": [org.ids["ana"], org.ids["carol"]]}
    # a skill bob does not list keeps the first endorser's spelling
    org.api.post(
        f"/api/v1/people/{org.ids['bob']}/endorsements", org.tokens["ana"], json={"skill": "Rust"}
    )
    last = org.api.post(
        f"/api/v1/people/{org.ids['bob']}/endorsements", org.tokens["carol"], json={"skill": "rust"}
    ).json()
    assert last["endorsements"]["Rust"] == [org.ids["ana"], org.ids["carol"]]
    assert "rust" not in last["endorsements"]
    missing = org.api.post(
        "/api/v1/people/no-such-person/endorsements", org.tokens["ana"], json={"skill": "Go"}
    )
    assert missing.status_code == 404


def test_a_publication_window_must_be_in_order(org: Org) -> None:
    start = "2030-01-02T00:00:00Z"
    for window in (
        {"publish_at": start, "visible_until": "2030-01-01T00:00:00Z"},
        {"publish_at": start, "visible_until": start},
    ):
        refused = org.api.post(
            "/api/v1/items",
            org.tokens["ana"],
            json={
                "id": f"w-{len(window)}-{window['visible_until']}",
                "title": "Plan",
                "audience": {"org": True, **window},
            },
        )
        assert refused.status_code == 422, refused.text
        assert "visible_until must come after publish_at" in refused.text
    made = org.item(
        "ana",
        title="Plan",
        audience={"org": True, "publish_at": start, "visible_until": "2030-01-03T00:00:00Z"},
    )
    assert made["audience"]["visible_until"].startswith("2030-01-03")


def test_audience_preview_counts_people(org: Org) -> None:
    preview = org.api.post(
        "/api/v1/audience/preview",
        org.tokens["ana"],
        json={"groups": ["SRE"], "people": ["carol", "ghost"]},
    ).json()
    # ana, bob (SRE, active) and carol; erin is disabled.
    assert preview["people_count"] == 3
    assert preview["unknown"] == ["ghost"]
    org_wide = org.api.post("/api/v1/audience/preview", org.tokens["ana"], json={"org": True})
    assert org_wide.json()["org_wide"] is True and org_wide.json()["people_count"] == 4


def test_unknown_audience_is_refused_not_guessed(org: Org) -> None:
    response = org.api.post(
        "/api/v1/items",
        org.tokens["bob"],
        json={
            "id": str(uuid.uuid4()),
            "title": "x",
            "audience": {"groups": ["Project Falcon"]},
        },
    )
    assert response.status_code == 422


def test_deleting_is_for_the_author(org: Org) -> None:
    post = org.item("ana", title="mine", audience={"org": True})
    url = f"/api/v1/items/{post['id']}"
    assert org.api.delete(url, org.tokens["bob"]).status_code == 403
    assert org.api.delete(url, org.tokens["ana"]).status_code == 204
    assert org.api.get(url, org.tokens["ana"]).status_code == 404
