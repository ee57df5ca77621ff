"""The documents an expert query may look in, found from the ``kind`` terms, are those the
per-document columns give."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from kshare.client.index import SearchIndex
from kshare.client.index.schema import ITEM_KINDS
from kshare.client.index.searching import allowed_documents

from .conftest import NOW, CacheFiller


def _live_ids(index: SearchIndex, kinds: frozenset[str], cutoff: int | None) -> set[str]:
    current = index._reading_index()
    assert current is not None
    with current.searcher() as reading:
        live = set(reading.searcher.reader().all_doc_ids())
        stored = reading.searcher.stored_fields
        return {stored(d)["id"] for d in allowed_documents(reading, kinds, cutoff) & live}


def _by_columns(index: SearchIndex, kinds: frozenset[str]) -> set[str]:
    current = index._reading_index()
    assert current is not None
    with current.searcher() as reading:
        column = reading.columns()["kind"]
        stored = reading.searcher.stored_fields
        return {
            stored(d)["id"] for d in reading.searcher.reader().all_doc_ids() if column[d] in kinds
        }


@pytest.fixture
def segmented(filler: CacheFiller, make_index: Any) -> SearchIndex:
    """People, a group and items over several segments, with edits, a kind changed and a purge."""
    index: SearchIndex = make_index()
    filler.person("u-alice", "alice", "Alice Martin")
    filler.group("g-plat", "Platform Team")
    for round_ in range(3):
        for n in range(4):
            kind = ("post", "question", "answer", "comment")[(n + round_) % 4]
            filler.item(f"i{n}", kind, title=f"mango {n}", created_at=NOW - timedelta(days=n))
        filler.person(f"u-{round_}", f"user{round_}", f"User {round_}")
        index.catch_up()
    filler.purge("item", "i3")
    index.catch_up()
    return index


@pytest.mark.parametrize(
    "kinds",
    [ITEM_KINDS, ("answer", "comment"), ("person",), ("question", "group"), ("nothing",)],
)
def test_the_kinds_alone_give_what_the_columns_give(
    segmented: SearchIndex, kinds: tuple[str, ...]
) -> None:
    wanted = frozenset(kinds)
    assert _live_ids(segmented, wanted, None) == _by_columns(segmented, wanted)


def test_every_item_and_no_person_or_group(segmented: SearchIndex) -> None:
    assert _live_ids(segmented, frozenset(ITEM_KINDS), None) == {"i0", "i1", "i2"}
    assert _live_ids(segmented, frozenset({"person", "group"}), None) == {
        "u-alice",
        "u-0",
        "u-1",
        "u-2",
        "g-plat",
    }


def test_a_date_still_reads_the_columns(segmented: SearchIndex) -> None:
    cutoff = int((NOW - timedelta(hours=12)).timestamp())  # i0 (written now) is too new
    assert _live_ids(segmented, frozenset(ITEM_KINDS), cutoff) == {"i1", "i2"}


def test_a_document_without_a_kind_is_left_out(segmented: SearchIndex) -> None:
    current = segmented._reading_index()
    assert current is not None
    with current.ix.writer() as writer:  # not one the index writes: only through Whoosh
        writer.add_document(id="no-kind", title="mango")
    current.committed()
    assert "no-kind" in _by_columns(segmented, frozenset({""}))
    assert _live_ids(segmented, frozenset(ITEM_KINDS), None) == {"i0", "i1", "i2"}
    assert _live_ids(segmented, frozenset({""}), None) == {"no-kind"}


def test_an_empty_index_allows_nothing(make_index: Any) -> None:
    index: SearchIndex = make_index()
    index.catch_up()
    assert _live_ids(index, frozenset(ITEM_KINDS), None) == set()
