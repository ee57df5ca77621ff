"""The SQL visibility clause and the Python rule agree on every generated case."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from kshare.domain.visibility import Viewer
from kshare.server.db import Database
from kshare.server.policy import Gate, visible_items_clause
from kshare.server.tables import AudienceRow, Item, Person

PEOPLE = ["p0", "p1", "p2", "p3"]
GROUPS = ["g0", "g1", "g2"]
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("twin") / "twin.sqlite3"
    database = Database(f"sqlite:///{path}")
    database.migrate()
    with database.write() as session:
        for i, pid in enumerate(PEOPLE):
            session.add(Person(id=pid, username=pid, username_key=pid, display_name=pid, seq=i + 1))
    yield database
    database.dispose()


principal = st.one_of(
    st.just(("org", "")),
    st.just(("author", "")),
    st.tuples(st.just("group"), st.sampled_from(GROUPS)),
    st.tuples(st.just("person"), st.sampled_from(PEOPLE)),
)
moment = st.one_of(st.none(), st.integers(-3, 3).map(lambda h: NOW + timedelta(hours=h)))


@st.composite
def item_specs(draw: st.DrawFn) -> list[dict[str, object]]:
    count = draw(st.integers(1, 7))
    specs: list[dict[str, object]] = []
    for index in range(count):
        earlier = [s for s in specs]
        parent = draw(st.one_of(st.none(), st.sampled_from(earlier))) if earlier else None
        quote = None
        if parent is None and earlier and draw(st.booleans()):
            quote = draw(st.sampled_from(earlier))
        specs.append(
            {
                "id": f"item{index}",
                "author": draw(st.sampled_from(PEOPLE)),
                "parent": parent,
                "quote": quote,
                "deleted": draw(st.booleans()) and draw(st.booleans()),
                "viewers": draw(st.frozensets(principal, max_size=3)),
                "editors": draw(st.frozensets(principal, max_size=2)),
                "publish_at": draw(moment),
                "visible_until": draw(moment),
            }
        )
    return specs


viewers = st.builds(
    Viewer,
    user_id=st.sampled_from(PEOPLE),
    group_ids=st.frozensets(st.sampled_from(GROUPS)),
    active=st.booleans(),
)


def _store(db: Database, specs: list[dict[str, object]]) -> None:
    with db.write() as session:
        session.execute(delete(AudienceRow))
        session.execute(delete(Item))
        for seq, spec in enumerate(specs, start=1):
            parent = spec["parent"]
            quote = spec["quote"]
            root_id = spec["id"]
            if isinstance(parent, dict):
                root_id = _root_of(parent)
            spec["root"] = root_id
            session.add(
                Item(
                    id=spec["id"],
                    kind="post",
                    author_id=spec["author"],
                    parent_id=parent["id"] if isinstance(parent, dict) else None,
                    root_id=root_id,
                    quote_of=quote["id"] if isinstance(quote, dict) else None,
                    deleted=spec["deleted"],
                    seq=seq,
                    publish_at=spec["publish_at"],
                    visible_until=spec["visible_until"],
                )
            )
            session.flush()
            if root_id == spec["id"]:
                for right, key in (("view", "viewers"), ("edit", "editors")):
                    for kind, ref in spec[key]:  # type: ignore[attr-defined]
                        session.add(
                            AudienceRow(item_id=spec["id"], kind=kind, ref=ref, right=right)
                        )


def _root_of(spec: dict[str, object]) -> str:
    return str(spec["root"])


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=item_specs(), viewer=viewers, at=st.integers(-4, 4))
def test_sql_clause_agrees_with_the_rule(
    db: Database, specs: list[dict[str, object]], viewer: Viewer, at: int
) -> None:
    _store(db, specs)
    now = NOW + timedelta(hours=at, minutes=30 * (at % 2))
    with db.read() as session:
        by_sql = set(session.scalars(select(Item.id).where(visible_items_clause(viewer, now))))
        items = list(session.scalars(select(Item)))
        by_rule = {i.id for i in Gate(session, viewer, now).visible(items)}
    assert by_sql == by_rule


def test_boundaries_are_the_rules_boundaries(db: Database) -> None:
    """publish_at is inclusive, visible_until exclusive, in both."""
    spec = {
        "id": "edge",
        "author": "p0",
        "parent": None,
        "quote": None,
        "deleted": False,
        "viewers": frozenset({("org", "")}),
        "editors": frozenset(),
        "publish_at": NOW,
        "visible_until": NOW + timedelta(hours=1),
    }
    _store(db, [spec])
    viewer = Viewer(user_id="p1")
    for now, expected in (
        (NOW - timedelta(microseconds=1), False),
        (NOW, True),
        (NOW + timedelta(hours=1), False),
    ):
        with db.read() as session:
            by_sql = bool(
                session.scalars(select(Item.id).where(visible_items_clause(viewer, now))).all()
            )
            by_rule = bool(Gate(session, viewer, now).visible(session.scalars(select(Item)).all()))
        assert by_sql == by_rule == expected
