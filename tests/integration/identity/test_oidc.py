"""Single sign-on against a real OpenID Connect provider process, the browser played over HTTP."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from kshare.client.errors import LoginFailed
from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.integration.identity.conftest import REQUIRED_GROUP, server_config
from tests.integration.sync.conftest import kshare_env
from tests.integration.sync.seeding import seed_items
from tests.support.disk import files_containing
from tests.support.oidc_provider import OidcProviderProcess, browse, query_of
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration


def person(provider: OidcProviderProcess, sub: str, groups: list[str], **claims: Any) -> None:
    provider.set_user(
        sub,
        preferred_username=claims.pop("username", sub),
        name=claims.pop("name", sub.title()),
        email=f"{sub}@example.com",
        groups=groups,
        **claims,
    )


def browser_as(sub: str) -> Any:
    """A system browser that signs in as ``sub`` at the provider's page."""

    def open_browser(url: str) -> bool:
        threading.Thread(target=browse, args=(url, sub), daemon=True).start()
        return True

    return open_browser


def start(server: ServerProcess) -> tuple[str, str, str]:
    """Begin a sign-in as a desktop would: (authorization URL, state, verifier)."""
    verifier = generate_token(64)
    answer = httpx.post(
        f"{server.url}/api/v1/auth/oidc/start",
        json={
            "redirect_uri": "http://127.0.0.1:9/callback",
            "code_challenge": create_s256_code_challenge(verifier),
        },
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return body["authorization_url"], body["state"], verifier


def finish(server: ServerProcess, state: str, code: str, verifier: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}/api/v1/auth/oidc/finish",
        json={"state": state, "code": code, "code_verifier": verifier, "host_name": "laptop"},
    )


def with_param(url: str, name: str, value: str) -> str:
    parsed = httpx.URL(url)
    return str(parsed.copy_set_param(name, value))


def test_the_whole_round_trip_signs_in_and_maps_the_claims(
    sso_server: ServerProcess, provider: OidcProviderProcess, tmp_path: Path
) -> None:
    person(provider, "ines", [REQUIRED_GROUP, "Platform Team"], name="Inês Duarte")
    workspace = Workspace.open(tmp_path / "ines")
    try:
        shown: list[str] = []
        account = workspace.login_with_browser(
            sso_server.url, shown.append, open_browser=browser_as("ines")
        )
        assert shown == []  # a browser opened, so no address was printed
        assert (account.username, account.display_name) == ("ines", "Inês Duarte")
        workspace.sync()
        assert workspace.account is not None
        devices = workspace.devices()
        assert [d.host_name for d in devices if d.current]
    finally:
        workspace.close()
    with AdminTools(sso_server.data_dir) as admin:
        users = {u["username"]: u for u in admin.list_users()}
        assert users["ines"]["groups"] == sorted([REQUIRED_GROUP, "Platform Team"])
        sign_ins = [e for e in admin.audit_log() if e["action"] == "sign_in"]
        assert sign_ins[-1]["detail"]["method"] == "oidc"


def test_groups_from_the_claim_add_and_remove_members_of_directory_groups_only(
    sso_server: ServerProcess, provider: OidcProviderProcess, tmp_path: Path
) -> None:
    with AdminTools(sso_server.data_dir) as admin:
        admin.add_group("Book Club", kind="community")  # made in kshare, not by the directory
    person(provider, "jon", [REQUIRED_GROUP, "Finance", "Audit"])
    workspace = Workspace.open(tmp_path / "jon")
    try:
        workspace.login_with_browser(sso_server.url, print, open_browser=browser_as("jon"))
        with AdminTools(sso_server.data_dir) as admin:
            admin.add_member("Book Club", "jon")
        person(provider, "jon", [REQUIRED_GROUP, "Finance"], name="Jon Moved")
        workspace.login_with_browser(sso_server.url, print, open_browser=browser_as("jon"))
    finally:
        workspace.close()
    with AdminTools(sso_server.data_dir) as admin:
        users = {u["username"]: u for u in admin.list_users()}
        assert users["jon"]["groups"] == ["Book Club", "Finance", REQUIRED_GROUP]
        assert users["jon"]["display_name"] == "Jon Moved"
        removed = [e for e in admin.audit_log() if e["action"] == "member_removed"]
        assert [e["target"] for e in removed] == [admin.group_id("Audit")]
        assert removed[0]["detail"]["by"].startswith("oidc:")


def test_someone_the_provider_drops_from_the_required_group_is_a_leaver(
    sso_server: ServerProcess, provider: OidcProviderProcess, tmp_path: Path
) -> None:
    person(provider, "kim", [REQUIRED_GROUP])
    workspace = Workspace.open(tmp_path / "kim")
    try:
        workspace.login_with_browser(sso_server.url, print, open_browser=browser_as("kim"))
        workspace.sync()
        person(provider, "kim", ["Alumni"])
        with pytest.raises(LoginFailed, match="not allowed to use kshare"):
            workspace.login_with_browser(sso_server.url, print, open_browser=browser_as("kim"))
        # the desktop that was signed in hears at its next contact that it must forget
        workspace.sync()
        assert workspace.account is None
    finally:
        workspace.close()
    with AdminTools(sso_server.data_dir) as admin:
        users = {u["username"]: u for u in admin.list_users()}
        assert users["kim"]["active"] is False
        states = {d["state"] for d in admin.devices("kim")}
        assert states == {"wiped"}
        disabled = [e for e in admin.audit_log() if e["action"] == "user_disabled"]
        assert disabled and disabled[-1]["detail"]["reason"] == "not in the required group"


def test_a_changed_nonce_is_refused(
    sso_server: ServerProcess, provider: OidcProviderProcess
) -> None:
    person(provider, "lea", [REQUIRED_GROUP])
    url, state, verifier = start(sso_server)
    back = browse(with_param(url, "nonce", "replayed-nonce"), "lea", follow_to_loopback=False)
    assert query_of(back)["state"] == state
    refused = finish(sso_server, state, query_of(back)["code"], verifier)
    assert refused.status_code == 401
    assert refused.json()["code"] == "oidc_nonce"


def test_a_code_issued_to_another_client_is_refused(
    sso_server: ServerProcess, provider: OidcProviderProcess
) -> None:
    person(provider, "max", [REQUIRED_GROUP])
    url, state, verifier = start(sso_server)
    back = browse(with_param(url, "client_id", "some-other-app"), "max", follow_to_loopback=False)
    refused = finish(sso_server, state, query_of(back)["code"], verifier)
    assert refused.status_code == 401
    assert refused.json()["code"] == "oidc_code"


def test_state_is_good_once_and_only_with_the_desktops_verifier(
    sso_server: ServerProcess, provider: OidcProviderProcess
) -> None:
    person(provider, "ned", [REQUIRED_GROUP])
    url, state, verifier = start(sso_server)
    code = query_of(browse(url, "ned", follow_to_loopback=False))["code"]
    wrong = finish(sso_server, state, code, generate_token(64))
    assert (wrong.status_code, wrong.json()["code"]) == (401, "oidc_pkce")
    again = finish(sso_server, state, code, verifier)  # the state was used up by the try
    assert (again.status_code, again.json()["code"]) == (401, "oidc_state")

    url, state, verifier = start(sso_server)
    code = query_of(browse(url, "ned", follow_to_loopback=False))["code"]
    signed_in = finish(sso_server, state, code, verifier)
    assert signed_in.status_code == 200, signed_in.text
    assert signed_in.json()["user"]["username"] == "ned"


def test_a_redirect_that_is_not_loopback_is_refused(sso_server: ServerProcess) -> None:
    for uri in (
        "https://evil.example/callback",
        "http://localhost:8000/callback",
        "http://127.0.0.1/callback",
        "http://127.0.0.1:8000/other",
    ):
        answer = httpx.post(
            f"{sso_server.url}/api/v1/auth/oidc/start",
            json={"redirect_uri": uri, "code_challenge": "x" * 43},
        )
        assert answer.status_code == 422, uri


def test_password_sign_in_can_be_switched_off(
    sso_server_factory: Any, provider: OidcProviderProcess, tmp_path: Path
) -> None:
    server = sso_server_factory(password_sign_in=False)
    with AdminTools(server.data_dir) as admin:
        admin.add_user("olga", "Olga", "correct horse battery")
    info = httpx.get(f"{server.url}/api/v1/info").json()
    assert info["sign_in"] == ["sso"]
    refused = httpx.post(
        f"{server.url}/api/v1/auth/login",
        json={"username": "olga", "password": "correct horse battery"},
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "password_sign_in_off")
    workspace = Workspace.open(tmp_path / "olga")
    try:
        with pytest.raises(LoginFailed, match="company account only"):
            workspace.login(server.url, "olga", "correct horse battery")
        person(provider, "olga", [REQUIRED_GROUP])
        account = workspace.login_with_browser(server.url, print, open_browser=browser_as("olga"))
        assert account.username == "olga"  # the same account, now through the company's door
    finally:
        workspace.close()


def test_kshare_login_sso_prints_the_address_when_no_browser_opens(
    sso_server: ServerProcess,
    provider: OidcProviderProcess,
    subprocess_env: dict[str, str],
    tmp_path: Path,
) -> None:
    person(provider, "pia", [REQUIRED_GROUP])
    env = kshare_env(subprocess_env)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["BROWSER"] = str(tmp_path / "no-such-browser")
    login = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kshare",
            "login",
            sso_server.url,
            "--sso",
            "--profile",
            str(tmp_path / "pia"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert login.stdout is not None
    url = login.stdout.readline().strip()
    assert url.startswith(f"{provider.issuer}/oauth2/authorize?")
    assert "code_challenge_method=S256" in url
    browse(url, "pia")
    out, err = login.communicate(timeout=120)
    assert login.returncode == 0, err
    assert "Signed in to" in out and "(pia)" in out
    assert "no browser could be opened" in err


def test_kshare_login_sso_takes_no_user_name_or_password(
    subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kshare",
            "login",
            "https://kshare.example",
            "--sso",
            "--user",
            "ana",
            "--profile",
            str(tmp_path / "p"),
        ],
        env=kshare_env(subprocess_env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "leave out --user" in done.stderr


def test_a_group_the_claim_no_longer_names_is_purged_from_the_desktop(
    sso_server: ServerProcess, provider: OidcProviderProcess, tmp_path: Path
) -> None:
    marker = "HERON5521"
    person(provider, "ruth", [REQUIRED_GROUP, "Incident"])
    workspace = Workspace.open(tmp_path / "ruth")
    try:
        workspace.login_with_browser(sso_server.url, print, open_browser=browser_as("ruth"))
        with AdminTools(sso_server.data_dir) as admin:
            admin.add_user("lead", "Incident Lead", "correct horse battery", groups=["Incident"])
            group = admin.group_id("Incident")
        seed_items(sso_server.data_dir, "lead", 20, body_size=100, group=group, marker=marker)
        workspace.sync()
        assert workspace.search(marker).total == 20
        assert files_containing(tmp_path / "ruth", marker)

        person(provider, "ruth", [REQUIRED_GROUP])  # the directory took ruth out of Incident
        workspace.login_with_browser(sso_server.url, print, open_browser=browser_as("ruth"))
        workspace.sync()
        assert workspace.search(marker).total == 0
        assert files_containing(tmp_path / "ruth", marker) == []
    finally:
        workspace.close()
    with AdminTools(sso_server.data_dir) as admin:
        receipts = [e for e in admin.audit_log() if e["action"] == "purge_ack"]
    assert sum(int(r["detail"]["counts"].get("item", 0)) for r in receipts) == 20


def test_an_expired_id_token_from_the_provider_is_refused(tmp_path: Path) -> None:
    # A provider whose tokens are already ten minutes old when issued: past the leeway.
    stale = OidcProviderProcess(token_max_age=-600).start()
    try:
        config = server_config(tmp_path / "stale.toml", stale)
        server = ServerProcess(tmp_path / "stale", extra_args=["--config", str(config)]).start()
        try:
            person(stale, "sid", [REQUIRED_GROUP])
            url, state, verifier = start(server)
            code = query_of(browse(url, "sid", follow_to_loopback=False))["code"]
            refused = finish(server, state, code, verifier)
            assert (refused.status_code, refused.json()["code"]) == (401, "oidc_expired")
        finally:
            server.stop()
    finally:
        stale.stop()
