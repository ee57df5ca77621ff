"""SCIM at /scim/v2 as a directory uses it: tokens, filters, paging, errors, bounds."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kshare.server.admin import AdminTools
from tests.integration.sync.conftest import kshare_env
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def admin(
    server: ServerProcess, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kshare", "admin", "--data", str(server.data_dir), *args],
        env=kshare_env(env),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def directory(server: ServerProcess, subprocess_env: dict[str, str]) -> Iterator[httpx.Client]:
    made = admin(server, subprocess_env, "scim-token", "create", "okta")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("kshare-scim-") and "\n" not in token
    with httpx.Client(
        base_url=f"{server.url}/scim/v2",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    ) as client:
        yield client


def new_user(directory: httpx.Client, name: str, external: str) -> dict[str, object]:
    made = directory.post(
        "/Users",
        json={
            "schemas": [USER],
            "userName": name,
            "externalId": external,
            "displayName": name.title(),
            "emails": [{"value": f"{name}@example.com", "type": "work", "primary": True}],
            "active": True,
        },
    )
    assert made.status_code == 201, made.text
    assert made.headers["content-type"].startswith("application/scim+json")
    return dict(made.json())


def test_the_token_is_kept_only_as_a_hash_and_revoking_it_shuts_the_door(
    server: ServerProcess, directory: httpx.Client, subprocess_env: dict[str, str]
) -> None:
    assert directory.get("/Users").status_code == 200
    token = directory.headers["Authorization"].split()[1]
    stored = (server.data_dir / "kshare-server.sqlite3").read_bytes()
    assert token.encode() not in stored
    again = admin(server, subprocess_env, "scim-token", "create", "okta")
    assert again.returncode == 1 and "already exists" in again.stderr
    revoked = admin(server, subprocess_env, "scim-token", "revoke", "okta")
    assert revoked.returncode == 0, revoked.stderr
    refused = directory.get("/Users")
    assert refused.status_code == 401
    assert refused.json()["schemas"] == [ERROR]
    assert httpx.get(f"{server.url}/scim/v2/Users").status_code == 401


def test_filters_by_user_name_and_external_id_and_pages(directory: httpx.Client) -> None:
    ids = [new_user(directory, f"user{n}", f"ext-{n}")["id"] for n in range(5)]
    by_name = directory.get("/Users", params={"filter": 'userName eq "USER3"'}).json()
    assert [r["id"] for r in by_name["Resources"]] == [ids[3]]  # user names ignore case
    by_external = directory.get("/Users", params={"filter": 'externalId eq "ext-1"'}).json()
    assert [r["id"] for r in by_external["Resources"]] == [ids[1]]
    none = directory.get("/Users", params={"filter": 'userName eq "nobody"'}).json()
    assert none["totalResults"] == 0 and none.get("Resources", []) == []
    page = directory.get("/Users", params={"startIndex": 2, "count": 2}).json()
    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (5, 2, 2)
    assert [r["id"] for r in page["Resources"]] == ids[1:3]
    searched = directory.post(
        "/Users/.search",
        json={
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
            "filter": 'externalId eq "ext-4"',
            "attributes": ["userName"],
        },
    ).json()
    assert searched["Resources"] == [{"schemas": [USER], "id": ids[4], "userName": "user4"}]


def test_errors_are_in_scim_format(directory: httpx.Client) -> None:
    new_user(directory, "dana", "ext-d")
    cases = [
        (directory.get("/Users", params={"filter": 'userName co "da"'}), 400, "invalidFilter"),
        (
            directory.get("/Users", params={"filter": 'userName eq "a" or userName eq "b"'}),
            400,
            "invalidFilter",
        ),
        (directory.get("/Users", params={"filter": 'title eq "x"'}), 400, "invalidFilter"),
        (directory.get("/Users/no-such-id"), 404, None),
        (directory.post("/Users", json={"schemas": [USER], "userName": "DANA"}), 409, "uniqueness"),
        (directory.post("/Users", content=b"{not json"), 400, "invalidSyntax"),
        (directory.post("/Users", content=b"[" * 300_000), 413, None),
        (directory.put("/ServiceProviderConfig", json={}), 405, None),
    ]
    for response, status, scim_type in cases:
        body = response.json()
        assert response.status_code == status, body
        assert body["schemas"] == [ERROR] and body["status"] == str(status)
        assert body.get("scimType") == scim_type
    huge_filter = directory.get("/Users", params={"filter": "userName eq " + '"x"' * 400})
    assert huge_filter.status_code == 400


def test_groups_replace_and_patch_members_through_the_admin_code(
    server: ServerProcess, directory: httpx.Client
) -> None:
    ana, bo = new_user(directory, "ana", "e-a"), new_user(directory, "bo", "e-b")
    made = directory.post(
        "/Groups",
        json={
            "schemas": [GROUP],
            "displayName": "Finance",
            "externalId": "g-fin",
            "members": [{"value": ana["id"]}],
        },
    )
    assert made.status_code == 201, made.text
    group = made.json()
    added = directory.patch(
        f"/Groups/{group['id']}",
        json={
            "schemas": [PATCH],
            "Operations": [{"op": "add", "path": "members", "value": [{"value": bo["id"]}]}],
        },
    )
    assert {m["value"] for m in added.json()["members"]} == {ana["id"], bo["id"]}
    replaced = directory.put(
        f"/Groups/{group['id']}",
        json={
            "schemas": [GROUP],
            "displayName": "Finance EMEA",
            "externalId": "g-fin",
            "members": [{"value": bo["id"]}],
        },
    )
    assert replaced.status_code == 200, replaced.text
    assert [m["value"] for m in replaced.json()["members"]] == [bo["id"]]
    found = directory.get("/Groups", params={"filter": 'externalId eq "g-fin"'}).json()
    assert [g["displayName"] for g in found["Resources"]] == ["Finance EMEA"]
    with AdminTools(server.data_dir) as tools:
        users = {u["username"]: u for u in tools.list_users()}
        assert users["ana"]["groups"] == [] and users["bo"]["groups"] == ["Finance EMEA"]
        actions = [(e["action"], e["detail"].get("by")) for e in tools.audit_log()]
    assert ("member_removed", "scim:okta") in actions
    assert ("member_added", "scim:okta") in actions
    assert ("group_created", "scim:okta") in actions
    assert directory.delete(f"/Groups/{group['id']}").status_code == 204
    assert directory.get(f"/Groups/{group['id']}").status_code == 404


def test_deleting_a_user_keeps_their_content_and_disables_them(
    server: ServerProcess, directory: httpx.Client, tmp_path: Path
) -> None:
    eve = new_user(directory, "eve", "e-e")
    assert directory.delete(f"/Users/{eve['id']}").status_code == 204
    assert directory.get(f"/Users/{eve['id']}").status_code == 404
    listed = directory.get("/Users", params={"filter": 'userName eq "eve"'}).json()
    assert listed["totalResults"] == 0
    with AdminTools(server.data_dir) as tools:
        users = {u["username"]: u for u in tools.list_users()}
        assert users["eve"]["active"] is False  # still there: what eve wrote stays hers
        assert any(
            e["action"] == "user_deprovisioned" and e["detail"]["by"] == "scim:okta"
            for e in tools.audit_log()
        )
