"""Device sessions on the server with an injected clock: expiry, renewal, idle timeout, reuse."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from kshare.clock import SYSTEM, ManualClock
from tests.unit.server.conftest import PASSWORD, Templates, clone_org
from tests.unit.server.support import Org


@pytest.fixture
def clock() -> ManualClock:
    # starts at the real date, so the template's own sign-ins are not in its future
    return ManualClock(SYSTEM.now())


@pytest.fixture
def org(
    templates: Templates, request: pytest.FixtureRequest, tmp_path: Path, clock: ManualClock
) -> Org:
    return clone_org(
        templates.get("sqlite"),
        tmp_path / "server",
        request,
        clock=clock,
        token_ttl=timedelta(minutes=10),
        session_idle_timeout=timedelta(days=7),
    )


def sign_in(org: Org, who: str = "ana") -> dict[str, str]:
    answer = org.api.post(
        "/api/v1/auth/login",
        json={"username": who, "password": PASSWORD, "host_name": "ana-laptop"},
    )
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def refresh(org: Org, refresh_token: str) -> httpx.Response:
    return org.api.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})


def test_an_expired_access_token_says_so_and_is_renewed(org: Org, clock: ManualClock) -> None:
    first = sign_in(org)
    assert org.api.get("/api/v1/me", first["token"]).status_code == 200
    clock.advance(minutes=11)
    expired = org.api.get("/api/v1/me", first["token"])
    assert expired.status_code == 401 and expired.json()["code"] == "token_expired"
    assert 'error="invalid_token"' in expired.headers["WWW-Authenticate"]
    renewed = refresh(org, first["refresh_token"])
    assert renewed.status_code == 200
    body = renewed.json()
    assert body["session_id"] == first["session_id"]
    assert body["refresh_token"] != first["refresh_token"]
    assert org.api.get("/api/v1/me", body["token"]).status_code == 200
    devices = org.api.get("/api/v1/me/devices", body["token"]).json()
    assert [(d["host_name"], d["current"]) for d in devices] == [("ana-laptop", True)]


def test_a_replayed_refresh_token_ends_the_session(org: Org, clock: ManualClock) -> None:
    first = sign_in(org)
    renewed = refresh(org, first["refresh_token"]).json()
    # the app and a command line renewing at the same moment: not theft, the session lives
    raced = refresh(org, first["refresh_token"])
    assert raced.status_code == 401 and raced.json()["code"] == "refresh_superseded"
    assert org.api.get("/api/v1/me", renewed["token"]).status_code == 200
    clock.advance(minutes=5)  # long after: two copies of the token exist, one stolen
    assert refresh(org, first["refresh_token"]).status_code == 401
    assert org.api.get("/api/v1/me", renewed["token"]).status_code == 401
    assert refresh(org, renewed["refresh_token"]).status_code == 401
    actions = [e["action"] for e in org.admin.audit_log()]
    assert "session_reuse_detected" in actions


def test_a_device_unused_for_the_idle_timeout_must_sign_in_again(
    org: Org, clock: ManualClock
) -> None:
    first = sign_in(org)
    clock.advance(days=6)
    still = refresh(org, first["refresh_token"])  # used within the week: it slides on
    assert still.status_code == 200
    clock.advance(days=6)
    again = refresh(org, still.json()["refresh_token"])
    assert again.status_code == 200
    clock.advance(days=8)
    token = again.json()["token"]
    idle = org.api.get("/api/v1/me", token)
    assert idle.status_code == 401
    ended = refresh(org, again.json()["refresh_token"])
    assert ended.status_code == 401 and ended.json()["code"] == "session_expired"
    assert [d["state"] for d in org.admin.devices("ana")] == ["signed out (expired)"]


def test_disabling_ends_every_session_and_enabling_brings_none_back(org: Org) -> None:
    first = sign_in(org, "bob")
    org.admin.disable_user("bob")
    disabled = org.api.get("/api/v1/me", first["token"])
    assert disabled.status_code == 403 and disabled.json()["code"] == "account_disabled"
    assert refresh(org, first["refresh_token"]).status_code == 403
    org.admin.enable_user("bob")
    for answer in (
        org.api.get("/api/v1/me", first["token"]),
        refresh(org, first["refresh_token"]),
        org.api.get("/api/v1/me", org.tokens["bob"]),  # an admin-issued token too
    ):
        assert answer.status_code in (401, 403), answer.text
    assert sign_in(org, "bob")["token"]  # a fresh sign-in works again
