"""The ``kshare`` command: the desktop app (default), the demo, and tools for people and scripts.

Each part of kshare registers its own subcommands here, so this file only
dispatches. Registration must stay cheap: no Qt, FastAPI or Whoosh imports
until a command runs.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kshare import __version__

log = logging.getLogger(__name__)

# Modules that offer ``register(subparsers)``. A part missing from an install
# (the server extra, say) simply offers no commands.
COMMAND_MODULES = (
    "kshare.ui.commands",  # gui
    "kshare.demo",  # demo
    "kshare.client.commands",  # login, logout, sync, post, status
    "kshare.client.group_commands",  # groups, join, leave
    "kshare.client.unpublished_commands",  # unpublished
    "kshare.client.profile_commands",  # profile
    "kshare.client.account.commands",  # devices, password
    "kshare.client.index.commands",  # search, reindex
    "kshare.client.experts.commands",  # experts
    "kshare.client.curation.commands",  # collections, verify, review-due, report
    "kshare.client.notifications.commands",  # follow, unfollow, following, inbox
    "kshare.server.cli",  # serve, admin
)

# The module that registers each command: a command run once from a script (an expert
# query, a search) loads only its own module, not every module's imports (the wire
# schemas, the ORM, the server...). A command missing here still works, through every
# module; tests check that each name is registered by the module named.
COMMAND_MODULE = {
    "gui": "kshare.ui.commands",
    "demo": "kshare.demo",
    **dict.fromkeys(
        ("login", "logout", "sync", "post", "share", "audience", "status"),
        "kshare.client.commands",
    ),
    **dict.fromkeys(("groups", "join", "leave"), "kshare.client.group_commands"),
    "unpublished": "kshare.client.unpublished_commands",
    "profile": "kshare.client.profile_commands",
    **dict.fromkeys(("devices", "password"), "kshare.client.account.commands"),
    **dict.fromkeys(("search", "reindex"), "kshare.client.index.commands"),
    **dict.fromkeys(("experts", "expertise"), "kshare.client.experts.commands"),
    **dict.fromkeys(
        ("collections", "verify", "review-due", "report", "tags"),
        "kshare.client.curation.commands",
    ),
    **dict.fromkeys(
        ("follow", "unfollow", "following", "inbox"), "kshare.client.notifications.commands"
    ),
    **dict.fromkeys(("serve", "admin"), "kshare.server.cli"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``command``, only the module that registers it (the
    parser then knows that module's commands alone)."""
    parser = argparse.ArgumentParser(
        prog="kshare",
        description="kshare: share knowledge inside your company, online or offline.",
    )
    parser.add_argument("--version", action="version", version=f"kshare {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    only = COMMAND_MODULE.get(command) if command is not None else None
    for name in (only,) if only is not None else COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # that part is not written or not installed
            raise
        module.register(subparsers)
    return parser


GLOBAL_FLAGS = ("-v", "--verbose")
GLOBAL_VALUES = ("--profile",)


def split_globals(arguments: list[str]) -> tuple[list[str], dict[str, str | bool]]:
    """Take the global options out of ``arguments`` wherever they stand, before or after
    the command (``kshare --profile DIR sync`` and ``kshare sync --profile DIR`` alike).

    Everything after ``--`` is left alone.
    """
    rest: list[str] = []
    found: dict[str, str | bool] = {}
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        if argument == "--":
            rest.extend(arguments[position:])
            break
        name, equals, value = argument.partition("=")
        if argument in GLOBAL_FLAGS:
            found["verbose"] = True
        elif name in GLOBAL_VALUES and equals:
            found[name.lstrip("-")] = value
        elif argument in GLOBAL_VALUES:
            if position + 1 >= len(arguments):
                raise SystemExit(f"kshare: {argument} needs a value")
            found[argument.lstrip("-")] = arguments[position + 1]
            position += 1
        else:
            rest.append(argument)
        position += 1
    return rest, found


def main(argv: Sequence[str] | None = None) -> int:
    # A packaged (frozen) kshare starts its document-reading worker by running itself
    # again; this turns that run into the worker. Elsewhere it does nothing, and
    # multiprocessing waits until something needs it.
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    arguments, found = split_globals(list(sys.argv[1:] if argv is None else argv))
    if not any(a in arguments for a in ("-h", "--help", "--version")) and not any(
        not a.startswith("-") for a in arguments
    ):
        arguments = [*arguments, "gui"]  # plain ``kshare`` opens the desktop app
    # a command given first is all the parser needs to know (``kshare --help experts``
    # lists every command)
    command = arguments[0] if arguments and not arguments[0].startswith("-") else None
    parser = build_parser(command)
    args = parser.parse_args(arguments)
    if found.get("verbose"):
        args.verbose = True
    if "profile" in found:
        if not hasattr(args, "profile"):
            parser.error(f"'kshare {args.command}' does not use a profile")
        given = str(found["profile"])
        # Commands with a folder default (the demo's) expect a Path; the rest take text.
        args.profile = Path(given) if isinstance(args.profile, Path) else given
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if getattr(args, "demo", False) is True and getattr(args, "demo_org", None) is None:
        # `kshare serve --demo`: the server only knows how to load an organisation;
        # the demo company comes from its own package, composed here.
        from kshare.demo_seed import build_demo_org

        args.demo_org = build_demo_org
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        return 130


# Commands that only read and print. Once their answer is written, the process ends
# without freeing its heap object by object: after a query over a large cache that
# teardown is a noticeable share of a one-shot run, and it frees nothing the system
# would not reclaim at once.
QUICK_EXIT = frozenset({"experts", "search"})


def run() -> None:
    """Entry point of the ``kshare`` command (and of ``python -m kshare``)."""
    argv = sys.argv[1:]
    code = main(argv)
    arguments, _found = split_globals(list(argv))
    command = next((a for a in arguments if not a.startswith("-")), None)
    if command in QUICK_EXIT and "multiprocessing" not in sys.modules:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (BrokenPipeError, ValueError):  # the reader went away: as at a normal exit
            code = code or 1
        logging.shutdown()
        os._exit(code)
    sys.exit(code)


def gui_main() -> None:
    """Entry point of the ``kshare-desktop`` launcher."""
    sys.exit(main(["gui", *sys.argv[1:]]))


if __name__ == "__main__":
    run()
