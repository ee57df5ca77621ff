"""Sign-in, tokens, throttling, disabled accounts, size limits, clear 4xx for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from kshare.server.auth import Passwords, token_digest
from kshare.server.settings import HashParams
from kshare.server.tables import Token
from tests.unit.server.conftest import PASSWORD, Templates, clone_org
from tests.unit.server.support import Org


def login(org: Org, username: str, password: str = PASSWORD, address: str | None = None):  # type: ignore[no-untyped-def]
    return org.api.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_login_returns_a_token_stored_only_as_its_hash(sqlite_org: Org) -> None:
    org = sqlite_org
    response = login(org, "ANA")  # usernames are case-insensitive
    assert response.status_code == 200
    token = response.json()["token"]
    assert response.json()["user"]["username"] == "ana"
    with org.app.state.services.db.read() as session:
        hashes = {t.token_hash for t in session.query(Token)}
    assert token not in hashes and token_digest(token) in hashes
    assert org.api.get("/api/v1/me", token).json()["username"] == "ana"
    assert org.api.post("/api/v1/auth/logout", token).status_code == 204
    after = org.api.get("/api/v1/me", token)
    assert after.status_code == 401 and after.json()["code"] == "unauthenticated"


def test_wrong_password_and_unknown_user_look_the_same(sqlite_org: Org) -> None:
    wrong = login(sqlite_org, "ana", "nope")
    unknown = login(sqlite_org, "nobody-here", "nope")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    actions = [e["action"] for e in sqlite_org.admin.audit_log()]
    assert actions.count("sign_in_failed") == 2


def test_disabled_account_cannot_sign_in(sqlite_org: Org) -> None:
    response = login(sqlite_org, "erin")
    assert response.status_code == 403 and response.json()["code"] == "account_disabled"
    # With a wrong password it is only "wrong password": nothing learned about the account.
    assert login(sqlite_org, "erin", "wrong").status_code == 401


def test_sign_in_is_throttled_per_username(sqlite_org: Org) -> None:
    for _ in range(5):
        assert login(sqlite_org, "bob", "guess").status_code == 401
    throttled = login(sqlite_org, "bob")  # even the right password waits
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) > 0
    assert throttled.json()["code"] == "throttled"
    assert login(sqlite_org, "ana").status_code == 200  # other people are not locked out


def test_sign_in_is_throttled_per_address(
    templates: Templates, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    org = clone_org(
        templates.get("sqlite"), tmp_path / "s", request, login_max_failures_per_address=3
    )
    for name in ("u1", "u2", "u3"):
        assert login(org, name, "x").status_code == 401
    assert login(org, "ana").status_code == 429


def test_admin_password_change_revokes_tokens(sqlite_org: Org) -> None:
    token = sqlite_org.tokens["bob"]
    sqlite_org.admin.set_password("bob", "new password")
    assert sqlite_org.api.get("/api/v1/me", token).status_code == 401
    assert login(sqlite_org, "bob", "new password").status_code == 200


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer ", "Basic abc", "Bearer x y"])
def test_malformed_authorization_is_401(sqlite_org: Org, header: str) -> None:
    response = sqlite_org.api.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401 and response.json()["code"] == "unauthenticated"


def test_oversized_bodies_are_413(sqlite_org: Org) -> None:
    big = {"id": "x" * 10, "body": "a" * 1_100_000}
    response = sqlite_org.api.post("/api/v1/items", sqlite_org.tokens["ana"], json=big)
    assert response.status_code == 413 and response.json()["code"] == "too_large"


def test_bad_input_is_a_clear_422(sqlite_org: Org) -> None:
    token = sqlite_org.tokens["ana"]
    for body in (b"{", b"[]", b'{"id": 5}', b'{"id": "short"}', b'{"id": "12345678", "kind": "x"}'):
        response = sqlite_org.api.post(
            "/api/v1/items", token, content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 422, (body, response.text)
        assert response.json()["code"] == "invalid" and response.json()["message"]
    bad_limit = sqlite_org.api.get("/api/v1/feed", token, params={"limit": 0})
    assert bad_limit.status_code == 422


def test_unknown_paths_are_404_error_bodies(sqlite_org: Org) -> None:
    response = sqlite_org.api.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_password_hashes_are_argon2id() -> None:
    passwords = Passwords(HashParams.fast())
    stored = passwords.hash("secret")
    assert stored.startswith("$argon2id$")
    assert passwords.verify(stored, "secret") and not passwords.verify(stored, "other")
    assert not passwords.verify(None, "secret") and not passwords.verify("garbage", "secret")
