"""The team the curation tests work with, on the real server: ana (a curator) and bo in
SRE, cy outside it, each with a desktop signed in and synced on first use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

PASSWORD = "correct horse battery"


@pytest.fixture
def admin(server: ServerProcess, monkeypatch: pytest.MonkeyPatch) -> Iterator[AdminTools]:
    """ana (a curator) and bo are in SRE; cy is not."""
    monkeypatch.setenv("KSHARE_TEST_FAST_HASH", "1")
    tools = AdminTools(server.data_dir)
    tools.add_group("SRE", kind="team", visibility="open")
    for username, name in (("ana", "Ana Souza"), ("bo", "Bo Lindqvist"), ("cy", "Cy Park")):
        tools.add_user(username, name, PASSWORD)
    tools.add_member("SRE", "ana")
    tools.add_member("SRE", "bo")
    tools.grant_curator("ana")
    yield tools
    tools.close()


@pytest.fixture
def desktop(
    server: ServerProcess, admin: AdminTools, tmp_path: Path
) -> Iterator[Callable[[str], Workspace]]:
    opened: dict[str, Workspace] = {}

    def make(username: str) -> Workspace:
        if username not in opened:
            workspace = Workspace.open(tmp_path / username)
            workspace.login(server.url, username, PASSWORD)
            workspace.sync()
            opened[username] = workspace
        return opened[username]

    yield make
    for workspace in opened.values():
        workspace.close()
