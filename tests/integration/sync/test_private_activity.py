"""Nobody can watch a secret group's activity through the live stream's nudges."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from kshare.client.services import Workspace
from kshare.client.sync.api import ApiClient
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


def test_feed_cursors_say_nothing_about_others_activity(org: Org) -> None:
    bob_api = ApiClient(org.server.url, org.admin.issue_token("bob"))
    alice_api = ApiClient(org.server.url, org.admin.issue_token("alice"))
    try:
        first = bob_api.feed("", 200).cursor
        assert first.startswith("v2.") and "v1." not in first  # no readable change count
        again = bob_api.feed(first, 200)
        assert again.cursor != first and not again.reconcile  # sealed afresh, still valid
        # Someone else's cursor, or one with a flipped character, is not accepted as such.
        assert alice_api.feed(again.cursor, 200).reconcile
        tampered = again.cursor[:-2] + ("A" if again.cursor[-2] != "A" else "B") + again.cursor[-1]
        assert bob_api.feed(tampered, 200).reconcile
    finally:
        bob_api.close()
        alice_api.close()
