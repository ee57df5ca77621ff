"""``kshare search`` and ``kshare reindex`` from a person's or a script's point of view."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from kshare.cli import main

from .conftest import CacheFiller, fill_corpus


@pytest.fixture
def filled(filler: CacheFiller, cache: Engine) -> Path:
    fill_corpus(filler)
    cache.dispose()  # the command opens the cache itself
    return filler.blobs_dir.parent


def test_search_json_has_hits_total_facets_and_suggestion(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "vpn", "--json", "--limit", "2", "--profile", str(filled)]) == 0

    document = json.loads(capsys.readouterr().out)
    assert document["total"] == 3
    assert len(document["hits"]) == 2
    assert document["hits"][0]["id"] == "q-vpn"
    assert "<b>VPN</b>" in document["hits"][0]["snippet_html"]
    assert ["answer", 2] in document["facets"]["type"]
    assert document["suggestion"] is None
    assert document["error"] is None


def test_search_text_mode_is_readable(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "certficate", "--profile", str(filled)]) == 0

    out = capsys.readouterr().out
    assert "did you mean: certificate" in out
    assert "1-1 of 1" in out
    assert "[answer] Why does the VPN drop every hour? by Alice Martin" in out
    assert "*certificate*" in out
    assert "<b>" not in out


def test_search_with_odd_input_says_so_and_succeeds(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", '"unclosed', "type:nonsense", "--profile", str(filled)]) == 0

    out = capsys.readouterr().out
    assert "note:" in out
    assert "no results" in out


def test_reindex_rebuilds_from_the_cache(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reindex", "--profile", str(filled)]) == 0

    assert "search index rebuilt: 13 entries" in capsys.readouterr().out
    assert main(["search", "zanzibar", "--json", "--profile", str(filled)]) == 0
    assert json.loads(capsys.readouterr().out)["hits"][0]["id"] == "d-handbook"


def test_help_does_not_load_whoosh() -> None:
    code = (
        "import sys; from kshare.cli import build_parser; build_parser(); "
        "print('whoosh' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout

    assert out.strip() == "False"
