"""A catch-up of one change costs the same however many documents still wait for their file.

Counted, not timed: SQL statements sent to the cache and files looked for on disk.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from kshare.client.index import SearchIndex
from kshare.client.index.texts import blob_path
from kshare.clock import SYSTEM

from .conftest import CacheFiller


def _awaiting_document(filler: CacheFiller, profile: Path, n: int) -> str:
    """A document whose file is not downloaded; its blob folder exists and has settled."""
    sha = hashlib.sha256(f"file {n}".encode()).hexdigest()
    folder = blob_path(profile / "blobs", sha).parent
    folder.mkdir(parents=True, exist_ok=True)
    attachment = {"sha256": sha, "size": 9, "mime": "text/plain", "filename": f"f{n}.txt"}
    filler.item(f"doc{n}", "document", title=f"Waiting {n}", attachment=attachment)
    return sha


def _settle(profile: Path) -> None:
    # a minute older than the index's clock (the system's here) says: settled
    old = SYSTEM.now().timestamp() - 60
    for folder in (profile / "blobs").glob("*"):
        os.utime(folder, (old, old))


@contextmanager
def _counting(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    counts = {"sql": 0, "files": 0}

    def on_execute(*_args: Any) -> None:
        counts["sql"] += 1

    real_is_file = Path.is_file

    def is_file(path: Path) -> bool:
        counts["files"] += 1
        return real_is_file(path)

    event.listen(engine, "before_cursor_execute", on_execute)
    monkeypatch.setattr(Path, "is_file", is_file)
    try:
        yield counts
    finally:
        monkeypatch.undo()
        event.remove(engine, "before_cursor_execute", on_execute)


def _cost_of_one_change(
    waiting: int,
    filler: CacheFiller,
    make_index: Any,
    cache: Engine,
    profile: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> dict[str, int]:
    for n in range(waiting):
        _awaiting_document(filler, profile, n)
    _settle(profile)
    index: SearchIndex = make_index()
    index.catch_up()
    index.catch_up()  # the first look after start-up checks every awaited file once
    filler.item(f"edit{waiting}", title="One more note")
    with _counting(cache, monkeypatch) as counts:
        assert index.catch_up() == 1
    index.close()
    return counts


def test_one_change_costs_the_same_with_many_documents_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kshare.client.store.db import open_cache

    costs = []
    for count in (2, 40):
        profile = tmp_path / f"p{count}"
        profile.mkdir()
        engine = open_cache(profile / "cache.sqlite3")
        filler = CacheFiller(engine, profile / "blobs")

        def make(profile: Path = profile, engine: Engine = engine) -> SearchIndex:
            return SearchIndex(profile / "index", engine)  # closed by _cost_of_one_change

        costs.append(_cost_of_one_change(count, filler, make, engine, profile, monkeypatch))
        engine.dispose()

    assert costs[0] == costs[1]
    assert costs[1]["files"] == 0  # no blob folder changed: no file looked for


def test_a_file_arriving_in_a_folder_already_looked_at_is_noticed(
    filler: CacheFiller, make_index: Any, profile: Path
) -> None:
    data = b"zanzibarquux is in this file"
    sha = hashlib.sha256(data).hexdigest()
    folder = blob_path(profile / "blobs", sha).parent
    folder.mkdir(parents=True)
    attachment = {"sha256": sha, "size": len(data), "mime": "text/plain", "filename": "a.txt"}
    filler.item("doc", "document", title="Plan", attachment=attachment)
    _settle(profile)
    index: SearchIndex = make_index()
    index.catch_up()
    assert index.catch_up() == 0  # looked at the settled folder: nothing there

    blob_path(profile / "blobs", sha).write_bytes(data)  # the sync engine's download

    assert index.catch_up() == 1
    assert {hit.id for hit in index.search("zanzibarquux").hits} == {"doc"}
    assert index.catch_up() == 0


def test_a_state_from_before_shas_were_kept_still_finds_arrived_files(
    filler: CacheFiller, make_index: Any, profile: Path
) -> None:
    import json

    filler.item("doc", "document", title="Plan", attachment=filler.blob_ref("sample.md"))
    index: SearchIndex = make_index()
    index.catch_up()
    index.close()
    state_file = profile / "index" / "state.json"
    state = json.loads(state_file.read_text())
    state["awaiting_blobs"] = list(state["awaiting_blobs"])  # the old format: ids only
    state_file.write_text(json.dumps(state))
    filler.blob("sample.md")

    again: SearchIndex = make_index()

    assert again.catch_up() == 1
    assert {hit.id for hit in again.search("zanzibar").hits} == {"doc"}


def test_a_file_that_arrives_with_a_change_of_its_document_is_indexed_once(
    filler: CacheFiller, make_index: Any
) -> None:
    """The row changed and its file came in the same catch-up: one document, not two."""
    filler.item("doc", "document", title="Guide", attachment=filler.blob_ref("sample.pdf"))
    index: SearchIndex = make_index()
    index.catch_up()
    assert index.search("Zanzibar").total == 0  # the file is not here yet
    filler.blob("sample.pdf")  # downloaded ...
    filler.item("doc", "document", title="Guide v2", attachment=filler.blob_ref("sample.pdf"))
    index.catch_up()  # ... and the row changed too, before the index looked again
    found = index.search("Zanzibar")
    assert [hit.id for hit in found.hits] == ["doc"] and found.total == 1
    assert index.search("guide").total == 1
