"""The ``kshare gui`` command and :func:`run_app`, which the demo command also calls.

Registration imports nothing from Qt, so ``kshare --help`` and the other
commands stay fast and work where Qt is not installed.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from typing import Any

from kshare.client.paths import add_profile_option

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gui",
        help="open the desktop app (the default)",
        description="Open the kshare desktop window.",
    )
    add_profile_option(parser)
    parser.add_argument(
        "--server",
        metavar="URL",
        default=None,
        help="server to sign in to (pre-fills the sign-in dialog)",
    )
    parser.add_argument(
        "--no-sync",
        action="store_true",
        help="do not sync at start (read what is on this computer)",
    )
    parser.set_defaults(func=_gui_command)


def _gui_command(args: argparse.Namespace) -> int:
    return run_app(args.profile, auto_sync=not args.no_sync, server_url=args.server)


def run_app(
    workspace_or_profile: Any,
    *,
    argv: Sequence[str] | None = None,
    auto_sync: bool = True,
    server_url: str | None = None,
) -> int:
    """Open the desktop window on a workspace (or a profile folder) and run until quit."""
    from kshare.ui.app import run_app as run_qt_app  # Qt loads only now

    return run_qt_app(workspace_or_profile, argv=argv, auto_sync=auto_sync, server_url=server_url)
