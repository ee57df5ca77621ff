"""The change feed: paging by seq, removals, reconcile after membership changes, windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from kshare.server.cursors import seal_for
from tests.unit.server.support import Org


def _ids(feed: dict[str, Any], kind: str = "item") -> set[str]:
    return {u["data"]["id"] for u in feed["upserts"] if u["type"] == kind}


def _removed(feed: dict[str, Any], kind: str = "item") -> set[str]:
    return {r["id"] for r in feed["removals"] if r["type"] == kind}


def test_pages_are_ordered_and_complete(org: Org) -> None:
    made = [org.item("ana", title=f"post {n}", audience={"org": True})["id"] for n in range(7)]
    first = org.api.get("/api/v1/feed", org.tokens["bob"], params={"limit": 3}).json()
    assert first["more"] and len(first["upserts"]) == 3
    assert first["total_estimate"] > 0
    feed = org.feed_all("bob", limit=3)
    assert set(made) <= _ids(feed)
    again = org.feed_all("bob", since=feed["cursor"])
    assert again["upserts"] == [] and again["removals"] == []


def test_narrowed_audience_removes_the_item_and_its_thread(org: Org) -> None:
    post = org.item("ana", title="ops", audience={"groups": ["SRE"]})
    comment = org.item("bob", kind="comment", parent_id=post["id"], body="noted")
    start = org.feed_all("bob")
    carol_start = org.feed_all("carol")
    assert {post["id"], comment["id"]} <= _ids(start)
    org.admin.set_item_audience(post["id"], ["private"])
    after = org.feed_all("bob", since=start["cursor"])
    assert {post["id"], comment["id"]} <= _removed(after)
    assert all(r["reason"] == "access_revoked" for r in after["removals"])
    assert post["id"] not in _ids(after)
    # carol never saw it, so she is not even told it went away.
    assert org.feed_all("carol", since=carol_start["cursor"])["removals"] == []
    # ana, the author, keeps it and gets the new version.
    assert post["id"] in _ids(org.feed_all("ana", since=start["cursor"]))


def test_deleted_items_are_removed_with_their_reactions(org: Org) -> None:
    post = org.item("ana", title="bye", audience={"org": True})
    reaction = org.api.post(
        f"/api/v1/items/{post['id']}/reactions",
        org.tokens["bob"],
        json={"id": "reaction-0001", "emoji": "👋"},
    ).json()
    start = org.feed_all("carol")
    assert reaction["id"] in _ids(start, "reaction")
    assert org.api.delete(f"/api/v1/items/{post['id']}", org.tokens["ana"]).status_code == 204
    after = org.feed_all("carol", since=start["cursor"])
    assert {"type": "item", "id": post["id"], "reason": "deleted"} in after["removals"]
    assert reaction["id"] in _removed(after, "reaction")


def test_removed_reaction_is_a_removal(org: Org) -> None:
    post = org.item("ana", title="like", audience={"org": True})
    r = org.api.post(
        f"/api/v1/items/{post['id']}/reactions",
        org.tokens["bob"],
        json={"id": "reaction-0002", "emoji": "👍"},
    ).json()
    start = org.feed_all("ana")
    assert org.api.delete(f"/api/v1/reactions/{r['id']}", org.tokens["bob"]).status_code == 204
    assert _removed(org.feed_all("ana", since=start["cursor"]), "reaction") == {r["id"]}


def test_removed_member_must_reconcile(org: Org) -> None:
    post = org.item("ana", title="team only", audience={"groups": ["SRE"]})
    start = org.feed_all("bob")
    assert post["id"] in _ids(start)
    org.admin.remove_member("SRE", "bob")
    page = org.api.get("/api/v1/feed", org.tokens["bob"], params={"since": start["cursor"]}).json()
    assert page["reconcile"] is True
    listing = org.api.get("/api/v1/reconcile", org.tokens["bob"]).json()
    assert post["id"] not in listing["items"]
    assert org.ids["ana"] in listing["people"]
    # The restarted pass does not send what bob may no longer see.
    rest = org.feed_all("bob", since=page["cursor"])
    assert post["id"] not in _ids(rest) and not rest["reconcile"]


def test_added_member_gets_older_items_again(org: Org) -> None:
    post = org.item("ana", title="team only", audience={"groups": ["SRE"]})
    start = org.feed_all("carol")
    assert post["id"] not in _ids(start)
    org.admin.add_member("SRE", "carol")
    after = org.feed_all("carol", since=start["cursor"])
    assert after["reconcile"] and post["id"] in _ids(after)


def test_disabled_account_gets_403_on_the_feed(org: Org) -> None:
    start = org.feed_all("bob")
    org.admin.disable_user("bob")
    response = org.api.get("/api/v1/feed", org.tokens["bob"], params={"since": start["cursor"]})
    assert response.status_code == 403 and response.json()["code"] == "account_disabled"
    org.admin.enable_user("bob")
    # re-enabling brings no old token back; a new sign-in reconciles from the old cursor
    old = org.api.get("/api/v1/feed", org.tokens["bob"], params={"since": start["cursor"]})
    assert old.status_code == 401
    fresh = org.admin.issue_token("bob")
    page = org.api.get("/api/v1/feed", fresh, params={"since": start["cursor"]})
    assert page.json()["reconcile"] is True


def test_expired_items_are_removed_and_scheduled_ones_arrive(org: Org) -> None:
    now = datetime.now(UTC)
    soon = org.item("ana", title="expiring", audience={"org": True})
    later = org.item("ana", title="scheduled", audience={"org": True})
    org.admin.set_item_window(later["id"], now + timedelta(days=1), None)
    start = org.feed_all("bob")
    assert soon["id"] in _ids(start) and later["id"] not in _ids(start)
    # Move the windows so that one has closed and the other opened since the cursor.
    org.admin.set_item_window(soon["id"], None, now - timedelta(seconds=1))
    org.admin.set_item_window(later["id"], now - timedelta(seconds=1), None)
    after = org.feed_all("bob", since=start["cursor"])
    assert soon["id"] in _removed(after)
    assert later["id"] in _ids(after)


def test_secret_group_becoming_secret_is_a_removal_for_outsiders(org: Org) -> None:
    start = org.feed_all("bob")
    assert org.groups["finance"] in _ids(start, "group")
    org.admin.set_group_visibility("Finance", "secret")
    after = org.feed_all("bob", since=start["cursor"])
    assert org.groups["finance"] in _removed(after, "group")
    assert org.groups["finance"] in _ids(org.feed_all("carol", since=start["cursor"]), "group")


def test_garbage_cursor_is_a_clear_422(org: Org) -> None:
    for cursor in ("nonsense", "v1.1.2", "v1.-1.0.0", "v1.99999999999999999999.0.x"):
        response = org.api.get("/api/v1/feed", org.tokens["bob"], params={"since": cursor})
        assert response.status_code == 422, cursor
        assert response.json()["code"] == "invalid"


def test_cursor_from_the_future_reconciles(org: Org) -> None:
    page = org.api.get("/api/v1/feed", org.tokens["bob"], params={"since": "v1.999999.0.0"})
    assert page.status_code == 200 and page.json()["reconcile"] is True


def test_purge_acknowledgement_is_audited(org: Org) -> None:
    response = org.api.post(
        "/api/v1/sync/purged",
        org.tokens["bob"],
        json={"device": "laptop", "removals": [{"type": "item", "id": "x1"}]},
    )
    assert response.status_code == 204
    entries = [e for e in org.admin.audit_log() if e["action"] == "purge_ack"]
    assert entries and entries[-1]["detail"]["counts"] == {"item": 1}


def _statements_per_page(org: Org, who: str, limit: int, since: str | None) -> tuple[int, dict]:  # type: ignore[type-arg]
    from sqlalchemy import event

    engine = org.app.state.services.db.read_engine
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        params: dict[str, Any] = {"limit": limit, **({"since": since} if since else {})}
        response = org.api.get("/api/v1/feed", org.tokens[who], params=params)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, response.text
    return len(seen), response.json()


def test_a_page_costs_the_same_number_of_queries_whatever_its_size(org: Org) -> None:
    start = org.feed_all("bob")["cursor"]
    # Every three seqs touch each per-item lookup: audiences (team and named people),
    # mentions, a thread root, reactions; a page of 3, 12 or 45 has the same mix.
    for n in range(20):
        audience = {"org": True} if n % 2 else {"groups": ["SRE"], "people": ["carol"]}
        post = org.item("ana", title=f"post {n}", body=f"hi @carol {n}", audience=audience)
        org.item("bob", kind="comment", parent_id=post["id"], body=f"reply {n}")
        response = org.api.post(
            f"/api/v1/items/{post['id']}/reactions",
            org.tokens["bob"],
            json={"id": f"reaction-q{n}", "emoji": "👍"},
        )
        assert response.status_code == 201, response.text
    counts = {}
    for limit in (3, 12, 45):
        counts[limit], page = _statements_per_page(org, "bob", limit, start)
        assert len(page["upserts"]) == limit and page["more"]
        # Carried forward in the cursor: later pages do not count the rest again.
        counts[-limit], _ = _statements_per_page(org, "bob", limit, page["cursor"])
    assert counts[3] == counts[12] == counts[45], counts
    assert counts[-3] == counts[-12] == counts[-45], counts
    assert counts[-3] < counts[3], counts


def test_progress_estimate_counts_down_across_a_walk(org: Org) -> None:
    for n in range(9):
        org.item("ana", title=f"post {n}", audience={"org": True})
    first = org.api.get("/api/v1/feed", org.tokens["bob"], params={"limit": 3}).json()
    estimates = [first["total_estimate"]]
    cursor, sent = first["cursor"], len(first["upserts"])
    while True:
        page = org.api.get(
            "/api/v1/feed", org.tokens["bob"], params={"limit": 3, "since": cursor}
        ).json()
        estimates.append(page["total_estimate"])
        sent += len(page["upserts"])
        cursor = page["cursor"]
        if not page["more"]:
            break
    # The first page's count is exact; each later page subtracts what it sent.
    assert estimates[0] == sent - len(first["upserts"])
    assert estimates == sorted(estimates, reverse=True) and estimates[-1] == 0
    # The final cursor carries no estimate, so the next sync counts afresh (sealed: opened
    # here with the server's own key).
    plain = seal_for(org.app.state.services.db).open(cursor, org.ids["bob"])
    assert plain is not None and plain.count(".") == 3


def test_reactions_on_a_page_follow_their_items_visibility(org: Org) -> None:
    open_post = org.item("ana", title="open", audience={"org": True})
    team_post = org.item("ana", title="team", audience={"groups": ["SRE"]})
    for n, post in enumerate((open_post, team_post)):
        response = org.api.post(
            f"/api/v1/items/{post['id']}/reactions",
            org.tokens["bob"],
            json={"id": f"reaction-v{n}", "emoji": "👍"},
        )
        assert response.status_code == 201, response.text
    assert _ids(org.feed_all("carol"), "reaction") == {"reaction-v0"}
    assert {"reaction-v0", "reaction-v1"} <= _ids(org.feed_all("bob"), "reaction")
