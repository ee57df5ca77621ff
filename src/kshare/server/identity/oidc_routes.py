"""Single sign-on routes: begin a browser sign-in, and finish it with the code it brought back.

1. The desktop listens on ``http://127.0.0.1:PORT/callback``, makes a PKCE verifier
   and asks ``/auth/oidc/start`` for the provider's sign-in address (its challenge
   goes in; a ``state`` and a ``nonce`` are made and kept here).
2. The system browser signs the person in at the provider, which sends the browser
   back to the loopback address with a code and the ``state``.
3. The desktop checks the ``state`` and posts code and verifier to
   ``/auth/oidc/finish``; the server redeems the code with its client secret, checks
   the ID token and opens a device session like a password sign-in does.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
from datetime import timedelta
from typing import cast
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from sqlalchemy import delete, func, select

from kshare.protocol import routes as paths
from kshare.protocol.schemas import ErrorBody, LoginResponse, OidcFinish, OidcStart, OidcStarted
from kshare.server import serialize
from kshare.server.audit import audit
from kshare.server.errors import ApiError
from kshare.server.identity.oidc import OidcRefused, Provider, pkce_matches
from kshare.server.identity.sessions import DeviceInfo, open_session
from kshare.server.identity.sso import SignInRefused, person_for_sign_in
from kshare.server.identity.throttle import Budget, Throttled
from kshare.server.identity.tokens import token_digest
from kshare.server.routes.deps import ServicesDep, client_address
from kshare.server.tables import OidcLogin

log = logging.getLogger(__name__)

ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody} for code in (401, 403, 404, 409, 422, 429, 502)
}
router = APIRouter(responses=ERRORS)

PENDING_FOR = timedelta(minutes=10)  # a browser sign-in not finished by then starts over
MAX_PENDING = 10_000  # sign-ins under way at once, across everyone


def loopback_redirect(uri: str) -> bool:
    """An RFC 8252 loopback redirect: http, an IP loopback literal, a port, ``/callback``."""
    try:
        parts = urlsplit(uri)
        port = parts.port
        host = ipaddress.ip_address(parts.hostname or "")
    except ValueError:
        return False
    return (
        parts.scheme == "http"
        and host.is_loopback
        and port is not None
        and parts.path == "/callback"
        and not parts.query
        and not parts.fragment
        and not parts.username
    )


def _provider(svc: ServicesDep) -> Provider:
    if svc.oidc is None:
        raise ApiError(404, "sso_off", "This server does not offer single sign-on.")
    return cast(Provider, svc.oidc)


@router.post(paths.OIDC_START, response_model=OidcStarted)
def start(body: OidcStart, request: Request, svc: ServicesDep) -> OidcStarted:
    """The provider's sign-in address for this desktop's loopback and PKCE challenge."""
    provider = _provider(svc)
    address = client_address(request)
    # Each start keeps a row for ten minutes: one address may not start more sign-ins in
    # a window than it may fail password sign-ins, so nobody fills the table for everyone.
    try:
        with svc.db.write() as session:
            svc.sign_in.reserve(
                session,
                [Budget(f"oidc:{address}", svc.settings.login_max_failures_per_address)],
            )
    except Throttled as exc:
        raise ApiError(
            429,
            "throttled",
            f"Too many sign-ins started; try again in {exc.retry_after} seconds.",
            headers={"Retry-After": str(exc.retry_after)},
        ) from exc
    if not loopback_redirect(body.redirect_uri):
        raise ApiError(
            422, "invalid", "The redirect address must be http://127.0.0.1:PORT/callback."
        )
    now = svc.settings.clock.now()
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    try:
        url = provider.authorization_url(
            state=state,
            nonce=nonce,
            code_challenge=body.code_challenge,
            redirect_uri=body.redirect_uri,
        )
    except OidcRefused as exc:
        log.warning("single sign-on cannot start: %s", exc.message)
        raise ApiError(502, exc.code, exc.message) from exc
    with svc.db.write() as session:
        session.execute(delete(OidcLogin).where(OidcLogin.created_at < now - PENDING_FOR))
        pending = session.scalar(select(func.count()).select_from(OidcLogin)) or 0
        if pending >= MAX_PENDING:
            raise ApiError(
                429,
                "throttled",
                "Too many sign-ins under way; try again in a few minutes.",
                headers={"Retry-After": "60"},
            )
        session.add(
            OidcLogin(
                state_hash=token_digest(state),
                nonce=nonce,
                code_challenge=body.code_challenge,
                redirect_uri=body.redirect_uri,
                created_at=now,
            )
        )
    return OidcStarted(authorization_url=url, state=state)


@router.post(paths.OIDC_FINISH, response_model=LoginResponse)
def finish(body: OidcFinish, request: Request, svc: ServicesDep) -> LoginResponse:
    """Redeem the code, check the ID token, and sign the person in on this device."""
    provider = _provider(svc)
    address = client_address(request)
    now = svc.settings.clock.now()
    with svc.db.write() as session:  # a state is good for one try, right or wrong
        pending = session.get(OidcLogin, token_digest(body.state))
        if pending is not None:
            session.delete(pending)
            nonce, challenge, redirect_uri = (
                pending.nonce,
                pending.code_challenge,
                pending.redirect_uri,
            )
            fresh = now - pending.created_at <= PENDING_FOR
    if pending is None or not fresh:
        raise ApiError(401, "oidc_state", "This sign-in is unknown or too old; start again.")
    if not pkce_matches(body.code_verifier, challenge):
        raise ApiError(401, "oidc_pkce", "This sign-in was not started by this desktop.")
    try:
        id_token = provider.redeem(
            code=body.code, code_verifier=body.code_verifier, redirect_uri=redirect_uri
        )
        claims = provider.verify(id_token, nonce=nonce, now=now)
    except OidcRefused as exc:
        log.info("single sign-on refused: %s", exc.code)
        with svc.db.write() as session:
            audit(session, "sign_in_failed", address=address, method="oidc", reason=exc.code)
        raise ApiError(401, exc.code, exc.message) from exc
    assert svc.settings.oidc is not None
    device = DeviceInfo(
        host_name=body.host_name, platform=body.platform, app_version=body.app_version
    )
    refused: SignInRefused | None = None
    with svc.db.write() as session:
        try:
            person = person_for_sign_in(session, claims, svc.settings.oidc, now)
        except SignInRefused as exc:  # caught inside, so a leaver's disabling commits
            refused = exc
            audit(
                session,
                "sign_in_refused",
                address=address,
                method="oidc",
                reason=exc.code,
                subject=str(claims.get("sub", ""))[:200],
            )
        else:
            issued = open_session(
                session, person, device, svc.settings, method="oidc", address=address
            )
            audit(
                session,
                "sign_in",
                actor_id=person.id,
                target=person.username,
                address=address,
                method="oidc",
                device=device.host_name,
                device_session=issued.row.id,
            )
            answer = LoginResponse(
                token=issued.access_token,
                expires_at=issued.expires_at,
                user=serialize.person_ref(person),
                refresh_token=issued.refresh_token,
                session_id=issued.row.id,
            )
    if refused is not None:
        raise ApiError(refused.status, refused.code, refused.message)
    return answer
