"""A real cache and a real search index, filled through the store as sync fills them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from kshare.client.experts.finder import ExpertFinder
from kshare.client.index import SearchIndex
from kshare.client.store import repository
from kshare.client.store.db import create_writer_engine, open_cache
from kshare.protocol.schemas import AudienceView, ItemOut, ItemUpsert, PersonOut, PersonUpsert

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def item(item_id: str, author: str, *, days: float = 0, **fields: Any) -> ItemOut:
    fields.setdefault("kind", "post")
    fields.setdefault("version", 1)
    fields.setdefault("audience", AudienceView(org=True))
    created = T0 + timedelta(days=days)
    return ItemOut(id=item_id, author_id=author, created_at=created, updated_at=created, **fields)


def person(person_id: str, name: str, **fields: Any) -> PersonOut:
    fields.setdefault("version", 1)
    return PersonOut(id=person_id, username=person_id, display_name=name, **fields)


@dataclass
class Profile:
    """What a test needs: write to the cache, bring the index up to date, ask the finder."""

    reader: Engine
    writer: Engine
    index: SearchIndex
    finder: ExpertFinder

    def put(self, *entries: ItemOut | PersonOut) -> None:
        upserts = [
            ItemUpsert(data=e) if isinstance(e, ItemOut) else PersonUpsert(data=e) for e in entries
        ]
        with self.writer.begin() as conn:
            repository.upsert(conn, upserts)
        self.index.catch_up()

    def purge(self, *removals: tuple[str, str]) -> None:
        with self.writer.begin() as conn:
            repository.purge(conn, removals)
        self.index.catch_up()


@pytest.fixture(params=["in memory", "lazy"])
def profile(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Profile]:
    """Each test runs with the finder holding the aggregates in memory, and with one reading
    the cache's tables as queries need them: the answers must be the same."""
    reader = open_cache(tmp_path / "cache.sqlite3")
    writer = create_writer_engine(tmp_path / "cache.sqlite3")
    index = SearchIndex(tmp_path / "index", reader)
    index.catch_up()
    yield Profile(reader, writer, index, ExpertFinder(reader, index, lazy=request.param == "lazy"))
    index.close()
    reader.dispose()
    writer.dispose()


PEOPLE = [
    person("alice", "Alice Berg", title="DBA", department="Platform"),
    person("bob", "Bob Costa"),
    person("carol", "Carol Diaz"),
    person("dan", "Dan Eriksen"),
    person("erin", "Erin Fox"),
]


def postgres_thread(prefix: str = "", days: float = 0) -> list[ItemOut]:
    """A question on vacuum, an accepted answer by Alice, a plain answer by Bob."""
    return [
        item(
            f"{prefix}q1",
            "carol",
            days=days,
            kind="question",
            title="Autovacuum never finishes on a big postgres table",
            body="The vacuum on our orders table runs for hours; bloat keeps growing.",
            tags=["postgresql", "vacuum"],
            accepted_answer_id=f"{prefix}a1",
        ),
        item(
            f"{prefix}a1",
            "alice",
            days=days + 1,
            kind="answer",
            parent_id=f"{prefix}q1",
            body="Lower autovacuum_vacuum_scale_factor for that table and check long transactions.",
            is_accepted=True,
        ),
        item(
            f"{prefix}a2",
            "bob",
            days=days + 1,
            kind="answer",
            parent_id=f"{prefix}q1",
            body="Maybe restart the server.",
        ),
    ]


def python_post() -> ItemOut:
    return item(
        "p1",
        "dan",
        days=2,
        title="Packaging python wheels with native extensions",
        body="Build python wheels for each platform with cibuildwheel; pin setuptools.",
        tags=["python", "packaging"],
    )
