"""Open the cache file: SQLite in WAL mode, schema brought up to date by Alembic.

A cache written by a newer kshare is refused with a clear message instead of
being opened and damaged by older code.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError

from kshare.clock import SYSTEM, Clock
from kshare.migrations import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

# The newest migration of the cache. A cache already there opens without loading
# Alembic (a third of a command's start-up); tests hold this equal to Alembic's head.
CACHE_HEAD = "0013"


class CacheError(Exception):
    """The cache cannot be opened; the message says why in a user's words."""


class CacheTooNewError(CacheError):
    pass


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL keeps commits durable across app crashes
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Revoked content must leave the disk: zero freed pages instead of leaving old text in them.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _take_transaction_control(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # pysqlite would otherwise open transactions lazily (deferred) at the first write, so a
    # read-then-write could not be upgraded while another process writes (SQLITE_BUSY).
    dbapi_connection.isolation_level = None


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir("client")))
    return config


CLOCK_OPTION = "kshare_clock"


def use_clock(engine: Engine, clock: Clock) -> Engine:
    """Have what writes through ``engine`` (outbox, local writes, sync state) use ``clock``."""
    engine.update_execution_options(**{CLOCK_OPTION: clock})
    return engine


def clock_of(bind: Engine | Connection) -> Clock:
    """The clock :func:`use_clock` gave the engine (of this connection); else the system's."""
    clock: Clock = bind.get_execution_options().get(CLOCK_OPTION, SYSTEM)
    return clock


def create_cache_engine(path: Path) -> Engine:
    """An engine on ``path`` with the cache's pragmas; no migration."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def create_writer_engine(path: Path) -> Engine:
    """The sync worker's engine: every transaction starts with ``BEGIN IMMEDIATE``.

    Taking the write lock at the start means two writers (the sync worker and a
    ``kshare`` command, or ``publish`` on the GUI thread) queue on the busy
    timeout instead of one failing half-way through a page.
    """
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": 30}
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "connect", _take_transaction_control)

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def checkpoint(engine: Engine) -> None:
    """Fold the WAL into the main file and truncate it, so purged text does not linger there."""
    # Outside any transaction: a checkpoint inside one could not reset the WAL.
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        busy, _, _ = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.close()
        if busy:
            log.info("WAL checkpoint of %s was blocked by a reader; it completes later", engine.url)
    finally:
        raw.close()


def _schema_version(engine: Engine) -> str | None:
    """The cache's schema revision as Alembic recorded it; None for a new or odd file."""
    try:
        with engine.connect() as connection:
            found = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except OperationalError:  # no such table yet: a new cache
        return None
    return str(found[0][0]) if len(found) == 1 else None


def _known_revision(script: Any, revision: str) -> bool:
    from alembic.util.exc import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:  # Alembic says so by raising, for a revision it never heard of
        return False


def _migrate(engine: Engine, path: Path) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current is not None and not _known_revision(script, current):
            raise CacheTooNewError(
                f"The cache at {path} was written by a newer version of kshare "
                f"(schema {current}). Update kshare, or start a fresh profile."
            )
        head = script.get_current_head()
        if current != head:
            log.info("migrating cache %s from %s to %s", path, current, head)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")


def open_cache(path: Path) -> Engine:
    """Open (creating if needed) the cache at ``path`` and migrate it to this version's schema."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_cache_engine(path)
    try:
        if _schema_version(engine) != CACHE_HEAD:
            _migrate(engine, path)
    except CacheError:
        engine.dispose()
        raise
    except DatabaseError as exc:  # a damaged file must reach the user as a clear message
        engine.dispose()
        raise CacheError(f"The cache at {path} cannot be read: {exc.orig}") from exc
    return engine
