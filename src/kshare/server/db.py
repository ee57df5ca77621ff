"""Engines, sessions, the global change counter and start-up migrations.

SQLite gets two engines on the same file: writers open with ``BEGIN
IMMEDIATE`` so concurrent writers queue on the busy timeout instead of failing
when a read lock cannot be upgraded; readers use plain deferred transactions
and, thanks to WAL, never block writers.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from kshare.clock import SYSTEM, Clock
from kshare.migrations import migrations_dir
from kshare.server.tables import CLOCK_OPTION, ServerState

log = logging.getLogger(__name__)

SEQ = "seq"
HORIZON = "horizon"  # tombstones with seq <= horizon were pruned


class DatabaseTooNewError(RuntimeError):
    pass


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take over transaction control from pysqlite so "begin" below decides the mode.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _make_engine(url: str, *, immediate: bool) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_connect)

        @event.listens_for(engine, "begin")
        def _begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir("server")))
    return config


# Any fixed 64-bit number: every kshare server taking it waits for the one migrating.
MIGRATION_LOCK = 0x6B73686172650001


@functools.cache
def schema_head() -> str | None:
    """The newest server schema this kshare knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def schema_is_current(engine: Engine) -> bool:
    """Whether the database is at the newest schema this kshare knows (cheap enough for a
    readiness probe: one small query, none of Alembic's start-up logging)."""
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return [row[0] for row in rows] == [schema_head()]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, refusing a database written by a newer kshare.

    On PostgreSQL the migration runs under an advisory lock held until its transaction
    ends, so servers started at once on an empty database take turns: the first creates
    the tables, the others find them current. (SQLite's writer lock, taken by
    ``BEGIN IMMEDIATE``, already serialises them.)
    """
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        current = MigrationContext.configure(connection).get_current_revision()
        if current is not None and not _known(script, current):
            raise DatabaseTooNewError(
                f"the server database is at schema {current}, newer than this kshare; update kshare"
            )
        target = script.get_current_head() if revision == "head" else revision
        if current != target:
            log.info("migrating server database from %s to %s", current, target)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:  # alembic raises for a revision it has never heard of
        return False


class Database:
    """The server's database: a write and a read session factory and the change counter.

    ``clock`` stamps the rows whose time the code does not set itself (column defaults).
    """

    def __init__(self, url: str, clock: Clock = SYSTEM) -> None:
        self.url = url
        self.clock = clock
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite and url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.write_engine = _make_engine(url, immediate=True)
        self.read_engine = (
            _make_engine(url, immediate=False) if self.is_sqlite else self.write_engine
        )
        for engine in {self.write_engine, self.read_engine}:
            # column defaults ("created_at" and the like) stamp rows with this clock
            engine.update_execution_options(**{CLOCK_OPTION: clock})
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)
        self.after_commit: list[Callable[[], None]] = []

    def migrate(self) -> None:
        upgrade(self.write_engine)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success; listeners hear about every commit."""
        with self._write() as session, session.begin():
            yield session
        for listener in self.after_commit:
            listener()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    def head(self) -> int:
        with self.read() as session:
            return current_seq(session)

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()


def session_clock(session: Session) -> Clock:
    """The clock of the :class:`Database` that opened ``session``."""
    bind = session.get_bind()
    clock: Clock = bind.get_execution_options().get(CLOCK_OPTION, SYSTEM)
    return clock


def next_seq(session: Session) -> int:
    """Take the next global change number.

    The counter row stays locked until commit, so writers commit in ``seq``
    order and a reader never sees seq N+1 before N: the feed can page by it.
    """
    value = session.execute(
        update(ServerState)
        .where(ServerState.name == SEQ)
        .values(value=ServerState.value + 1)
        .returning(ServerState.value)
    ).scalar_one()
    return int(value)


def current_seq(session: Session) -> int:
    return int(
        session.execute(select(ServerState.value).where(ServerState.name == SEQ)).scalar_one()
    )


def horizon(session: Session) -> int:
    return int(
        session.execute(
            select(ServerState.value).where(ServerState.name == HORIZON)
        ).scalar_one_or_none()
        or 0
    )
