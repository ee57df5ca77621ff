"""What a newcomer is offered to follow, read from a real synced cache: popular tags, their
own groups, colleagues of their department before other active writers, nothing followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.integration.conftest import PASSWORD
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration


def _idle(workspace: Workspace) -> None:
    report = workspace.sync()
    assert report.status.state == "idle", report.status.message


def test_suggestions_come_from_what_the_newcomer_may_see(
    server: ServerProcess, tmp_path: Path
) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_group("Payments", kind="team", visibility="closed")
        admin.add_group("Secret squad", kind="team", visibility="closed")
        for user, name, department in (
            ("ana", "Ana Souza", "Platform"),
            ("dee", "Dee Okafor", "Platform"),  # quiet, but in ana's department
            ("bo", "Bo Lindqvist", "Finance"),  # writes a lot
            ("cy", "Cy Tan", "Finance"),
            ("ex", "Ex Former", "Platform"),
        ):
            admin.add_user(user, name, PASSWORD, department=department)
        admin.add_member("Payments", "ana")
        admin.add_member("Payments", "bo")
        admin.add_member("Secret squad", "cy")
        admin.disable_user("ex")
    desks: dict[str, Workspace] = {}
    try:
        for user in ("ana", "bo", "cy"):
            desks[user] = Workspace.open(tmp_path / user, clock=server.clock)
            desks[user].login(server.url, user, PASSWORD)
        bo, cy, ana = desks["bo"], desks["cy"], desks["ana"]
        for n in range(3):
            bo.publish(title=f"Ledger {n}", body="b", tags=("ledger", "month-end"))
        bo.publish(title="Kafka lag", body="b", tags=("kafka",))
        cy.publish(
            title="Squad only", body="b", tags=("hidden-tag",), audience=["group:Secret squad"]
        )
        cy.publish(title="Open note", body="b", tags=("kafka",))
        _idle(bo)
        _idle(cy)
        assert not ana.notifications.suggestions()  # nothing synced yet: nothing to offer
        _idle(ana)

        found = ana.notifications.suggestions()
        assert [s.label for s in found.tags] == ["#ledger", "#month-end", "#kafka"]
        assert [(s.label, s.reason) for s in found.groups] == [("Payments", "You are a member")]
        assert [(s.label, s.reason) for s in found.people] == [
            ("Dee Okafor", "In Platform"),
            ("Bo Lindqvist", "Active: 4 posts"),
            ("Cy Tan", "Active: 1 post"),
        ]

        ana.notifications.follow("tag", "kafka")
        ana.notifications.follow("person", "bo")
        again = ana.notifications.suggestions()
        assert "#kafka" not in [s.label for s in again.tags]
        assert "Bo Lindqvist" not in [s.label for s in again.people]
    finally:
        for desk in desks.values():
            desk.close()
