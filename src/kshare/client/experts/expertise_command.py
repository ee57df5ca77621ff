"""``kshare expertise [PERSON]``: a person's expertise profile, and your own choices about yours.

Without options it shows a profile from the local cache (offline too). With
``--confirm``, ``--hide``, ``--unhide``, ``--remove``, ``--opt-out`` or
``--opt-in`` it changes how you are listed as an expert: at once on this
computer, and for everyone after the next sync.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kshare.client.paths import add_profile_option
from kshare.client.phrases import public_dict


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "expertise",
        help="show someone's expertise profile, or choose how you are listed as an expert",
        description=(
            "Show a person's expertise profile from what this profile has synced: the "
            "topics their work shows, what they declared, endorsements, similar people. "
            "The change options apply to your own profile: they show here at once and "
            "are published at the next sync."
        ),
    )
    parser.add_argument(
        "person", nargs="?", metavar="PERSON", help="a user name or person id (default: you)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--confirm",
        action="append",
        default=[],
        metavar="TOPIC",
        help="a topic you stand by: listed even without activity (repeatable)",
    )
    parser.add_argument(
        "--hide",
        action="append",
        default=[],
        metavar="TOPIC",
        help="never list you as an expert for this topic (repeatable)",
    )
    parser.add_argument(
        "--unhide",
        action="append",
        default=[],
        metavar="TOPIC",
        help="list you for a hidden topic again (repeatable)",
    )
    parser.add_argument(
        "--remove",
        action="append",
        default=[],
        metavar="TOPIC",
        help="drop a topic from your skills and confirmed topics; one your writing shows "
        "is hidden instead (repeatable)",
    )
    listing = parser.add_mutually_exclusive_group()
    listing.add_argument(
        "--opt-out",
        dest="opt_out",
        action="store_const",
        const=True,
        default=None,
        help="never list you as an expert at all",
    )
    listing.add_argument(
        "--opt-in",
        dest="opt_out",
        action="store_const",
        const=False,
        help="list you as an expert again",
    )
    add_profile_option(parser)
    parser.set_defaults(func=run)


def _fail(message: str, code: int = 1) -> int:
    print(f"kshare: {message}", file=sys.stderr)
    return code


def _changes(args: argparse.Namespace) -> list[str]:
    """What the options ask for, in words, for the one-line result."""
    parts = []
    for option, verb in (
        ("confirm", "confirm"),
        ("hide", "hide"),
        ("unhide", "show again"),
        ("remove", "remove"),
    ):
        values = getattr(args, option)
        if values:
            parts.append(f"{verb} {', '.join(' '.join(v.split()) for v in values)}")
    if args.opt_out is True:
        parts.append("opt out of expert listings")
    elif args.opt_out is False:
        parts.append("opt in to expert listings")
    return parts


def _person_id(workspace: Any, text: str) -> str | None:
    from sqlalchemy import func, or_, select

    from kshare.client.store.repository import PEOPLE

    name = text.strip().removeprefix("@")
    with workspace.reader.connect() as conn:
        found = conn.execute(
            select(PEOPLE.c.id)
            .where(or_(PEOPLE.c.id == name, func.lower(PEOPLE.c.username) == name.lower()))
            .order_by((PEOPLE.c.id == name).desc())
            .limit(1)
        ).scalar_one_or_none()
    return str(found) if found is not None else None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _print_text(profile: Any) -> None:
    print(profile.display_name + (" (you)" if profile.is_me else ""))
    role = " · ".join(p for p in (profile.title, profile.department) if p)
    if role:
        print(role)
    if profile.ask_about:
        print(f"Ask about: {profile.ask_about}")
    if profile.opt_out:
        print("Not listed as an expert (opted out)")
    if profile.topics:
        print("Topics:")
        width = max(len(t.name) for t in profile.topics)
        for topic in profile.topics:
            mark = "  (confirmed)" if topic.state == "confirmed" else ""
            print(f"  {topic.name.ljust(width)}  {topic.strength:.2f}{mark}")
    elif not profile.opt_out or profile.is_me:
        print("Topics: none yet in what you have synced")
    counts = {skill.casefold(): n for skill, n in profile.endorsements}
    declared = {s.casefold() for s in profile.skills}
    endorsed_only = [s for s, _ in profile.endorsements if s.casefold() not in declared]
    skills = [*profile.skills, *endorsed_only]
    if skills:
        print("Skills:")
        for skill in skills:
            count = counts.get(skill.casefold(), 0)
            endorsed = f"endorsed by {_plural(count, 'colleague')}" if count else "not endorsed yet"
            print(f"  {skill} — {endorsed}")
    if profile.ask_me_about:
        print(f"Happy to be asked about: {', '.join(profile.ask_me_about)}")
    if profile.is_me and profile.hidden:
        print(f"Hidden topics (only you see these): {', '.join(profile.hidden)}")
    if profile.similar:
        print("Similar people:")
        for expert in profile.similar:
            where = ", ".join(p for p in (expert.title, expert.department) if p)
            print(f"  {expert.display_name}" + (f" — {where}" if where else ""))


def run(args: argparse.Namespace) -> int:
    # Heavy imports wait until the command runs, so `kshare --help` stays fast.
    from kshare.client.paths import ProfilePaths
    from kshare.client.services import UserFacingError, Workspace
    from kshare.client.store.db import CacheError

    changes = _changes(args)
    if changes and args.person:
        return _fail("only your own expertise can be changed: leave out PERSON to change yours", 2)
    paths = ProfilePaths.at(args.profile)
    if not paths.cache_db.exists():
        return _fail(f"nothing synced yet in {paths.root}: sign in and run `kshare sync` first")
    try:
        workspace = Workspace.open(args.profile)
    except CacheError as exc:
        return _fail(str(exc))
    try:
        if args.person is None and workspace.account is None:
            return _fail("sign in first: kshare login URL --user NAME")
        if changes:
            queued = workspace.pending_count()
            changed = workspace.update_expertise(
                confirm=args.confirm,
                hide=args.hide,
                unhide=args.unhide,
                remove=args.remove,
                opt_out=args.opt_out,
            )
            if workspace.pending_count() == queued:
                message = "Nothing to change: your profile already says so."
            else:
                message = (
                    f"Queued your expertise changes ({'; '.join(changes)}); "
                    "they are published at the next sync."
                )
            if args.json:
                json.dump(public_dict(changed), sys.stdout, indent=2, ensure_ascii=False)
                print()
                print(message, file=sys.stderr)
            else:
                print(message)
            return 0
        person_id = None
        if args.person is not None:
            person_id = _person_id(workspace, args.person)
            if person_id is None:
                return _fail(f"no one called {args.person!r} on this computer (try `kshare sync`)")
        profile = workspace.expertise_profile(person_id)
        if profile is None:
            return _fail("your profile is not on this computer yet: run `kshare sync` first")
        if args.json:
            json.dump(public_dict(profile), sys.stdout, indent=2, ensure_ascii=False)
            print()
        else:
            _print_text(profile)
        return 0
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()
