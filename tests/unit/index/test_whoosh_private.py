"""Each use of a private Whoosh name gives what stock Whoosh gives through its public API.

If the pinned ``whoosh-reloaded`` is ever moved, these are the tests that say which of
kshare's readings of Whoosh's internals no longer hold (see ``whoosh_private``).
"""

from __future__ import annotations

import pickle
import re
import tempfile
import tomllib
from array import array
from pathlib import Path
from typing import Any

import pytest
import whoosh
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3PostingsWriter, W3TermInfo
from whoosh.fields import ID, TEXT, Schema, UnknownFieldError
from whoosh.filedb.filestore import RamStorage
from whoosh.formats import Positions
from whoosh.matching import ListMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length
from whoosh.writing import IndexingError, SegmentWriter

from kshare.client.index import whoosh_private as wp
from kshare.client.index.bulk import FastSegmentWriter
from kshare.client.index.postings import field_lengths, read_postings
from tests.unit.index.test_bulk import TRICKY, _build, _contents, _document

ROOT = Path(__file__).resolve().parents[3]
INDEX_CODE = ROOT / "src" / "kshare"


@pytest.fixture(autouse=True)
def _own_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stock RamStorage writes its scratch files to "MAIN.tmp" in the system's temporary
    folder, one folder for every index of that name: test workers running side by side would
    share it and delete each other's files. Each test gets its own temporary folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def _index(documents: int = 300, deleted_every: int = 0) -> Any:
    """A one-segment index written by stock Whoosh: "common" is in every body (3 blocks)."""
    schema = Schema(id=ID(stored=True, unique=True), body=TEXT(), title=TEXT())
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for n in range(documents):
            words = " ".join(["common"] + ["rare"] * (n % 3) + [f"w{n % 11}"] * (n % 5 + 1))
            writer.add_document(id=f"d{n}", body=words, title=f"title {n % 7}")
    if deleted_every:
        with ix.writer() as writer:  # marks only: the segment keeps the postings
            for n in range(0, documents, deleted_every):
                writer.delete_by_term("id", f"d{n}")
    return ix


def _stepped(matcher: Any) -> tuple[list[int], list[float], list[bytes]]:
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def test_the_installed_whoosh_is_the_pinned_one() -> None:
    assert whoosh.__version__ == wp.PINNED
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    pins = [d for d in project["project"]["dependencies"] if d.startswith("whoosh")]
    assert pins == ["whoosh-reloaded==" + ".".join(map(str, wp.PINNED))]


def test_no_other_module_names_a_private_whoosh_name() -> None:
    names = "|".join(sorted(wp.PRIVATE_NAMES))
    attribute = re.compile(rf"\.({names})\b")
    imported = re.compile(r"from whoosh[\w.]* import .*\b_[a-zA-Z]")
    offenders = []
    for path in INDEX_CODE.rglob("*.py"):
        if path.name == "whoosh_private.py":
            continue
        text = path.read_text("utf-8")
        if "whoosh" not in text:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if imported.search(line) or attribute.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_length_column_holds_what_doc_field_length_says() -> None:
    ix = _index()
    with ix.reader() as reader:
        perdoc = wp.per_document_reader(reader)
        assert perdoc is not None
        column = wp.length_column("body")
        assert perdoc.has_column(column)
        raw = wp.column_bytes(perdoc, column)
        assert raw is not None and len(raw) == reader.doc_count_all()
        expected = [reader.doc_field_length(d, "body") for d in range(reader.doc_count_all())]
        assert [byte_to_length(b) for b in raw] == expected
        cached = wp.column_values(perdoc, column, wp.LENGTHS_COLUMN)
        assert bytes(cached) == raw
        assert field_lengths(reader, "body") == expected


def test_only_a_segment_reader_has_a_per_document_reader() -> None:
    ix = _index(20)
    with ix.writer() as writer:  # a second segment: the index's reader is a multi-reader
        writer.add_document(id="extra", body="common", title="x")
    with ix.reader() as reader:
        assert not reader.is_atomic()
        assert wp.per_document_reader(reader) is None
        for sub, _offset in reader.leaf_readers():
            assert wp.per_document_reader(sub) is not None


def test_field_b_is_what_the_scorer_is_built_with() -> None:
    ix = _index(30)
    weighting = BM25F(B=0.75, K1=1.2, body_B=0.3)
    with ix.searcher(weighting=weighting) as searcher:
        for fieldname, text in (("body", b"common"), ("title", b"title")):
            scorer = weighting.scorer(searcher, fieldname, text)
            assert wp.field_b(weighting, fieldname) == scorer.B
    assert wp.field_b(weighting, "body") == 0.3
    assert wp.field_b(weighting, "title") == 0.75


def test_blocks_hold_the_postings_the_matcher_steps_through() -> None:
    ix = _index()
    with ix.reader() as reader:
        matcher = reader.postings("body", b"common")
        assert wp.reads_blocks(matcher)
        blocks = list(wp.posting_blocks(matcher))
        assert len(blocks) == 3  # 300 postings, 128 a block
        ids = [d for block in blocks for d in block[0]]
        weights = [w for block in blocks for w in block[1]]
        values = [v for block in blocks for v in block[2]]
        assert (ids, weights, values) == _stepped(reader.postings("body", b"common"))
        no_values = list(wp.posting_blocks(reader.postings("body", b"rare"), values=False))
        assert all(block[2] == [] for block in no_values)


def test_blocks_of_equal_weights_read_as_the_matcher_reads_them() -> None:
    """A block whose weights are all 1.0, or all one other value, keeps them in short."""
    schema = Schema(id=ID(stored=True), body=TEXT())
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for n in range(400):
            writer.add_document(id=f"d{n}", body="twice twice once" if n % 3 else "once")
    with ix.reader() as reader:
        for word in (b"twice", b"once"):
            blocks = list(wp.posting_blocks(reader.postings("body", word)))
            assert len(blocks) > 1
            ids = [d for block in blocks for d in block[0]]
            weights = [w for block in blocks for w in block[1]]
            values = [v for block in blocks for v in block[2]]
            assert (ids, weights, values) == _stepped(reader.postings("body", word))


@pytest.mark.parametrize("compression", [0, 3])
def test_blocks_read_without_values_hold_what_the_whole_block_holds(
    compression: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the part of a block before its values is unpickled: the same docnums and weights
    as stepping the matcher, whatever the block's size, weights and compression."""
    from whoosh.codec.whoosh3 import W3Codec

    checked = wp._checked_head
    heads_read: list[object] = []

    def counted(prefix: bytes, count: int, last: int) -> object:
        found = checked(prefix, count, last)
        heads_read.append(found)
        return found

    monkeypatch.setattr(wp, "_checked_head", counted)

    schema = Schema(id=ID(stored=True), body=TEXT(), title=TEXT())
    ix = RamStorage().create_index(schema)
    with ix.writer(codec=W3Codec(compression=compression)) as writer:
        for n in range(700):
            body = " ".join(["every"] * (n % 4 + 1) + ["ones"] + ["few"] * (n % 200 == 0))
            writer.add_document(id=f"d{n}", body=body + (" tail" if n >= 698 else ""))
    with ix.reader() as reader:
        # many blocks of varying weights, blocks of weights all 1.0, 4 postings, 2 postings
        for word in (b"every", b"ones", b"few", b"tail"):
            matcher = reader.postings("body", word)
            assert wp.reads_blocks(matcher)
            heads = list(wp.posting_blocks(matcher, values=False))
            ids = [d for block in heads for d in block[0]]
            weights = [w for block in heads for w in block[1]]
            stepped = _stepped(reader.postings("body", word))
            assert (ids, weights) == stepped[:2], word
            assert all(block[2] == [] for block in heads)
    # the values were left unread, not read whole after all
    assert heads_read and all(found is not None for found in heads_read)


def test_a_block_whose_start_is_not_recognised_is_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ix = _index()
    monkeypatch.setattr(wp, "_VALUE_STARTS", (b"nowhere to be found",))
    with ix.reader() as reader:
        heads = list(wp.posting_blocks(reader.postings("body", b"common"), values=False))
        ids = [d for block in heads for d in block[0]]
        weights = [w for block in heads for w in block[1]]
        assert (ids, weights) == _stepped(reader.postings("body", b"common"))[:2]


def test_a_cut_that_is_not_where_the_values_begin_is_refused() -> None:
    ix = _index()
    with ix.reader() as reader:
        matcher = reader.postings("body", b"common")
        matcher._read_data()
        whole = pickle.dumps(matcher._data, 2)
        count, last = matcher._blocklength, matcher._maxid
        start = min(at for at in (whole.find(m) for m in wp._VALUE_STARTS) if at > 0)
        assert wp._checked_head(whole[: start - 1], count, last) is not None
        for wrong in (start - 10, start + 5, 20):
            assert wp._checked_head(whole[:wrong], count, last) is None
        assert wp._checked_head(whole[: start - 1], count, last + 1) is None


def test_a_list_matcher_does_not_read_blocks() -> None:
    assert not wp.reads_blocks(ListMatcher([1, 2, 3]))


def test_deleted_documents_are_the_ones_the_filter_hides() -> None:
    ix = _index(200, deleted_every=3)
    with ix.reader() as reader:
        assert reader.is_atomic() and reader.has_deletions()
        deleted, inner = wp.deleted_and_live(reader.postings("body", b"common"))
        assert deleted == set(range(reader.doc_count_all())) - set(reader.all_doc_ids())
        # the inner matcher's blocks still hold them all (the filter only skips them)
        everything = [d for block in wp.posting_blocks(inner) for d in block[0]]
        assert everything == list(range(200))
        live = _stepped(reader.postings("body", b"common"))[0]
        assert [d for d in everything if d not in deleted] == live
        assert read_postings(reader, "body", b"common").ids == live
    plain = _index(10)
    with plain.reader() as reader:
        deleted, inner = wp.deleted_and_live(reader.postings("body", b"common"))
        assert deleted == frozenset()
        assert _stepped(inner)[0] == list(range(10))


def test_filled_blocks_are_what_add_posting_leaves() -> None:
    # One term's postings written by add_posting one at a time, and by fill_blocks.
    docs = array("I", range(0, 700, 2))
    weights = array("f", [float(1 + d % 4) for d in docs])
    values = [bytes(Positions().encode([d % 9])) for d in docs]
    lengths: list[int | None] = [None if d % 5 == 0 else d % 13 + 1 for d in range(700)]
    results = []
    for way in ("one by one", "blocks"):
        storage = RamStorage()
        postfile = storage.create_file(way)
        postings = W3PostingsWriter(postfile, blocklimit=128)
        info = W3TermInfo()
        postings.start_postings(Positions(), info)
        if way == "one by one":
            for d, w, v in zip(docs, weights, values, strict=True):
                postings.add_posting(d, w, v, lengths[d] or 0)
        else:
            wp.fill_blocks(postings, docs, weights, values, lengths)
        postings.finish_postings()
        postfile.close()
        stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length())
        results.append((storage.open_file(way).read(), stats, info.max_weight()))
    assert results[0] == results[1]


def _term_written(way: str, compress_from: int = wp.SMALL_BLOCK) -> tuple[bytes, bytes, Any]:
    """One multi-block term of a field written by stock Whoosh (start_term, add_posting
    per posting, finish_term) or by write_term: (postings file, term table, reader's view)."""
    docs = array("I", [*range(0, 700, 2), 703])
    weights = array("f", [float(1 + d % 4) if d < 300 else 2.0 for d in docs])
    values = [bytes(Positions().encode([d % 9])) for d in docs]
    lengths: list[int | None] = [None if d % 5 == 0 else d % 13 + 1 for d in range(704)]
    schema = Schema(body=TEXT())
    storage = RamStorage()
    ix = storage.create_index(schema)
    writer = SegmentWriter(ix)
    fieldwriter = writer.fieldwriter
    fieldwriter.start_field("body", schema["body"])
    for word, count in ((b"alpha", len(docs)), (b"beta", 1), (b"gamma", 3)):
        if way == "stock":
            fieldwriter.start_term(word)
            for d, w, v in zip(docs[:count], weights[:count], values[:count], strict=True):
                fieldwriter.add(d, w, v, lengths[d] or 0)
            fieldwriter.finish_term()
        else:
            assert wp.writes_terms(fieldwriter)
            wp.write_term(
                fieldwriter,
                word,
                docs[:count],
                weights[:count],
                values[:count],
                lengths,
                compress_from=compress_from,
            )
    fieldwriter.finish_field()
    fieldwriter.close()
    segment = writer.get_segment()
    posts = storage.open_file(segment.make_filename(".pst")).read()
    terms = storage.open_file(segment.make_filename(".trm")).read()
    reader = writer.codec.terms_reader(storage, segment)
    seen = []
    for word in (b"alpha", b"beta", b"gamma"):
        info = reader.term_info("body", word)
        stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length())
        matcher = reader.matcher("body", word, schema["body"].format)
        seen.append((stats, info.max_weight(), info.min_id(), info.max_id(), _stepped(matcher)))
    reader.close()
    writer.perdocwriter.close()
    writer.cancel()
    return posts, terms, seen


def test_a_term_written_at_once_is_what_whoosh_writes_posting_by_posting() -> None:
    posts, terms, seen = _term_written("stock")
    # compressing every block, as Whoosh does: the same bytes
    assert _term_written("at once", compress_from=0) == (posts, terms, seen)
    # small blocks uncompressed: other bytes, the same postings and statistics
    small = _term_written("at once")
    assert small[2] == seen
    assert small[0] != posts


def test_stored_bytes_inflate_to_what_was_stored() -> None:
    import zlib

    for data in (b"", b"x", pickle.dumps({"id": "d1"}, 2), bytes(range(256)) * 300):
        assert zlib.decompress(wp.deflate_stored(data)) == data


def test_stored_fields_are_added_where_finish_doc_adds_them(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), Schema(id=ID(stored=True), body=TEXT()))
    writer = SegmentWriter(ix)
    store = wp.stored_fields_adder(writer.perdocwriter)
    assert store is not None
    for n in range(3):
        writer.perdocwriter.start_doc(n)
        store(n, {"id": f"d{n}"})
        writer.perdocwriter.finish_doc()
        writer.docnum += 1
    writer._added = True
    writer.commit()
    with ix.reader() as reader:
        assert [reader.stored_fields(n) for n in range(3)] == [{"id": f"d{n}"} for n in range(3)]


def test_the_fields_postings_writer_is_a_w3_postings_writer(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), Schema(body=TEXT()))
    writer = SegmentWriter(ix)
    try:
        writer.fieldwriter.start_field("body", ix.schema["body"])
        assert type(wp.postings_writer(writer.fieldwriter)) is W3PostingsWriter
    finally:
        writer.cancel()


def test_the_hooks_refuse_what_stock_add_document_refuses(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), Schema(body=TEXT()))
    stock = SegmentWriter(ix)
    with pytest.raises(UnknownFieldError):
        stock.add_document(nope="x")
    stock.cancel()
    with pytest.raises(IndexingError):  # a closed writer
        stock.add_document(body="x")
    hooked = wp.SegmentWriterHooks(ix)
    with pytest.raises(UnknownFieldError):
        hooked.check_fields(hooked.schema, ["nope"])
    hooked.check_fields(hooked.schema, ["body"])  # a known field passes
    hooked.check_state()  # an open writer passes
    hooked.cancel()
    with pytest.raises(IndexingError):
        hooked.check_state()


def test_marking_a_document_added_is_what_adding_one_records(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), Schema(body=TEXT(stored=True)))
    stock = SegmentWriter(ix)
    assert not stock._added
    stock.add_document(body="one")
    assert stock._added
    stock.commit()
    hooked = wp.SegmentWriterHooks(ix)
    assert not hooked._added
    hooked.mark_added()
    assert hooked._added
    hooked.cancel()
    # without an override, flush_segment is Whoosh's own step: the segment is written
    hooked = wp.SegmentWriterHooks(ix)
    hooked.add_document(body="two")
    hooked.commit()
    with ix.searcher() as searcher:
        assert sorted(f["body"] for f in searcher.all_stored_fields()) == ["one", "two"]


def test_the_fast_writer_built_on_the_hooks_writes_what_whoosh_writes(tmp_path: Path) -> None:
    documents = [_document(n, TRICKY[n % len(TRICKY)]) for n in range(300)]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    expected = _contents(_build(tmp_path / "a", SegmentWriter, documents))
    assert _contents(_build(tmp_path / "b", FastSegmentWriter, documents)) == expected


def test_a_scored_list_moves_like_a_list_matcher() -> None:
    ids, scores = [2, 5, 9, 14, 30], [0.5, 2.0, 1.5, 0.25, 3.0]
    scored, stock = wp.ScoredList(ids, scores), ListMatcher(ids, weights=scores)
    assert list(scored.all_ids()) == list(stock.all_ids())
    for target in (5, 10, 30):
        scored.skip_to(target)
        stock.skip_to(target)
        assert scored.id() == stock.id()
        rest = _stepped(stock.copy())
        assert scored.ids_and_scores() == (rest[0], rest[1])
    assert scored.max_quality() == max(scores)
    copy = wp.ScoredList(ids, scores)
    copy.next()
    assert copy.copy().id() == 5
    assert copy.skip_to_quality(max(scores)) == 1 and not copy.is_active()
