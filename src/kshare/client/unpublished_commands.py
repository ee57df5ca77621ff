"""``kshare unpublished``: the changes of yours the server did not take, and what to do.

A conflict (someone changed the item since you started) waits for a decision: keep
yours (send it again over their version) or keep theirs (drop yours). A refused change
(you lost the right to publish there, say) can only be copied and discarded.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kshare.client.paths import add_profile_option

WHAT = {
    "create_item": "new item",
    "update_item": "edit",
    "delete_item": "deletion",
    "accept_answer": "accepted answer",
    "create_reaction": "reaction",
    "update_profile": "profile change",
    "endorse": "endorsement",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "unpublished",
        help="list the changes of yours that need a look, and resolve them",
        description="Without an action, list them. 'keep-mine ID' sends a conflicted draft "
        "again over the server's version; 'keep-theirs ID' and 'discard ID' drop yours.",
    )
    add_profile_option(parser)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "action", nargs="?", choices=("list", "keep-mine", "keep-theirs", "discard"), default="list"
    )
    parser.add_argument("entry", nargs="?", type=int, metavar="ID", help="the change's number")
    parser.set_defaults(func=run_unpublished)


def _text(entry: Any) -> str:
    payload = entry.payload
    body = payload.get("update") or payload.get("create") or payload
    title = body.get("title") if isinstance(body, dict) else None
    text = body.get("body") if isinstance(body, dict) else None
    return str(title or text or "")[:80]


def _row(entry: Any) -> dict[str, Any]:
    return {
        "id": entry.id,
        "state": entry.state,
        "change": WHAT.get(entry.operation, entry.operation),
        "item_id": entry.target_id,
        "text": _text(entry),
        "reason": entry.last_error,
        "created_at": entry.created_at.isoformat(),
    }


def run_unpublished(args: argparse.Namespace) -> int:
    from kshare.client.services import UserFacingError, Workspace

    workspace = Workspace.open(args.profile)
    try:
        entries = workspace.unpublished()
        if args.action == "list":
            rows = [_row(e) for e in entries]
            if args.json:
                print(json.dumps(rows, indent=2))
            elif not rows:
                print("Nothing needs your attention.")
            for row in [] if args.json else rows:
                what = "conflict" if row["state"] == "conflict" else "refused"
                print(f"{row['id']}. [{what}] {row['change']} of {row['item_id']}: {row['text']}")
                if row["reason"]:
                    print(f"   {row['reason']}")
            return 0
        if args.entry is None:
            print(
                f"kshare: {args.action} needs the change's number (kshare unpublished)",
                file=sys.stderr,
            )
            return 2
        entry = next((e for e in entries if e.id == args.entry), None)
        if entry is None:
            print(f"kshare: no change {args.entry} needs your attention", file=sys.stderr)
            return 1
        if args.action == "discard":
            workspace.discard_unpublished(entry.id)
            print(f"Discarded change {entry.id}.")
        else:
            workspace.resolve_conflict(entry.id, "mine" if args.action == "keep-mine" else "theirs")
            print(
                f"Kept {'yours' if args.action == 'keep-mine' else 'theirs'} for change "
                f"{entry.id}."
                + (" It is sent at the next sync." if args.action == "keep-mine" else "")
            )
        return 0
    except UserFacingError as exc:
        print(f"kshare: {exc}", file=sys.stderr)
        return 1
    finally:
        workspace.close()
