"""``kshare devices [--json]``, ``kshare devices revoke ID``, ``kshare password``."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from kshare.client.paths import add_profile_option


def register(subparsers: Any) -> None:
    devices = subparsers.add_parser(
        "devices", help="list the computers you are signed in on, or sign one out"
    )
    devices.add_argument("action", nargs="?", choices=("revoke",), help="revoke: sign one out")
    devices.add_argument("session_id", nargs="?", metavar="ID", help="the device's id")
    devices.add_argument("--json", action="store_true", help="print JSON")
    add_profile_option(devices)
    devices.set_defaults(func=run_devices)

    password = subparsers.add_parser(
        "password", help="change your password (your other devices are signed out)"
    )
    password.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the current and the new password from standard input, one line each",
    )
    add_profile_option(password)
    password.set_defaults(func=run_password)


def _fail(message: str, code: int = 1) -> int:
    print(f"kshare: {message}", file=sys.stderr)
    return code


def run_devices(args: argparse.Namespace) -> int:
    from kshare.client.services import UserFacingError, Workspace

    if args.action == "revoke" and not args.session_id:
        return _fail("name the device: kshare devices revoke ID", 2)
    workspace = Workspace.open(args.profile)
    try:
        if args.action == "revoke":
            workspace.sign_out_device(args.session_id)
            print(f"Signed out device {args.session_id}")
            return 0
        devices = workspace.devices()
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()
    if args.json:
        print(json.dumps([d.as_json() for d in devices], indent=2))
        return 0
    for device in devices:
        here = "  (this computer)" if device.current else ""
        seen = device.last_seen_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(
            f"{device.id}  {device.host_name or '-'}  {device.platform or '-'}  "
            f"kshare {device.app_version or '?'}  last seen {seen}{here}"
        )
    return 0


def run_password(args: argparse.Namespace) -> int:
    from kshare.client.services import UserFacingError, Workspace

    if args.password_stdin:
        current = sys.stdin.readline().rstrip("\r\n")
        new = sys.stdin.readline().rstrip("\r\n")
    else:
        current = getpass.getpass("Current password: ")
        new = getpass.getpass("New password: ")
        if getpass.getpass("New password again: ") != new:
            return _fail("the two new passwords differ; nothing was changed", 2)
    if not current or not new:
        return _fail("both the current and a new password are needed", 2)
    workspace = Workspace.open(args.profile)
    try:
        workspace.change_password(current, new)
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()
    print("Password changed; your other devices were signed out")
    return 0


def run_sso_login(args: argparse.Namespace) -> int:
    """``kshare login URL --sso``: the company account, in the system browser."""
    from kshare.client.services import UserFacingError, Workspace

    if args.user or args.password_stdin:
        return _fail("--sso signs in at your company's page: leave out --user and the password", 2)

    def show(url: str) -> None:
        print("kshare: no browser could be opened; open this address to sign in:", file=sys.stderr)
        print(url, flush=True)

    print("kshare: finish signing in in your browser…", file=sys.stderr)
    workspace = Workspace.open(args.profile)
    try:
        account = workspace.login_with_browser(args.url, show)
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()
    print(f"Signed in to {account.server_url} as {account.display_name} ({account.username})")
    return 0
