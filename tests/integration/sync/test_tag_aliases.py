"""Tag aliases an admin sets reach a desktop at its next sync and change what search finds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kshare.client.services import Workspace
from tests.integration.sync.conftest import Org

pytestmark = pytest.mark.integration


def test_an_alias_set_on_the_server_is_honoured_after_the_next_sync(
    org: Org, desktop: Callable[..., Workspace]
) -> None:
    alice = desktop("alice")
    item_id = alice.publish(
        title="Failover drill notes", body="Promote the standby.", tags=["postgresql"],
        audience=["org"],
    )  # fmt: skip
    assert alice.sync().status.state == "idle"
    assert alice.search("failover tag:postgres").hits == ()

    org.admin.set_tag_alias("postgres", "postgresql")
    assert alice.sync().status.state == "idle"  # only the list of aliases changed
    assert [h.id for h in alice.search("failover tag:postgres").hits] == [item_id]
    assert dict(alice.search("postgres").facets["tag"]) == {"postgresql": 1}

    org.admin.remove_tag_alias("postgres")
    assert alice.sync().status.state == "idle"
    assert alice.search("failover tag:postgres").hits == ()
