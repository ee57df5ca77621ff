"""``kshare groups | join GROUP | leave GROUP``: group membership from a shell (online only).

A join or leave that changes membership syncs at once, so the group's content
arrives on (or leaves) this computer before the command returns.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

from kshare.client.paths import add_profile_option


def register(subparsers: Any) -> None:
    groups = subparsers.add_parser(
        "groups", help="list the groups you may join, and where you stand (needs the server)"
    )
    groups.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_profile_option(groups)
    groups.set_defaults(func=run_groups)

    join = subparsers.add_parser(
        "join", help="join an open group, or ask the owners of a closed one"
    )
    join.add_argument("group", metavar="GROUP", help="the group's name (or id)")
    add_profile_option(join)
    join.set_defaults(func=run_join)

    leave = subparsers.add_parser(
        "leave", help="leave a group (or withdraw a request); its content leaves this computer"
    )
    leave.add_argument("group", metavar="GROUP", help="the group's name (or id)")
    add_profile_option(leave)
    leave.set_defaults(func=run_leave)


def _fail(message: str, code: int = 1) -> int:
    print(f"kshare: {message}", file=sys.stderr)
    return code


def _open(args: argparse.Namespace) -> Any:
    from kshare.client.services import Workspace

    return Workspace.open(args.profile)


def run_groups(args: argparse.Namespace) -> int:
    from kshare.client.errors import UserFacingError
    from kshare.client.groups import standing

    workspace = _open(args)
    try:
        listed = workspace.groups()
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()
    if args.json:
        json.dump([dataclasses.asdict(g) for g in listed], sys.stdout, indent=2)
        print()
        return 0
    if not listed:
        print("No groups you may join yet.")
    for group in listed:
        where = standing(group)
        count = group.member_count
        members = "1 member" if count == 1 else f"{count} members"
        line = f"{group.name} — {group.kind}, {group.visibility}, {members}"
        print(line + (f" [{where}]" if where else ""))
        if group.description:
            print(f"   {group.description}")
    return 0


def _sync_after(workspace: Any, done: str) -> int:
    report = workspace.sync()
    if report.status.state == "idle":
        arrived = len(report.changes.item_ids)
        items = "1 item" if arrived == 1 else f"{arrived} items"
        print(f"{done} Synced: {items} arrived, {len(report.changes.removed_ids)} removed.")
        return 0
    print(f"{done} It shows here after the next sync.")
    return _fail(report.status.message)


def run_join(args: argparse.Namespace) -> int:
    from kshare.client.errors import UserFacingError
    from kshare.client.groups import find_group

    workspace = _open(args)
    try:
        group = find_group(workspace.groups(), args.group)
        if group.is_member:
            print(f"You are already in {group.name}.")
            return 0
        joined = workspace.join_group(group.id)
        if not joined.is_member:
            print(f"Asked to join {group.name}; an owner will approve or decline.")
            return 0
        return _sync_after(workspace, f"Joined {group.name}.")
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()


def run_leave(args: argparse.Namespace) -> int:
    from kshare.client.errors import UserFacingError
    from kshare.client.groups import find_group

    workspace = _open(args)
    try:
        group = find_group(workspace.groups(), args.group)
        if not group.is_member and not group.request_pending:
            print(f"You are not in {group.name}.")
            return 0
        workspace.leave_group(group.id)
        if not group.is_member:
            print(f"Withdrew your request to join {group.name}.")
            return 0
        return _sync_after(workspace, f"Left {group.name}.")
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()
