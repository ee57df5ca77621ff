"""A command given first loads only the module that registers it, and parses as before."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from kshare import cli


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    return {
        name
        for action in parser._subparsers._group_actions  # type: ignore[union-attr]
        for name in action.choices  # type: ignore[union-attr]
    }


def _registered_by(module_name: str) -> set[str]:
    parser = argparse.ArgumentParser()
    importlib.import_module(module_name).register(parser.add_subparsers(dest="command"))
    return _commands(parser)


def test_every_command_is_named_with_the_module_that_registers_it() -> None:
    by_module: dict[str, set[str]] = {}
    for command, module_name in cli.COMMAND_MODULE.items():
        by_module.setdefault(module_name, set()).add(command)
    assert set(by_module) == set(cli.COMMAND_MODULES)
    for module_name, commands in by_module.items():
        assert _registered_by(module_name) == commands, module_name
    assert set(cli.COMMAND_MODULE) == _commands(cli.build_parser())


def test_a_command_alone_parses_as_with_every_command() -> None:
    arguments = ["experts", "query", "planner", "--json", "--limit", "3", "--profile", "/p"]
    lean = cli.build_parser("experts")
    assert _commands(lean) == {"experts", "expertise"}
    expected = vars(cli.build_parser().parse_args(arguments))
    assert vars(lean.parse_args(arguments)) == expected


def test_an_unknown_command_still_lists_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["expert", "planner"])
    err = capsys.readouterr().err
    assert "invalid choice" in err and "experts" in err and "search" in err


def test_an_expert_query_loads_neither_the_wire_schemas_nor_the_server() -> None:
    code = (
        "import sys\n"
        "from kshare import cli\n"
        "cli.main(['experts', 'planner', '--profile', sys.argv[1]])\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "/nonexistent/profile"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "Nothing synced yet" in done.stderr  # the command did run
    loaded = set(done.stdout.split())
    unwanted = ("pydantic", "kshare.protocol.schemas", "kshare.server.cli", "fastapi")
    assert [name for name in unwanted if name in loaded] == []


def test_an_expert_query_over_a_cache_loads_no_orm(tmp_path: Path) -> None:
    from kshare.client.store.db import open_cache

    open_cache(tmp_path / "cache.sqlite3").dispose()  # a cache, synced from nothing yet
    code = (
        "import sys\n"
        "from kshare import cli\n"
        "cli.main(['experts', 'planner', '--profile', sys.argv[1]])\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "No one found" in done.stdout  # the query ran, through the finder
    loaded = set(done.stdout.split())
    assert "kshare.client.experts.finder" in loaded
    assert sorted(name for name in loaded if name.startswith("sqlalchemy.orm")) == []
