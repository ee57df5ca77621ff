"""A real OpenID Connect provider process and kshare servers configured to use it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.oidc_provider import OidcProviderProcess
from tests.support.server import ServerProcess

CLIENT_ID = "kshare-desktop"
CLIENT_SECRET = "kshare-client-secret-for-tests"
REQUIRED_GROUP = "kshare-users"


@pytest.fixture(scope="module")
def provider() -> Iterator[OidcProviderProcess]:
    proc = OidcProviderProcess().start()
    yield proc
    proc.stop()


def server_config(path: Path, provider: OidcProviderProcess, **extra: object) -> Path:
    """A TOML configuration with single sign-on at ``provider`` (the secret in the file)."""
    lines = [
        f'oidc_issuer = "{provider.issuer}"',
        f'oidc_client_id = "{CLIENT_ID}"',
        f'oidc_client_secret = "{CLIENT_SECRET}"',
        'oidc_scopes = ["openid", "profile", "email"]',
        f'oidc_required_group = "{REQUIRED_GROUP}"',
    ]
    for key, value in extra.items():
        lines.append(f"{key} = {str(value).lower() if isinstance(value, bool) else repr(value)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def sso_server_factory(
    tmp_path: Path, provider: OidcProviderProcess
) -> Iterator[Callable[..., ServerProcess]]:
    started: list[ServerProcess] = []

    def make(**extra: object) -> ServerProcess:
        name = f"server-{len(started)}"
        config = server_config(tmp_path / f"{name}.toml", provider, **extra)
        proc = ServerProcess(tmp_path / name, extra_args=["--config", str(config)]).start()
        started.append(proc)
        return proc

    yield make
    for proc in started:
        proc.stop()


@pytest.fixture
def sso_server(sso_server_factory: Callable[..., ServerProcess]) -> ServerProcess:
    return sso_server_factory()
