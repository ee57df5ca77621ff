"""The caches kept per segment: bounded in bytes, and never handing back stale postings."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from kshare.client.index import postings
from kshare.client.index.kept import KeptBytes


@pytest.fixture(autouse=True)
def _own_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stock RamStorage writes scratch files to the system's temporary folder: each test
    gets its own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def test_the_least_recently_used_values_go_when_the_bytes_run_over() -> None:
    kept: KeptBytes[str, bytes] = KeptBytes(10, len)
    assert kept.get("a", lambda: b"aaaa") == b"aaaa"
    assert kept.get("b", lambda: b"bbbb") == b"bbbb"
    assert kept.get("a", lambda: b"new!") == b"aaaa"  # kept, and now the most recent
    assert kept.get("c", lambda: b"cccc") == b"cccc"  # 12 bytes: "b" goes
    assert kept.used == 8
    assert kept.get("b", lambda: b"BBBB") == b"BBBB"
    assert kept.get("a", lambda: b"AAAA") == b"AAAA"  # "a" went for the new "b"


def test_a_value_dearer_than_the_bound_is_given_but_not_kept() -> None:
    kept: KeptBytes[str, bytes] = KeptBytes(4, len)
    assert kept.get("small", lambda: b"ab") == b"ab"
    assert kept.get("big", lambda: b"abcdefgh") == b"abcdefgh"
    assert kept.used == 2
    assert kept.get("big", lambda: b"again") == b"again"
    assert kept.get("nothing", lambda: None) is None
    kept.forget(lambda key: key == "small")
    assert kept.used == 0


def _index(documents: int) -> object:
    schema = Schema(id=ID(stored=True, unique=True), body=TEXT())
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for n in range(documents):
            writer.add_document(id=f"d{n}", body="word " * (n % 5 + 1) + f"n{n % 3}")
    return ix


def _stepped(reader: object, text: bytes) -> tuple[list[int], list[float]]:
    matcher = reader.postings("body", text)  # type: ignore[attr-defined]
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def test_kept_postings_are_the_matchers_and_a_deletion_is_seen() -> None:
    ix = _index(500)
    with ix.reader() as reader:  # type: ignore[attr-defined]
        for _ in range(2):  # read, then kept
            found = postings.posting_arrays(reader, "body", b"word")
            assert found is not None
            ids, weights = found
            assert (ids.tolist(), weights.tolist()) == _stepped(reader, b"word")
            assert ids.dtype.kind == "i" and weights.dtype.kind == "f"
            assert ids.itemsize == 8 and weights.itemsize == 8  # handed out full width
    with ix.writer() as writer:  # type: ignore[attr-defined]
        writer.delete_by_term("id", "d7")
        writer.delete_by_term("id", "d300")
    with ix.reader() as reader:  # type: ignore[attr-defined]
        found = postings.posting_arrays(reader, "body", b"word")
        assert found is not None
        assert found[0].tolist() == _stepped(reader, b"word")[0]
        assert 7 not in found[0].tolist() and 300 not in found[0].tolist()
