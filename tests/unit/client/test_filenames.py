"""Sender-chosen file names cannot hide their type, reach outside their folder or break a disk."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kshare.client.filenames import display_name, program_kind, safe_filename

RLO = "\u202e"
HIDDEN = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\ufeff"


def test_a_right_to_left_override_no_longer_disguises_an_exe() -> None:
    name = f"invoice{RLO}fdp.exe"

    assert display_name(name) == "invoicefdp.exe"
    assert safe_filename(name) == "invoicefdp.exe"
    assert program_kind(name) == "a Windows program (.exe)"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("setup.msi", "a Windows program (.msi)"),
        ("Run Me.BAT", "a script (.bat)"),
        ("notes.ps1", "a script (.ps1)"),
        ("tool.jar", "a Java program (.jar)"),
        ("Installer.app", "a macOS program (.app)"),
        ("report.pdf", None),
        ("plan.docx", None),
    ],
)
def test_programs_and_scripts_are_known_by_extension(name: str, kind: str | None) -> None:
    assert program_kind(name) == kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"MZ\x90\x00", "a Windows program"),
        (b"\x7fELF\x02", "a Linux program"),
        (b"\xcf\xfa\xed\xfe", "a macOS program"),
        (b"#!/bin/sh\n", "a script"),
        (b"%PDF-1.7", None),
    ],
)
def test_a_program_renamed_to_pdf_is_known_by_its_first_bytes(
    head: bytes, kind: str | None
) -> None:
    assert program_kind("quarterly report.pdf", head) == kind


@pytest.mark.parametrize("reserved", ["CON", "nul.txt", "COM1.pdf", "lpt9", "CONIN$"])
def test_reserved_windows_names_are_renamed(reserved: str) -> None:
    assert safe_filename(reserved, "text/plain").startswith("document-")


@given(st.text(max_size=400))
def test_no_name_hides_characters_or_escapes_its_folder(name: str) -> None:
    shown = display_name(name)
    on_disk = safe_filename(name, "application/pdf")

    for cleaned in (shown, on_disk):
        assert len(cleaned) <= 120
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in cleaned)
        assert not any(c in HIDDEN for c in cleaned)
        assert "/" not in cleaned and "\\" not in cleaned
        assert cleaned not in (".", "..")
    assert on_disk and not on_disk.endswith((" ", "."))
    assert not any(c in '<>:"|?*' for c in on_disk)


@given(st.text(min_size=1, max_size=40), st.sampled_from(["exe", "scr", "bat", "js", "sh"]))
def test_hidden_characters_never_hide_a_program_extension(stem: str, extension: str) -> None:
    for trick in (RLO, "\u2066", "\u200b", "\ufeff"):
        name = f"{stem}{trick}.{extension}"
        if display_name(name).lower().endswith(f".{extension}"):
            assert program_kind(name) is not None
