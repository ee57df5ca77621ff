"""``kshare admin grant-curator | revoke-curator | merge-tags``: curation for administrators."""

from __future__ import annotations

import argparse
import sys
from typing import Any

ACTIONS = ("grant-curator", "revoke-curator", "merge-tags")


def register(actions: Any) -> None:
    for name, text in (
        ("grant-curator", "make USER a curator (everywhere, or of the named groups and tags)"),
        ("revoke-curator", "take the curator role back (whole, or for the named groups/tags)"),
    ):
        p = actions.add_parser(name, help=text)
        p.add_argument("user", metavar="USER")
        p.add_argument("--group", action="append", default=[], metavar="G")
        p.add_argument("--tag", action="append", default=[], metavar="T")
    p = actions.add_parser(
        "merge-tags", help="retag everything tagged SOURCE as TARGET; SOURCE stays as an alias"
    )
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("target", metavar="TARGET")


def run(tools: Any, args: argparse.Namespace) -> int:
    if args.action == "grant-curator":
        scope = tools.grant_curator(args.user, args.group, args.tag)
        where = "everywhere" if scope["everywhere"] else ""
        named = [f"group:{g}" for g in args.group] + [f"tag:{t}" for t in scope["tags"]]
        print(f"{args.user} curates {where or ', '.join(named)}")
        return 0
    if args.action == "revoke-curator":
        if not tools.revoke_curator(args.user, args.group, args.tag):
            print(f"kshare admin: {args.user} is not a curator", file=sys.stderr)
            return 1
        print(f"{args.user}: curator role changed")
        return 0
    moved = tools.merge_tags(args.source, args.target)
    items = "1 item" if moved == 1 else f"{moved} items"
    print(f"{items} retagged; “{args.source}” now reads as “{args.target}”")
    return 0
