"""Desktops of three colleagues signed in to one real server process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

PASSWORD = "correct horse battery"
COLLEAGUES = (("ana", "Ana Souza"), ("bo", "Bo Lindqvist"), ("cy", "Cy Park"))


@pytest.fixture
def people(server: ServerProcess, tmp_path: Path) -> Iterator[dict[str, Workspace]]:
    """ana, bo and cy, each signed in on a desktop of their own and synced once."""
    with AdminTools(server.data_dir) as admin:
        for user, name in COLLEAGUES:
            admin.add_user(user, name, PASSWORD)
    opened = {}
    for user, _name in COLLEAGUES:
        workspace = Workspace.open(tmp_path / user, clock=server.clock)  # one time for all
        workspace.login(server.url, user, PASSWORD)
        opened[user] = workspace
    for workspace in opened.values():
        workspace.sync()  # everyone knows everyone: names resolve in the cache
    yield opened
    for workspace in opened.values():
        workspace.close()
