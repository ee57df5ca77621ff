"""Run a real kshare server process on 127.0.0.1 with a random port, for tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from kshare.local_server import LocalServer


@dataclass
class ServerProcess(LocalServer):
    """A :class:`LocalServer` with cheap password hashing, so tests sign in quickly."""

    env: dict[str, str] = field(default_factory=lambda: {"KSHARE_TEST_FAST_HASH": "1"})
