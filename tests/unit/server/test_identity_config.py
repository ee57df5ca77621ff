"""Single sign-on settings: what the configuration accepts, refuses, and hands the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from kshare.server.identity.oidc_routes import loopback_redirect
from kshare.server.ops.config import ConfigError, load_config

ISSUER = "https://login.example.com/tenant/v2.0"


def test_single_sign_on_settings_reach_the_server(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    settings = load_config(
        None,
        data_dir=tmp_path,
        oidc_issuer=ISSUER + "/",
        oidc_client_id="kshare",
        oidc_client_secret_file=secret,
        oidc_required_group="kshare-users",
        oidc_groups_claim="roles",
        password_sign_in=False,
    ).to_settings()
    assert settings.oidc is not None
    assert settings.oidc.issuer == ISSUER  # the trailing slash is not part of the issuer
    assert settings.oidc.client_secret == "s3cret"
    assert (settings.oidc.required_group, settings.oidc.groups_claim) == ("kshare-users", "roles")
    assert settings.password_sign_in is False


def test_no_issuer_means_no_single_sign_on(tmp_path: Path) -> None:
    settings = load_config(None, data_dir=tmp_path).to_settings()
    assert settings.oidc is None and settings.password_sign_in is True


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({"password_sign_in": False}, "password_sign_in"),
        ({"oidc_issuer": ISSUER, "oidc_client_id": "k"}, "oidc_client_secret"),
        ({"oidc_issuer": ISSUER, "oidc_client_secret": "s"}, "oidc_client_id"),
        (
            {
                "oidc_issuer": "http://idp.example.com",
                "oidc_client_id": "k",
                "oidc_client_secret": "s",
            },
            "https",
        ),
        (
            {
                "oidc_issuer": ISSUER,
                "oidc_client_id": "k",
                "oidc_client_secret": "s",
                "oidc_scopes": ["profile"],
            },
            "openid",
        ),
    ],
)
def test_half_a_configuration_is_refused_with_its_reason(
    tmp_path: Path, extra: dict[str, object], named: str
) -> None:
    with pytest.raises(ConfigError, match=named):
        load_config(None, data_dir=tmp_path, **extra)


def test_the_secret_may_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KSHARE_SERVER_OIDC_CLIENT_SECRET", "from-env")
    settings = load_config(
        None, data_dir=tmp_path, oidc_issuer=ISSUER, oidc_client_id="kshare"
    ).to_settings()
    assert settings.oidc is not None and settings.oidc.client_secret == "from-env"


@pytest.mark.parametrize(
    ("uri", "ok"),
    [
        ("http://127.0.0.1:51234/callback", True),
        ("http://[::1]:51234/callback", True),
        ("http://localhost:51234/callback", False),  # RFC 8252 8.3: an IP literal, not a name
        ("https://127.0.0.1:51234/callback", False),
        ("http://127.0.0.1/callback", False),
        ("http://127.0.0.1:51234/callback?x=1", False),
        ("http://user@127.0.0.1:51234/callback", False),
        ("http://10.0.0.1:51234/callback", False),
        ("http://127.0.0.1:99999/callback", False),
    ],
)
def test_only_a_loopback_redirect_is_accepted(uri: str, ok: bool) -> None:
    assert loopback_redirect(uri) is ok
