"""The server schema upgrades from its first revision, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from kshare.server.db import Database, DatabaseTooNewError, upgrade
from kshare.server.tables import Base
from tests.unit.server.support import database_url


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_upgrade_from_the_first_revision_keeps_data(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = database_url(backend, request) or f"sqlite:///{tmp_path / 'old.sqlite3'}"
    db = Database(url)
    try:
        upgrade(db.write_engine, "0001")
        with db.write_engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO people (id, username, username_key, display_name, title,"
                    " department, location, skills, ask_me_about, expertise_confirmed,"
                    " expertise_hidden,"
                    " expert_opt_out, active, is_admin, password_hash, membership_epoch, version,"
                    " seq, created_at) VALUES ('p1', 'Old', 'old', 'Old Timer', '', '', '', '[]',"
                    " '[]', '[]', '[]', false, true, false, '', 0, 1, 1, '2026-01-01 00:00:00')"
                )
            )
        db.migrate()
        with db.write_engine.connect() as conn:
            assert conn.execute(text("SELECT display_name FROM people")).scalar() == "Old Timer"
            assert (
                conn.execute(text("SELECT value FROM server_state WHERE name='seq'")).scalar() == 0
            )
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], "the migrations and the tables disagree: add a revision"
        db.migrate()  # a second start-up changes nothing
    finally:
        db.dispose()


def test_a_database_from_a_newer_kshare_is_refused(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    try:
        db.migrate()
        with db.write_engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(DatabaseTooNewError):
            db.migrate()
    finally:
        db.dispose()
