"""Each document's field lengths read whole from the column file are Whoosh's own, also when
the file stops before the segment's last documents (they have no such field)."""

from __future__ import annotations

from typing import Any

from whoosh.util.numeric import byte_to_length

from kshare.client.index import SearchIndex
from kshare.client.index.postings import _read_lengths
from kshare.client.index.whoosh_private import (
    LENGTHS_COLUMN,
    column_bytes,
    column_values,
    length_column,
    per_document_reader,
)

from .conftest import CacheFiller


def test_lengths_after_the_last_titled_document_read_as_nothing(
    filler: CacheFiller, make_index: Any
) -> None:
    filler.item("q1", "question", title="mango tree care", body="how often to water a mango")
    for n in range(3):  # answers have a body and no title: the title file stops at q1
        filler.item(f"a{n}", "answer", parent_id="q1", body="water it " * (n + 1))
    index: SearchIndex = make_index()
    index.catch_up()
    current = index._reading_index()
    assert current is not None
    with current.searcher() as reading:
        (leaf, _offset), *_ = reading.searcher.reader().leaf_readers()
        perdoc = per_document_reader(leaf)
        for fieldname in ("title", "body"):
            column = length_column(fieldname)  # Whoosh's reader, value by value
            values = column_values(perdoc, column, LENGTHS_COLUMN)
            expected = [byte_to_length(b) for b in bytes(values)]
            assert _read_lengths(leaf, fieldname) == expected, fieldname
        assert len(column_bytes(perdoc, length_column("title")) or b"") == 1  # what is tested
        assert _read_lengths(leaf, "title") == [3, 0, 0, 0]
