"""Server info, sign-in and sign-out, the caller's profile, endorsements."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

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
from kshare.server.auth import issue_token, revoke_token
from kshare.server.changes import touch
from kshare.server.errors import ApiError, not_found
from kshare.server.routes.deps import CallerDep, ServicesDep, client_address, idempotent
from kshare.server.tables import Endorsement, Person, ServerMeta

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
    )


@router.post(paths.LOGIN, response_model=LoginResponse)
def login(body: LoginRequest, request: Request, svc: ServicesDep) -> LoginResponse:
    address = client_address(request)
    user_key = f"user:{name_key(body.username)}"
    address_key = f"addr:{address}"
    wait = max(
        svc.user_throttle.retry_after(user_key), svc.address_throttle.retry_after(address_key)
    )
    if wait:
        raise ApiError(
            429,
            "throttled",
            f"Too many failed sign-ins; try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
        )
    with svc.db.read() as session:
        person = session.scalars(
            select(Person).where(Person.username_key == name_key(body.username))
        ).one_or_none()
    ok = svc.passwords.verify(person.password_hash if person else None, body.password)
    with svc.db.write() as session:
        if not ok or person is None:
            audit(
                session,
                "sign_in_failed",
                actor_id=person.id if person else None,
                target=body.username[:150],
                address=address,
            )
        elif not person.active:
            audit(
                session,
                "sign_in_refused",
                actor_id=person.id,
                target=person.username,
                address=address,
                reason="account_disabled",
            )
        else:
            token = issue_token(session, person, svc.settings.token_ttl, body.device)
            audit(
                session,
                "sign_in",
                actor_id=person.id,
                target=person.username,
                address=address,
                device=body.device,
            )
    if not ok or person is None:
        svc.user_throttle.failed(user_key)
        svc.address_throttle.failed(address_key)
        raise ApiError(401, "unauthenticated", "Wrong username or password.")
    if not person.active:
        raise ApiError(403, "account_disabled", "This account has been disabled.")
    svc.user_throttle.succeeded(user_key)
    return LoginResponse(
        token=token.plain,  # type: ignore[attr-defined]
        expires_at=token.expires_at,
        user=serialize.person_ref(person),
    )


@router.post(paths.LOGOUT, status_code=204, response_class=Response)
def logout(caller: CallerDep, svc: ServicesDep) -> Response:
    with svc.db.write() as session:
        revoke_token(session, caller.token_id)
        audit(session, "sign_out", actor_id=caller.id, address=caller.address)
    return Response(status_code=204)


@router.get(paths.ME, response_model=PersonOut)
def me(caller: CallerDep, svc: ServicesDep) -> PersonOut:
    with svc.db.read() as session:
        person = session.get(Person, caller.id)
        assert person is not None  # authenticate() just loaded it
        return serialize.people_out(session, [person])[0]


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
        return serialize.people_out(session, [person])[0]

    return idempotent(svc, caller, request, 200, work)


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
                    created_at=datetime.now(UTC),
                )
            )
            touch(session, person)
            session.flush()
        return serialize.people_out(session, [person])[0]

    return idempotent(svc, caller, request, 200, work)
