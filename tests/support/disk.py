"""Look at what a profile left on disk: the proof that hidden or revoked text is gone."""

from __future__ import annotations

from pathlib import Path


def files_containing(folder: Path, needle: str) -> list[Path]:
    """Every file under ``folder`` whose bytes contain ``needle`` (UTF-8)."""
    data = needle.encode()
    return [p for p in folder.rglob("*") if p.is_file() and data in p.read_bytes()]
