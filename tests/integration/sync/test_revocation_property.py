"""Random membership and audience changes, with the desktop syncing or away in between:
after every sync its cache, index and blob folder hold exactly what the viewer may see."""

from __future__ import annotations

import itertools
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from kshare.client.services import Workspace
from kshare.client.sync.api import ApiClient
from kshare.server.tables import Item
from tests.integration.sync.conftest import PASSWORD, Org
from tests.support.disk import files_containing
from tests.support.server import ServerProcess

pytestmark = [pytest.mark.integration, pytest.mark.slow]

_counter = itertools.count()
AUDIENCES = ("org", "group", "viewer", "private")


class RevocationMachine(RuleBasedStateMachine):
    org: Org
    root: Path

    def __init__(self) -> None:
        super().__init__()
        self.n = next(_counter)
        self.viewer_ws: Workspace | None = None
        self.author_ws: Workspace | None = None

    @initialize(member=st.booleans())
    def setup(self, member: bool) -> None:
        admin = self.org.admin
        self.group, self.viewer, self.author = f"g{self.n}", f"v{self.n}", f"a{self.n}"
        admin.add_group(self.group, visibility="secret")
        admin.add_user(self.viewer, "Viewer", PASSWORD)
        admin.add_user(self.author, "Author", PASSWORD)
        admin.add_member(self.group, self.author)
        if member:
            admin.add_member(self.group, self.viewer)
        self.author_ws = Workspace.open(self.root / f"author{self.n}")
        self.author_ws.login(self.org.server.url, self.author, PASSWORD)
        self.profile = self.root / f"viewer{self.n}"
        self.viewer_ws = Workspace.open(self.profile)
        self.viewer_ws.settings.set("blob_policy", "eager")
        self.viewer_ws.login(self.org.server.url, self.viewer, PASSWORD)
        self.markers: dict[str, str] = {}  # item id -> a word only that item (and its file) holds

    def teardown(self) -> None:
        for workspace in (self.viewer_ws, self.author_ws):
            if workspace is not None:
                workspace.close()

    def _audience(self, kind: str) -> list[str]:
        return {
            "org": ["org"],
            "group": [f"group:{self.group}"],
            "viewer": [f"person:{self.viewer}"],
            "private": ["private"],
        }[kind]

    # --- the server changes -------------------------------------------------------------

    @rule(audience=st.sampled_from(AUDIENCES), document=st.booleans())
    def author_publishes(self, audience: str, document: bool) -> None:
        assert self.author_ws is not None
        marker = f"mk{uuid.uuid4().hex[:10]}"
        if document:
            path = self.root / f"{marker}.txt"
            path.write_text(f"attached notes {marker}\n")
            item_id = self.author_ws.share_file(
                path, title="Notes", body=f"file {marker}", audience=self._audience(audience)
            )
        else:
            item_id = self.author_ws.publish(
                title="Post", body=f"post {marker}", audience=self._audience(audience)
            )
        assert self.author_ws.sync().status.state == "idle"
        self.markers[item_id] = marker

    @precondition(lambda self: self.markers)
    @rule(data=st.data(), audience=st.sampled_from(AUDIENCES))
    def audience_changes(self, data: st.DataObject, audience: str) -> None:
        item_id = data.draw(st.sampled_from(sorted(self.markers)))
        viewers = [] if audience == "private" else self._audience(audience)
        self.org.admin.set_item_audience(item_id, viewers)

    @rule(join=st.booleans())
    def membership_changes(self, join: bool) -> None:
        if join:
            self.org.admin.add_member(self.group, self.viewer)
        else:
            self.org.admin.remove_member(self.group, self.viewer)

    # --- the desktop --------------------------------------------------------------------

    @rule()
    def stays_away(self) -> None:
        """Offline for a step: the next changes pile up until the desktop is back."""

    @rule()
    def syncs(self) -> None:
        assert self.viewer_ws is not None
        report = self.viewer_ws.sync()
        assert report.status.state == "idle", report.status.message
        self.holds_exactly_what_the_viewer_may_see()

    def holds_exactly_what_the_viewer_may_see(self) -> None:
        assert self.viewer_ws is not None
        api = ApiClient(self.org.server.url, self.org.admin.issue_token(self.viewer))
        try:
            visible = set(api.reconcile().items)
        finally:
            api.close()
        with self.org.admin.db.read() as session:
            documents = set(session.scalars(select(Item.id).where(Item.kind == "document")))
        for item_id, marker in self.markers.items():
            may_see = item_id in visible
            assert (self.viewer_ws.item(item_id) is not None) == may_see, item_id
            assert (self.viewer_ws.search(marker).total > 0) == may_see, marker
            if not may_see:
                assert files_containing(self.profile, marker) == [], marker
            elif item_id in documents:
                assert files_containing(self.profile / "blobs", marker), marker


def test_revocation_always_completes(org: Org, server: ServerProcess, tmp_path: Path) -> None:
    class Machine(RevocationMachine):
        pass

    Machine.org = org
    Machine.root = tmp_path

    def teardown(self: RevocationMachine) -> None:
        try:
            if self.viewer_ws is not None:
                self.syncs()
        finally:
            RevocationMachine.teardown(self)

    Machine.teardown = teardown  # type: ignore[method-assign]
    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=6,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            derandomize=True,
            database=None,
        ),
    )
