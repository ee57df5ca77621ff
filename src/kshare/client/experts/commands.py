"""``kshare experts TOPIC_OR_QUESTION``: who knows about this, from the local cache, offline.

``kshare expertise`` (a person's profile and one's own choices) registers here too.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any

from kshare.client.experts import expertise_command
from kshare.client.paths import add_profile_option
from kshare.client.phrases import public_dict

log = logging.getLogger(__name__)

# where the workspace keeps the signed-in account (``services.ACCOUNT_KEY``); read here
# directly, so that a one-shot query does not load the sync machinery
ACCOUNT_STATE = "account"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "experts",
        help="find colleagues who know about a topic or a question (works offline)",
        description=(
            "Rank colleagues by what they wrote, answered and declared about a topic, "
            "from what this profile has synced. Each result says why it is listed."
        ),
    )
    parser.add_argument("topic", nargs="+", metavar="TOPIC_OR_QUESTION")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="at most N people")
    add_profile_option(parser)
    parser.set_defaults(func=run)
    expertise_command.register(subparsers)


def _print_text(experts: list[Any]) -> None:
    if not experts:
        print("No one found for this topic in what you have synced.")
        return
    for n, expert in enumerate(experts, start=1):
        role = ", ".join(p for p in (expert.title, expert.department) if p)
        print(f"{n}. {expert.display_name}" + (f" — {role}" if role else ""))
        if expert.ask_about:
            print(f"   Ask about: {expert.ask_about}")
        for reason in expert.reasons[:5]:
            print(f"   · {reason.text}")


def _signed_in_person(engine: Any) -> set[str]:
    """The person asking is looking for someone else: never list them to themselves."""
    # the table itself, not the store's repository: that loads the wire schemas (pydantic)
    from sqlalchemy import select

    from kshare.client.store.models import SyncState

    with engine.connect() as conn:
        raw = conn.execute(
            select(SyncState.value).where(SyncState.key == ACCOUNT_STATE)
        ).scalar_one_or_none()
    try:
        user_id = json.loads(raw).get("user_id") if raw else None
    except (ValueError, AttributeError):
        log.warning("the stored account is unreadable; nobody is left out of the answer")
        return set()
    return {str(user_id)} if user_id else set()


def run(args: argparse.Namespace) -> int:
    # Heavy imports wait until the command runs, so `kshare --help` stays fast.
    from kshare.client.experts.finder import ExpertFinder
    from kshare.client.index import SearchIndex
    from kshare.client.paths import ProfilePaths
    from kshare.client.store.db import CacheError, open_cache

    if args.limit < 1:
        print("--limit must be at least 1", file=sys.stderr)
        return 2
    paths = ProfilePaths.at(args.profile)
    if not paths.cache_db.exists():
        print(
            f"Nothing synced yet in {paths.root}: sign in and run `kshare sync` first.",
            file=sys.stderr,
        )
        return 1
    try:
        engine = open_cache(paths.cache_db)
    except CacheError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        me = _signed_in_person(engine)
        index = SearchIndex(paths.index_dir, engine)
        index.catch_up()
        experts = ExpertFinder(engine, index, lazy=True).rank(
            " ".join(args.topic), limit=args.limit, exclude=me
        )
    finally:
        engine.dispose()
    if args.json:
        json.dump([public_dict(e) for e in experts], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_text(experts)
    return 0
