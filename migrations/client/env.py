"""Alembic environment for the desktop cache. Run in-process by kshare.client.store.db."""

from __future__ import annotations

from alembic import context

from kshare.client.store.models import CacheBase

config = context.config
target_metadata = CacheBase.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("the cache migrations run through kshare.client.store.db.open_cache")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only alter tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
