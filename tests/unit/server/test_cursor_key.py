"""The feed cursor key lives in the database: replicas share it, and racing processes make one."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from kshare.server.app import create_app
from kshare.server.cursors import KEY_FILE, KEY_NAME, load_key, seal_for
from kshare.server.db import Database
from kshare.server.tables import ServerMeta
from tests.unit.server.conftest import make_settings
from tests.unit.server.support import Api, Org

RACERS = 4


def _forget_key(db: Database) -> None:
    with db.write() as session:
        session.execute(delete(ServerMeta).where(ServerMeta.name == KEY_NAME))


def _key_rows(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).where(ServerMeta.name == KEY_NAME)) or 0)


def test_a_second_server_on_the_same_database_opens_the_first_ones_cursors(
    org: Org, tmp_path: Path
) -> None:
    url = org.app.state.services.db.url
    first = org.api.get("/api/v1/feed", org.tokens["bob"], params={"limit": 2}).json()
    assert first["more"]
    other = create_app(make_settings(tmp_path / "replica", url))
    replica = Api(other)
    try:
        page = replica.get(
            "/api/v1/feed", org.tokens["bob"], params={"limit": 2, "since": first["cursor"]}
        ).json()
        assert page["reconcile"] is False  # the replica trusted the cursor it did not seal
        assert page["upserts"] and page["upserts"] != first["upserts"]
        mine = seal_for(org.app.state.services.db).seal("1.2.3.4", org.ids["bob"])
        assert seal_for(other.state.services.db).open(mine, org.ids["bob"]) == "1.2.3.4"
        assert not (tmp_path / "replica" / KEY_FILE).exists()
    finally:
        replica.close()
        other.state.services.db.dispose()


def _race(url: str, start: Any, keys: Any) -> None:
    db = Database(url)
    try:
        start.wait(30)
        keys.put(load_key(db).hex())
    finally:
        db.dispose()


def test_processes_racing_for_the_first_key_all_get_the_same_one(org: Org) -> None:
    db = org.app.state.services.db
    _forget_key(db)
    context = multiprocessing.get_context("spawn")
    start, keys = context.Event(), context.Queue()
    racers = [context.Process(target=_race, args=(db.url, start, keys)) for _ in range(RACERS)]
    for racer in racers:
        racer.start()
    start.set()
    made = {keys.get(timeout=120) for _ in racers}
    for racer in racers:
        racer.join(30)
        assert racer.exitcode == 0

    assert len(made) == 1
    assert _key_rows(db) == 1
    assert load_key(db).hex() in made


def test_an_older_servers_key_file_becomes_the_shared_key(org: Org) -> None:
    db = org.app.state.services.db
    _forget_key(db)
    old = os.urandom(32)
    (org.data_dir / KEY_FILE).write_bytes(old)

    assert load_key(db, org.data_dir) == old
    (org.data_dir / KEY_FILE).write_bytes(os.urandom(32))  # read once: the row now decides
    assert load_key(db, org.data_dir) == old
