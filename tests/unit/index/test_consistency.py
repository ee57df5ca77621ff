"""The index follows the cache: catch-up, purges that leave nothing behind, repair and rebuild."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete

from kshare.client.index import SearchIndex
from kshare.client.store.models import CachedItem, SyncState

from .conftest import NOW, CacheFiller


def found(index: SearchIndex, query: str) -> set[str]:
    return {hit.id for hit in index.search(query, limit=100).hits}


def files_containing(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_catch_up_applies_only_what_changed(filler: CacheFiller, make_index: Any) -> None:
    filler.item("p1", title="Alpha release notes")
    index = make_index()

    assert index.catch_up() == 1
    assert index.catch_up() == 0
    filler.item("p2", title="Beta release notes")
    filler.item("p1", title="Gamma release notes")  # an edit: the old words must go

    assert index.catch_up() == 2
    assert found(index, "release") == {"p1", "p2"}
    assert found(index, "alpha") == set()
    assert found(index, "gamma") == {"p1"}


def test_catch_up_progress_reaches_the_total(filler: CacheFiller, make_index: Any) -> None:
    for n in range(30):
        filler.item(f"p{n}", title=f"note {n}")
    calls: list[tuple[int, int]] = []

    make_index().catch_up(lambda done, total: calls.append((done, total)))

    assert calls[-1] == (30, 30)
    assert all(done <= total for done, total in calls)


def test_index_resumes_where_it_stopped_after_a_restart(
    filler: CacheFiller, make_index: Any
) -> None:
    filler.item("p1", title="first")
    first = make_index()
    first.catch_up()
    first.close()
    filler.item("p2", title="second")

    again = make_index()

    assert again.catch_up() == 1
    assert found(again, "first OR second") == {"p1", "p2"}


def test_purged_text_is_nowhere_in_the_index_folder(
    filler: CacheFiller, make_index: Any, profile: Path
) -> None:
    for n in range(50):
        filler.item(f"keep{n}", title=f"Ordinary note {n}", body="nothing secret here")
    filler.item("secret", title="Project Xylophonequartz", body="Merger with Zorblatcorp")
    filler.item(
        "doc",
        "document",
        title="Attached plan",
        attachment=filler.blob("sample.docx"),  # holds the word "tablecellonly"
    )
    index = make_index()
    index.catch_up()
    assert found(index, "xylophonequartz") == {"secret"}
    assert found(index, "tablecellonly") == {"doc"}
    assert files_containing(profile / "index", b"orblatcorp")

    filler.purge("item", "secret")
    filler.purge("item", "doc")
    index.catch_up()

    assert found(index, "xylophonequartz OR zorblatcorp OR tablecellonly") == set()
    for word in (b"ylophonequartz", b"orblatcorp", b"ablecellonly", b"Xylophone"):
        assert files_containing(profile / "index", word) == [], word
    assert index.search("xylophonequartz").suggestion is None  # not even as a spelling
    assert found(index, "ordinary") == {f"keep{n}" for n in range(50)}


def test_purged_people_and_groups_disappear(filler: CacheFiller, make_index: Any) -> None:
    filler.person("u1", "carol", "Carol Quetzalcoatl")
    filler.group("g1", "Quetzal club")
    index = make_index()
    index.catch_up()

    filler.purge("person", "u1")
    filler.purge("group", "g1")
    index.catch_up()

    assert found(index, "quetzalcoatl OR quetzal") == set()


def test_a_row_gone_from_the_cache_is_never_returned(filler: CacheFiller, make_index: Any) -> None:
    filler.item("p1", title="Visible roadmap")
    filler.item("p2", title="Revoked roadmap")
    index = make_index()
    index.catch_up()

    filler.drop_silently("p2")  # the index has not caught up yet

    results = index.search("roadmap")
    assert [h.id for h in results.hits] == ["p1"]
    assert results.total == 1
    assert [m.id for m in index.matching_documents("roadmap")] == ["p1"]


def test_purge_then_readd_keeps_the_new_row(filler: CacheFiller, make_index: Any) -> None:
    filler.item("p1", title="Shared again")
    index = make_index()
    index.catch_up()
    filler.purge("item", "p1")
    filler.item("p1", title="Shared again")  # access came back in a later sync

    index.catch_up()

    assert found(index, "shared") == {"p1"}


# Whoosh leaves the handle of a damaged file it failed to read to the garbage collector;
# the tests that damage files let that (expected) ResourceWarning pass and collect at once.
leaks_handles = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)


@pytest.fixture
def collect_leaks() -> Iterator[None]:
    yield
    gc.collect()


@leaks_handles
@pytest.mark.usefixtures("collect_leaks")
def test_deleted_index_files_are_rebuilt(
    filler: CacheFiller, make_index: Any, profile: Path
) -> None:
    filler.item("p1", title="Resilient search")
    index = make_index()
    index.catch_up()
    index.close()
    for path in (profile / "index").glob("whoosh-*/*.seg"):
        path.unlink()

    reopened = make_index()
    assert reopened.needs_rebuild
    assert reopened.search("resilient").error is not None  # said plainly, not raised
    progress: list[tuple[int, int]] = []
    reopened.catch_up(lambda done, total: progress.append((done, total)))

    assert found(reopened, "resilient") == {"p1"}
    assert progress[-1] == (1, 1)


@leaks_handles
@pytest.mark.usefixtures("collect_leaks")
def test_truncated_index_files_are_rebuilt(
    filler: CacheFiller, make_index: Any, profile: Path
) -> None:
    for n in range(20):
        filler.item(f"p{n}", title=f"Truncation survivor {n}")
    index = make_index()
    index.catch_up()
    index.close()
    for path in (profile / "index").glob("whoosh-*/*"):
        if path.is_file() and path.stat().st_size > 0:
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    reopened = make_index()
    reopened.search("survivor")  # must not raise, whatever state it finds
    reopened.catch_up()

    assert len(found(reopened, "survivor")) == 20


@leaks_handles
@pytest.mark.usefixtures("collect_leaks")
def test_damage_found_during_a_search_leads_to_a_rebuild(
    filler: CacheFiller, make_index: Any, profile: Path
) -> None:
    filler.item("p1", title="Damaged later")
    index = make_index()
    index.catch_up()
    for path in (profile / "index").glob("whoosh-*/*.seg"):
        path.write_bytes(b"\x00" * 64)
    index._current.committed()  # type: ignore[union-attr]  # drop pooled searchers

    results = index.search("damaged")
    index.catch_up()

    assert results.error is not None or results.hits
    assert found(index, "damaged") == {"p1"}


def test_schema_change_rebuilds(filler: CacheFiller, make_index: Any, profile: Path) -> None:
    filler.item("p1", title="Schema evolution")
    index = make_index()
    index.catch_up()
    index.close()
    state_file = profile / "index" / "state.json"
    state = json.loads(state_file.read_text())
    state["schema"] = 1
    state_file.write_text(json.dumps(state))

    reopened = make_index()
    assert reopened.needs_rebuild

    assert reopened.catch_up() == 1
    assert found(reopened, "evolution") == {"p1"}
    assert json.loads(state_file.read_text())["schema"] != 1
    assert len(list((profile / "index").glob("whoosh-*"))) == 1  # the old generation is gone


def test_index_of_another_cache_is_rebuilt(
    filler: CacheFiller, make_index: Any, cache: Engine
) -> None:
    filler.item("p1", title="Old cache content")
    index = make_index()
    index.catch_up()
    cache_id = filler.cache_id()
    assert cache_id

    with cache.begin() as conn:  # a wiped and refilled cache gets a new identity
        conn.execute(delete(SyncState))
        conn.execute(delete(SyncState.metadata.tables["items"]))
    filler.item("p9", title="New cache content")
    index.catch_up()

    assert found(index, "content") == {"p9"}
    assert filler.cache_id() != cache_id


def test_rebuild_on_demand(filler: CacheFiller, make_index: Any) -> None:
    filler.item("p1", title="Rebuilt on demand")
    filler.person("u1", "dora", "Dora Explorer")
    index = make_index()
    index.catch_up()

    assert index.rebuild() == 2
    assert found(index, "rebuilt OR dora") == {"p1", "u1"}


def test_documents_are_indexed_once_their_blob_arrives(
    filler: CacheFiller, make_index: Any
) -> None:
    filler.item("doc", "document", title="Plan", attachment=filler.blob_ref("sample.md"))
    index = make_index()
    index.catch_up()
    assert found(index, "zanzibar") == set()
    assert index.extraction_status("doc") is None

    filler.blob("sample.md")  # the sync engine downloads it later

    assert index.catch_up() == 1
    assert found(index, "zanzibar") == {"doc"}
    assert index.extraction_status("doc") == ("ok", "")


def test_unreadable_documents_have_a_status_and_do_not_stop_indexing(
    filler: CacheFiller, make_index: Any
) -> None:
    filler.item("enc", "document", title="Payroll", attachment=filler.blob("encrypted.pdf"))
    filler.item("bad", "document", title="Broken", attachment=filler.blob("corrupt.pdf"))
    filler.item("p1", title="Still indexed")
    index = make_index()

    index.catch_up()

    assert found(index, "payroll OR broken OR still") == {"enc", "bad", "p1"}
    status, message = index.extraction_status("enc")  # type: ignore[misc]
    assert status == "encrypted" and "password" in message
    assert index.extraction_status("bad")[0] == "corrupt"  # type: ignore[index]


def test_searches_go_on_while_catch_up_runs(filler: CacheFiller, make_index: Any) -> None:
    filler.item("seed", title="Concurrency seed")
    index = make_index()
    index.catch_up()
    errors: list[BaseException] = []
    stop = threading.Event()

    def search_forever() -> None:
        while not stop.is_set():
            try:
                results = index.search("concurrency")
                assert results.error is None, results.error
                assert "seed" in {h.id for h in results.hits}
            except BaseException as exc:  # report any failure to the main thread
                errors.append(exc)
                return

    readers = [threading.Thread(target=search_forever) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        for round_ in range(5):
            for n in range(40):
                filler.item(f"p{round_}-{n}", title=f"Concurrency item {n}")
            index.catch_up()
        index.rebuild()
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=30)

    assert errors == []
    assert index.search("concurrency").total == 201


def test_catch_up_from_two_threads_applies_each_change_once(
    filler: CacheFiller, make_index: Any
) -> None:
    for n in range(100):
        filler.item(f"p{n}", title=f"Parallel {n}")
    index = make_index()
    counts: list[int] = []
    threads = [threading.Thread(target=lambda: counts.append(index.catch_up())) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(counts) == [0, 100]
    assert index.search("parallel").total == 100


def test_catch_up_in_background_for_callers_without_a_worker(
    filler: CacheFiller, make_index: Any
) -> None:
    filler.item("p1", title="Background indexing")
    index = make_index()
    progress: list[tuple[int, int]] = []

    worker = index.catch_up_in_background(lambda done, total: progress.append((done, total)))
    worker.join(timeout=60)

    assert not worker.is_alive()
    assert progress[-1] == (1, 1)
    assert found(index, "background") == {"p1"}


def test_closing_stops_a_long_update_and_the_next_start_finishes_it(
    filler: CacheFiller, make_index: Any, cache: Engine
) -> None:
    with cache.begin() as conn:  # many rows at once: a rebuild that takes a while
        conn.execute(
            CachedItem.__table__.insert(),  # type: ignore[attr-defined]
            [
                {
                    "id": f"p{n}",
                    "kind": "post",
                    "author_id": "u1",
                    "title": f"Bulk note {n}",
                    "body": "bulk text " * 20,
                    "tags": [],
                    "created_at": NOW,
                    "updated_at": NOW,
                    "version": 1,
                    "audience": {},
                    "entries": [],
                    "mentions": [],
                    "local_seq": n + 1,
                }
                for n in range(5000)
            ],
        )
    index = make_index()
    reports: list[tuple[int, int]] = []
    reached = threading.Event()

    def hold_after_first_batch(done: int, total: int) -> None:
        # the fault hook: the update stops here until closing is asked for, so the close
        # lands in the middle of it, after its first batch
        reports.append((done, total))
        reached.set()
        index._stopping.wait(60)

    worker = index.catch_up_in_background(hold_after_first_batch)
    assert reached.wait(60), "the update never reported progress"

    index.close()
    worker.join(timeout=60)

    assert reports[0][0] < reports[0][1]  # it was closed half-way

    assert not worker.is_alive()
    again = make_index()
    again.catch_up()
    assert again.search("bulk").total == 5000
