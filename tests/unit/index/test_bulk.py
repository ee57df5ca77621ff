"""The fast segment writer writes what Whoosh's own writer writes, and tokenizes the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from kshare.client.index.bulk import FastSegmentWriter
from kshare.client.index.purging import rewrite_segments_with_deletions
from kshare.client.index.schema import (
    SEP,
    build_schema,
    day_number,
    positions_by_term,
    text_analyzer,
)

TRICKY = [
    "",
    "the a of and",  # only stop words
    "To be or not to be, THAT is the question; deploying deployment's",
    "İstanbul straße naïve café ÄÖÜ Ωmega",  # lower() changes length for İ
    "node.js C++ v5 x.y.z 3.14 **bold** _under_score_ snake_case",
    "repeat repeat repeat the repeat",
    "word " * 300,  # positions past one block
]


@pytest.mark.parametrize("text", TRICKY)
def test_positions_match_the_analyzer(text: str) -> None:
    expected: dict[str, list[int]] = {}
    for token in text_analyzer()(text, positions=True):
        expected.setdefault(token.text, []).append(token.pos)

    assert positions_by_term(text) == expected


def _document(n: int, text: str) -> dict[str, Any]:
    tags = ["ops", f"t{n % 7}"]
    return {
        "id": f"d{n}",
        "kind": "post" if n % 3 else "question",
        "title": text[:40],
        "body": f"{text} common words here {n}",
        "tags": ",".join(tags),
        "author": f"u{n % 5}",
        "groups": "g1,Platform Team" if n % 2 else "",
        "created": 1_700_000_000 + n * 3600,
        "day": day_number(1_700_000_000 + n * 3600),
        "c_tags": SEP.join(tags).encode(),
        "c_author": f"u{n % 5}".encode(),
        "c_groups": b"g1" if n % 2 else b"",
        "c_boost": 1.0 + n % 4 / 10,
    }


def _build(folder: Path, writer_class: Any, documents: list[dict[str, Any]]) -> Any:
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = writer_class(ix)
    for document in documents:
        writer.add_document(**document)
    writer.commit()
    return ix


def _contents(ix: Any) -> dict[str, Any]:
    with ix.reader() as reader:
        fields = ("title", "body", "tags", "id", "kind", "author", "groups", "day")
        return {
            "postings": list(reader.iter_postings()),
            "terms": [
                (f, t, info.weight(), info.doc_frequency(), info.min_length(), info.max_length())
                for (f, t), info in ((key, reader.term_info(*key)) for key in reader.all_terms())
            ],
            "lengths": [
                [reader.doc_field_length(d, f) for f in fields]
                for d in range(reader.doc_count_all())
            ],
            "totals": [reader.field_length(f) for f in fields],
            "stored": [reader.stored_fields(d) for d in range(reader.doc_count_all())],
            "columns": {
                name: list(reader.column_reader(name))
                for name in ("kind", "created", "c_tags", "c_boost")
            },
        }


def test_fast_writer_writes_what_whoosh_writes(tmp_path: Path) -> None:
    # more than one 128-posting block for the common words
    documents = [_document(n, TRICKY[n % len(TRICKY)]) for n in range(300)]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()

    expected = _contents(_build(tmp_path / "a", SegmentWriter, documents))
    actual = _contents(_build(tmp_path / "b", FastSegmentWriter, documents))

    assert actual == expected


def test_fast_writer_merges_segments_with_deletions_like_whoosh(tmp_path: Path) -> None:
    documents = [_document(n, TRICKY[n % len(TRICKY)]) for n in range(200)]
    results = []
    for name, writer_class in (("a", SegmentWriter), ("b", FastSegmentWriter)):
        (tmp_path / name).mkdir()
        ix = _build(tmp_path / name, writer_class, documents[:150])
        writer = writer_class(ix)
        for document in documents[150:]:
            writer.add_document(**document)
        for n in range(0, 150, 4):
            writer.delete_by_term("id", f"d{n}")
        # the purge's merge copies the old segment into the new one (out of doc order)
        writer.commit(mergetype=rewrite_segments_with_deletions)
        results.append(_contents(ix))

    assert results[0] == results[1]
    assert len(results[1]["stored"]) == 200 - len(range(0, 150, 4))


def test_day_numbers_split_at_midnight() -> None:
    midnight = 1_704_067_200  # 2024-01-01T00:00:00Z

    assert day_number(midnight - 1) < day_number(midnight) == day_number(midnight + 86399)
    assert day_number(0) == 0  # no date
    assert day_number(1) == 1
