"""Fixtures for sync tests against the real server: a small organisation and signed-in desktops."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

PASSWORD = "correct horse battery"


@dataclass
class Org:
    server: ServerProcess
    admin: AdminTools
    ids: dict[str, str]


@pytest.fixture
def org(server: ServerProcess, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    """alice and carol are in the secret group "incident"; bob is not."""
    monkeypatch.setenv("KSHARE_TEST_FAST_HASH", "1")
    admin = AdminTools(server.data_dir)
    group = admin.add_group("incident", kind="team", visibility="secret")
    ids = {"incident": group}
    for name in ("alice", "bob", "carol"):
        ids[name] = admin.add_user(name, name.title(), PASSWORD)
    admin.add_member("incident", "alice")
    admin.add_member("incident", "carol")
    yield Org(server, admin, ids)
    admin.close()


@pytest.fixture
def desktop(tmp_path: Path, org: Org) -> Iterator[Callable[[str], Workspace]]:
    """``desktop("alice")``: a signed-in workspace on a profile of its own."""
    opened: list[Workspace] = []

    def make(user: str, *, profile: Path | None = None, login: bool = True) -> Workspace:
        workspace = Workspace.open(profile or tmp_path / f"profile-{user}")
        if login:
            workspace.login(org.server.url, user, PASSWORD)
        opened.append(workspace)
        return workspace

    yield make
    for workspace in opened:
        workspace.close()


def kshare_env(subprocess_env: dict[str, str]) -> dict[str, str]:
    return {**subprocess_env, "PYTHONUNBUFFERED": "1", "KSHARE_TEST_FAST_HASH": "1"} | {
        k: v for k, v in os.environ.items() if k == "PATH"
    }


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The shared ``server`` fixture, also closing the output pipe it leaves open."""
    proc = ServerProcess(tmp_path / "server-data").start()
    yield proc
    stop_server(proc)


def stop_server(proc: ServerProcess) -> None:
    pipe = proc.process.stdout if proc.process else None
    proc.stop()
    if pipe is not None:
        pipe.close()
