"""Files, private profile fields and client times: what a colleague may not learn or break."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pytest

from kshare.domain import expertise as ex
from tests.unit.server.support import Org

PAYSLIP = b"PAYSLIP-ANA-" + bytes(range(256)) * 8
SHA = hashlib.sha256(PAYSLIP).hexdigest()
NEVER_STORED = hashlib.sha256(b"nobody ever uploaded this").hexdigest()


def _upload_private_document(org: Org) -> dict[str, Any]:
    uploaded = org.api.put(f"/api/v1/blobs/{SHA}", org.tokens["ana"], content=PAYSLIP)
    assert uploaded.status_code == 200
    return org.item(
        "ana",
        kind="document",
        title="payslip.pdf",
        attachment={"sha256": SHA, "size": len(PAYSLIP)},
        audience={"private": True},
    )


def _attach(org: Org, who: str, sha: str) -> Any:
    return org.api.post(
        "/api/v1/items",
        org.tokens[who],
        json={
            "id": str(uuid.uuid4()),
            "kind": "document",
            "title": "mine.pdf",
            "attachment": {"sha256": sha, "size": 10},
            "audience": {"private": True},
        },
    )


def _comparable(response: Any) -> tuple[int, str]:
    return response.status_code, response.text


def test_knowing_a_hash_does_not_give_the_file(sqlite_org: Org) -> None:
    org = sqlite_org
    _upload_private_document(org)
    stolen = _attach(org, "carol", SHA)
    unknown = _attach(org, "carol", NEVER_STORED)
    assert stolen.status_code == 422 and stolen.json()["code"] == "blob_missing"
    assert _comparable(stolen) == _comparable(unknown)  # no existence oracle
    for headers in ({}, {"Range": "bytes=0-9"}, {"Range": "bytes=-5"}, {"Range": "bytes=9-2"}):
        got = org.api.get(f"/api/v1/blobs/{SHA}", org.tokens["carol"], headers=headers)
        missing = org.api.get(f"/api/v1/blobs/{NEVER_STORED}", org.tokens["carol"], headers=headers)
        assert got.status_code == 404, headers
        assert _comparable(got) == _comparable(missing), headers
        assert PAYSLIP[:12] not in got.content
    head = org.api.request("HEAD", f"/api/v1/blobs/{SHA}", org.tokens["carol"])
    head_missing = org.api.request("HEAD", f"/api/v1/blobs/{NEVER_STORED}", org.tokens["carol"])
    assert head.status_code == head_missing.status_code >= 400
    assert dict(head.headers).get("content-length") == dict(head_missing.headers).get(
        "content-length"
    )
    # Uploading a wrong body under a stored name answers as under a free name.
    wrong = org.api.put(f"/api/v1/blobs/{SHA}", org.tokens["carol"], content=b"guess")
    wrong_free = org.api.put(f"/api/v1/blobs/{NEVER_STORED}", org.tokens["carol"], content=b"guess")
    assert wrong.status_code == 422 and _comparable(wrong) == _comparable(wrong_free)


def test_holders_of_a_file_may_attach_it(sqlite_org: Org) -> None:
    org = sqlite_org
    document = _upload_private_document(org)
    assert _attach(org, "ana", SHA).status_code == 201  # she uploaded it
    # Once shared with SRE, a member who sees it may attach it elsewhere.
    shared = org.item(
        "ana",
        kind="document",
        title="runbook.pdf",
        attachment={"sha256": SHA, "size": len(PAYSLIP)},
        audience={"groups": ["SRE"]},
    )
    assert _attach(org, "bob", SHA).status_code == 201
    assert _attach(org, "carol", SHA).status_code == 422
    # Uploading the bytes proves holding them: then carol may attach them too.
    again = org.api.put(f"/api/v1/blobs/{SHA}", org.tokens["carol"], content=PAYSLIP)
    assert again.status_code == 200
    assert _attach(org, "carol", SHA).status_code == 201
    assert document["id"] != shared["id"]


def _hide(org: Org, who: str, topics: list[str], opt_out: bool = False) -> dict[str, Any]:
    response = org.api.put(
        "/api/v1/me/profile",
        org.tokens[who],
        json={"expertise_hidden": topics, "expert_opt_out": opt_out},
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _person(feed: dict[str, Any], person_id: str) -> dict[str, Any]:
    rows = [u["data"] for u in feed["upserts"] if u["type"] == "person"]
    return next(r for r in rows if r["id"] == person_id)


def test_hidden_topics_reach_their_owner_alone(org: Org) -> None:
    marker = "Layoffs-Marker-7d1f"
    own = _hide(org, "ana", [marker, "Payroll"])
    assert own["expertise_hidden"] == [marker, "Payroll"]
    ana = org.ids["ana"]
    assert org.api.get("/api/v1/me", org.tokens["ana"]).json()["expertise_hidden"] == [
        marker,
        "Payroll",
    ]
    assert _person(org.feed_all("ana"), ana)["expertise_hidden"] == [marker, "Payroll"]
    for who in ("bob", "carol", "dave"):
        feed = org.feed_all(who)
        text = str(feed)
        assert marker not in text and marker.casefold() not in text.casefold(), who
        assert "payroll" not in text.casefold(), who
        sealed = _person(feed, ana)["expertise_hidden"]
        # Two topics, padded to four entries: the count is only a bucket.
        assert len(sealed) == 4 and all(s.startswith(ex.SEALED) for s in sealed)
        assert sealed == _person(org.feed_all(who), ana)["expertise_hidden"]  # stable
        # What their desktop needs still works: ana is left out for the topic, unnamed.
        hidden = ex.HiddenTopics(sealed)
        assert "payroll" in hidden and "Layoffs plan" not in hidden
        assert marker in hidden and "kubernetes" not in hidden
        asked = ex.Topic(terms=frozenset({"monthly", "payroll", "run"}), tags={})
        assert hidden.mentioned_in(asked, ex.HIDDEN_SHARE)
    endorsed = org.api.post(
        f"/api/v1/people/{ana}/endorsements", org.tokens["bob"], json={"skill": "Go"}
    )
    assert endorsed.status_code == 200 and marker not in endorsed.text


@pytest.mark.parametrize(
    "when",
    [
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:00:00-14:00",
        "1969-12-31T23:59:59Z",
        "10000-01-01T00:00:00Z",
    ],
)
def test_times_out_of_range_are_refused_clearly(sqlite_org: Org, when: str) -> None:
    org = sqlite_org
    for field in ("publish_at", "visible_until"):
        response = org.api.post(
            "/api/v1/items",
            org.tokens["ana"],
            json={"id": str(uuid.uuid4()), "title": "t", "audience": {"org": True, field: when}},
        )
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "invalid"
        if not when.startswith("10000"):  # pydantic itself refuses a five-digit year
            assert "1970-01-01" in response.json()["message"]
    post = org.item("ana", title="p", audience={"org": True})
    changed = org.api.put(
        f"/api/v1/items/{post['id']}",
        org.tokens["ana"],
        json={"base_version": 1, "audience": {"org": True, "visible_until": when}},
    )
    assert changed.status_code == 422, changed.text


def test_times_at_the_edges_of_the_range_are_kept(sqlite_org: Org) -> None:
    org = sqlite_org
    item = org.item(
        "ana",
        title="forever",
        audience={
            "org": True,
            "publish_at": "1970-01-01T14:00:00+14:00",
            "visible_until": "9999-12-31T23:59:59Z",
        },
    )
    assert item["audience"]["publish_at"].startswith("1970-01-01T00:00:00")
    assert item["audience"]["visible_until"].startswith("9999-12-31T23:59:59")
    bob = org.feed_all("bob")
    assert item["id"] in {u["data"]["id"] for u in bob["upserts"] if u["type"] == "item"}


def test_time_fields_document_their_range(sqlite_org: Org) -> None:
    schema = sqlite_org.app.openapi()["components"]["schemas"]["AudienceSpec"]["properties"]
    for field in ("publish_at", "visible_until"):
        assert "1970-01-01" in str(schema[field]), schema[field]


def test_feed_cursor_with_absurd_numbers_is_a_422(sqlite_org: Org) -> None:
    org = sqlite_org
    for cursor in ("v1.1.0.99999999999999999999", "v1.99999999999999999999999.0.0", "v1.-1.0.0"):
        response = org.api.get("/api/v1/feed", org.tokens["ana"], params={"since": cursor})
        assert response.status_code in (200, 422), response.text
