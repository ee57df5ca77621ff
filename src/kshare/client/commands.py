"""``kshare login | logout | sync | post | share | audience | status``: kshare from a shell.

Progress goes to stderr, a one-line result to stdout; a failure exits
non-zero with a sentence that says what to do.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from kshare.client.dates import parse_user_time
from kshare.client.paths import add_profile_option
from kshare.client.views import SyncStatus
from kshare.clock import SYSTEM, Clock

log = logging.getLogger(__name__)

OK_STATES = ("idle",)


def register(subparsers: Any) -> None:
    login = subparsers.add_parser("login", help="sign in to a kshare server")
    login.add_argument(
        "url",
        nargs="?",
        default="",
        help="server address, e.g. https://kshare.example.com (default: the policy's server)",
    )
    login.add_argument("--user", help="your user name (for a password sign-in)")
    login.add_argument(
        "--sso",
        action="store_true",
        help="sign in with your company account in the browser (no password here)",
    )
    login.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add_profile_option(login)
    login.set_defaults(func=run_login)

    logout = subparsers.add_parser("logout", help="sign out and forget the token")
    add_profile_option(logout)
    logout.set_defaults(func=run_logout)

    sync = subparsers.add_parser("sync", help="send your changes and fetch everyone else's")
    sync.add_argument("--watch", action="store_true", help="keep syncing on changes until Ctrl-C")
    sync.add_argument(
        "--confirm-removal",
        action="store_true",
        help="let this sync delete what the server stopped listing without saying why",
    )
    add_profile_option(sync)
    sync.set_defaults(func=run_sync)

    post = subparsers.add_parser("post", help="publish a post (queued when offline)")
    post.add_argument("--title", required=True)
    post.add_argument("--body", required=True, help="Markdown text")
    post.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    post.add_argument(
        "--audience",
        action="append",
        default=None,
        help="org | private | group:NAME | person:NAME (repeatable; default org)",
    )
    post.add_argument("--kind", default="post", choices=("post", "article", "question"))
    _add_rights_options(post)
    add_profile_option(post)
    post.set_defaults(func=run_post)

    share = subparsers.add_parser(
        "share", help="share a file (PDF, DOCX, Markdown, text, image) as a document"
    )
    share.add_argument("file", type=Path, help="the file to share")
    share.add_argument("--title", default=None, help="default: the file name")
    share.add_argument("--body", default=None, help="a description, in Markdown")
    share.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    share.add_argument(
        "--audience",
        action="append",
        default=None,
        help="org | private | group:NAME | person:NAME (repeatable; asked for when left out)",
    )
    share.add_argument(
        "--replaces",
        metavar="ITEM_ID",
        default=None,
        help="share FILE as the new version of this document of yours (it keeps its title, "
        "text and audience)",
    )
    _add_rights_options(share)
    add_profile_option(share)
    share.set_defaults(func=run_share)

    audience = subparsers.add_parser(
        "audience",
        help="change who may see or edit one of your items, and when (the rest stays as it is)",
    )
    audience.add_argument("item_id", help="the item's id, as `kshare post` printed it")
    audience.add_argument(
        "--audience",
        action="append",
        default=None,
        help="org | private | group:NAME | person:NAME (repeatable; default: unchanged)",
    )
    _add_rights_options(audience, change=True)
    add_profile_option(audience)
    audience.set_defaults(func=run_audience)

    status = subparsers.add_parser("status", help="show the account and the last sync")
    add_profile_option(status)
    status.set_defaults(func=run_status)


TIME_HELP = (
    "an ISO date or date and time in this computer's local time, e.g. 2026-11-30 or "
    "2026-11-30T18:00 (add +01:00 or Z for another zone); it is sent in UTC and must lie between "
    "1970-01-01 and 9999-12-31"
)


def _add_rights_options(parser: argparse.ArgumentParser, *, change: bool = False) -> None:
    unchanged = "; default: unchanged" if change else ""
    parser.add_argument(
        "--editor",
        action="append",
        default=None,
        metavar="group:NAME|person:USERNAME",
        help="who may also edit it, among those who can see it (repeatable" + unchanged + ")",
    )
    parser.add_argument(
        "--publish-at",
        type=_time_option,
        default=None,
        metavar="ISO",
        help="others see it from then on: " + TIME_HELP + ("; 'none' clears it" if change else ""),
    )
    parser.add_argument(
        "--visible-until",
        type=_until_option,
        default=None,
        metavar="ISO",
        help="others stop seeing it then, and it is removed from their computers at their "
        "next sync: " + TIME_HELP + ("; 'none' clears it" if change else ""),
    )
    if change:
        parser.add_argument(
            "--no-editors", action="store_true", help="nobody but you may edit it any more"
        )


CLEAR = "none"


def _time_option(text: str) -> datetime | str:
    """An ISO date or time; without a zone it is local time (``astimezone`` reads it so).
    Outside 1970..9999 (UTC) it is refused here, as the server would refuse it."""
    if text.strip().lower() == CLEAR:
        return CLEAR
    try:
        return parse_user_time(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _until_option(text: str) -> datetime | str:
    """Like ``_time_option``, but a date alone means the end of that day: "visible until
    2026-12-31" keeps the item visible on the 31st, up to local midnight."""
    if text.strip().lower() == CLEAR:
        return CLEAR
    try:
        return parse_user_time(text, end_of_day=True)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _fail(message: str, code: int = 1) -> int:
    print(f"kshare: {message}", file=sys.stderr)
    return code


def _open(args: argparse.Namespace) -> Any:
    from kshare.client.services import Workspace

    return Workspace.open(args.profile)


def run_login(args: argparse.Namespace) -> int:
    from kshare.client.services import UserFacingError

    if args.sso:
        from kshare.client.account.commands import run_sso_login

        return run_sso_login(args)
    if not args.user:
        return _fail("name your account (--user NAME), or sign in with --sso", 2)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        import getpass

        password = getpass.getpass(f"Password for {args.user}: ")
    if not password:
        return _fail("no password given", 2)
    workspace = _open(args)
    try:
        account = workspace.login(args.url, args.user, password)
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()
    print(f"Signed in to {account.server_url} as {account.display_name} ({account.username})")
    return 0


def run_logout(args: argparse.Namespace) -> int:
    from kshare.client.services import UserFacingError

    workspace = _open(args)
    try:
        account = workspace.account
        waiting = workspace.pending_count() if account is not None else 0
        workspace.logout()
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()
    print("Signed out")
    if waiting:
        print(
            f"kshare: warning: {_count(waiting, 'change', 'changes')} not sent yet "
            f"{'is' if waiting == 1 else 'are'} kept on this computer; "
            f"{'it is' if waiting == 1 else 'they are'} sent when you sign in again as "
            f"{account.username}.",
            file=sys.stderr,
        )
    return 0


class _Progress:
    """Progress lines on stderr, at most one per change of count."""

    def __init__(self) -> None:
        self.last = ""

    def __call__(self, status: SyncStatus) -> None:
        line = status.message
        if status.bytes_total:
            # Whole percent steps keep a large download from printing a line per chunk.
            percent = 100 * status.bytes_done // status.bytes_total
            line = f"{line} (files: {percent}% of {_size(status.bytes_total)})"
        if line != self.last:
            self.last = line
            print(f"  {line}", file=sys.stderr, flush=True)


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if count < 1024:
            return f"{count} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024  # type: ignore[assignment]
    return f"{count:.1f} GB"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _summary(report: Any) -> str:
    """One line for a sync: what happened, then the counts that are not zero."""
    changes = report.changes
    counts = [
        _count(len(changes.item_ids), "item updated", "items updated"),
        _count(len(changes.removed_ids), "removed", "removed"),
        _count(report.pushed, "sent", "sent"),
    ]
    if report.status.pending_outbox:
        counts.append(f"{report.status.pending_outbox} waiting to be sent")
    message = str(report.status.message).rstrip()
    if report.status.state != "idle":
        shown = [c for c in counts if not c.startswith("0 ")]
        return message + (f" ({', '.join(shown)})" if shown else "")
    return f"{message.rstrip('.')}: " + ", ".join(counts)


def run_sync(args: argparse.Namespace) -> int:
    workspace = _open(args)
    try:
        report = workspace.sync(progress=_Progress(), confirm_removal=args.confirm_removal)
        failed = report.status.state not in OK_STATES
        if args.watch or not failed:
            print(_summary(report), flush=True)
        else:
            # Said once, on stderr: a failed sync is not also a result on stdout.
            _fail(_summary(report))
        if report.removal_to_confirm:
            print(
                "kshare: if that is expected, run: kshare sync --confirm-removal",
                file=sys.stderr,
            )
        if not args.watch:
            return 1 if failed else 0
        stop = threading.Event()
        nudged = threading.Event()
        watcher = threading.Thread(
            target=workspace.watch, args=(nudged.set, stop), name="kshare-watch", daemon=True
        )
        watcher.start()
        print("Watching for changes; press Ctrl-C to stop.", file=sys.stderr, flush=True)
        try:
            while True:
                timeout = report.status.retry_in_s
                triggered = nudged.wait(timeout)
                nudged.clear()
                if triggered or timeout is not None:
                    report = workspace.sync(progress=_Progress())
                    print(_summary(report), flush=True)
        except KeyboardInterrupt:
            stop.set()
            watcher.join(timeout=5)
            return 0
    finally:
        workspace.close()


def _scheduled(publish_at: datetime | None, clock: Clock = SYSTEM) -> str:
    """The word the CLI reports a new item with: published now, or scheduled for later."""
    if publish_at is None or publish_at.astimezone() <= clock.now():
        return "Published"
    return f"Scheduled for {publish_at.astimezone():%Y-%m-%d %H:%M %Z} (others see it then):"


def run_post(args: argparse.Namespace) -> int:
    if CLEAR in (args.publish_at, args.visible_until):
        return _fail("'none' only clears a time of an existing item (kshare audience)", 2)
    return _publish_and_send(
        args,
        lambda workspace: workspace.publish(
            title=args.title,
            body=args.body,
            tags=args.tag,
            audience=args.audience or ["org"],
            kind=args.kind,
            editors=args.editor or (),
            publish_at=args.publish_at,
            visible_until=args.visible_until,
        ),
        done=_scheduled(args.publish_at),
    )


def run_audience(args: argparse.Namespace) -> int:
    from kshare.client.audiences import KEEP

    if args.no_editors and args.editor:
        return _fail("--no-editors and --editor cannot be used together", 2)
    changes: dict[str, Any] = {}
    if args.audience:
        changes["audience"] = args.audience
    if args.editor or args.no_editors:
        changes["editors"] = args.editor or []
    for name in ("publish_at", "visible_until"):
        value = getattr(args, name)
        changes[name] = KEEP if value is None else (None if value == CLEAR else value)
    if (
        not args.audience
        and "editors" not in changes
        and all(changes[name] is KEEP for name in ("publish_at", "visible_until"))
    ):
        return _fail(
            "say what changes: --audience, --editor, --no-editors, --publish-at or --visible-until",
            2,
        )

    def write(workspace: Any) -> str:
        workspace.edit(args.item_id, **changes)
        return str(args.item_id)

    return _publish_and_send(args, write, done="Changed")


def run_share(args: argparse.Namespace) -> int:
    if args.replaces:
        others = ("title", "body", "audience", "editor", "publish_at", "visible_until")
        if args.tag or any(getattr(args, name) is not None for name in others):
            return _fail("--replaces changes only the file; kshare audience changes the rest", 2)

        def replace(workspace: Any) -> str:
            workspace.replace_file(args.replaces, args.file)
            return str(args.replaces)

        return _publish_and_send(args, replace, done="Replaced the file of")
    if CLEAR in (args.publish_at, args.visible_until):
        return _fail("'none' only clears a time of an existing item (kshare audience)", 2)
    audience = args.audience
    if not audience:  # never everyone by default: ask, or name the option
        from kshare.client.documents.share_prompt import ask_audience
        from kshare.client.errors import UserFacingError

        try:
            audience = ask_audience(args.file.name, sys.stdin, sys.stdout)
        except UserFacingError as exc:
            return _fail(str(exc), 2)
    return _publish_and_send(
        args,
        lambda workspace: workspace.share_file(
            args.file,
            title=args.title or "",
            body=args.body or "",
            tags=args.tag,
            audience=audience,
            editors=args.editor or (),
            publish_at=args.publish_at,
            visible_until=args.visible_until,
        ),
        done=_scheduled(args.publish_at),
    )


def _publish_and_send(
    args: argparse.Namespace, write: Callable[[Any], str], done: str = "Published"
) -> int:
    """Queue a write in the outbox, then try to send it at once; offline, it stays queued."""
    from kshare.client.services import UserFacingError

    workspace = _open(args)
    try:
        if workspace.account is None:
            return _fail("sign in first: kshare login URL --user NAME")
        item_id = write(workspace)
        report = workspace.sync()
        if workspace.pending_count() == 0 and report.status.state == "idle":
            unpublished = [e for e in workspace.unpublished() if e.target_id == item_id]
            if unpublished:
                return _fail(f"the server refused it: {unpublished[0].last_error}")
            print(f"{done} {item_id}")
            return 0
        if report.status.state in ("offline", "retrying"):
            print(f"Queued {item_id}: {report.status.message}; it is sent at the next sync.")
            return 0
        print(f"Queued {item_id}; it is sent at the next sync.")
        return _fail(report.status.message)
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()


def run_status(args: argparse.Namespace) -> int:
    workspace = _open(args)
    try:
        account = workspace.account
        status = workspace.status()
        who = f"{account.username} on {account.server_url}" if account else "not signed in"
        last = (
            status.last_success.strftime("%Y-%m-%d %H:%M:%S UTC")
            if status.last_success
            else "never"
        )
        print(f"Account: {who}")
        problems = workspace.unpublished()
        # The last sync's message counted what needed a look then; the line below counts now.
        message = status.message.split(" — ")[0] if problems else status.message
        print(f"Status: {status.state} — {message}")
        print(f"Last successful sync: {last}")
        print(f"Waiting to be sent: {status.pending_outbox}")
        print(f"Items on this computer: {workspace.feed_count()}")
        update = workspace.update_notice()
        if update:
            print(f"Update: {update}")
        if problems:
            print(
                f"Need your attention: {len(problems)} (conflicts or refused changes; "
                "see kshare unpublished)"
            )
        return 0
    finally:
        workspace.close()
