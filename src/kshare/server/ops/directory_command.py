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
        sent = export.to_file(args.output) if args.output else export.to_syslog(args.syslog)
        print(f"{sent} audit entries sent")
    return 0
