"""Hostile files end "too large to index" or "damaged", with the reading process kept in bounds."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from kshare.client.index.extract import (
    CORRUPT,
    ENCRYPTED,
    OK,
    TOO_LARGE,
    ExtractResult,
    extract_text,
)
from kshare.client.index.limits import MB, Limits
from kshare.client.index.worker import Extractor
from kshare.client.sync.blobs import BlobStore

from . import hostile_files as hostile
from .conftest import FIXTURES, CacheFiller
from .test_consistency import found


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    reader = Extractor()
    yield reader
    reader.close()


def test_a_docx_zip_bomb_is_refused_before_it_is_inflated(
    tmp_path: Path, extractor: Extractor
) -> None:
    bomb = hostile.zip_bomb_docx(tmp_path / "Q3 plan.docx", 300)
    assert bomb.stat().st_size < MB  # the 179 KB file that inflated to 550 MB

    result = extractor.extract(bomb, "", "Q3 plan.docx")

    assert result.status == TOO_LARGE
    assert result.limit == "unpacked size"
    assert result.message == (
        "Q3 plan.docx: too large to index (it unpacks to 300 MB, more than 250 MB)."
    )
    assert extractor.kills == 0  # refused by the check, no parser ran


def test_a_part_that_inflates_a_thousandfold_is_refused(tmp_path: Path) -> None:
    result = extract_text(hostile.zip_bomb_docx(tmp_path / "ratio.docx", 5), "", "ratio.docx")

    assert (result.status, result.limit) == (TOO_LARGE, "inflate ratio")


def test_billion_laughs_entities_make_a_docx_damaged(tmp_path: Path, extractor: Extractor) -> None:
    result = extractor.extract(hostile.billion_laughs_docx(tmp_path / "lol.docx"), "", "lol.docx")

    assert result.status == CORRUPT
    assert "damaged" in result.message
    assert "lol" not in result.text


def test_deeply_nested_xml_makes_a_docx_damaged(tmp_path: Path, extractor: Extractor) -> None:
    result = extractor.extract(hostile.nested_docx(tmp_path / "deep.docx", 20_000), "", "deep.docx")

    assert result.status == CORRUPT


def test_a_pdf_claiming_a_billion_pages_is_too_large(tmp_path: Path, extractor: Extractor) -> None:
    path = hostile.huge_page_count_pdf(tmp_path / "pages.pdf", 10**9)

    result = extractor.extract(path, "application/pdf", "pages.pdf")

    assert (result.status, result.limit) == (TOO_LARGE, "pages")
    assert "1000000000 pages" in result.message


def test_a_pdf_stream_that_inflates_too_far_is_too_large(
    tmp_path: Path, extractor: Extractor
) -> None:
    path = hostile.deflate_bomb_pdf(tmp_path / "stream.pdf", 120)
    assert path.stat().st_size < MB

    result = extractor.extract(path, "", "stream.pdf")

    assert (result.status, result.limit) == (TOO_LARGE, "structure")


def test_a_pdf_page_tree_that_lies_about_its_size_is_too_large(
    tmp_path: Path, extractor: Extractor
) -> None:
    path = hostile.lying_page_tree_pdf(tmp_path / "tree.pdf")  # 40**6 pages for a walker

    result = extractor.extract(path, "", "tree.pdf")

    assert (result.status, result.limit) == (TOO_LARGE, "structure")


def test_truncated_and_falsely_encrypted_pdfs_are_damaged(
    tmp_path: Path, extractor: Extractor
) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((FIXTURES / "sample.pdf").read_bytes()[:1000])
    bogus = hostile.bogus_encryption_pdf(tmp_path / "bogus.pdf")

    assert extractor.extract(cut, "", "cut.pdf").status == CORRUPT
    assert extractor.extract(bogus, "", "bogus.pdf").status == CORRUPT
    assert extractor.extract(FIXTURES / "encrypted.pdf", "", "e.pdf").status == ENCRYPTED


def test_a_huge_single_line_is_too_large_by_its_size(tmp_path: Path, extractor: Extractor) -> None:
    sparse = hostile.sparse_file(tmp_path / "server.log", 200 * MB)  # no room taken on disk
    line = tmp_path / "one-line.md"
    line.write_bytes(b"*" * (3 * MB))
    tight = Extractor(Limits(file_bytes=2 * MB))

    try:
        assert extractor.extract(sparse, "text/plain", "server.log").status == TOO_LARGE
        result = tight.extract(line, "text/markdown", "one-line.md")
    finally:
        tight.close()

    assert (result.status, result.limit) == (TOO_LARGE, "file size")
    assert tight.started == 0  # the size alone decided: no worker needed


def test_a_page_that_takes_forever_to_read_is_stopped_at_the_deadline(tmp_path: Path) -> None:
    # 60 MB of drawing operators, under every size limit: minutes of parsing
    path = hostile.deflate_bomb_pdf(tmp_path / "tree.pdf", 60, fill=b"BT (slow) Tj ET\n")
    ticks = itertools.count()  # every look at the worker is one "second" later
    reader = Extractor(Limits(seconds=10), clock=lambda: next(ticks))
    try:
        first = reader.extract(FIXTURES / "sample.pdf", "", "sample.pdf")
        worker = reader.worker_pid

        result = reader.extract(path, "", "tree.pdf")

        assert (result.status, result.limit) == (TOO_LARGE, "time")
        assert result.message == "tree.pdf: too large to index (reading it takes more than 10 s)."
        assert reader.kills == 1
        assert worker is not None and not _alive(worker)
        # the next file gets a fresh worker and reads as before
        again = reader.extract(FIXTURES / "sample.pdf", "", "sample.pdf")
        assert again == first and first.status == OK
        assert reader.started == 2
    finally:
        reader.close()


@pytest.mark.parametrize("use_rlimit", [True, False], ids=["address-space-cap", "watched-size"])
def test_a_document_that_needs_too_much_memory_is_stopped(tmp_path: Path, use_rlimit: bool) -> None:
    if use_rlimit and not Extractor().use_rlimit:
        pytest.skip("this platform cannot cap a process's address space")
    # within the size limits, but its parsed tree takes far more than the worker may
    path = hostile.many_paragraphs_docx(tmp_path / "minutes.docx", 6)
    reader = Extractor(Limits(memory_bytes=40 * MB, inflate_ratio=10**6), use_rlimit=use_rlimit)
    try:
        result = reader.extract(path, "", "minutes.docx")
        worker_after_bomb = reader.started

        assert (result.status, result.limit) == (TOO_LARGE, "memory")
        assert "too large to index" in result.message
        assert reader.worker_pid is None  # that worker is gone
        assert reader.extract(FIXTURES / "sample.docx", "", "sample.docx").status == OK
        assert reader.started == worker_after_bomb + 1
    finally:
        reader.close()


def test_real_documents_read_the_same_through_the_worker(extractor: Extractor) -> None:
    for name in ("sample.pdf", "sample.docx", "sample.md", "sample.html", "sample.txt"):
        assert extractor.extract(FIXTURES / name, "", name) == extract_text(FIXTURES / name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_index_marks_a_bomb_too_large_and_never_reads_it_again(
    tmp_path: Path, filler: CacheFiller, make_index: Any
) -> None:
    bomb = hostile.zip_bomb_docx(tmp_path / "bomb.docx", 300).read_bytes()
    sha = BlobStore(filler.blobs_dir, None).add_local(bomb)
    attachment = {"sha256": sha, "size": len(bomb), "mime": "", "filename": "Q3 plan.docx"}
    filler.item("bomb", "document", title="Bombastic plan", attachment=attachment)
    filler.item("doc", "document", title="Handbook", attachment=filler.blob("sample.docx"))
    index = make_index()
    reads: list[str] = []
    real = index.texts.extractor.extract

    def counted(path: Path, mime: str = "", filename: str = "") -> ExtractResult:
        reads.append(filename)
        return real(path, mime, filename)

    index.texts._extractor = SimpleNamespace(extract=counted)

    index.catch_up()
    filler.item("bomb", "document", title="Bombastic plan, again", attachment=attachment)
    index.catch_up()
    index.rebuild()

    status, message = index.extraction_status("bomb")
    assert status == TOO_LARGE and "too large to index" in message
    assert found(index, "bombastic") == {"bomb"}  # still found by its title
    assert found(index, "zanzibar") == {"doc"}  # and the next file was read
    assert reads.count("Q3 plan.docx") == 1
