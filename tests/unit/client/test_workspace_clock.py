"""The desktop's one clock: handed to the workspace, used by the outbox, local writes and
the publication-window check. The clock is a ManualClock; nothing here waits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from kshare.client.audiences import audience_spec
from kshare.client.errors import UserFacingError
from kshare.client.services import Workspace
from kshare.client.store import outbox, repository
from kshare.client.store.db import clock_of, use_clock
from kshare.client.store.repository import ITEMS
from kshare.client.store.writes import LocalWrites
from kshare.clock import SYSTEM, ManualClock
from kshare.protocol.schemas import PersonUpsert
from tests.unit.client.factories import person

LONG_AGO = datetime(2021, 3, 1, 8, 30, tzinfo=UTC)


@dataclass
class Me:
    user_id: str


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(LONG_AGO)


@pytest.fixture
def writes(writer: Engine, clock: ManualClock) -> LocalWrites:
    use_clock(writer, clock)
    with writer.begin() as conn:
        repository.upsert(conn, [PersonUpsert(data=person("p-ana", "ana"))])
    return LocalWrites(writer, lambda: Me("p-ana"))


def test_an_engine_carries_its_clock_to_every_connection(writer: Engine) -> None:
    assert clock_of(writer) is SYSTEM
    clock = ManualClock()
    use_clock(writer, clock)
    assert clock_of(writer) is clock
    with writer.connect() as conn:
        assert clock_of(conn) is clock


def test_a_new_item_and_its_outbox_entry_carry_the_clocks_time(
    writes: LocalWrites, writer: Engine, clock: ManualClock
) -> None:
    assert writes.clock is clock  # taken from the engine
    clock.advance(minutes=7)
    item_id = writes.publish(
        item_id="item-0001",
        title="Then",
        body="Long ago.",
        tags=(),
        audience=audience_spec(("org",), now=writes.clock.now()),
        kind="post",
        parent_id=None,
    )
    with writer.connect() as conn:
        [entry] = outbox.pending(conn)
        created = conn.execute(select(ITEMS.c.created_at).where(ITEMS.c.id == item_id)).scalar()
    assert entry.created_at == LONG_AGO + timedelta(minutes=7)
    assert created is not None and created.replace(tzinfo=UTC) == LONG_AGO + timedelta(minutes=7)


def test_the_window_check_asks_the_clock(writes: LocalWrites, clock: ManualClock) -> None:
    # an hour after the clock's now: in the future for it, long past for the system
    until = LONG_AGO + timedelta(hours=1)
    writes.publish(
        item_id="item-0002",
        title="Soon over",
        body="",
        tags=(),
        # the window is checked as the audience is made, at the time of the store's clock
        audience=audience_spec(("org",), visible_until=until, now=writes.clock.now()),
        kind="post",
        parent_id=None,
    )
    clock.advance(hours=2)
    with pytest.raises(UserFacingError, match="in the past"):
        writes.publish(
            item_id="item-0003",
            title="Too late",
            body="",
            tags=(),
            audience=audience_spec(("org",), visible_until=until, now=writes.clock.now()),
            kind="post",
            parent_id=None,
        )


def test_the_workspace_hands_its_clock_to_its_parts(tmp_path: Path) -> None:
    clock = ManualClock(LONG_AGO)
    workspace = Workspace.open(tmp_path / "profile", clock=clock)
    try:
        assert workspace.clock is clock
        assert clock_of(workspace.reader) is clock and clock_of(workspace.writer) is clock
        assert workspace.writes.clock is clock
    finally:
        workspace.close()
