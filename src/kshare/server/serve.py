"""Run the server under uvicorn: bind, announce the address, stop cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import uvicorn

from kshare.server.app import create_app
from kshare.server.db import DatabaseTooNewError
from kshare.server.ops.config import ServerConfig
from kshare.server.ops.logs import configure_logging
from kshare.server.settings import Settings

log = logging.getLogger(__name__)

LISTENING = "kshare server listening on http://{host}:{port}"


class _Server(uvicorn.Server):
    """uvicorn, plus the announcement line and an early end of open event streams."""

    def __init__(self, config: uvicorn.Config, announce: str, on_exit) -> None:  # type: ignore[no-untyped-def]
        super().__init__(config)
        self._announce = announce
        self._on_exit = on_exit

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.should_exit:
            print(self._announce, flush=True)

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        # Event streams never end on their own; close them so shutdown does not wait.
        self._on_exit()
        super().handle_exit(sig, frame)
        # uvicorn re-raises the signal after a graceful stop, so the exit status would
        # read "killed"; a signal is this server's normal way to stop, so exit 0.
        captured = getattr(self, "_captured_signals", None)
        if isinstance(captured, list):
            captured.clear()


def serve(
    settings: Settings, *, config: ServerConfig, seed: Callable[[], Any] | None = None
) -> int:
    """Serve until stopped; ``seed`` builds an organisation to load into an empty database."""
    configure_logging(config.log_format, config.log_level)
    host, port = config.host, config.port
    try:
        app = create_app(settings)
    except DatabaseTooNewError as exc:
        log.error("%s", exc)
        print(f"kshare serve: {exc}", file=sys.stderr)
        return 1
    services = app.state.services
    if seed is not None:
        from kshare.server.seed import is_seeded, seed_org

        if not is_seeded(services.db):  # building the demo org is not free: check first
            seed_org(services.db, services.passwords, seed(), services.blobs)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        print(f"kshare serve: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return 1
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    server_config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=5,
        lifespan="on",
        # the app decides whose X-Forwarded-For to believe (settings.trusted_proxies)
        proxy_headers=False,
    )
    server = _Server(
        server_config,
        LISTENING.format(host=shown, port=bound_port),
        services.nudges.fire_threadsafe_close,
    )
    server.run(sockets=[sock])
    return 0
