"""The systemd unit and the container image start the server the way it really starts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kshare.cli import build_parser
from kshare.server.ops.config import load_config

SERVER = Path(__file__).resolve().parents[3] / "packaging" / "server"


def _serve_args(command: list[str]) -> list[str]:
    assert command[0].endswith("kshare") and command[1] == "serve", command
    return command[1:]


def test_the_systemd_unit_runs_a_command_that_parses() -> None:
    unit = (SERVER / "kshare-server.service").read_text(encoding="utf-8")
    exec_start = re.search(r"^ExecStart=(.+)$", unit, re.MULTILINE)
    assert exec_start is not None
    args = build_parser().parse_args(_serve_args(shlex.split(exec_start.group(1))))
    assert args.config == Path("/etc/kshare/server.toml")
    assert args.database_url is None  # secrets stay off the command line


def test_the_container_command_parses_and_its_file_loads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    containerfile = (SERVER / "Containerfile").read_text(encoding="utf-8")
    cmd = re.search(r"^CMD (\[.+\])$", containerfile, re.MULTILINE)
    assert cmd is not None
    import json

    args = build_parser().parse_args(_serve_args(json.loads(cmd.group(1))))
    copies = dict(
        (Path(target), source)
        for source, target in re.findall(r"^COPY (\S+) (\S+)$", containerfile, re.MULTILINE)
    )
    assert args.config in copies, "the image must hold the file its command names"
    monkeypatch.delenv("KSHARE_SERVER_PORT", raising=False)
    config = load_config(SERVER.parents[1] / copies[args.config])
    assert (config.host, config.port) == ("0.0.0.0", 8750)
    assert f"127.0.0.1:{config.port}/healthz" in containerfile


def test_the_example_configuration_loads() -> None:
    config = load_config(SERVER / "server.example.toml")
    assert config.data_dir == Path("/var/lib/kshare")


def test_the_audit_export_unit_follows_the_feed_with_a_command_that_parses() -> None:
    unit = (SERVER / "kshare-audit-export.service").read_text(encoding="utf-8")
    exec_start = re.search(r"^ExecStart=(.+)$", unit, re.MULTILINE)
    assert exec_start is not None
    command = shlex.split(exec_start.group(1))
    assert command[0].endswith("kshare") and command[1] == "admin", command
    args = build_parser().parse_args(command[1:])
    assert (args.action, args.follow, args.syslog) == ("export-audit", True, "/dev/log")
    assert args.state == Path("/var/lib/kshare/audit-export.state")
    assert args.database_url is None  # secrets stay off the command line
