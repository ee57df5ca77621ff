"""Fixtures every kshare test may use: fresh profiles, a test keyring, a real server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.support.file_keyring import MemoryKeyring
from tests.support.server import ServerProcess

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTEST_QT_API", "pyside6")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty in-process keyring; nothing touches the real one."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def subprocess_env(tmp_path: Path) -> dict[str, str]:
    """Environment for running ``kshare`` in a subprocess with a file-backed test keyring."""
    root = Path(__file__).resolve().parents[1]
    return {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
        "KSHARE_TEST_KEYRING": str(tmp_path / "test-keyring.json"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
        "QT_QPA_PLATFORM": "offscreen",
    }


@pytest.fixture
def profile_dir(tmp_path: Path) -> Path:
    path = tmp_path / "profile"
    path.mkdir()
    return path


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A real kshare server process on 127.0.0.1 (empty organisation)."""
    proc = ServerProcess(tmp_path / "server-data").start()
    yield proc
    proc.stop()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A real server seeded with the demo organisation, shared by a session (read-only use)."""
    proc = ServerProcess(tmp_path_factory.mktemp("demo-server"), demo=True).start(timeout=180)
    yield proc
    proc.stop()
