"""Nobody can watch a secret group's activity through the live stream's nudges."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from kshare.client.services import Workspace
from kshare.server.db import current_seq
from kshare.server.feed import FeedBuilder
from kshare.server.policy import viewer_for
from kshare.server.tables import Person
from tests.integration.sync.conftest import Org

pytestmark = pytest.mark.integration


def _news_since(org: Org, username: str, seq: int) -> bool:
    """What the stream decides before nudging ``username``: did *their* feed change?"""
    with org.admin.db.read() as session:
        person = session.scalars(select(Person).where(Person.username == username)).one()
        return FeedBuilder(session, person, viewer_for(session, person)).changed_since(seq)


def _head(org: Org) -> int:
    with org.admin.db.read() as session:
        return current_seq(session)


def test_a_secret_groups_activity_nudges_only_its_members(
    org: Org, desktop: Callable[..., Workspace]
) -> None:
    alice = desktop("alice")
    alice.sync()
    before = _head(org)
    alice.publish(title="Incident timeline", body="secret", audience=["group:incident"])
    assert alice.sync().status.state == "idle"
    assert _news_since(org, "carol", before)  # a member hears of it
    assert not _news_since(org, "bob", before)  # an outsider hears nothing at all

    before = _head(org)
    alice.publish(title="Lunch menu", body="for everyone", audience=["org"])
    assert alice.sync().status.state == "idle"
    assert _news_since(org, "bob", before)


def test_a_removal_in_a_secret_group_nudges_no_outsider(
    org: Org, desktop: Callable[..., Workspace]
) -> None:
    alice = desktop("alice")
    secret = alice.publish(title="Timeline", body="secret", audience=["group:incident"])
    assert alice.sync().status.state == "idle"
    before = _head(org)
    alice.delete(secret)
    assert alice.sync().status.state == "idle"
    assert _news_since(org, "carol", before)
    assert not _news_since(org, "bob", before)
