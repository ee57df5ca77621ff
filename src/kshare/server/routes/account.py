"""Server info, sign-in and sign-out, the caller's profile, endorsements."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from kshare import API_VERSION, __version__
from kshare.protocol import routes as paths
from kshare.protocol.schemas import (
    EndorsementCreate,
    ErrorBody,
    LoginRequest,
    LoginResponse,
    PersonOut,
    ProfileUpdate,
    ServerInfo,
)
from kshare.server import serialize
from kshare.server.audience_io import name_key
from kshare.server.audit import audit
from kshare.server.auth import revoke_token
from kshare.server.changes import touch
from kshare.server.errors import ApiError, not_found
from kshare.server.identity.devices import known_device, remember_device, sign_in_budgets
from kshare.server.identity.sessions import DeviceInfo, end_session, open_session
from kshare.server.identity.throttle import Throttled
from kshare.server.routes.deps import CallerDep, ServicesDep, client_address, idempotent
from kshare.server.tables import DeviceSession, Endorsement, Person, ServerMeta

log = logging.getLogger(__name__)

ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody} for code in (401, 403, 404, 409, 412, 413, 422, 429)
}
router = APIRouter(responses=ERRORS)


@router.get(paths.INFO, response_model=ServerInfo)
def info(svc: ServicesDep) -> ServerInfo:
    organisation = svc.settings.organisation
    if not organisation:
        with svc.db.read() as session:
            row = session.get(ServerMeta, "organisation")
            organisation = row.text if row else ""
    return ServerInfo(
        server_version=__version__,
        api_version=API_VERSION,
        organisation=organisation,
        min_client_version=svc.settings.min_client_version,
        recommended_client_version=svc.settings.recommended_client_version,
        sign_in=(["password"] if svc.settings.password_sign_in else [])
        + (["sso"] if svc.settings.oidc is not None else []),
    )


@router.post(paths.LOGIN, response_model=LoginResponse)
def login(body: LoginRequest, request: Request, svc: ServicesDep) -> LoginResponse:
    """Password sign-in: budgets are taken before the password is checked, then given back
    if it was right; a desktop that signed in before draws on a budget of its own."""
    address = client_address(request)
    settings = svc.settings
    if not settings.password_sign_in:
        raise ApiError(
            403,
            "password_sign_in_off",
            "This server signs people in with their company account only.",
        )
    username_key = name_key(body.username)
    try:
        with svc.db.write() as session:
            person = session.scalars(
                select(Person).where(Person.username_key == username_key)
            ).one_or_none()
            known = known_device(session, person, body.device_key)
            budgets = sign_in_budgets(settings, username_key, address, known)
            reservation = svc.sign_in.reserve(session, budgets)
    except Throttled as exc:
        log.info("sign-in throttled for %s from %s", body.username[:150], address)
        raise ApiError(
            429,
            "throttled",
            f"Too many failed sign-ins; try again in {exc.retry_after} seconds.",
            headers={"Retry-After": str(exc.retry_after)},
        ) from exc
    ok = svc.passwords.verify(person.password_hash if person else None, body.password)
    device = DeviceInfo(
        host_name=body.host_name or body.device,
        platform=body.platform,
        app_version=body.app_version,
    )
    with svc.db.write() as session:
        if not ok or person is None:
            audit(
                session,
                "sign_in_failed",
                actor_id=person.id if person else None,
                target=body.username[:150],
                address=address,
                known_device=known is not None,
            )
        elif not person.active:
            svc.sign_in.refund(session, reservation)
            audit(
                session,
                "sign_in_refused",
                actor_id=person.id,
                target=person.username,
                address=address,
                reason="account_disabled",
            )
        else:
            svc.sign_in.refund(session, reservation)
            issued = open_session(session, person, device, settings, address=address)
            device_key = remember_device(session, person, known, settings.clock.now())
            audit(
                session,
                "sign_in",
                actor_id=person.id,
                target=person.username,
                address=address,
                device=device.host_name,
                device_session=issued.row.id,
            )
    if not ok or person is None:
        raise ApiError(401, "unauthenticated", "Wrong username or password.")
    if not person.active:
        raise ApiError(403, "account_disabled", "This account has been disabled.")
    return LoginResponse(
        token=issued.access_token,
        expires_at=issued.expires_at,
        user=serialize.person_ref(person),
        refresh_token=issued.refresh_token,
        session_id=issued.row.id,
        device_key=device_key,
    )


@router.post(paths.LOGOUT, status_code=204, response_class=Response)
def logout(caller: CallerDep, svc: ServicesDep) -> Response:
    with svc.db.write() as session:
        row = session.get(DeviceSession, caller.session_id) if caller.session_id else None
        if row is not None:
            end_session(session, row, "signed_out", svc.settings.clock.now())
        else:
            revoke_token(session, caller.token_id, caller.now)
        audit(session, "sign_out", actor_id=caller.id, address=caller.address)
    return Response(status_code=204)


@router.get(paths.ME, response_model=PersonOut)
def me(caller: CallerDep, svc: ServicesDep) -> PersonOut:
    with svc.db.read() as session:
        person = session.get(Person, caller.id)
        assert person is not None  # authenticate() just loaded it
        return serialize.people_out(session, [person], caller.viewer)[0]


def _clean(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        text = " ".join(value.split())[:100]
        if text:
            seen.setdefault(text.casefold(), text)
    return list(seen.values())


@router.put(paths.PROFILE, response_model=PersonOut)
def update_profile(
    body: ProfileUpdate, request: Request, caller: CallerDep, svc: ServicesDep
) -> Response:
    def work(session):  # type: ignore[no-untyped-def]
        person = session.get(Person, caller.id)
        for name in ("title", "location"):
            value = getattr(body, name)
            if value is not None:
                setattr(person, name, " ".join(value.split()))
        for name in ("skills", "ask_me_about", "expertise_confirmed", "expertise_hidden"):
            value = getattr(body, name)
            if value is not None:
                setattr(person, name, _clean(value))
        if body.expert_opt_out is not None:
            person.expert_opt_out = body.expert_opt_out
        touch(session, person)
        session.flush()
        return serialize.people_out(session, [person], caller.viewer)[0]

    return idempotent(svc, caller, request, 200, work, body)


@router.post(f"{paths.PEOPLE}/{{person_id}}/endorsements", response_model=PersonOut)
def endorse(
    person_id: str, body: EndorsementCreate, request: Request, caller: CallerDep, svc: ServicesDep
) -> Response:
    def work(session):  # type: ignore[no-untyped-def]
        person = session.get(Person, person_id)
        if person is None:
            raise not_found("person")
        if person.id == caller.id:
            raise ApiError(422, "invalid", "You cannot endorse yourself.")
        skill = " ".join(body.skill.split())
        if not skill:
            raise ApiError(422, "invalid", "Name the skill you endorse.")
        key = skill.casefold()
        if session.get(Endorsement, (caller.id, person.id, key)) is None:
            session.add(
                Endorsement(
                    endorser_id=caller.id,
                    endorsee_id=person.id,
                    skill_key=key,
                    skill=skill,
                    created_at=caller.now,
                )
            )
            touch(session, person)
            session.flush()
        return serialize.people_out(session, [person], caller.viewer)[0]

    return idempotent(svc, caller, request, 200, work, body)
