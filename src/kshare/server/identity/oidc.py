"""The server's side of single sign-on: kshare as a confidential OpenID Connect client.

The desktop opens the provider's sign-in page in the system browser and catches the
answer on a loopback address (RFC 8252); it holds the PKCE verifier. This server
builds the authorization request (its client id, the scopes, a ``state`` and a
``nonce`` it keeps), redeems the code with its client secret and the desktop's
verifier, and believes the ID token only after checking its signature against the
provider's JWKS, its issuer, audience, nonce and expiry (Authlib's ``CodeIDToken``
on a token decoded by joserfc, Authlib's JOSE library).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from authlib.oauth2.rfc6749.parameters import prepare_token_request
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ExpiredTokenError,
    InvalidClaimError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet

from kshare.clock import Clock
from kshare.server.settings import OidcSettings

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 512 * 1024  # a discovery document or key set larger than this is refused
MAX_ID_TOKEN_CHARS = 64 * 1024
LEEWAY_SECONDS = 60  # clocks of the provider and this server may differ this much
METADATA_TTL = timedelta(hours=1)
TIMEOUT = httpx.Timeout(10.0)
# Which check failed, by the claim that failed it (the code the desktop is told).
CLAIM_REFUSALS = {
    "iss": "oidc_issuer",
    "aud": "oidc_audience",
    "azp": "oidc_audience",
    "nonce": "oidc_nonce",
    "exp": "oidc_expired",
    "iat": "oidc_expired",
    "nbf": "oidc_expired",
}
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")


class OidcRefused(Exception):
    """The provider's answer is not good enough to sign anyone in; ``code`` says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Metadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


def pkce_matches(verifier: str, challenge: str) -> bool:
    """Whether ``verifier`` is the one the S256 ``challenge`` was made from (RFC 7636)."""
    return bool(verifier) and create_s256_code_challenge(verifier) == challenge


def _fetch_json(client: httpx.Client, url: str) -> dict[str, Any]:
    with client.stream("GET", url, headers={"Accept": "application/json"}) as response:
        if response.status_code != 200:
            raise OidcRefused(
                "oidc_provider",
                f"The identity provider answered {url} with HTTP {response.status_code}.",
            )
        body = b""
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > MAX_DOCUMENT_BYTES:
                raise OidcRefused("oidc_provider", f"{url} is larger than a document can be.")
    try:
        value = httpx.Response(200, content=body).json()
    except ValueError as exc:
        raise OidcRefused("oidc_provider", f"{url} is not JSON.") from exc
    if not isinstance(value, dict):
        raise OidcRefused("oidc_provider", f"{url} is not a JSON object.")
    return value


class Provider:
    """The configured OpenID Connect provider: its metadata and keys, cached for an hour."""

    def __init__(self, settings: OidcSettings, clock: Clock, transport: Any = None) -> None:
        self.settings = settings
        self._clock = clock
        self._http = httpx.Client(timeout=TIMEOUT, transport=transport, follow_redirects=False)
        self._lock = threading.Lock()
        self._metadata: Metadata | None = None
        self._keys: KeySet | None = None
        self._fetched_at: datetime | None = None

    def close(self) -> None:
        self._http.close()

    def _now(self) -> datetime:
        return self._clock.now()

    def metadata(self) -> Metadata:
        with self._lock:
            fresh = self._fetched_at is not None and self._now() - self._fetched_at < METADATA_TTL
            if self._metadata is None or not fresh:
                self._metadata = self._discover()
                self._keys = None
                self._fetched_at = self._now()
            return self._metadata

    def _discover(self) -> Metadata:
        issuer = self.settings.issuer
        try:
            document = _fetch_json(self._http, f"{issuer}/.well-known/openid-configuration")
        except httpx.HTTPError as exc:
            raise OidcRefused(
                "oidc_provider", f"Cannot reach the identity provider: {exc}."
            ) from exc
        # OpenID Connect Discovery 1.0, 4.3: the document must name the issuer we asked.
        if document.get("issuer") != issuer:
            raise OidcRefused(
                "oidc_issuer",
                f"The identity provider calls itself {str(document.get('issuer'))[:200]!r}, "
                f"not {issuer!r}.",
            )
        fields = {}
        for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            value = document.get(name)
            if not isinstance(value, str) or urlsplit(value).scheme not in ("https", "http"):
                raise OidcRefused("oidc_provider", f"The discovery document lacks {name}.")
            fields[name] = value
        return Metadata(issuer=issuer, **fields)

    def _key_set(self, refresh: bool = False) -> KeySet:
        metadata = self.metadata()
        with self._lock:
            if self._keys is None or refresh:
                try:
                    document = _fetch_json(self._http, metadata.jwks_uri)
                    self._keys = KeySet.import_key_set(document)  # type: ignore[arg-type]
                except (httpx.HTTPError, JoseError, ValueError, TypeError) as exc:
                    raise OidcRefused(
                        "oidc_provider", f"Cannot read the identity provider's keys: {exc}."
                    ) from exc
            return self._keys

    def authorization_url(
        self, *, state: str, nonce: str, code_challenge: str, redirect_uri: str
    ) -> str:
        metadata = self.metadata()
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.settings.client_id,
                "redirect_uri": redirect_uri,
                "scope": " ".join(self.settings.scopes),
                "state": state,
                "nonce": nonce,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
            }
        )
        joiner = "&" if urlsplit(metadata.authorization_endpoint).query else "?"
        return f"{metadata.authorization_endpoint}{joiner}{query}"

    def redeem(self, *, code: str, code_verifier: str, redirect_uri: str) -> str:
        """Exchange the code at the token endpoint; returns the ID token it came with."""
        metadata = self.metadata()
        body = prepare_token_request(
            "authorization_code", code=code, redirect_uri=redirect_uri, code_verifier=code_verifier
        )
        try:
            response = self._http.post(
                metadata.token_endpoint,
                content=body,
                auth=(self.settings.client_id, self.settings.client_secret),  # client_secret_basic
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                },
            )
        except httpx.HTTPError as exc:
            raise OidcRefused(
                "oidc_provider", f"Cannot reach the identity provider: {exc}."
            ) from exc
        if response.status_code != 200 or len(response.content) > MAX_DOCUMENT_BYTES:
            log.info(
                "the identity provider did not redeem the code: HTTP %s %s",
                response.status_code,
                response.text[:300],
            )
            raise OidcRefused(
                "oidc_code", "The identity provider did not accept this sign-in; try again."
            )
        try:
            token = response.json()
        except ValueError as exc:
            raise OidcRefused("oidc_provider", "The token endpoint did not answer JSON.") from exc
        if not isinstance(token, dict):
            raise OidcRefused("oidc_provider", "The token endpoint did not answer an object.")
        id_token = token.get("id_token")
        if not isinstance(id_token, str) or not id_token:
            raise OidcRefused("oidc_code", "The identity provider sent no ID token.")
        return id_token

    def verify(self, id_token: str, *, nonce: str, now: datetime) -> dict[str, Any]:
        """The ID token's claims, once signature, issuer, audience, nonce and expiry hold."""
        if len(id_token) > MAX_ID_TOKEN_CHARS:
            raise OidcRefused("oidc_token", "The ID token is too large.")
        try:
            decoded = jwt.decode(id_token, self._key_set(), algorithms=list(ALGORITHMS))
        except (BadSignatureError, ValueError, JoseError) as first:
            # A key the provider rotated in since we last looked: fetch the set once more.
            try:
                decoded = jwt.decode(
                    id_token, self._key_set(refresh=True), algorithms=list(ALGORITHMS)
                )
            except (ValueError, JoseError) as exc:
                log.info("an ID token failed its signature check: %s / %s", first, exc)
                raise OidcRefused(
                    "oidc_signature", "The ID token's signature is not valid."
                ) from exc
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            options={
                "iss": {"essential": True, "value": self.settings.issuer},
                "aud": {"essential": True, "value": self.settings.client_id},
                "sub": {"essential": True},
            },
            params={"nonce": nonce, "client_id": self.settings.client_id},
        )
        try:
            claims.validate(now=int(now.timestamp()), leeway=LEEWAY_SECONDS)
        except ExpiredTokenError as exc:
            raise OidcRefused("oidc_expired", "The ID token has expired; sign in again.") from exc
        except (InvalidClaimError, MissingClaimError) as exc:
            claim = str(getattr(exc, "claim", "") or exc)
            code = CLAIM_REFUSALS.get(claim, "oidc_token")
            raise OidcRefused(code, f"The ID token's {claim} is not right.") from exc
        except JoseError as exc:
            raise OidcRefused("oidc_token", f"The ID token is not valid: {exc}.") from exc
        return dict(claims)
