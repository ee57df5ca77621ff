"""The device and password commands, as a person and an admin type them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"
NEW_PASSWORD = "violet staircase at noon"


def kshare(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kshare", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_devices_and_password_from_the_command_line(
    server: ServerProcess, subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
    profile = str(tmp_path / "ana")
    signed = kshare(
        subprocess_env,
        "login",
        server.url,
        "--user",
        "ana",
        "--password-stdin",
        "--profile",
        profile,
        stdin=PASSWORD + "\n",
    )
    assert signed.returncode == 0, signed.stderr

    listed = kshare(subprocess_env, "devices", "--json", "--profile", profile)
    assert listed.returncode == 0, listed.stderr
    devices = json.loads(listed.stdout)
    assert len(devices) == 1 and devices[0]["current"] is True
    session_id = devices[0]["id"]
    plain = kshare(subprocess_env, "devices", "--profile", profile)
    assert session_id in plain.stdout and "(this computer)" in plain.stdout

    weak = kshare(
        subprocess_env, "password", "--password-stdin", "--profile", profile,
        stdin=f"{PASSWORD}\npassword123\n",
    )  # fmt: skip
    assert weak.returncode == 1 and "most common" in weak.stderr
    changed = kshare(
        subprocess_env, "password", "--password-stdin", "--profile", profile,
        stdin=f"{PASSWORD}\n{NEW_PASSWORD}\n",
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr

    admin_args = ["admin", "--data", str(server.data_dir)]
    shown = kshare(subprocess_env, *admin_args, "devices", "ana")
    assert shown.returncode == 0 and session_id in shown.stdout and "active" in shown.stdout
    common = "qwerty123456\n"
    weak_admin = kshare(
        subprocess_env, *admin_args, "set-password", "ana", "--password-stdin", stdin=common
    )
    assert weak_admin.returncode == 1 and "most common" in weak_admin.stderr
    wiped = kshare(subprocess_env, *admin_args, "wipe-device", session_id)
    assert wiped.returncode == 0, wiped.stderr
    synced = kshare(subprocess_env, "sync", "--profile", profile)
    assert synced.returncode != 0
    assert "administrator removed kshare's data" in synced.stdout + synced.stderr
    revoked = kshare(subprocess_env, "devices", "revoke", "--profile", profile)
    assert revoked.returncode == 2 and "name the device" in revoked.stderr
    audit = kshare(subprocess_env, *admin_args, "audit")
    entries = [json.loads(line) for line in audit.stdout.splitlines()]
    wipe = next(e for e in entries if e["action"] == "device_wiped")
    assert wipe["detail"]["by"].startswith("admin-cli:")
