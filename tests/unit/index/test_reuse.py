"""After a commit the index keeps the readers of unchanged segments and finds deletions itself.

A catch-up of one change must not open every segment again (neither to find the
old copy of an edited item nor for the next search), and what it reuses must
never show a deleted or replaced document.
"""

from __future__ import annotations

from typing import Any

from kshare.client.index import SearchIndex

from .conftest import CacheFiller


def leaf_readers(index: SearchIndex) -> dict[str, Any]:
    current = index._reading_index()
    assert current is not None
    with current.searcher() as reading:
        reader = reading.searcher.reader()
        return {str(r.segment().segment_id()): r for r, _ in reader.leaf_readers()}


def hits(index: SearchIndex, query: str) -> list[str]:
    return [hit.id for hit in index.search(query, limit=100).hits]


def test_a_commit_keeps_unchanged_segment_readers_and_drops_changed_ones(
    filler: CacheFiller, make_index: Any
) -> None:
    filler.item("p1", title="apple orchard")
    index: SearchIndex = make_index()
    index.catch_up()
    filler.item("p2", title="banana plantation")
    index.catch_up()
    before = leaf_readers(index)
    assert len(before) == 2

    filler.item("p3", title="cherry grove")  # a new segment; the old two are untouched
    index.catch_up()
    after = leaf_readers(index)
    kept = [sid for sid in before if sid in after]
    assert kept and all(after[sid] is before[sid] for sid in kept)
    assert hits(index, "cherry") == ["p3"]

    filler.item("p1", title="pear orchard")  # p1's segment gains a deletion: read anew
    index.catch_up()
    renewed = leaf_readers(index)
    assert hits(index, "apple") == []
    assert hits(index, "orchard") == ["p1"]
    segments = index._reading_index().ix._read_toc().segments  # type: ignore[union-attr]
    for segment in segments:
        reader = renewed[str(segment.segment_id())]
        assert reader.segment().deleted_count() == segment.deleted_count()


def test_edits_over_many_catch_ups_leave_one_copy_of_each_item(
    filler: CacheFiller, make_index: Any
) -> None:
    index: SearchIndex = make_index()
    for round_ in range(6):
        for n in range(3):
            filler.item(f"p{n}", title=f"kiwi version{round_} note{n}")
        index.catch_up()
        assert sorted(hits(index, "kiwi")) == ["p0", "p1", "p2"]
        assert index.search("kiwi").total == 3
        assert hits(index, f"version{round_}") != []
        if round_:
            assert hits(index, f"version{round_ - 1}") == []


def test_documents_are_found_for_deletion_only_in_the_writers_own_segments(
    filler: CacheFiller, make_index: Any
) -> None:
    filler.item("p1", title="plum")
    filler.item("p2", title="fig")
    index: SearchIndex = make_index()
    index.catch_up()
    current = index._reading_index()
    assert current is not None
    segments = current.ix._read_toc().segments
    with current.searcher() as reading:
        p2 = [d for d in range(2) if reading.searcher.stored_fields(d)["id"] == "p2"]
    assert current.docnums_of(segments, "id", "p2") == p2
    assert current.docnums_of(segments, "id", "nobody") == []
    assert current.docnums_of([], "id", "p2") is None  # another commit's segments: Whoosh asks
    # looked up in one go: the documents the commit does not have
    assert current.absent_terms(segments, "id", ["p1", "nobody", "p2", "new"]) == {
        "nobody",
        "new",
    }
    assert current.absent_terms([], "id", ["p1"]) is None


def test_facets_over_many_segments_match_a_rebuilt_index(
    filler: CacheFiller, make_index: Any
) -> None:
    from kshare.client.index.schema import ITEM_KINDS
    from kshare.client.index.searching import allowed_documents

    index: SearchIndex = make_index()
    for round_ in range(4):  # one segment each, and edits that move tags and types
        for n in range(5):
            kind = ("post", "question", "article")[(n + round_) % 3]
            tags = [f"t{(n * round_) % 4}", "shared"]
            filler.item(f"p{n}-{round_ % 2}", kind, title=f"mango note {n}", tags=tags)
        index.catch_up()
        index.search("mango")  # the facets of each commit are worked out, then kept

    def facets_and_allowed(searched: SearchIndex) -> tuple[Any, set[str]]:
        facets = searched.search("mango").facets
        current = searched._reading_index()
        assert current is not None
        with current.searcher() as reading:
            allowed = allowed_documents(reading, frozenset(ITEM_KINDS), None)
            ids = {reading.searcher.stored_fields(d)["id"] for d in allowed}
            live = {
                reading.searcher.stored_fields(d)["id"]
                for d in reading.searcher.reader().all_doc_ids()
            }
        return facets, ids & live

    assert len(leaf_readers(index)) > 1
    incremental = facets_and_allowed(index)
    index.rebuild()
    assert len(leaf_readers(index)) == 1
    assert facets_and_allowed(index) == incremental
    assert dict(incremental[0]["type"]) == {"post": 4, "question": 3, "article": 3}
