"""Global options work before or after the command."""

from __future__ import annotations

from pathlib import Path

import pytest

from kshare import cli


def parsed(arguments: list[str]) -> dict[str, object]:
    """What the command would be called with (every command's action is replaced)."""
    seen: dict[str, object] = {}

    def capture(args: object) -> int:
        seen.update(vars(args))
        return 0

    original = cli.build_parser

    def build(command: str | None = None) -> object:
        built = original(command)
        for action in built._subparsers._group_actions:  # type: ignore[union-attr]
            for sub in action.choices.values():  # type: ignore[union-attr]
                sub.set_defaults(func=capture)
        return built

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "build_parser", build)
        assert cli.main(arguments) == 0
    return seen


@pytest.mark.parametrize(
    "arguments",
    [
        ["--profile", "/p", "status"],
        ["status", "--profile", "/p"],
        ["--profile=/p", "status"],
        ["-v", "status", "--profile=/p"],
    ],
)
def test_profile_before_or_after_the_command(arguments: list[str]) -> None:
    seen = parsed(arguments)
    assert seen["command"] == "status" and seen["profile"] == "/p"


def test_verbose_after_the_command() -> None:
    assert parsed(["search", "postgres", "-v"])["verbose"] is True


def test_a_folder_option_stays_a_path() -> None:
    assert parsed(["--profile", "/d", "demo", "--no-gui"])["profile"] == Path("/d")


def test_words_after_a_double_dash_are_left_alone() -> None:
    seen = parsed(["search", "--", "--profile"])
    assert seen["profile"] is None


def test_a_command_without_a_profile_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--profile", "/p", "serve", "--data", "/x"])
    assert "does not use a profile" in capsys.readouterr().err


def test_plain_kshare_with_a_profile_opens_the_app() -> None:
    seen = parsed(["--profile", "/p"])
    assert seen["command"] == "gui" and seen["profile"] == "/p"
