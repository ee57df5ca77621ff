"""Opening the cache: migrated when behind, fast when current, refused when newer or damaged."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from kshare.client.store import db
from kshare.client.store.db import CacheError, CacheTooNewError, open_cache


def test_the_known_head_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db._alembic_config())
    assert script.get_current_head() == db.CACHE_HEAD, "update CACHE_HEAD with a new migration"


def test_a_current_cache_opens_without_running_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.sqlite3"
    open_cache(path).dispose()  # created and migrated
    calls: list[Path] = []
    monkeypatch.setattr(db, "_migrate", lambda _engine, where: calls.append(where))
    engine = open_cache(path)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == db.CACHE_HEAD
    engine.dispose()
    assert calls == []
    # a file whose recorded version is not this one's goes through Alembic
    with open_cache(path).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    open_cache(path).dispose()
    assert calls == [path]


def test_a_cache_from_a_newer_kshare_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    engine = open_cache(path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(CacheTooNewError, match="newer version of kshare"):
        open_cache(path)


def test_a_damaged_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CacheError, match="cannot be read"):
        open_cache(path)


def test_the_expert_item_facts_migrate_down_and_up_again(tmp_path: Path) -> None:
    from alembic import command

    from kshare.client.experts import item_facts
    from kshare.client.store import repository
    from kshare.protocol.schemas import AudienceView, ItemOut, ItemUpsert

    path = tmp_path / "cache.sqlite3"
    engine = open_cache(path)
    at = "2026-03-01T09:00:00+00:00"
    question = ItemOut.model_validate(
        {"id": "q1", "kind": "question", "author_id": "ann", "created_at": at, "updated_at": at,
         "version": 1, "tags": ["kiln"], "audience": AudienceView(org=True)}
    )  # fmt: skip
    with engine.begin() as conn:
        repository.upsert(conn, [ItemUpsert(data=question)])
        item_facts.catch_up(conn)
    config = db._alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0011")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
        state = conn.execute(text("SELECT value FROM sync_state WHERE key = 'expert_items'"))
        assert state.first() is None  # counted again after the next upgrade
    assert "expert_snapshot" in tables and "expert_tag_people" not in tables
    engine.dispose()
    engine = open_cache(path)  # upgraded again
    with engine.begin() as conn:
        assert not item_facts.is_current(conn)
        item_facts.catch_up(conn)
        rows = conn.execute(text("SELECT tag, person_id, n FROM expert_tag_people")).all()
    assert [tuple(r) for r in rows] == [("kiln", "ann", 1)]
    engine.dispose()


def test_the_cache_migrations_make_the_tables_the_models_describe(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from kshare.client.store.models import CacheBase

    engine = open_cache(tmp_path / "cache.sqlite3")
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), CacheBase.metadata) == []
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    engine.dispose()
    assert {"expert_activity", "expert_activity_tags"} <= tables  # it compares something
