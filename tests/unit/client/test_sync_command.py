"""``kshare sync`` says a failure once, on stderr, and exits non-zero."""

from __future__ import annotations

from pathlib import Path

import pytest

from kshare.cli import main


def test_a_signed_out_sync_says_so_once_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", "--profile", str(tmp_path / "profile")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("Not signed in") == 1
    assert err.startswith("kshare: Not signed in")
