"""The same import on PostgreSQL: bulk writes, seq blocks and re-runs behave as on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kshare.server.db import Database, current_seq
from kshare.server.importer import import_stackexchange
from kshare.server.tables import Item, Person
from tests.integration.server_import.conftest import Expected
from tests.integration.server_import.dumps import FIXTURE
from tests.unit.server.support import ThrowawayPostgres, postgres_reason

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg() -> Iterator[ThrowawayPostgres]:
    reason = postgres_reason()
    if reason:
        pytest.skip(reason)
    database = ThrowawayPostgres()
    yield database
    database.drop()


def test_import_and_reimport_on_postgres(
    pg: ThrowawayPostgres, expected: Expected, tmp_path: Path
) -> None:
    first = import_stackexchange(tmp_path, FIXTURE, database_url=pg.url)
    db = Database(pg.url)
    try:
        with db.read() as session:
            head = current_seq(session)
            items = session.scalar(select(func.count()).select_from(Item))
            people = session.scalar(select(func.count()).select_from(Person))
            seqs = session.scalar(select(func.count(func.distinct(Item.seq))))
        again = import_stackexchange(tmp_path, FIXTURE, database_url=pg.url)
        with db.read() as session:
            assert current_seq(session) == head
    finally:
        db.dispose()
    total = len(expected.questions) + len(expected.answers) + len(expected.comments)
    assert items == seqs == total and people == len(expected.authors)
    assert first.questions.added == again.questions.unchanged == len(expected.questions)
    assert again.comments.added == again.comments.updated == 0
