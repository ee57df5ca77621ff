"""The directory's SCIM changes purge a desktop exactly as the admin command does.

The same desktop and the same checks as ``test_large_revocation``: only the door
the change comes through differs (``/scim/v2`` with a token an admin made).
"""

from __future__ import annotations

import httpx
import pytest

from tests.integration.sync import test_large_revocation as large
from tests.integration.sync.conftest import Org
from tests.integration.sync.test_large_revocation import MARKER, Desktop, _assert_all_gone
from tests.support.disk import files_containing

pytestmark = pytest.mark.integration
carol = large.carol  # the same desktop: 150 posts and a file of the secret group


def scim(org: Org) -> httpx.Client:
    token = org.admin.create_scim_token("entra-id")
    return httpx.Client(
        base_url=f"{org.server.url}/scim/v2",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/scim+json"},
        timeout=30,
    )


PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def test_removing_a_member_through_scim_purges_like_remove_member(org: Org, carol: Desktop) -> None:
    with scim(org) as directory:
        found = directory.get("/Groups", params={"filter": 'displayName eq "incident"'}).json()
        assert found["totalResults"] == 1
        group_id = found["Resources"][0]["id"]
        # the form Entra ID sends: "Remove", path "members", the member in the value
        removed = directory.patch(
            f"/Groups/{group_id}",
            json={
                "schemas": [PATCH],
                "Operations": [
                    {"op": "Remove", "path": "members", "value": [{"value": org.ids["carol"]}]}
                ],
            },
        )
        assert removed.status_code == 200, removed.text
        members = {m["value"] for m in removed.json().get("members", [])}
        assert members == {org.ids["alice"]}
    _assert_all_gone(org, carol)
    entries = [e for e in org.admin.audit_log() if e["action"] == "member_removed"]
    assert entries[-1]["detail"]["by"] == "scim:entra-id"
    assert entries[-1]["detail"]["person"] == org.ids["carol"]


def test_deactivating_through_scim_wipes_the_desktop_like_disable_user(
    org: Org, carol: Desktop
) -> None:
    with scim(org) as directory:
        user = directory.get("/Users", params={"filter": 'userName eq "carol"'}).json()
        assert user["totalResults"] == 1 and user["Resources"][0]["active"] is True
        answer = directory.patch(
            f"/Users/{org.ids['carol']}",
            json={
                "schemas": [PATCH],
                "Operations": [{"op": "replace", "value": {"active": False}}],
            },
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["active"] is False
    synced = carol.run("sync")
    assert synced.returncode != 0
    assert "disabled" in synced.stderr
    assert files_containing(carol.profile, MARKER) == []
    disabled = [e for e in org.admin.audit_log() if e["action"] == "user_disabled"]
    assert disabled[-1]["detail"]["by"] == "scim:entra-id"
    assert disabled[-1]["detail"]["sessions_ended"] >= 1
    states = {d["state"] for d in org.admin.devices("carol")}
    assert states == {"wiped"}
