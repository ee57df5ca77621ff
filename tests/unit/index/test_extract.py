"""Text extraction from real files, and a clear status for the ones that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from kshare.client.index.extract import (
    CORRUPT,
    EMPTY,
    ENCRYPTED,
    MAX_TEXT_CHARS,
    MISSING,
    OK,
    UNSUPPORTED,
    extract_text,
    file_format,
    html_to_text,
    markdown_to_text,
)

from .conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("sample.pdf", "application/pdf"),
        (
            "sample.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("sample.md", "text/markdown"),
        ("sample.html", "text/html"),
        ("sample.txt", "text/plain"),
        ("sample-cp1252.txt", ""),
    ],
)
def test_text_comes_out_of_every_supported_format_with_accents(name: str, mime: str) -> None:
    result = extract_text(FIXTURES / name, mime, name)

    assert result.status == OK, result.message
    assert "Zanzibar" in result.text
    assert "résumé" in result.text
    assert "Café" in result.text


def test_pdf_text_covers_every_page() -> None:
    result = extract_text(FIXTURES / "sample.pdf", "application/pdf", "sample.pdf")

    assert "kubernetes migration" in " ".join(result.text.split())


def test_docx_table_cells_are_read() -> None:
    result = extract_text(FIXTURES / "sample.docx", "", "sample.docx")

    assert "tablecellonly" in result.text
    assert "Søren Kierkegaard" in result.text


def test_markup_scripts_and_styles_are_not_text() -> None:
    html = extract_text(FIXTURES / "sample.html", "text/html", "sample.html")
    markdown = extract_text(FIXTURES / "sample.md", "text/markdown", "sample.md")

    assert "scriptonly" not in html.text
    assert "color" not in html.text
    assert "<h1>" not in html.text
    assert "Fish & chips" in html.text
    assert "never indexed" not in markdown.text
    assert "**" not in markdown.text
    assert "bold item" in markdown.text


def test_encrypted_pdf_says_it_is_password_protected() -> None:
    result = extract_text(FIXTURES / "encrypted.pdf", "application/pdf", "Payroll.pdf")

    assert result.status == ENCRYPTED
    assert result.text == ""
    assert "Payroll.pdf" in result.message
    assert "password" in result.message


@pytest.mark.parametrize("name", ["corrupt.pdf", "corrupt.docx"])
def test_corrupt_files_say_they_are_damaged(name: str) -> None:
    result = extract_text(FIXTURES / name, "", name)

    assert result.status == CORRUPT
    assert name in result.message
    assert "damaged" in result.message


def test_truncated_pdf_never_raises(tmp_path: Path) -> None:
    data = (FIXTURES / "sample.pdf").read_bytes()
    for cut in (10, 1000, len(data) // 2, len(data) - 50):
        path = tmp_path / f"cut-{cut}.pdf"
        path.write_bytes(data[:cut])

        result = extract_text(path, "application/pdf", path.name)

        assert result.status in (OK, CORRUPT, EMPTY)


def test_missing_empty_and_unsupported_files_have_their_own_status(tmp_path: Path) -> None:
    assert extract_text(tmp_path / "nope.pdf", "", "nope.pdf").status == MISSING
    assert extract_text(FIXTURES / "empty.txt", "text/plain", "empty.txt").status == EMPTY
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    result = extract_text(binary, "image/jpeg", "photo.jpg")
    assert result.status == UNSUPPORTED
    assert "photo.jpg" in result.message


def test_indexed_text_is_capped(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * (MAX_TEXT_CHARS // 2), encoding="utf-8")

    result = extract_text(big, "text/plain", "big.txt")

    assert result.status == OK
    assert len(result.text) == MAX_TEXT_CHARS


def test_format_is_known_from_mime_or_file_name() -> None:
    assert file_format("application/pdf", "") == "pdf"
    assert file_format("", "Report.PDF") == "pdf"
    assert file_format("text/markdown; charset=utf-8", "") == "markdown"
    assert file_format("text/csv", "") == "text"
    assert file_format("application/zip", "a.zip") is None


def test_helpers_give_readable_text() -> None:
    assert markdown_to_text("# Title\n\nSome *emphasis* and `code`.") == (
        "Title\nSome emphasis and code."
    )
    assert html_to_text("<p>a &lt; b</p><script>x()</script>") == "a < b"


def test_the_index_and_extraction_agree_on_a_missing_file() -> None:
    from kshare.client.index import extract, texts

    assert texts.MISSING == extract.MISSING
