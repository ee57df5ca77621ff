"""Curation on the server: curator roles, collection entries per viewer, verification,
health reports with their search-gap threshold, and tag merges."""

from __future__ import annotations

from typing import Any

from kshare.server.tables import SearchGap
from tests.unit.server.conftest import PASSWORD
from tests.unit.server.support import Org


def _post(org: Org, who: str, title: str, **audience: Any) -> str:
    body = {"kind": "post", "title": title, "body": title, "audience": audience or {"org": True}}
    return str(org.item(who, **body)["id"])


def _collection(
    org: Org, who: str, entries: list[dict[str, Any]], audience: dict[str, Any] | None = None
) -> dict[str, Any]:
    return org.item(
        who,
        kind="collection",
        title="Onboarding",
        body="Start here",
        audience=audience or {"org": True},
        entries=entries,
    )


def _get(org: Org, who: str, item_id: str) -> dict[str, Any]:
    response = org.api.get(f"/api/v1/items/{item_id}", org.tokens[who])
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_a_viewer_sees_only_entries_they_may_see_with_no_trace_of_the_others(org: Org) -> None:
    public = _post(org, "ana", "Welcome")
    team = _post(org, "ana", "SRE pager rota", groups=["SRE"])
    last = _post(org, "ana", "Glossary")
    made = _collection(
        org,
        "ana",
        [
            {"item_id": public, "section": "Basics", "note": "read first", "position": 0},
            {"item_id": team, "section": "On call", "note": "team only", "position": 1},
            {"item_id": last, "section": "Basics", "position": 2},
        ],
    )
    bob = _get(org, "bob", made["id"])["entries"]
    assert [(e["item_id"], e["section"], e["position"]) for e in bob] == [
        (public, "Basics", 0),
        (team, "On call", 1),
        (last, "Basics", 2),
    ]
    carol = _get(org, "carol", made["id"])
    assert [(e["item_id"], e["position"]) for e in carol["entries"]] == [(public, 0), (last, 1)]
    assert "On call" not in str(carol) and "team only" not in str(carol) and team not in str(carol)
    feed = org.feed_all("carol")
    sent = [u["data"] for u in feed["upserts"] if u["data"].get("id") == made["id"]]
    assert sent and "On call" not in str(sent) and team not in str(sent)


def test_a_curator_who_cannot_see_an_entry_reorders_without_dropping_it(sqlite_org: Org) -> None:
    org = sqlite_org
    public = _post(org, "ana", "Welcome")
    team = _post(org, "ana", "SRE pager rota", groups=["SRE"])
    other = _post(org, "ana", "Glossary")
    made = _collection(
        org,
        "ana",
        [
            {"item_id": public, "position": 0},
            {"item_id": team, "position": 1, "note": "team only"},
            {"item_id": other, "position": 2},
        ],
        {"org": True, "editor_people": ["carol"]},
    )
    assert _get(org, "carol", made["id"])["can_edit"] is True
    reordered = org.api.put(
        f"/api/v1/items/{made['id']}",
        org.tokens["carol"],
        json={
            "base_version": made["version"],
            "entries": [{"item_id": other, "position": 0}, {"item_id": public, "position": 1}],
        },
    )
    assert reordered.status_code == 200, reordered.text
    assert [e["item_id"] for e in reordered.json()["entries"]] == [other, public]
    ana = _get(org, "ana", made["id"])["entries"]
    assert [(e["item_id"], e["note"]) for e in ana] == [
        (other, ""),
        (team, "team only"),
        (public, ""),
    ]


def test_adding_entries_merges_and_stale_edits_conflict(sqlite_org: Org) -> None:
    org = sqlite_org
    first, second, third = (_post(org, "ana", t) for t in ("One", "Two", "Three"))
    made = _collection(org, "ana", [], {"org": True, "editor_people": ["bob"]})
    path = f"/api/v1/collections/{made['id']}/entries"
    for who, item, section, note in (
        ("ana", first, "Start", "begin here"),
        ("bob", second, "Later", ""),
        ("bob", third, "Start", "then this"),
    ):
        added = org.api.post(
            path, org.tokens[who], json={"item_id": item, "section": section, "note": note}
        )
        assert added.status_code == 200, added.text
    shown = _get(org, "carol", made["id"])["entries"]
    assert [(e["item_id"], e["section"], e["note"]) for e in shown] == [
        (first, "Start", "begin here"),
        (third, "Start", "then this"),
        (second, "Later", ""),
    ]
    person = org.api.post(
        path, org.tokens["ana"], json={"item_id": org.ids["bob"], "kind": "person"}
    )
    assert person.status_code == 200 and person.json()["entries"][-1]["kind"] == "person"
    refused = org.api.post(path, org.tokens["carol"], json={"item_id": first})
    assert refused.status_code == 403
    secret = _post(org, "ana", "Team only", groups=["SRE"])
    unseen = org.api.post(path, org.tokens["ana"], json={"item_id": secret})
    assert unseen.status_code == 200  # ana sees it; carol will not
    assert secret not in str(_get(org, "carol", made["id"]))
    stale = org.api.put(
        f"/api/v1/items/{made['id']}",
        org.tokens["bob"],
        json={"base_version": made["version"], "title": "Renamed"},
    )
    assert stale.status_code == 412
    assert stale.json()["current"]["entries"], "the conflict answer carries the current version"


def test_curator_role_is_granted_synced_scoped_and_audited(sqlite_org: Org) -> None:
    org = sqlite_org
    feed = org.feed_all("carol")
    first = org.api.get("/api/v1/feed", org.tokens["carol"]).json()
    assert first["curator"] == {"active": False, "everywhere": False, "groups": [], "tags": []}
    post = org.item("ana", kind="post", title="Indexes", tags=["postgres"], audience={"org": True})
    denied = org.api.post(f"/api/v1/items/{post['id']}/verify", org.tokens["carol"], json={})
    assert denied.status_code == 403
    org.admin.grant_curator("carol", tags=["Postgres"])
    later = org.api.get("/api/v1/feed", org.tokens["carol"], params={"since": feed["cursor"]})
    assert later.json()["curator"]["tags"] == ["postgres"]
    verified = org.api.post(
        f"/api/v1/items/{post['id']}/verify",
        org.tokens["carol"],
        json={"review_by": "2099-01-01T00:00:00Z"},
    )
    assert verified.status_code == 200, verified.text
    assert verified.json()["verification"]["verified_by"] == org.ids["carol"]
    assert verified.json()["version"] == post["version"]  # no edit: no conflict with one
    other = org.item("ana", kind="post", title="Budget", tags=["finance"], audience={"org": True})
    outside = org.api.post(f"/api/v1/items/{other['id']}/verify", org.tokens["carol"], json={})
    assert outside.status_code == 403
    assert org.admin.revoke_curator("carol")
    after = org.api.get(
        "/api/v1/feed", org.tokens["carol"], params={"since": later.json()["cursor"]}
    )
    assert after.json()["curator"]["active"] is False
    actions = [(e["action"], e["detail"].get("by")) for e in org.admin.audit_log()]
    assert ("curator_granted", org.admin.actor) in actions
    assert ("curator_revoked", org.admin.actor) in actions


def test_the_author_verifies_and_readers_receive_the_verification(sqlite_org: Org) -> None:
    org = sqlite_org
    post = org.item("ana", kind="post", title="Runbook", audience={"org": True})
    done = org.api.post(f"/api/v1/items/{post['id']}/verify", org.tokens["ana"], json={})
    assert done.status_code == 200
    seen = _get(org, "carol", post["id"])["verification"]
    assert seen["verified_by"] == org.ids["ana"] and seen["review_by"] > seen["verified_at"]
    past = org.api.post(
        f"/api/v1/items/{post['id']}/verify",
        org.tokens["ana"],
        json={"review_by": "2001-01-01T00:00:00Z"},
    )
    assert past.status_code == 422


def _gap(org: Org, who: str, query: str, kind: str = "empty") -> None:
    response = org.api.post(
        "/api/v1/curation/search-gaps", org.tokens[who], json={"query": query, "kind": kind}
    )
    assert response.status_code == 204, response.text


def test_abandoned_searches_are_counted_apart_and_shown_from_five_people(sqlite_org: Org) -> None:
    org = sqlite_org
    for name in ("fred", "gina"):
        org.ids[name] = org.admin.add_user(name, name.title(), PASSWORD, groups=["SRE"])
        org.tokens[name] = org.admin.issue_token(name)
    org.admin.grant_curator("bob")
    for who in ("ana", "bob", "carol", "dave"):
        _gap(org, who, "Kafka retention", "abandoned")
        _gap(org, who, "kafka retention", "abandoned")  # again: still one person
    _gap(org, "fred", "kafka retention")  # found nothing: another kind of gap
    report = org.api.get("/api/v1/curation/health", org.tokens["bob"]).json()
    assert report["search_gaps"] == []
    _gap(org, "gina", "kafka  retention", "abandoned")
    report = org.api.get("/api/v1/curation/health", org.tokens["bob"]).json()
    assert report["search_gaps"] == [{"query": "kafka retention", "kind": "abandoned", "people": 5}]
    assert "gina" not in str(report) and org.ids["gina"] not in str(report)


def test_health_report_counts_search_gaps_only_from_five_people(sqlite_org: Org) -> None:
    org = sqlite_org
    assert org.api.get("/api/v1/curation/health", org.tokens["bob"]).status_code == 403
    org.ids["fred"] = org.admin.add_user("fred", "Fred Five", PASSWORD, groups=["SRE"])
    org.tokens["fred"] = org.admin.issue_token("fred")
    org.admin.grant_curator("bob")
    for who in ("ana", "bob", "carol", "dave"):
        _gap(org, who, "VPN  on Linux")
    _gap(org, "ana", "vpn on linux")  # the same person again counts once
    report = org.api.get("/api/v1/curation/health", org.tokens["bob"]).json()
    assert report["search_gaps"] == []
    _gap(org, "fred", "vpn on linux")
    report = org.api.get("/api/v1/curation/health", org.tokens["bob"]).json()
    assert report["search_gaps"] == [{"query": "vpn on linux", "kind": "empty", "people": 5}]
    with org.admin.db.read() as session:
        stored = {g.reporter for g in session.query(SearchGap)}
    assert not stored & set(org.ids.values()) and not any("ana" in r for r in stored)


def test_health_report_lists_unanswered_stale_and_unverified_from_what_is_visible(
    sqlite_org: Org,
) -> None:
    org = sqlite_org
    org.admin.grant_curator("carol")
    asked = org.item("ana", kind="question", title="How?", tags=["vpn"], audience={"org": True})
    hidden = org.item(
        "ana", kind="question", title="Falcon?", tags=["m&a"], audience={"groups": ["SRE"]}
    )
    report = org.api.get("/api/v1/curation/health", org.tokens["carol"]).json()
    assert [u["tag"] for u in report["unanswered"]] == ["vpn"]
    assert report["unanswered"][0]["under_week"] == 1
    assert asked["id"] in str(report["never_verified"]) and hidden["id"] not in str(report)
    org.api.post(f"/api/v1/items/{asked['id']}/verify", org.tokens["carol"], json={})
    org.admin.disable_user("ana")
    report = org.api.get("/api/v1/curation/health", org.tokens["carol"]).json()
    assert [s["id"] for s in report["stale"]] == [asked["id"]]  # its author left


def test_merging_tags_retags_items_and_leaves_an_alias(sqlite_org: Org) -> None:
    org = sqlite_org
    post = org.item(
        "ana", kind="post", title="Pods", tags=["k8s-ops", "ops"], audience={"org": True}
    )
    assert org.admin.merge_tags("k8s-ops", "kubernetes") == 1
    assert _get(org, "bob", post["id"])["tags"] == ["kubernetes", "ops"]
    assert org.admin.tag_aliases()["k8s-ops"] == "kubernetes"


def test_tag_stewards_describe_and_merge_and_counts_follow_visibility(sqlite_org: Org) -> None:
    org = sqlite_org
    org.item("ana", kind="post", title="Pods", tags=["k8s-ops"], audience={"org": True})
    org.item("ana", kind="post", title="Team pods", tags=["k8s-ops"], audience={"groups": ["SRE"]})
    path = "/api/v1/curation/tags/k8s-ops"
    assert org.api.put(path, org.tokens["carol"], json={"description": "x"}).status_code == 403
    org.admin.grant_curator("carol", tags=["k8s-ops"])
    described = org.api.put(path, org.tokens["carol"], json={"description": "Running pods"})
    assert described.status_code == 200 and described.json()["description"] == "Running pods"
    assert described.json()["items"] == 1  # carol is not in SRE
    assert org.api.get(path, org.tokens["bob"]).json()["items"] == 2
    refused = org.api.post(f"{path}/merge", org.tokens["carol"], json={"into": "kubernetes"})
    assert refused.status_code == 403  # a tag's curator may not retag everything
    org.admin.grant_curator("bob")
    merged = org.api.post(f"{path}/merge", org.tokens["bob"], json={"into": "kubernetes"})
    assert merged.status_code == 200, merged.text
    assert merged.json() == {
        "tag": "kubernetes",
        "description": "",
        "aliases": ["k8s-ops"],
        "items": 2,
        "retagged": 2,
    }
    assert org.api.get("/api/v1/curation/tags/ci%2Fcd", org.tokens["bob"]).json()["tag"] == "ci/cd"


def test_a_scoped_curator_reports_and_verifies_only_within_their_groups_and_tags(
    sqlite_org: Org,
) -> None:
    org = sqlite_org
    team = org.item("ana", kind="question", title="Pager?", audience={"groups": ["SRE"]})
    tagged = org.item("ana", kind="question", title="VAT?", tags=["vat"], audience={"org": True})
    other = org.item("ana", kind="question", title="Lunch?", tags=["food"], audience={"org": True})
    org.admin.grant_curator("bob", groups=["SRE"])
    org.admin.grant_curator("bob", tags=["vat"])  # a second grant widens the first
    report = org.api.get("/api/v1/curation/health", org.tokens["bob"]).json()
    listed = {b["id"] for b in report["never_verified"]}
    assert listed == {team["id"], tagged["id"]} and other["id"] not in str(report)
    for item, status in ((team, 200), (tagged, 200), (other, 403)):
        done = org.api.post(f"/api/v1/items/{item['id']}/verify", org.tokens["bob"], json={})
        assert done.status_code == status, done.text
    org.admin.revoke_curator("bob", groups=["SRE"])
    again = org.api.post(f"/api/v1/items/{team['id']}/verify", org.tokens["bob"], json={})
    assert again.status_code == 403
    assert org.api.get("/api/v1/curation/health", org.tokens["bob"]).status_code == 200
