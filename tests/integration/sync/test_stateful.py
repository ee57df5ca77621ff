"""Random server-side changes, client syncs, crashes and offline writes: the cache always
converges to exactly what the server lets the user see, and every write lands once."""

from __future__ import annotations

import contextlib
import itertools
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from kshare.client.services import Workspace
from kshare.client.store.repository import TABLES
from kshare.client.sync.api import ApiClient
from kshare.protocol.schemas import AudienceSpec, ItemCreate, ItemUpdate
from kshare.server.tables import Item
from tests.integration.sync.conftest import PASSWORD, Org
from tests.support.server import ServerProcess

pytestmark = [pytest.mark.integration, pytest.mark.slow]

_counter = itertools.count()
AUDIENCES = ("org", "group", "viewer", "private")


class SimulatedCrash(BaseException):
    """Thrown from inside a sync, between two committed steps, like a power cut."""


def _spec(kind: str, group: str, viewer: str) -> AudienceSpec:
    if kind == "org":
        return AudienceSpec(org=True)
    if kind == "group":
        return AudienceSpec(groups=[group])
    if kind == "viewer":
        return AudienceSpec(people=[viewer])
    return AudienceSpec(private=True)


class SyncMachine(RuleBasedStateMachine):
    org: Org
    root: Path

    def __init__(self) -> None:
        super().__init__()
        self.n = next(_counter)
        self.workspace: Workspace | None = None
        self.author: ApiClient | None = None

    @initialize(member=st.booleans())
    def setup(self, member: bool) -> None:
        admin = self.org.admin
        self.group = f"team{self.n}"
        self.viewer = f"viewer{self.n}"
        self.writer = f"author{self.n}"
        admin.add_group(self.group, visibility="secret")
        admin.add_user(self.viewer, "Viewer", PASSWORD)
        admin.add_user(self.writer, "Author", PASSWORD)
        admin.add_member(self.group, self.writer)
        if member:
            admin.add_member(self.group, self.viewer)
        self.author = ApiClient(self.org.server.url, admin.issue_token(self.writer))
        self.profile = self.root / f"profile{self.n}"
        self.items: dict[str, int] = {}  # id -> version, as the author knows them
        self.my_titles: set[str] = set()  # the viewer's writes that must land exactly once
        self.unsent: set[str] = set()
        self.open_workspace(login=True)

    def open_workspace(self, login: bool = False) -> None:
        self.workspace = Workspace.open(self.profile)
        if login:
            self.workspace.login(self.org.server.url, self.viewer, PASSWORD)

    def teardown(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
        if self.author is not None:
            self.author.close()

    # --- the server changes ---------------------------------------------------------------

    @rule(audience=st.sampled_from(AUDIENCES))
    def author_posts(self, audience: str) -> None:
        assert self.author is not None
        item_id = str(uuid.uuid4())
        body = ItemCreate(
            id=item_id,
            title=f"t{item_id[:8]}",
            body="b",
            audience=_spec(audience, self.group, self.viewer),
        )
        created = self.author.create_item(body, key=str(uuid.uuid4()))
        self.items[item_id] = created.version

    @precondition(lambda self: self.items)
    @rule(data=st.data())
    def author_edits(self, data: st.DataObject) -> None:
        assert self.author is not None
        item_id = data.draw(st.sampled_from(sorted(self.items)))
        change = ItemUpdate(base_version=self.items[item_id], body=f"edited {uuid.uuid4()}")
        self.items[item_id] = self.author.update_item(item_id, change, str(uuid.uuid4())).version

    @precondition(lambda self: self.items)
    @rule(data=st.data())
    def author_deletes(self, data: st.DataObject) -> None:
        assert self.author is not None
        item_id = data.draw(st.sampled_from(sorted(self.items)))
        self.author.delete_item(item_id, str(uuid.uuid4()))
        del self.items[item_id]

    @precondition(lambda self: self.items)
    @rule(data=st.data(), audience=st.sampled_from(AUDIENCES))
    def audience_changes(self, data: st.DataObject, audience: str) -> None:
        item_id = data.draw(st.sampled_from(sorted(self.items)))
        viewers = {
            "org": ["org"],
            "group": [f"group:{self.group}"],
            "viewer": [f"person:{self.viewer}"],
            "private": [],
        }[audience]
        self.org.admin.set_item_audience(item_id, viewers)
        # An audience change may bump the version: learn the current one.
        self.items[item_id] = self.author.get_item(item_id).version  # type: ignore[union-attr]

    @rule(join=st.booleans())
    def membership_changes(self, join: bool) -> None:
        if join:
            self.org.admin.add_member(self.group, self.viewer)
        else:
            self.org.admin.remove_member(self.group, self.viewer)

    @rule()
    def account_disabled_then_enabled(self) -> None:
        assert self.workspace is not None
        self.org.admin.disable_user(self.viewer)
        report = self.workspace.sync()
        assert report.status.state == "signed_out", report.status.message
        assert self.workspace.feed_count() == 0
        self.my_titles -= self.unsent  # wiped before they could be sent: gone by design
        self.unsent.clear()
        self.org.admin.enable_user(self.viewer)
        self.workspace.login(self.org.server.url, self.viewer, PASSWORD)

    # --- the desktop ------------------------------------------------------------------------

    @rule()
    def viewer_publishes(self) -> None:
        assert self.workspace is not None
        title = f"mine {uuid.uuid4()}"
        self.workspace.publish(title=title, body="from the desktop", audience=["org"])
        self.my_titles.add(title)
        self.unsent.add(title)

    @rule()
    def sync(self) -> None:
        assert self.workspace is not None
        report = self.workspace.sync()
        assert report.status.state == "idle", report.status.message
        self.unsent.clear()

    @rule(pages=st.integers(min_value=0, max_value=2))
    def crash_during_sync(self, pages: int) -> None:
        """The process dies mid-sync; a new process opens the same profile."""
        assert self.workspace is not None
        seen = itertools.count()

        def progress(_status: object) -> None:
            if next(seen) >= pages + 1:
                raise SimulatedCrash()

        with contextlib.suppress(SimulatedCrash):
            self.workspace.sync(progress=progress)
        # The sync never finished; release what the OS would release for a dead process
        # (sockets, file handles), then start afresh on the same profile.
        self.workspace.close()
        self.open_workspace()

    # --- what must hold ---------------------------------------------------------------------

    @invariant()
    def cache_is_readable(self) -> None:
        if self.workspace is not None:
            self.workspace.feed_count()

    def final_check(self) -> None:
        assert self.workspace is not None
        for _ in range(3):
            report = self.workspace.sync()
            if report.status.state == "idle" and self.workspace.pending_count() == 0:
                break
        assert report.status.state == "idle", report.status.message
        token = self.org.admin.issue_token(self.viewer)
        viewer_api = ApiClient(self.org.server.url, token)
        try:
            truth = viewer_api.reconcile()
        finally:
            viewer_api.close()
        with self.workspace.reader.connect() as conn:
            local = {
                kind: {
                    row.id: row.version for row in conn.execute(select(table.c.id, table.c.version))
                }
                for kind, table in TABLES.items()
            }
        assert local["item"] == truth.items
        assert local["group"] == truth.groups
        assert local["reaction"] == truth.reactions
        assert local["person"] == truth.people
        with self.org.admin.db.read() as session:
            for title in self.my_titles:
                copies = session.scalar(
                    select(func.count()).select_from(Item).where(Item.title == title)
                )
                assert copies == 1, f"{title!r} is on the server {copies} times"


def test_cache_converges_to_the_servers_view(
    org: Org, server: ServerProcess, tmp_path: Path
) -> None:
    class Machine(SyncMachine):
        pass

    Machine.org = org
    Machine.root = tmp_path

    original_teardown = Machine.teardown

    def teardown(self: SyncMachine) -> None:
        try:
            if self.workspace is not None and self.author is not None:
                self.final_check()
        finally:
            original_teardown(self)

    Machine.teardown = teardown  # type: ignore[method-assign]
    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=12,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            derandomize=True,
            database=None,
        ),
    )
