"""Catch-ups in a worker process: the desktop's index sees what the worker committed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kshare.client.index.process import IndexProcess

from .conftest import CacheFiller


def found(index: Any, query: str) -> set[str]:
    return {hit.id for hit in index.search(query, limit=100).hits}


@pytest.fixture
def worker(profile: Path) -> Iterator[IndexProcess]:
    process = IndexProcess(profile / "index", profile / "cache.sqlite3", profile / "blobs")
    yield process
    process.close()


def test_the_worker_builds_and_updates_what_the_desktop_searches(
    filler: CacheFiller, make_index: Any, worker: IndexProcess
) -> None:
    filler.item("p1", title="Alpha release notes")
    index = make_index()
    assert index.needs_rebuild and found(index, "alpha") == set()

    calls: list[tuple[int, int]] = []
    assert index.catch_up_elsewhere(worker, lambda done, total: calls.append((done, total))) == 1
    assert not index.needs_rebuild
    assert found(index, "alpha") == {"p1"}
    assert calls and calls[-1] == (1, 1)

    filler.item("p2", title="Beta release notes")
    filler.item("p1", title="Gamma release notes")  # an edit: the old words must go
    assert index.catch_up_elsewhere(worker) == 2
    assert found(index, "release") == {"p1", "p2"}
    assert found(index, "alpha") == set()
    assert worker.started == 1  # one worker for every catch-up

    filler.purge("item", "p2")
    assert index.catch_up_elsewhere(worker) == 1
    assert found(index, "release") == {"p1"}


def test_the_worker_follows_a_rebuild_the_desktop_made_itself(
    filler: CacheFiller, make_index: Any, worker: IndexProcess
) -> None:
    filler.item("p1", title="Alpha release notes")
    index = make_index()
    index.catch_up_elsewhere(worker)
    index.rebuild()  # in this process, as after finding damaged files
    filler.item("p2", title="Beta release notes")

    assert index.catch_up_elsewhere(worker) == 1
    assert found(index, "release") == {"p1", "p2"}


def test_a_closed_worker_applies_nothing(
    filler: CacheFiller, make_index: Any, worker: IndexProcess
) -> None:
    filler.item("p1", title="Alpha release notes")
    index = make_index()
    worker.close()
    assert index.catch_up_elsewhere(worker) == 0
    assert worker.worker_pid is None
