"""``kshare share`` without ``--audience`` asks on a terminal and refuses without one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kshare.cli import main
from kshare.client.documents.share_prompt import ask_audience, parse_audience
from kshare.client.errors import UserFacingError


class Terminal(io.StringIO):
    """Typed input, as a terminal gives it."""

    def isatty(self) -> bool:
        return True


def test_the_typed_audience_is_used_and_an_empty_answer_asks_again() -> None:
    out = io.StringIO()
    assert ask_audience("plan.pdf", Terminal("\ngroup:SRE, person:ana\n"), out) == [
        "group:SRE",
        "person:ana",
    ]
    assert "Who may see plan.pdf?" in out.getvalue()
    assert out.getvalue().count("Audience: ") == 2


def test_without_an_answer_nothing_is_shared() -> None:
    with pytest.raises(UserFacingError, match="nothing was shared"):
        ask_audience("plan.pdf", Terminal(""), io.StringIO())


def test_parse_drops_repeats_and_separators() -> None:
    assert parse_audience(" org,org  private ") == ["org", "private"]


def test_the_command_in_a_script_fails_naming_the_option_and_queues_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("org\n"))  # a pipe: not a terminal
    source = tmp_path / "plan.txt"
    source.write_text("the plan")
    code = main(["share", str(source), "--profile", str(tmp_path / "profile")])
    assert code == 2
    err = capsys.readouterr().err
    assert "--audience" in err and "no terminal" in err
    assert not (tmp_path / "profile").exists() or not any((tmp_path / "profile").rglob("blobs/*/*"))
