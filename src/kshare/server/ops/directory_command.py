"""The ``kshare admin`` actions of :mod:`kshare.server.ops.directory`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

ACTIONS = (
    "delete-group",
    "rename-group",
    "set-owner",
    "grant-admin",
    "revoke-admin",
    "export-audit",
    "import-csv",
)


def register(actions: Any) -> None:
    p = actions.add_parser("rename-group", help="rename a group (its content stays)")
    p.add_argument("group")
    p.add_argument("new_name", metavar="NEW_NAME")
    p = actions.add_parser(
        "delete-group", help="delete a group; its members lose what they saw only through it"
    )
    p.add_argument("group")
    p = actions.add_parser("set-owner", help="make a person an owner of a group (or --remove)")
    p.add_argument("group")
    p.add_argument("user")
    p.add_argument("--remove", action="store_true", help="no longer an owner (stays a member)")
    for name, text in (
        ("grant-admin", "make a person an administrator"),
        ("revoke-admin", "take the administrator role away"),
    ):
        p = actions.add_parser(name, help=text)
        p.add_argument("user")
    p = actions.add_parser(
        "export-audit",
        help="append new audit entries as JSON lines to a file, or send them to syslog",
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--output", type=Path, metavar="FILE")
    where.add_argument(
        "--syslog",
        metavar="ADDRESS",
        nargs="?",
        const="/dev/log",
        help="a socket path or HOST:PORT (default /dev/log)",
    )
    p.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        required=True,
        help="remembers the last entry sent, so each is sent once",
    )
    p.add_argument(
        "--follow",
        action="store_true",
        help="keep running and send new entries as they are written (stop with Ctrl+C/SIGTERM)",
    )
    p.add_argument(
        "--interval",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="with --follow: how often to look for new entries (default 5)",
    )
    p = actions.add_parser(
        "import-csv",
        help="create or update groups or people from a CSV file (idempotent; all or nothing)",
    )
    p.add_argument("kind", choices=("groups", "people"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--dry-run", action="store_true", help="report what would change, change nothing"
    )


def run(tools: Any, args: argparse.Namespace) -> int:
    from kshare.server.ops import directory

    action = args.action
    if action == "delete-group":
        changed = directory.delete_group(tools, args.group)
        print(f"deleted; {changed} items no longer name it in their audience")
    elif action == "rename-group":
        directory.rename_group(tools, args.group, args.new_name)
    elif action == "set-owner":
        directory.set_owner(tools, args.group, args.user, owner=not args.remove)
    elif action in ("grant-admin", "revoke-admin"):
        directory.set_admin(tools, args.user, is_admin=action == "grant-admin")
    elif action == "export-audit":
        export = directory.AuditExport(tools, args.state)
        if args.follow:
            stop = directory.stop_on_signals()
            sent = export.follow(args.output, args.syslog, args.interval, stop)
        else:
            sent = export.to_file(args.output) if args.output else export.to_syslog(args.syslog)
        print(f"{sent} audit entries sent")
    elif action == "import-csv":
        return _import_csv(tools, args)
    return 0


def _import_csv(tools: Any, args: argparse.Namespace) -> int:
    import sys

    from kshare.server.ops.people_csv import import_csv

    report = import_csv(tools, args.kind, args.file, dry_run=args.dry_run)
    for error in report.errors:
        print(f"{args.file.name}: {error}", file=sys.stderr)
    if report.errors:
        print(f"{args.file.name}: nothing imported ({len(report.errors)} errors)", file=sys.stderr)
        return 1
    for line in report.lines:
        print(line)
    print(report.summary() + (" (dry run: nothing changed)" if report.dry_run else ""))
    return 0
