"""The server's ID token check, on tokens a real provider process issued.

Each token is got from the provider the way any client would get one (its sign-in
form, its token endpoint), then handed to the check kshare's server runs, with
the time given by the test, so expiry is tested without waiting.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kshare.clock import ManualClock
from kshare.server.identity.oidc import OidcRefused, Provider
from kshare.server.settings import OidcSettings
from tests.support.oidc_provider import OidcProviderProcess, id_token_for

pytestmark = pytest.mark.integration

CLIENT = "kshare-server"


def claims_of(id_token: str) -> dict[str, Any]:
    payload = id_token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def issued_at(id_token: str) -> datetime:
    return datetime.fromtimestamp(claims_of(id_token)["iat"], UTC)


@pytest.fixture
def checker(provider: OidcProviderProcess) -> Any:
    made: list[Provider] = []

    def make(now: datetime) -> Provider:
        settings = OidcSettings(issuer=provider.issuer, client_id=CLIENT, client_secret="s")
        made.append(Provider(settings, ManualClock(now)))
        return made[-1]

    yield make
    for one in made:
        one.close()


def refusal(checker: Any, token: str, *, nonce: str, now: datetime) -> str:
    with pytest.raises(OidcRefused) as refused:
        checker(now).verify(token, nonce=nonce, now=now)
    return refused.value.code


def test_a_good_token_passes(checker: Any, provider: OidcProviderProcess) -> None:
    provider.set_user("rui", preferred_username="rui", groups=["a"])
    token = id_token_for(provider.issuer, "rui", client_id=CLIENT, nonce="n-1")
    now = issued_at(token)
    claims = checker(now).verify(token, nonce="n-1", now=now)
    assert (
        claims["sub"] == "rui" and claims["aud"] in (CLIENT, [CLIENT]) and claims["groups"] == ["a"]
    )


def test_a_token_for_another_audience_is_refused(
    checker: Any, provider: OidcProviderProcess
) -> None:
    token = id_token_for(provider.issuer, "sam", client_id="another-app", nonce="n-2")
    assert refusal(checker, token, nonce="n-2", now=issued_at(token)) == "oidc_audience"


def test_a_token_from_another_issuer_is_refused(
    checker: Any, provider: OidcProviderProcess
) -> None:
    # The same provider reached by another name signs with the same key, but calls
    # itself by that name: only the issuer is wrong.
    other = provider.issuer.replace("127.0.0.1", "localhost")
    token = id_token_for(other, "tom", client_id=CLIENT, nonce="n-3")
    assert claims_of(token)["iss"] == other
    assert refusal(checker, token, nonce="n-3", now=issued_at(token)) == "oidc_issuer"


def test_a_token_with_another_nonce_is_refused(checker: Any, provider: OidcProviderProcess) -> None:
    token = id_token_for(provider.issuer, "uma", client_id=CLIENT, nonce="the-first")
    assert refusal(checker, token, nonce="the-second", now=issued_at(token)) == "oidc_nonce"


def test_an_expired_token_is_refused(checker: Any, provider: OidcProviderProcess) -> None:
    token = id_token_for(provider.issuer, "val", client_id=CLIENT, nonce="n-4")
    expires = datetime.fromtimestamp(claims_of(token)["exp"], UTC)
    checker(expires).verify(token, nonce="n-4", now=expires - timedelta(seconds=1))
    later = expires + timedelta(minutes=2)  # past the minute of leeway for clock drift
    assert refusal(checker, token, nonce="n-4", now=later) == "oidc_expired"


def test_a_token_altered_after_signing_is_refused(
    checker: Any, provider: OidcProviderProcess
) -> None:
    token = id_token_for(provider.issuer, "wes", client_id=CLIENT, nonce="n-5")
    header, _payload, signature = token.split(".")
    claims = claims_of(token) | {"sub": "admin"}
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    assert (
        refusal(checker, f"{header}.{forged}.{signature}", nonce="n-5", now=issued_at(token))
        == "oidc_signature"
    )
