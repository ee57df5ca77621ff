"""``kshare demo``: a local server with a demo organisation, and the desktop app signed in to it.

The server runs as a child process on 127.0.0.1 with its data in a folder of
its own (kept between runs, so the second start is fast); the desktop uses a
separate demo profile, so a real profile is never touched.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from kshare.client.paths import APP_NAME
from kshare.local_server import LocalServer, ServerStartError

if TYPE_CHECKING:  # imported where used: the demo starts before the desktop loads
    from keyring.backend import KeyringBackend

    from kshare.client.services import Workspace

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "demo",
        help="run a local server with a demo company and open the app signed in to it",
        description="Start a local kshare server seeded with a demo organisation on 127.0.0.1, "
        "sign in as a demo employee, sync, and open the desktop app.",
    )
    base = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    parser.add_argument("--data", type=Path, default=base / "demo-server", help="server data")
    parser.add_argument("--profile", type=Path, default=base / "demo-profile", help="profile")
    parser.add_argument("--port", type=int, default=0, help="server port (default: any free)")
    parser.add_argument("--user", default=None, help="demo employee to sign in as")
    parser.add_argument(
        "--no-gui", action="store_true", help="sync and keep the server running, without a window"
    )
    parser.set_defaults(func=run)


def _sync_quietly(workspace: Workspace) -> None:
    """Sync on a nudge; the status bar of the window (or the next line) tells how it went."""
    workspace.sync()


def _ensure_keyring() -> None:
    """Use the OS keyring; on a machine without one, keep the demo token in memory only."""
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    if not isinstance(keyring.get_keyring(), FailKeyring):
        return
    keyring.set_keyring(_process_memory_keyring())
    print(
        "kshare demo: no OS keyring is available here, so the demo keeps its sign-in token "
        "in memory only (it is never written to disk) and forgets it when the demo ends.",
        file=sys.stderr,
    )


def _process_memory_keyring() -> KeyringBackend:
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    class ProcessMemoryKeyring(KeyringBackend):
        """Holds secrets in this process only; used by the demo where no OS keyring exists."""

        priority = 0

        def __init__(self) -> None:
            super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
            self._secrets: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self._secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self._secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if self._secrets.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    return ProcessMemoryKeyring()


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc"))
    )


def run(args: argparse.Namespace) -> int:
    from kshare.demo_seed import build_demo_org

    org = build_demo_org()
    username = args.user or org.demo_user
    people = {person.username: person for person in org.people}
    if username not in people:
        print(f"kshare demo: there is no demo employee called {username!r}", file=sys.stderr)
        return 2
    if not args.no_gui and not _has_display():
        print(
            "kshare demo: no display found. Run it in a desktop session, under a virtual "
            "display (xvfb-run kshare demo), or with --no-gui.",
            file=sys.stderr,
        )
        return 2
    _ensure_keyring()
    # A plain SIGTERM would skip the clean-up below and orphan the server child.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server = LocalServer(args.data, demo=True, port=args.port)
    print("kshare demo: starting the demo server (the first start seeds the company) ...")
    try:
        url = server.start(timeout=300).url
        print(f"kshare demo: server at {url}; signing in as {username} ({org.organisation})")
        _print_credentials(org, username)
        return _run_client(args, url, username, people[username].password)
    except ServerStartError as exc:
        print(f"kshare demo: {exc}", file=sys.stderr)
        return 1
    finally:
        server.stop()


def _print_credentials(org: Any, username: str) -> None:
    """Who else one can sign in as: every demo employee shares one password."""
    others = [p.username for p in org.people if p.username != username][:4]
    print(f"kshare demo: every demo employee signs in with the password {org.demo_password!r}")
    print(f"kshare demo: for example {', '.join(others)} (kshare demo --user NAME)")


def _run_client(args: argparse.Namespace, url: str, username: str, password: str) -> int:
    from kshare.client.services import UserFacingError, Workspace

    workspace = Workspace.open(args.profile)
    try:
        workspace.login(url, username, password)
        report = workspace.sync()
        print(f"kshare demo: {report.status.message}")
        if args.no_gui:
            print("kshare demo: the server keeps running; press Ctrl-C to stop.")
            stop = threading.Event()
            try:
                workspace.watch(lambda: _sync_quietly(workspace), stop)
            except KeyboardInterrupt:
                stop.set()
            return 0
        from kshare.ui.commands import run_app

        return run_app(workspace)
    except UserFacingError as exc:
        print(f"kshare demo: {exc}", file=sys.stderr)
        return 1
    finally:
        workspace.close()
