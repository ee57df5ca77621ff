"""Run a real kshare server process on 127.0.0.1 with a random port, for tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from kshare.clock import ShiftedClock
from kshare.local_server import LocalServer
from kshare.server.settings import CLOCK_FILE_ENV


@dataclass
class ServerProcess(LocalServer):
    """A :class:`LocalServer` with cheap password hashing, so tests sign in quickly, and a
    clock the test can move (:attr:`clock`: ``server.clock.advance(hours=1)``)."""

    env: dict[str, str] = field(default_factory=lambda: {"KSHARE_TEST_FAST_HASH": "1"})

    def __post_init__(self) -> None:
        self.env.setdefault(CLOCK_FILE_ENV, str(self.clock.path))

    @property
    def clock(self) -> ShiftedClock:
        """The server's clock; hand it to the desktops too so both agree on the time."""
        return ShiftedClock(self.data_dir.with_name(f"{self.data_dir.name}.clock"))
