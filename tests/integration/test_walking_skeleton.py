"""The thread through every layer, driven the way people and scripts drive it: the ``kshare`` CLI.

A real server process on 127.0.0.1, real profiles with a real SQLite cache and
Whoosh index, each command in its own process (so every command is also a
client restart).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from kshare.server.admin import AdminTools
from tests.support.disk import files_containing
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration

SECRET_WORD = "quokkafailover"  # a word no other text contains


def kshare(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kshare", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def org(server: ServerProcess) -> ServerProcess:
    with AdminTools(server.data_dir) as admin:
        admin.add_group("SRE", kind="team")
        admin.add_user("ana", "Ana Souza", "ana-password-1", groups=["SRE"])
        admin.add_user("bo", "Bo Lindqvist", "bo-password-1")
    return server


def sign_in(env: dict[str, str], url: str, user: str, profile: Path) -> None:
    ok(
        kshare(
            env,
            "login",
            url,
            "--user",
            user,
            "--password-stdin",
            "--profile",
            str(profile),
            stdin=f"{user}-password-1\n",
        )
    )


def test_group_post_reaches_members_search_and_never_a_non_member_disk(
    org: ServerProcess, subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    ana, bo = tmp_path / "ana", tmp_path / "bo"
    sign_in(subprocess_env, org.url, "ana", ana)
    sign_in(subprocess_env, org.url, "bo", bo)

    ok(
        kshare(
            subprocess_env,
            "post",
            "--profile",
            str(ana),
            "--title",
            "Database failover drill",
            "--body",
            f"Steps for the {SECRET_WORD} drill: promote the replica.",
            "--tag",
            "postgres",
            "--audience",
            "group:SRE",
        )
    )
    ok(kshare(subprocess_env, "sync", "--profile", str(ana)))
    ok(kshare(subprocess_env, "sync", "--profile", str(bo)))

    found = json.loads(
        ok(kshare(subprocess_env, "search", SECRET_WORD, "--json", "--profile", str(ana)))
    )
    assert [hit["title"] for hit in found["hits"]] == ["Database failover drill"]

    hidden = json.loads(
        ok(kshare(subprocess_env, "search", SECRET_WORD, "--json", "--profile", str(bo)))
    )
    assert hidden["hits"] == [] and hidden["total"] == 0
    assert files_containing(bo, SECRET_WORD) == []  # not in the cache, its WAL, nor the index
    # The same grep finds it on the member's disk: the check above can fail.
    assert files_containing(ana, SECRET_WORD)
    # The token lives in the keyring only, never in either profile.
    keyring_file = Path(subprocess_env["KSHARE_TEST_KEYRING"])
    for token in json.loads(keyring_file.read_text()).values():
        assert files_containing(ana, token) == [] and files_containing(bo, token) == []


def test_offline_post_reaches_the_server_exactly_once_across_restarts(
    org: ServerProcess, subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    ana = tmp_path / "ana"
    sign_in(subprocess_env, org.url, "ana", ana)
    ok(kshare(subprocess_env, "sync", "--profile", str(ana)))

    org.stop()
    queued = kshare(
        subprocess_env,
        "post",
        "--profile",
        str(ana),
        "--title",
        "Written offline",
        "--body",
        "Drafted on the train.",
        "--audience",
        "org",
    )
    assert queued.returncode == 0, queued.stderr
    assert "queued" in (queued.stdout + queued.stderr).lower()
    offline = kshare(subprocess_env, "sync", "--profile", str(ana))  # fails clearly, loses nothing
    assert offline.returncode != 0 and offline.stderr.strip()
    status = ok(kshare(subprocess_env, "status", "--profile", str(ana)))
    assert "waiting to be sent: 1" in status.lower()

    org.start()  # same data, same port: the client comes back to the same server
    ok(kshare(subprocess_env, "sync", "--profile", str(ana)))
    ok(kshare(subprocess_env, "sync", "--profile", str(ana)))

    with AdminTools(org.data_dir) as admin:
        token = admin.issue_token("bo")
    titles: list[str] = []
    cursor = ""
    with httpx.Client(base_url=org.url, headers={"Authorization": f"Bearer {token}"}) as http:
        while True:
            page = http.get("/api/v1/feed", params={"since": cursor, "limit": 200}).json()
            titles += [u["data"].get("title") for u in page["upserts"] if u["type"] == "item"]
            cursor = page["cursor"]
            if not page["more"]:
                break
    assert titles.count("Written offline") == 1
