"""Every route of the API, called by every kind of viewer: nothing leaks, statuses are right.

The table of routes below must cover the app's OpenAPI schema exactly, so a
new route without a line here fails this test.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.unit.server.conftest import PASSWORD
from tests.unit.server.support import Org

SECRET_TITLE = "Zebra-Quokka acquisition plan"
SECRET_BODY = "The board approved the Quokka deal at 41 million"
SECRET_COMMENT = "Quokka diligence notes: term sheet attached"
SECRET_BYTES = b"QUOKKA-TERM-SHEET-" + bytes(range(256)) * 4
SECRET_GROUP = "Project Falcon"

# Who sees what. ana wrote the item; eddie may edit it and vera see it, both named in its
# audience and in no group; bob is in SRE but not in the secret group; carol is in neither;
# dave is only in the secret group; erin is disabled; fred was in SRE and was removed.
KINDS = {
    "owner": "ana",
    "editor": "eddie",
    "viewer": "vera",
    "group member": "bob",
    "secret group member": "dave",
    "outsider": "carol",
    "removed member": "fred",
    "disabled user": "erin",
    "anonymous": "nobody",
    "forged token": "forged",
}
VIEWERS = ("carol", "erin", "fred", "nobody", "forged", "bob", "dave", "eddie", "vera", "ana")
SEES_ITEM = {"ana", "bob", "dave", "eddie", "vera"}
KNOWS_SECRET_GROUP = {"ana", "dave"}  # ana is not a member, but see the note in setup
REQUESTERS = ("bob", "ana")  # waiting to join Finance, which only carol owns
# A marker in every field a person keeps to themselves (``x-audience: self`` in the
# OpenAPI document): only ana, whose fields they are, may ever receive one.
PRIVATE_MARKER = "Orca-Marker-5e2b"
PLANTED = {("PersonOut", "expertise_hidden"): {"expertise_hidden": [PRIVATE_MARKER]}}


class Scene:
    """The secret question and everything hanging off it."""

    def __init__(self, org: Org) -> None:
        self.org = org
        api, tokens = org.api, org.tokens
        # ana may not name the secret group (she is not in it), so the admin widens it.
        org.admin.add_member(SECRET_GROUP, "ana")
        tokens["ana"] = org.admin.issue_token("ana")
        org.ids["fred"] = org.admin.add_user("fred", "Fred Former", PASSWORD, groups=["SRE"])
        tokens["fred"] = org.admin.issue_token("fred")
        for name, full in (("eddie", "Eddie Editor"), ("vera", "Vera Viewer")):
            org.ids[name] = org.admin.add_user(name, full, PASSWORD, groups=[])
            tokens[name] = org.admin.issue_token(name)
        for fields in PLANTED.values():
            planted = api.put("/api/v1/me/profile", tokens["ana"], json=fields)
            assert planted.status_code == 200 and PRIVATE_MARKER in planted.text
        self.question = org.item(
            "ana",
            kind="question",
            title=SECRET_TITLE,
            body=SECRET_BODY,
            audience={
                "groups": ["SRE", SECRET_GROUP],
                "people": ["vera"],
                "editor_people": ["eddie"],
            },
        )
        self.answer = org.item("bob", kind="answer", parent_id=self.question["id"], body="ok")
        org.item("bob", kind="comment", parent_id=self.question["id"], body=SECRET_COMMENT)
        self.sha = hashlib.sha256(SECRET_BYTES).hexdigest()
        assert (
            api.put(f"/api/v1/blobs/{self.sha}", tokens["ana"], content=SECRET_BYTES).status_code
            == 200
        )
        self.document = org.item(
            "ana",
            kind="document",
            parent_id=self.question["id"],
            title="terms.pdf",
            attachment={"sha256": self.sha, "size": len(SECRET_BYTES)},
        )
        self.reaction = api.post(
            f"/api/v1/items/{self.question['id']}/reactions",
            tokens["bob"],
            json={"id": str(uuid.uuid4()), "emoji": "🦓"},
        ).json()
        # ana and fred follow the question; fred's follow must fall away with his access.
        for follower in ("ana", "fred"):
            followed = api.put(
                "/api/v1/me/follows",
                tokens[follower],
                json={"kind": "question", "target": self.question["id"]},
            )
            assert self.question["id"] in followed.text, followed.text
        # fred held all of it before he was removed from SRE.
        held = org.feed_all("fred")
        assert SECRET_TITLE in str(held["upserts"])
        org.admin.remove_member("SRE", "fred")
        self.secret_group_id = org.groups["falcon"]
        self.secrets = [SECRET_TITLE, SECRET_BODY, SECRET_COMMENT, "QUOKKA", "Quokka"]
        # For the group routes: dave alone owns the secret group; carol owns closed
        # Finance, where bob and ana wait for an answer that only carol may see.
        org.admin.add_member(SECRET_GROUP, "dave", owner=True)
        org.admin.add_member("Finance", "carol", owner=True)
        self.finance_id = org.groups["finance"]
        for asker in REQUESTERS:
            asked = api.post(f"/api/v1/groups/{self.finance_id}/join", tokens[asker])
            assert asked.json()["request_pending"], asked.text
        # A device session of ana's, which only she may sign out.
        signed_in = api.post("/api/v1/auth/login", json={"username": "ana", "password": PASSWORD})
        self.ana_device = signed_in.json()["session_id"]

    def token(self, who: str) -> str | None:
        if who == "nobody":
            return None
        if who == "forged":
            return "not-a-real-token"
        return self.org.tokens[who]

    def fresh_token(self, who: str) -> str | None:
        if who in ("nobody", "forged", "erin"):
            return self.token(who)
        return self.org.admin.issue_token(who)


Call = Callable[[Scene, str], httpx.Response]


def _collection(s: Scene) -> str:
    """A collection holding the secret question, shown to the question's audience."""
    made = s.__dict__.get("collection")
    if made is None:
        made = s.__dict__["collection"] = s.org.item(
            "ana",
            kind="collection",
            title="Deal room",
            audience={
                "groups": ["SRE", SECRET_GROUP],
                "people": ["vera"],
                "editor_people": ["eddie"],
            },
            entries=[{"item_id": s.question["id"]}],
        )["id"]
    return str(made)


def _add_entry(s: Scene, who: str) -> httpx.Response:
    path = f"/api/v1/collections/{_collection(s)}/entries"
    return s.org.api.post(path, s.token(who), json={"item_id": s.answer["id"], "note": who})


def _q(s: Scene) -> str:
    return f"/api/v1/items/{s.question['id']}"


def _version(s: Scene) -> int:
    item = s.org.api.get(_q(s), s.org.tokens["ana"]).json()
    return int(item["version"])


def _events(s: Scene, who: str) -> httpx.Response:
    # The stream ends at once when the nudges are closed, so it can be read whole here.
    nudges = s.org.app.state.services.nudges
    nudges.closed = True
    try:
        return s.org.api.get("/api/v1/events", s.token(who))
    finally:
        nudges.closed = False


def _answer(s: Scene, who: str, asker: str, verb: str) -> httpx.Response:
    path = f"/api/v1/groups/{s.finance_id}/requests/{s.org.ids[asker]}/{verb}"
    return s.org.api.post(path, s.token(who))


ROUTES: dict[tuple[str, str], Call] = {
    ("GET", "/api/v1/info"): lambda s, w: s.org.api.get("/api/v1/info"),
    ("POST", "/api/v1/auth/login"): lambda s, w: s.org.api.post(
        "/api/v1/auth/login",
        json={"username": w, "password": PASSWORD if w not in ("forged",) else "wrong"},
    ),
    ("POST", "/api/v1/auth/logout"): lambda s, w: s.org.api.post(
        "/api/v1/auth/logout", s.fresh_token(w)
    ),
    ("GET", "/api/v1/me"): lambda s, w: s.org.api.get("/api/v1/me", s.token(w)),
    ("POST", "/api/v1/auth/oidc/start"): lambda s, w: s.org.api.post(
        "/api/v1/auth/oidc/start",
        json={"redirect_uri": "http://127.0.0.1:9/callback", "code_challenge": "c" * 43},
    ),
    ("POST", "/api/v1/auth/oidc/finish"): lambda s, w: s.org.api.post(
        "/api/v1/auth/oidc/finish",
        json={"state": f"made-up-{w}", "code": "c", "code_verifier": "v" * 43},
    ),
    ("POST", "/api/v1/auth/refresh"): lambda s, w: s.org.api.post(
        "/api/v1/auth/refresh", json={"refresh_token": f"made-up-{w}"}
    ),
    ("GET", "/api/v1/me/devices"): lambda s, w: s.org.api.get("/api/v1/me/devices", s.token(w)),
    ("DELETE", "/api/v1/me/devices/{session_id}"): lambda s, w: s.org.api.delete(
        f"/api/v1/me/devices/{s.ana_device}", s.token(w)
    ),
    ("PUT", "/api/v1/me/password"): lambda s, w: s.org.api.put(
        "/api/v1/me/password",
        s.token(w),
        json={"current_password": "not it", "new_password": "a much longer phrase"},
    ),
    ("PUT", "/api/v1/me/profile"): lambda s, w: s.org.api.put(
        "/api/v1/me/profile", s.token(w), json={"title": "Engineer"}
    ),
    ("GET", "/api/v1/me/follows"): lambda s, w: s.org.api.get("/api/v1/me/follows", s.token(w)),
    ("PUT", "/api/v1/me/follows"): lambda s, w: s.org.api.put(
        "/api/v1/me/follows",
        s.token(w),
        json={"kind": "question", "target": s.question["id"]},
    ),
    ("GET", "/api/v1/me/inbox"): lambda s, w: s.org.api.get("/api/v1/me/inbox", s.token(w)),
    ("PUT", "/api/v1/me/inbox"): lambda s, w: s.org.api.put(
        "/api/v1/me/inbox", s.token(w), json={"read_through": "2026-12-01T10:00:00Z"}
    ),
    ("GET", "/api/v1/me/join-decisions"): lambda s, w: s.org.api.get(
        "/api/v1/me/join-decisions", s.token(w)
    ),
    ("GET", "/api/v1/feed"): lambda s, w: s.org.api.get("/api/v1/feed", s.token(w)),
    ("GET", "/api/v1/reconcile"): lambda s, w: s.org.api.get("/api/v1/reconcile", s.token(w)),
    ("POST", "/api/v1/sync/purged"): lambda s, w: s.org.api.post(
        "/api/v1/sync/purged", s.token(w), json={"device": "laptop", "removals": []}
    ),
    ("GET", "/api/v1/events"): _events,
    ("POST", "/api/v1/items"): lambda s, w: s.org.api.post(
        "/api/v1/items",
        s.token(w),
        json={
            "id": str(uuid.uuid4()),
            "kind": "comment",
            "parent_id": s.question["id"],
            "body": "me too",
        },
    ),
    ("GET", "/api/v1/items/{item_id}"): lambda s, w: s.org.api.get(_q(s), s.token(w)),
    ("PUT", "/api/v1/items/{item_id}"): lambda s, w: s.org.api.put(
        _q(s), s.token(w), json={"base_version": _version(s), "tags": ["m&a"]}
    ),
    ("GET", "/api/v1/items/{item_id}/history"): lambda s, w: s.org.api.get(
        _q(s) + "/history", s.token(w)
    ),
    ("GET", "/api/v1/items/{item_id}/versions"): lambda s, w: s.org.api.get(
        f"/api/v1/items/{s.document['id']}/versions", s.token(w)
    ),
    ("POST", "/api/v1/items/{item_id}/accept"): lambda s, w: s.org.api.post(
        f"/api/v1/items/{s.answer['id']}/accept", s.token(w)
    ),
    ("POST", "/api/v1/items/{item_id}/reactions"): lambda s, w: s.org.api.post(
        _q(s) + "/reactions", s.token(w), json={"id": str(uuid.uuid4()), "emoji": "👍"}
    ),
    ("DELETE", "/api/v1/reactions/{reaction_id}"): lambda s, w: s.org.api.delete(
        f"/api/v1/reactions/{s.reaction['id']}", s.token(w)
    ),
    ("PUT", "/api/v1/blobs/{sha256}"): lambda s, w: s.org.api.put(
        f"/api/v1/blobs/{hashlib.sha256(w.encode()).hexdigest()}", s.token(w), content=w.encode()
    ),
    ("GET", "/api/v1/blobs/{sha256}"): lambda s, w: s.org.api.get(
        f"/api/v1/blobs/{s.sha}", s.token(w), headers={"Range": "bytes=0-99"}
    ),
    ("POST", "/api/v1/audience/preview"): lambda s, w: s.org.api.post(
        "/api/v1/audience/preview", s.token(w), json={"groups": ["SRE", s.secret_group_id]}
    ),
    ("POST", "/api/v1/people/{person_id}/endorsements"): lambda s, w: s.org.api.post(
        f"/api/v1/people/{s.org.ids['ana']}/endorsements", s.token(w), json={"skill": "Go"}
    ),
    ("POST", "/api/v1/collections/{item_id}/entries"): _add_entry,
    ("POST", "/api/v1/items/{item_id}/verify"): lambda s, w: s.org.api.post(
        _q(s) + "/verify", s.token(w), json={}
    ),
    ("GET", "/api/v1/curation/health"): lambda s, w: s.org.api.get(
        "/api/v1/curation/health", s.token(w)
    ),
    ("POST", "/api/v1/curation/search-gaps"): lambda s, w: s.org.api.post(
        "/api/v1/curation/search-gaps", s.token(w), json={"query": f"quokka {w}"}
    ),
    ("POST", "/api/v1/curation/exports"): lambda s, w: s.org.api.post(
        "/api/v1/curation/exports", s.token(w), json={"target": s.question["id"], "format": "html"}
    ),
    ("GET", "/api/v1/curation/tags/{tag}"): lambda s, w: s.org.api.get(
        "/api/v1/curation/tags/m&a", s.token(w)
    ),
    ("PUT", "/api/v1/curation/tags/{tag}"): lambda s, w: s.org.api.put(
        "/api/v1/curation/tags/m&a", s.token(w), json={"description": "Quokka deals"}
    ),
    ("POST", "/api/v1/curation/tags/{tag}/merge"): lambda s, w: s.org.api.post(
        "/api/v1/curation/tags/m&a/merge", s.token(w), json={"into": "deals"}
    ),
    ("DELETE", "/api/v1/items/{item_id}"): lambda s, w: s.org.api.delete(_q(s), s.token(w)),
    ("GET", "/api/v1/groups"): lambda s, w: s.org.api.get("/api/v1/groups", s.token(w)),
    ("POST", "/api/v1/groups/{group_id}/join"): lambda s, w: s.org.api.post(
        f"/api/v1/groups/{s.secret_group_id}/join", s.token(w)
    ),
    ("GET", "/api/v1/groups/{group_id}/requests"): lambda s, w: s.org.api.get(
        f"/api/v1/groups/{s.finance_id}/requests", s.token(w)
    ),
    ("POST", "/api/v1/groups/{group_id}/requests/{person_id}/approve"): lambda s, w: _answer(
        s, w, "bob", "approve"
    ),
    ("POST", "/api/v1/groups/{group_id}/requests/{person_id}/decline"): lambda s, w: _answer(
        s, w, "ana", "decline"
    ),
    # Last: it changes who is in the secret group.
    ("POST", "/api/v1/groups/{group_id}/leave"): lambda s, w: s.org.api.post(
        f"/api/v1/groups/{s.secret_group_id}/leave", s.token(w)
    ),
}

# SCIM opens only to a SCIM token: with a person's sign-in (or none) every route is 401.
SCIM_ROUTES = [
    ("GET", "/scim/v2/Users"),
    ("POST", "/scim/v2/Users/.search"),
    ("GET", "/scim/v2/Users/{row_id}"),
    ("POST", "/scim/v2/Users"),
    ("PUT", "/scim/v2/Users/{row_id}"),
    ("PATCH", "/scim/v2/Users/{row_id}"),
    ("DELETE", "/scim/v2/Users/{row_id}"),
    ("GET", "/scim/v2/Groups"),
    ("POST", "/scim/v2/Groups/.search"),
    ("GET", "/scim/v2/Groups/{row_id}"),
    ("POST", "/scim/v2/Groups"),
    ("PUT", "/scim/v2/Groups/{row_id}"),
    ("PATCH", "/scim/v2/Groups/{row_id}"),
    ("DELETE", "/scim/v2/Groups/{row_id}"),
    ("GET", "/scim/v2/ServiceProviderConfig"),
    ("GET", "/scim/v2/ResourceTypes"),
    ("GET", "/scim/v2/ResourceTypes/{name}"),
    ("GET", "/scim/v2/Schemas"),
    ("GET", "/scim/v2/Schemas/{name}"),
] + [(m, "/scim/v2/{rest}") for m in ("GET", "POST", "PUT", "PATCH", "DELETE")]


def _scim(method: str, path: str) -> Call:
    def call(s: Scene, w: str) -> httpx.Response:
        concrete = path.replace("{row_id}", s.org.ids["ana"]).replace("{name}", "User")
        concrete = concrete.replace("{rest}", "Anything")
        body = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": w}
        return s.org.api.request(
            method, concrete, s.token(w), json=None if method in ("GET", "DELETE") else body
        )

    return call


ROUTES.update({route: _scim(*route) for route in SCIM_ROUTES})

OPEN_ROUTES = {("GET", "/api/v1/info"), ("POST", "/api/v1/auth/login")}
ABOUT_THE_ITEM = {
    ("GET", "/api/v1/items/{item_id}"),
    ("PUT", "/api/v1/items/{item_id}"),
    ("DELETE", "/api/v1/items/{item_id}"),
    ("GET", "/api/v1/items/{item_id}/history"),
    ("GET", "/api/v1/items/{item_id}/versions"),
    ("POST", "/api/v1/items/{item_id}/accept"),
    ("POST", "/api/v1/items/{item_id}/reactions"),
    ("DELETE", "/api/v1/reactions/{reaction_id}"),
    ("GET", "/api/v1/blobs/{sha256}"),
    ("POST", "/api/v1/items"),  # a comment on the item
    ("POST", "/api/v1/collections/{item_id}/entries"),  # a collection with the same audience
    ("POST", "/api/v1/items/{item_id}/verify"),
    ("POST", "/api/v1/curation/exports"),
    ("PUT", "/api/v1/me/follows"),  # following the item
}
# What a viewer who may see the item still may not do with it.
NOT_THEIRS = {
    ("bob", "PUT", "/api/v1/items/{item_id}"): 403,
    ("bob", "DELETE", "/api/v1/items/{item_id}"): 403,
    ("bob", "POST", "/api/v1/items/{item_id}/accept"): 403,
    ("dave", "PUT", "/api/v1/items/{item_id}"): 403,
    ("dave", "DELETE", "/api/v1/items/{item_id}"): 403,
    ("dave", "POST", "/api/v1/items/{item_id}/accept"): 403,
    ("dave", "DELETE", "/api/v1/reactions/{reaction_id}"): 403,
    ("ana", "DELETE", "/api/v1/reactions/{reaction_id}"): 403,  # it is bob's
    # eddie may change the item (the PUT succeeds), not delete it or answer for its author
    ("eddie", "DELETE", "/api/v1/items/{item_id}"): 403,
    ("eddie", "POST", "/api/v1/items/{item_id}/accept"): 403,
    ("eddie", "DELETE", "/api/v1/reactions/{reaction_id}"): 403,
    ("vera", "PUT", "/api/v1/items/{item_id}"): 403,
    ("vera", "DELETE", "/api/v1/items/{item_id}"): 403,
    ("vera", "POST", "/api/v1/items/{item_id}/accept"): 403,
    ("vera", "DELETE", "/api/v1/reactions/{reaction_id}"): 403,
    ("ana", "POST", "/api/v1/people/{person_id}/endorsements"): 422,  # herself
    # Only the collection's curators change it; only curators and the author verify.
    ("bob", "POST", "/api/v1/collections/{item_id}/entries"): 403,
    ("dave", "POST", "/api/v1/collections/{item_id}/entries"): 403,
    ("vera", "POST", "/api/v1/collections/{item_id}/entries"): 403,
    ("bob", "POST", "/api/v1/items/{item_id}/verify"): 403,
    ("dave", "POST", "/api/v1/items/{item_id}/verify"): 403,
    # An editor may change the text, not vouch for it: verifying is the author's or a curator's.
    ("eddie", "POST", "/api/v1/items/{item_id}/verify"): 403,
    ("vera", "POST", "/api/v1/items/{item_id}/verify"): 403,
}
# Health reports are for curators, and nobody in this scene is one.
CURATOR_ONLY = {
    ("GET", "/api/v1/curation/health"),
    ("PUT", "/api/v1/curation/tags/{tag}"),
    ("POST", "/api/v1/curation/tags/{tag}/merge"),
}

# The group routes, per viewer (unlisted: success). join, leave: the secret group, which
# outsiders may not tell from no group; requests, approve, decline: closed Finance.
GROUP_ROUTES: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/api/v1/groups"): {},
    ("POST", "/api/v1/groups/{group_id}/join"): {
        "bob": 404,
        "carol": 404,
        "fred": 404,
        "eddie": 404,
        "vera": 404,
    },
    ("POST", "/api/v1/groups/{group_id}/leave"): {
        "bob": 404,
        "carol": 404,
        "fred": 404,
        "eddie": 404,
        "vera": 404,
        "dave": 409,
    },
    ("GET", "/api/v1/groups/{group_id}/requests"): {
        "bob": 403,
        "ana": 403,
        "dave": 403,
        "fred": 403,
        "eddie": 403,
        "vera": 403,
    },
    ("POST", "/api/v1/groups/{group_id}/requests/{person_id}/approve"): {
        "bob": 403,
        "ana": 403,
        "dave": 403,
        "fred": 403,
        "eddie": 403,
        "vera": 403,
    },
    ("POST", "/api/v1/groups/{group_id}/requests/{person_id}/decline"): {
        "bob": 403,
        "ana": 403,
        "dave": 403,
        "fred": 403,
        "eddie": 403,
        "vera": 403,
    },
}


# A disabled account's calls are refused: 403 today, 401 once disabling revokes its tokens.
DISABLED = -1


def expected_status(who: str, method: str, path: str) -> int | None:
    """The status ``who`` must get, None for "any success", DISABLED for 401 or 403."""
    key = (method, path)
    if path.startswith("/scim/v2"):
        return 401
    if key == ("POST", "/api/v1/auth/login"):
        return {"nobody": 401, "forged": 401, "erin": 403}.get(who)
    if key == ("POST", "/api/v1/auth/refresh"):
        return 401  # a made-up refresh token renews nobody's sign-in
    if key[1].startswith("/api/v1/auth/oidc/"):
        return 404  # this server offers no single sign-on
    if key in OPEN_ROUTES:
        return None
    if who in ("nobody", "forged"):
        return 401
    if who == "erin":
        return DISABLED
    if key in GROUP_ROUTES:
        return GROUP_ROUTES[key].get(who)
    if key == ("PUT", "/api/v1/me/password"):
        return 403  # the current password is wrong
    if key == ("DELETE", "/api/v1/me/devices/{session_id}"):
        return None if who == "ana" else 404  # another person's device is "no such device"
    if key in ABOUT_THE_ITEM and who not in SEES_ITEM:
        return 404
    if key in CURATOR_ONLY:
        return 403
    return NOT_THEIRS.get((who, method, path))


def test_the_matrix_covers_every_route(sqlite_org: Org) -> None:
    schema = sqlite_org.app.openapi()
    in_schema = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    assert in_schema == set(ROUTES), "add new routes to ROUTES (and their expectations)"


ISSUE_KINDS = (
    "owner",
    "editor",
    "viewer",
    "group member",
    "outsider",
    "removed member",
    "disabled user",
    "anonymous",
)


def test_every_kind_of_viewer_is_walked() -> None:
    assert set(ISSUE_KINDS) <= set(KINDS)
    assert sorted(KINDS.values()) == sorted(VIEWERS)


def test_an_editor_may_change_the_item_but_not_who_sees_it(org: Org) -> None:
    scene = Scene(org)
    flags = {
        who: org.api.get(_q(scene), org.tokens[who]).json()["can_edit"]
        for who in ("ana", "eddie", "vera", "bob", "dave")
    }
    assert flags == {"ana": True, "eddie": True, "vera": False, "bob": False, "dave": False}

    edited = org.api.put(
        _q(scene), org.tokens["eddie"], json={"base_version": _version(scene), "body": "Edited"}
    )
    assert edited.status_code == 200, edited.text
    assert SECRET_GROUP not in edited.text and scene.secret_group_id not in edited.text
    assert edited.json()["audience"]["hidden_groups"] == 1
    widened = org.api.put(
        _q(scene),
        org.tokens["eddie"],
        json={"base_version": _version(scene), "audience": {"org": True}},
    )
    assert widened.status_code == 403, widened.text
    seen = org.api.get(_q(scene), org.tokens["carol"])
    assert seen.status_code == 404  # still hidden from an outsider
    history = org.api.get(_q(scene) + "/history", org.tokens["vera"]).json()
    assert SECRET_GROUP not in str(history)


def _self_only_fields(schema: dict[str, Any]) -> set[tuple[str, str]]:
    found = set()
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            if spec.get("x-audience") == "self":
                found.add((name, field))
    return found


def test_every_private_field_of_every_schema_carries_a_marker(sqlite_org: Org) -> None:
    private = _self_only_fields(sqlite_org.app.openapi())
    assert private, "the schemas mark what is private with x-audience: self"
    assert private == set(PLANTED), "plant a marker in every new private field"


def _check_no_leak(
    scene: Scene, who: str, route: tuple[str, str], response: httpx.Response
) -> None:
    text = response.content.decode("utf-8", "replace")
    if who != "ana":
        assert PRIVATE_MARKER.casefold() not in text.casefold(), f"{who} got ana's private field"
    elif route == ("GET", "/api/v1/me"):
        assert PRIVATE_MARKER in text  # the positive control: the owner does get hers
    if who not in SEES_ITEM:
        for secret in scene.secrets:
            assert secret not in text, f"{who} got {secret!r} from {route}"
        assert scene.question["id"] not in text, f"{who} learned the item id from {route}"
        assert SECRET_BYTES[:18] not in response.content
    if who not in KNOWS_SECRET_GROUP and route != ("POST", "/api/v1/audience/preview"):
        assert SECRET_GROUP not in text, f"{who} learned the secret group from {route}"
        assert scene.secret_group_id not in text, f"{who} got the secret group id from {route}"
    if route in GROUP_ROUTES and who != "carol":
        # Who asked to join Finance is for its owner alone.
        for asker in REQUESTERS:
            assert scene.org.ids[asker] not in text, f"{who} learned {asker} asked, from {route}"
    if route == ("GET", "/api/v1/me/follows") and who == "ana":
        # The positive control for follows: the follower does get her own.
        assert scene.question["id"] in text, text
    if route == ("GET", "/api/v1/groups/{group_id}/requests") and who == "carol":
        # The positive control: the owner does get them, so the check above can fail.
        assert all(scene.org.ids[asker] in text for asker in REQUESTERS), text


@pytest.mark.parametrize("who", VIEWERS)
def test_every_route_for_every_viewer(org: Org, who: str) -> None:
    scene = Scene(org)
    for route, call in ROUTES.items():
        response = call(scene, who)
        assert response.status_code < 500, (route, response.text)
        want = expected_status(who, *route)
        if want is None:
            assert response.status_code < 400, (who, route, response.status_code, response.text)
        elif want == DISABLED:
            assert response.status_code in (401, 403), (who, route, response.text)
        else:
            assert response.status_code == want, (who, route, response.status_code, response.text)
        if response.status_code >= 400 and route[1].startswith("/scim/"):
            body = response.json()  # RFC 7644 3.12: SCIM's own error format
            assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"], body
        elif response.status_code >= 400:
            body = response.json()
            assert set(body) >= {"code", "message"}, body
        _check_no_leak(scene, who, route, response)


def test_secret_group_preview_is_indistinguishable_from_a_wrong_name(org: Org) -> None:
    scene = Scene(org)
    for name in (SECRET_GROUP, scene.secret_group_id):
        probe = org.api.post(
            "/api/v1/audience/preview", org.tokens["bob"], json={"groups": ["SRE", name]}
        ).json()
        control = org.api.post(
            "/api/v1/audience/preview", org.tokens["bob"], json={"groups": ["SRE", "No Such Group"]}
        ).json()
        assert probe["people_count"] == control["people_count"]
        assert probe["groups"] == control["groups"]
        assert probe["unknown"] == [name]


def test_hidden_groups_are_counted_not_named(org: Org) -> None:
    scene = Scene(org)
    seen_by_bob = org.api.get(_q(scene), org.tokens["bob"]).json()["audience"]
    assert seen_by_bob["hidden_groups"] == 1
    assert [g["name"] for g in seen_by_bob["groups"]] == ["SRE"]
    seen_by_dave = org.api.get(_q(scene), org.tokens["dave"]).json()["audience"]
    assert seen_by_dave["hidden_groups"] == 0
    assert sorted(g["name"] for g in seen_by_dave["groups"]) == [SECRET_GROUP, "SRE"]


def test_outsiders_never_see_secret_groups_in_the_feed(org: Org) -> None:
    for who, knows in (("bob", False), ("dave", True)):
        feed = org.feed_all(who)
        names = {u["data"]["name"] for u in feed["upserts"] if u["type"] == "group"}
        assert (SECRET_GROUP in names) is knows
        listing: dict[str, Any] = org.api.get("/api/v1/reconcile", org.tokens[who]).json()
        assert (org.groups["falcon"] in listing["groups"]) is knows
