"""A rebuild written by worker processes is the index one process writes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from kshare.client.index import SearchIndex, parallel
from kshare.client.index import index as index_module
from kshare.clock import ManualClock

from .conftest import NOW, CacheFiller, fill_corpus
from .test_bulk import TRICKY, _contents

QUERIES = (
    "kubernetes",
    "deploy",
    "repeat",
    '"to be"',
    "question type:question",
    "node.js",
    "word",
    "vpn",
    "straße",
)


def _fill(filler: CacheFiller) -> None:
    fill_corpus(filler)
    for n in range(90):
        filler.item(
            f"b{n}",
            "question" if n % 4 == 0 else "post",
            title=f"{TRICKY[n % len(TRICKY)][:30]} number {n}",
            body=f"{TRICKY[(n * 3) % len(TRICKY)]} deploy kubernetes {n % 9}",
            tags=[f"t{n % 5}", "ops"],
            score=n % 6,
        )


def _build(
    profile: Path, cache: Engine, folder: str, monkeypatch: pytest.MonkeyPatch, *, workers: int
) -> tuple[dict[str, Any], dict[str, Any], int]:
    monkeypatch.setattr(index_module, "COMMIT_EVERY", 25)  # several segments
    monkeypatch.setattr(index_module, "PARALLEL_FROM", 1 if workers > 1 else 10**9)
    monkeypatch.setattr(parallel, "worker_count", lambda: workers)
    # one moment for both builds: recency is part of the scores
    clock = ManualClock(NOW)
    index = SearchIndex(profile / folder, cache, blobs_dir=profile / "blobs", clock=clock)
    try:
        indexed = index.rebuild()
        results = {}
        for query in QUERIES:
            found = index.search(query, limit=200)
            assert not found.error
            results[query] = (found.total, [(hit.id, hit.score) for hit in found.hits])
        current = index._reading_index()
        assert current is not None
        segments = len(current.ix.reader().leaf_readers()) if indexed else 0
        return _contents(current.ix), results, segments
    finally:
        index.close()


def test_processes_write_the_index_one_process_writes(
    filler: CacheFiller, profile: Path, cache: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(filler)

    single, single_hits, single_segments = _build(profile, cache, "one", monkeypatch, workers=1)
    several, several_hits, several_segments = _build(profile, cache, "two", monkeypatch, workers=2)

    assert several_hits == single_hits
    assert several == single
    assert several_segments == single_segments > 1
    assert single_hits["kubernetes"][0] > 0


def test_a_failing_worker_fails_the_rebuild_and_keeps_the_old_index(
    filler: CacheFiller, profile: Path, cache: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(filler)
    index = SearchIndex(profile / "index", cache, blobs_dir=profile / "blobs")
    try:
        index.rebuild()
        before = index.search("kubernetes").total
        monkeypatch.setattr(index_module, "COMMIT_EVERY", 25)
        monkeypatch.setattr(index_module, "PARALLEL_FROM", 1)
        monkeypatch.setattr(parallel, "worker_count", lambda: 2)
        original = parallel.SegmentBuilders.__init__

        def broken(self: parallel.SegmentBuilders, folder: Path, workers: int) -> None:
            original(self, folder, workers)
            shutil.rmtree(folder)  # the workers find no index to write into

        monkeypatch.setattr(parallel.SegmentBuilders, "__init__", broken)
        with pytest.raises(Exception):  # noqa: B017  whatever Whoosh raises for a missing index
            index.rebuild()

        assert index.search("kubernetes").total == before
    finally:
        index.close()
