"""``kshare profile``: show or change one's own title, location, skills and "ask me about"."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from kshare.client.paths import add_profile_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "profile",
        help="show or change your own profile (title, location, skills, ask me about)",
        description="Without options, show your profile. --skill and --ask-me-about replace "
        "the whole list with the ones given (repeat them for several; '' empties the list).",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--title", default=None, help="your job title")
    parser.add_argument("--location", default=None, help="where you work")
    parser.add_argument("--skill", action="append", default=None, help="a skill (repeatable)")
    parser.add_argument(
        "--ask-me-about",
        dest="ask_me_about",
        metavar="TOPIC",
        action="append",
        default=None,
        help="a topic colleagues may ask you about (repeatable)",
    )
    add_profile_option(parser)
    parser.set_defaults(func=run_profile)


def run_profile(args: argparse.Namespace) -> int:
    from kshare.client.services import UserFacingError, Workspace

    workspace = Workspace.open(args.profile)
    try:
        editor = workspace.profile
        changes = {
            name: getattr(args, name)
            for name in ("title", "location", "skill", "ask_me_about")
            if getattr(args, name) is not None
        }
        if "skill" in changes:
            changes["skills"] = changes.pop("skill")
        try:
            if changes:
                profile = editor.update(**changes)
                report = workspace.sync()  # send it now when online; it waits otherwise
                sent = workspace.pending_count() == 0 and report.status.state == "idle"
            else:
                profile = editor.current()
                sent = True
        except UserFacingError as exc:
            print(f"kshare: {exc}", file=sys.stderr)
            return 1
        if args.json:
            print(json.dumps({**asdict(profile), "sent": sent}, ensure_ascii=False))
            return 0
        print(profile.display_name)
        print(f"Title: {profile.title or '—'}")
        print(f"Location: {profile.location or '—'}")
        print(f"Skills: {', '.join(profile.skills) or '—'}")
        print(f"Ask me about: {', '.join(profile.ask_me_about) or '—'}")
        if changes:
            print("Saved." if sent else "Saved on this computer; it is sent at the next sync.")
        return 0
    finally:
        workspace.close()
