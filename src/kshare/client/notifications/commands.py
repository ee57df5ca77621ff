"""``kshare follow KIND NAME | unfollow KIND NAME | following | inbox``: from a shell.

Follows are written to the outbox like every other write, so they work offline
and reach the server at the next sync; the inbox reads what has synced.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kshare.client.paths import add_profile_option
from kshare.protocol.schemas import FOLLOW_KINDS

KIND_HELP = f"what to follow: {', '.join(FOLLOW_KINDS)}"


def register(subparsers: Any) -> None:
    follow = subparsers.add_parser(
        "follow", help="follow a person, tag, group, question or collection (queued offline)"
    )
    follow.add_argument("kind", metavar="KIND", help=KIND_HELP)
    follow.add_argument("name", metavar="NAME", help="a username, tag, group name, title or id")
    add_profile_option(follow)
    follow.set_defaults(func=run_follow, following=True)

    unfollow = subparsers.add_parser("unfollow", help="stop following something")
    unfollow.add_argument("kind", metavar="KIND", help=KIND_HELP)
    unfollow.add_argument("name", metavar="NAME", help="a username, tag, group name, title or id")
    add_profile_option(unfollow)
    unfollow.set_defaults(func=run_follow, following=False)

    following = subparsers.add_parser("following", help="list what you follow")
    following.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_profile_option(following)
    following.set_defaults(func=run_following)

    inbox = subparsers.add_parser(
        "inbox", help="mentions, replies, answers and news in what you follow (from the cache)"
    )
    inbox.add_argument("--json", action="store_true", help="print JSON instead of text")
    inbox.add_argument("--unread", action="store_true", help="only what you have not read")
    add_profile_option(inbox)
    inbox.set_defaults(func=run_inbox)


def _fail(message: str, code: int = 1) -> int:
    print(f"kshare: {message}", file=sys.stderr)
    return code


def _open(args: argparse.Namespace) -> Any:
    from kshare.client.services import Workspace

    return Workspace.open(args.profile)


def run_follow(args: argparse.Namespace) -> int:
    workspace = _open(args)
    try:
        if workspace.account is None:
            return _fail("sign in first (kshare login)")
        try:
            if args.following:
                workspace.notifications.follow(args.kind, args.name)
            else:
                workspace.notifications.unfollow(args.kind, args.name)
        except LookupError as exc:
            return _fail(str(exc.args[0]) if exc.args else str(exc))
        verb = "Following" if args.following else "No longer following"
        print(f"{verb} {args.kind} {args.name} (sent at the next sync)")
        return 0
    finally:
        workspace.close()


def run_following(args: argparse.Namespace) -> int:
    workspace = _open(args)
    try:
        listed = workspace.notifications.following()
    finally:
        workspace.close()
    if args.json:
        rows = [
            {
                "kind": f.kind,
                "target": f.target,
                "label": f.label,
                "since": f.created_at.isoformat(),
            }
            for f in listed
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not listed:
        print("You follow nothing yet. Try: kshare follow tag postgresql")
    for f in listed:
        print(f"{f.kind:<10} {f.label}")
    return 0


def run_inbox(args: argparse.Namespace) -> int:
    workspace = _open(args)
    try:
        if workspace.account is None:
            return _fail("sign in first (kshare login)")
        entries = workspace.notifications.inbox(unread_only=args.unread)
    finally:
        workspace.close()
    if args.json:
        rows = [
            {
                "key": e.key,
                "kind": e.kind,
                "text": e.text,
                "open": {"kind": e.open_kind, "id": e.open_id},
                "at": e.at.isoformat(),
                "read": e.read,
            }
            for e in entries
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print("Nothing unread." if args.unread else "Your inbox is empty.")
    for e in entries:
        mark = " " if e.read else "•"
        print(f"{mark} {e.at:%Y-%m-%d %H:%M}  {e.text}")
    return 0
