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
    serve = subparsers.add_parser(
        "serve",
        help="run the kshare server",
        description="Run the kshare server. Settings come from flags, KSHARE_SERVER_* "
        "environment variables and a TOML file (--config or KSHARE_SERVER_CONFIG), in that "
        "order; see docs/operations.md. Secrets never go on the command line.",
    )
    serve.add_argument("--config", type=Path, metavar="FILE", help="TOML configuration file")
    serve.add_argument("--data", type=Path, help="folder for the database and files")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8750; 0 picks a free one)")
    serve.add_argument("--demo", action="store_true", help="load the demo organisation once")
    serve.add_argument(
        "--database-url",
        help="PostgreSQL URL instead of the embedded SQLite (without a password: put "
        "that in KSHARE_SERVER_DATABASE_URL or the configuration file)",
    )
    serve.add_argument("--organisation", help="organisation name shown to clients")
    serve.add_argument(
        "--blob-store",
        metavar="URL",
        help="where files live: a folder, or s3://BUCKET/PREFIX?endpoint_url=...&region=... "
        "for an S3-compatible store (default: blobs/ in the data folder)",
    )
    serve.add_argument("--max-upload-mb", type=int, help="largest file people may share (MB)")
    serve.add_argument("--log-format", choices=("json", "text"), help="log lines (default json)")
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a load balancer's address or network (CIDR) whose X-Forwarded-For is believed "
        "(repeatable; default: none, the connecting address is the client's)",
    )
    serve.add_argument(
        "--token-minutes",
        type=int,
        help="lifetime of an access token, renewed silently (default 60)",
    )
    serve.add_argument(
        "--idle-days", type=int, help="a device unused this long must sign in again (default 30)"
    )
    serve.add_argument(
        "--min-password-length", type=int, help="shortest password people may set (default 10)"
    )
    serve.add_argument("--min-client-version", help="desktops older than this must update")
    serve.add_argument("--recommended-client-version", help="desktops older than this are told")
    serve.set_defaults(func=run_serve)

    admin = subparsers.add_parser("admin", help="manage users and groups of a kshare server")
    admin.add_argument("--config", type=Path, metavar="FILE", help="the server's TOML file")
    admin.add_argument("--data", type=Path, help="the server's data folder")
    admin.add_argument("--database-url", help="PostgreSQL URL, when the server uses one")
    admin.add_argument("--blob-store", metavar="URL", help="the server's blob store, if not data/")
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
    p = actions.add_parser("devices", help="list a user's device sessions")
    p.add_argument("user")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p = actions.add_parser("revoke-device", help="sign one device session out")
    p.add_argument("session_id", metavar="SESSION_ID")
    p = actions.add_parser(
        "wipe-device", help="sign a device out and remove kshare's data from it at next contact"
    )
    p.add_argument("session_id", metavar="SESSION_ID")
    p = actions.add_parser(
        "transfer", help="hand a leaver's items and groups to someone else (FROM TO)"
    )
    p.add_argument("source", metavar="FROM")
    p.add_argument("target", metavar="TO")
    p = actions.add_parser(
        "scim-token", help="create or revoke a bearer token for SCIM provisioning (/scim/v2)"
    )
    p.add_argument("scim_action", choices=("create", "revoke"), metavar="create|revoke")
    p.add_argument("token_name", metavar="NAME", help="e.g. entra-id, okta")
    actions.add_parser("list-users", help="list accounts")
    actions.add_parser("list-groups", help="list groups")
    p = actions.add_parser("audit", help="print the audit log as JSON lines")
    p.add_argument("--since", type=datetime.fromisoformat, help="ISO time, e.g. 2026-11-01")
    from kshare.server.ops import directory_command

    directory_command.register(actions)
    p = actions.add_parser(
        "backup", help="write the database and the files, consistently, into a new folder"
    )
    p.add_argument("folder", type=Path, metavar="DIR")
    p = actions.add_parser("restore", help="load a backup into an empty server")
    p.add_argument("folder", type=Path, metavar="DIR")
    p = actions.add_parser("tag-alias", help="make ALIAS another name of TAG (or --remove it)")
    p.add_argument("alias", metavar="ALIAS")
    p.add_argument("tag", metavar="TAG", nargs="?")
    p.add_argument("--remove", action="store_true", help="stop reading ALIAS as another tag")
    actions.add_parser("list-tag-aliases", help="list tag aliases")
    from kshare.server.curation import admin_command

    admin_command.register(actions)
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


def _admin_config(args: argparse.Namespace) -> None:
    """Fill ``--data``/``--database-url``/``--blob-store`` from the server's configuration,
    so the admin command reaches the same database as the servers."""
    from kshare.server.ops.config import ConfigError, config_file_from, load_config

    config_file = config_file_from(args.config)
    if config_file is None:
        if args.data is None:
            raise ConfigError("name the server's data folder (--data DIR) or its --config FILE")
        return
    config = load_config(config_file, data_dir=args.data)
    settings = config.to_settings()
    args.data = settings.data_dir
    args.database_url = args.database_url or settings.database_url
    args.blob_store = args.blob_store or settings.blob_store


def run_admin(args: argparse.Namespace) -> int:
    from kshare.server.admin import AdminError, AdminTools
    from kshare.server.ops.config import ConfigError

    try:
        _admin_config(args)
    except ConfigError as exc:
        print(f"kshare admin: {exc}", file=sys.stderr)
        return 2
    if args.action in ("backup", "restore"):
        from kshare.server.ops.backup_command import run_backup_command

        return run_backup_command(args)
    try:
        with AdminTools(args.data, args.database_url) as tools:
            return _admin_action(tools, args)
    except AdminError as exc:
        print(f"kshare admin: {exc}", file=sys.stderr)
        return 1


def _admin_action(tools, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from kshare.server.ops import directory_command

    action = args.action
    if action in directory_command.ACTIONS:
        return directory_command.run(tools, args)
    from kshare.server.curation import admin_command

    if action in admin_command.ACTIONS:
        return admin_command.run(tools, args)
    if action == "add-group":
        print(tools.add_group(args.name, args.kind, args.visibility, args.description))
    elif action == "add-user":
        password = _read_password()
        tools.check_new_password(args.name, password)
        print(
            tools.add_user(
                args.name,
                args.display_name,
                password,
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
        password = _read_password()
        tools.check_new_password(args.user, password)
        tools.set_password(args.user, password)
    elif action == "devices":
        for device in tools.devices(args.user):
            if args.json:
                print(json.dumps(device, sort_keys=True))
            else:
                print(
                    f"{device['id']}\t{device['host_name'] or '-'}\t{device['platform'] or '-'}\t"
                    f"{device['app_version'] or '-'}\tlast seen {device['last_seen_at']}\t"
                    f"{device['state']}"
                )
    elif action == "revoke-device":
        tools.revoke_device(args.session_id)
    elif action == "wipe-device":
        tools.wipe_device(args.session_id)
    elif action == "transfer":
        moved = tools.transfer(args.source, args.target)
        items = "1 item" if moved["items"] == 1 else f"{moved['items']} items"
        groups = "1 group" if moved["groups"] == 1 else f"{moved['groups']} groups"
        print(f"{items} and {groups} handed to {args.target}")
    elif action == "scim-token":
        if args.scim_action == "create":
            print(tools.create_scim_token(args.token_name))
            print(
                "kshare admin: this token is shown only now; give it to the directory's SCIM "
                "settings (only its hash is kept)",
                file=sys.stderr,
            )
        else:
            tools.revoke_scim_token(args.token_name)
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
    elif action == "tag-alias":
        if args.remove == (args.tag is not None):
            print("kshare admin tag-alias: give either TAG or --remove", file=sys.stderr)
            return 2
        if args.remove:
            if not tools.remove_tag_alias(args.alias):
                print(f"kshare admin: “{args.alias}” is not a tag alias", file=sys.stderr)
                return 1
        else:
            print(tools.set_tag_alias(args.alias, args.tag))
    elif action == "list-tag-aliases":
        for alias, tag in sorted(tools.tag_aliases().items()):
            print(f"{alias}\t{tag}")
    elif action == "import-stackexchange":
        from kshare.server.importer.command import run_import

        return run_import(args)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from kshare.server.identity.addresses import parse_networks
    from kshare.server.ops.config import (
        ConfigError,
        config_file_from,
        load_config,
        password_in_url,
    )
    from kshare.server.serve import serve

    if args.database_url and password_in_url(args.database_url):
        print(
            "kshare serve: --database-url must not carry a password (anyone on this machine "
            "can read a command line); set KSHARE_SERVER_DATABASE_URL or database_url_file",
            file=sys.stderr,
        )
        return 2
    try:
        parse_networks(args.trusted_proxy)
    except ValueError as exc:
        print(f"kshare serve: --trusted-proxy: {exc}", file=sys.stderr)
        return 2
    try:
        config = load_config(
            config_file_from(args.config),
            data_dir=args.data,
            host=args.host,
            port=args.port,
            organisation=args.organisation,
            database_url=args.database_url,
            blob_store=args.blob_store,
            max_upload_mb=args.max_upload_mb,
            log_format=args.log_format,
            trusted_proxies=args.trusted_proxy or None,
            token_minutes=args.token_minutes,
            idle_days=args.idle_days,
            min_password_length=args.min_password_length,
            min_client_version=args.min_client_version,
            recommended_client_version=args.recommended_client_version,
        )
        settings = config.to_settings()
    except ConfigError as exc:
        print(f"kshare serve: {exc}", file=sys.stderr)
        return 2
    seed = getattr(args, "demo_org", None) if args.demo else None
    return serve(settings, config=config, seed=seed)
