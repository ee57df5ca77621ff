"""Fixtures for the desktop client's unit tests: a migrated cache on a temporary file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from kshare.client.store.db import create_writer_engine, open_cache


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "cache.sqlite3"


@pytest.fixture
def writer(cache_path: Path) -> Iterator[Engine]:
    """The sync worker's engine on a freshly migrated cache."""
    open_cache(cache_path).dispose()
    engine = create_writer_engine(cache_path)
    yield engine
    engine.dispose()
