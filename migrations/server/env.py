"""Alembic environment for the server database. Run in-process by kshare.server.db.upgrade."""

from __future__ import annotations

from alembic import context

from kshare.server.tables import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("the server migrations run through kshare.server.db.upgrade")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only alter tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
