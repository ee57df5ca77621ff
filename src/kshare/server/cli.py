"""``kshare serve`` and ``kshare admin``: registered on the top-level ``kshare`` command.

Nothing heavy is imported here at module level, so ``kshare --help`` stays fast;
FastAPI, uvicorn and SQLAlchemy load only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = subparsers.add_parser("serve", help="run the kshare server")
    serve.add_argument("--data", type=Path, required=True, help="folder for the database and files")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8750, help="port (0 picks a free one)")
    serve.add_argument("--demo", action="store_true", help="load the demo organisation once")
    serve.add_argument("--database-url", help="PostgreSQL URL instead of the embedded SQLite")
    serve.add_argument("--organisation", default="", help="organisation name shown to clients")
    serve.add_argument(
        "--blob-store",
        metavar="URL",
        help="where files live: a folder, or s3://BUCKET/PREFIX?endpoint_url=...&region=... "
        "for an S3-compatible store (default: blobs/ in the data folder)",
    )
    serve.add_argument(
        "--max-upload-mb", type=int, default=100, help="largest file people may share (MB)"
    )
    serve.set_defaults(func=run_serve)

    admin = subparsers.add_parser("admin", help="manage users and groups of a kshare server")
    admin.add_argument("--data", type=Path, required=True, help="the server's data folder")
    admin.add_argument("--database-url", help="PostgreSQL URL, when the server uses one")
    actions = admin.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser("add-group", help="create a group")
    p.add_argument("name")
    p.add_argument("--kind", choices=("team", "department", "community"), default="team")
    p.add_argument("--visibility", choices=("open", "closed", "secret"), default="open")
    p.add_argument("--description", default="")

    p = actions.add_parser("add-user", help="create an account (password read from stdin)")
    p.add_argument("name")
    p.add_argument("--display-name", required=True)
    p.add_argument("--group", action="append", default=[], dest="groups")
    p.add_argument("--title", default="")
    p.add_argument("--department", default="")
    p.add_argument("--admin", action="store_true", help="make the account an administrator")
    p.add_argument("--password-stdin", action="store_true", required=True)

    for name, text in (
        ("add-member", "add a user to a group"),
        ("remove-member", "remove a user from a group"),
    ):
        p = actions.add_parser(name, help=text)
        p.add_argument("group")
        p.add_argument("user")

    p = actions.add_parser("disable-user", help="disable an account (it keeps its content)")
    p.add_argument("user")
    p = actions.add_parser("enable-user", help="enable a disabled account again")
    p.add_argument("user")
    p = actions.add_parser("set-password", help="set a password (read from stdin)")
    p.add_argument("user")
    p.add_argument("--password-stdin", action="store_true", required=True)
    actions.add_parser("list-users", help="list accounts")
    actions.add_parser("list-groups", help="list groups")
    p = actions.add_parser("audit", help="print the audit log as JSON lines")
    p.add_argument("--since", type=datetime.fromisoformat, help="ISO time, e.g. 2026-11-01")
    p = actions.add_parser("import-stackexchange", help="load a Stack Exchange data dump")
    p.add_argument("dump_dir", type=Path, metavar="DUMP_DIR", help="folder with Posts.xml")
    p.add_argument("--organisation", help="also set the organisation name shown to clients")
    p.add_argument("--site", help="the site's name (default: the dump folder's name)")
    admin.set_defaults(func=run_admin)


def _read_password() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise SystemExit("kshare admin: no password on standard input")
    return password


def run_admin(args: argparse.Namespace) -> int:
    from kshare.server.admin import AdminError, AdminTools

    try:
        with AdminTools(args.data, args.database_url) as tools:
            return _admin_action(tools, args)
    except AdminError as exc:
        print(f"kshare admin: {exc}", file=sys.stderr)
        return 1


def _admin_action(tools, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    action = args.action
    if action == "add-group":
        print(tools.add_group(args.name, args.kind, args.visibility, args.description))
    elif action == "add-user":
        print(
            tools.add_user(
                args.name,
                args.display_name,
                _read_password(),
                groups=args.groups,
                title=args.title,
                department=args.department,
                is_admin=args.admin,
            )
        )
    elif action == "add-member":
        tools.add_member(args.group, args.user)
    elif action == "remove-member":
        tools.remove_member(args.group, args.user)
    elif action == "disable-user":
        tools.disable_user(args.user)
    elif action == "enable-user":
        tools.enable_user(args.user)
    elif action == "set-password":
        tools.set_password(args.user, _read_password())
    elif action == "list-users":
        for user in tools.list_users():
            state = "active" if user["active"] else "disabled"
            role = " admin" if user["is_admin"] else ""
            print(
                f"{user['username']}\t{user['display_name']}\t{state}{role}\t"
                f"{','.join(user['groups'])}"
            )
    elif action == "list-groups":
        for group in tools.list_groups():
            print(
                f"{group['name']}\t{group['kind']}\t{group['visibility']}\t"
                f"{group['members']} members"
            )
    elif action == "audit":
        for entry in tools.audit_log(args.since):
            print(json.dumps(entry, sort_keys=True))
    elif action == "import-stackexchange":
        from kshare.server.importer.command import run_import

        return run_import(args)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from kshare.server.serve import serve
    from kshare.server.settings import Settings

    settings = Settings(
        data_dir=args.data,
        database_url=args.database_url,
        organisation=args.organisation,
        blob_store=args.blob_store,
        max_blob_bytes=args.max_upload_mb * 1024 * 1024,
    )
    seed = getattr(args, "demo_org", None) if args.demo else None
    return serve(settings, host=args.host, port=args.port, seed=seed)
