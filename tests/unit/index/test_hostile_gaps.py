"""More hostile files, each made here: too many parts, cut-short packages, real password
PDFs, huge single lines; and every hostile kind at once through the index, read once only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from kshare.client.index.extract import (
    CORRUPT,
    ENCRYPTED,
    MAX_TEXT_CHARS,
    OK,
    TOO_LARGE,
    ExtractResult,
)
from kshare.client.index.limits import MB
from kshare.client.index.worker import Extractor, MemoryWatch
from kshare.client.sync.blobs import BlobStore

from . import hostile_files as hostile
from .conftest import FIXTURES, CacheFiller

UNREADABLE = (TOO_LARGE, CORRUPT, ENCRYPTED)


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    reader = Extractor()
    yield reader
    reader.close()


def test_a_docx_with_too_many_parts_is_too_large(tmp_path: Path, extractor: Extractor) -> None:
    path = hostile.many_parts_docx(tmp_path / "parts.docx", 10_050)

    result = extractor.extract(path, "", "parts.docx")

    assert (result.status, result.limit) == (TOO_LARGE, "parts")
    assert extractor.kills == 0


@pytest.mark.parametrize("keep", [0.3, 0.7, 0.97])
def test_cut_short_documents_are_damaged(tmp_path: Path, extractor: Extractor, keep: float) -> None:
    for name in ("sample.docx", "sample.pdf"):
        cut = hostile.truncated(FIXTURES / name, tmp_path / f"cut-{name}", keep)

        result = extractor.extract(cut, "", name)

        assert result.status == CORRUPT, (name, keep, result)
        assert result.message.startswith(f"{name}: the ")
        assert result.message.endswith(" is damaged and cannot be read.")


def test_a_pdf_under_a_real_password_is_encrypted_not_damaged(
    tmp_path: Path, extractor: Extractor
) -> None:
    result = extractor.extract(hostile.password_pdf(tmp_path / "locked.pdf"), "", "locked.pdf")

    assert result.status == ENCRYPTED
    assert result.message == (
        "locked.pdf: the PDF is password-protected, so its text is not searchable."
    )


@pytest.mark.parametrize("name", ["server.log", "notes.md", "page.html"])
def test_a_huge_single_line_is_read_in_bounded_memory(
    tmp_path: Path, extractor: Extractor, name: str
) -> None:
    path = hostile.one_line_file(tmp_path / name, 60)  # under the 100 MB file limit
    assert path.stat().st_size > 59 * MB

    result = extractor.extract(path, "", name)
    watch = MemoryWatch(extractor.worker_pid)

    assert result.status == OK
    assert len(result.text) <= MAX_TEXT_CHARS  # only the head is indexed, never the line
    assert result.text.startswith("lorem ipsum")
    assert watch.size() is not None and watch.size() < 400 * MB  # type: ignore[operator]
    assert extractor.kills == 0


HOSTILE: dict[str, Callable[[Path], Path]] = {
    "bomb.docx": lambda p: hostile.zip_bomb_docx(p, 300),
    "laughs.docx": hostile.billion_laughs_docx,
    "deep.docx": lambda p: hostile.nested_docx(p, 20_000),
    "parts.docx": lambda p: hostile.many_parts_docx(p, 10_050),
    "cut.docx": lambda p: hostile.truncated(FIXTURES / "sample.docx", p),
    "pages.pdf": lambda p: hostile.huge_page_count_pdf(p, 10**9),
    "stream.pdf": lambda p: hostile.deflate_bomb_pdf(p, 120),
    "cut.pdf": lambda p: hostile.truncated(FIXTURES / "sample.pdf", p),
    "locked.pdf": hostile.password_pdf,
}


def test_no_hostile_file_is_ever_read_twice_by_the_index(
    tmp_path: Path, filler: CacheFiller, make_index: Any
) -> None:
    for n, (name, make) in enumerate(HOSTILE.items()):
        data = make(tmp_path / name).read_bytes()
        sha = BlobStore(filler.blobs_dir, None).add_local(data)
        attachment = {"sha256": sha, "size": len(data), "mime": "", "filename": name}
        filler.item(f"h{n}", "document", title=f"Hostile {name}", attachment=attachment)
    index = make_index()
    reads: list[str] = []
    real = index.texts.extractor.extract

    def counted(path: Path, mime: str = "", filename: str = "") -> ExtractResult:
        reads.append(filename)
        result: ExtractResult = real(path, mime, filename)
        return result

    index.texts._extractor = SimpleNamespace(extract=counted)

    index.catch_up()
    for n, name in enumerate(HOSTILE):  # edited (title only): the same files again
        filler.item(f"h{n}", "document", title=f"Hostile {name}, again", attachment=None)
    index.catch_up()
    index.rebuild()
    index.catch_up()

    assert sorted(reads) == sorted(HOSTILE)  # each read once, however often it is indexed
    for n, name in enumerate(HOSTILE):
        status, message = index.extraction_status(f"h{n}")
        assert status in UNREADABLE, (name, status, message)
        assert (
            ("too large to index" in message)
            or ("damaged" in message)
            or ("password-protected" in message)
        ), message
