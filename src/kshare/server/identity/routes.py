"""A person's own sessions: silent renewal, "Devices" (list, sign out), changing a password."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from kshare.protocol import routes as paths
from kshare.protocol.schemas import (
    DeviceOut,
    ErrorBody,
    LoginResponse,
    PasswordChange,
    RefreshRequest,
)
from kshare.server import serialize
from kshare.server.audit import audit
from kshare.server.errors import ApiError, not_found
from kshare.server.identity.password_policy import WeakPassword, check_password
from kshare.server.identity.sessions import (
    end_all_sessions,
    end_session,
    refresh_session,
    sessions_of,
)
from kshare.server.identity.throttle import Budget, Throttled
from kshare.server.routes.deps import CallerDep, ServicesDep, client_address
from kshare.server.tables import DeviceSession, Person

log = logging.getLogger(__name__)

ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody} for code in (401, 403, 404, 422, 429)
}
router = APIRouter(responses=ERRORS)


@router.post(paths.REFRESH, response_model=LoginResponse)
def refresh(body: RefreshRequest, request: Request, svc: ServicesDep) -> LoginResponse:
    """A new access token and a new refresh token for the same device session."""
    address = client_address(request)
    with svc.db.write() as session:
        issued = refresh_session(session, body.refresh_token, svc.settings, address)
        if isinstance(issued, ApiError):
            refused = issued
        else:
            refused = None
            person = session.get(Person, issued.row.person_id)
            assert person is not None  # a session's person is never deleted
            ref = serialize.person_ref(person)
    if refused is not None:
        raise refused  # the session's end is committed first
    assert not isinstance(issued, ApiError)
    return LoginResponse(
        token=issued.access_token,
        expires_at=issued.expires_at,
        user=ref,
        refresh_token=issued.refresh_token,
        session_id=issued.row.id,
    )


def device_out(row: DeviceSession, current: str | None) -> DeviceOut:
    return DeviceOut(
        id=row.id,
        host_name=row.host_name,
        platform=row.platform,
        app_version=row.app_version,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        current=row.id == current,
    )


@router.get(paths.DEVICES, response_model=list[DeviceOut])
def my_devices(caller: CallerDep, svc: ServicesDep) -> list[DeviceOut]:
    """The caller's own signed-in devices, most recently seen first."""
    with svc.db.read() as session:
        return [device_out(row, caller.session_id) for row in sessions_of(session, caller.id)]


@router.delete(f"{paths.DEVICES}/{{session_id}}", status_code=204, response_class=Response)
def sign_out_device(session_id: str, caller: CallerDep, svc: ServicesDep) -> Response:
    """Sign one of one's own devices out (another person's answers as "no such device")."""
    with svc.db.write() as session:
        row = session.get(DeviceSession, session_id)
        if row is None or row.person_id != caller.id:
            raise not_found("device")
        end_session(session, row, "signed_out_by_owner", svc.settings.clock.now())
        audit(
            session, "device_signed_out", actor_id=caller.id, target=row.id, address=caller.address
        )
    return Response(status_code=204)


@router.put(paths.PASSWORD, status_code=204, response_class=Response)
def change_password(
    body: PasswordChange, request: Request, caller: CallerDep, svc: ServicesDep
) -> Response:
    """Change one's own password; every other device of the person is signed out."""
    with svc.db.read() as session:
        person = session.get(Person, caller.id)
        assert person is not None
        stored = person.password_hash
    # A stolen token alone must not be enough to take the account over, nor to guess
    # the password here faster than at the sign-in.
    budget = Budget(f"user:{caller.person.username_key}", svc.settings.login_max_failures_per_user)
    try:
        with svc.db.write() as session:
            reservation = svc.sign_in.reserve(session, [budget])
    except Throttled as exc:
        raise ApiError(
            429,
            "throttled",
            f"Too many wrong passwords; try again in {exc.retry_after} seconds.",
            headers={"Retry-After": str(exc.retry_after)},
        ) from exc
    if not svc.passwords.verify(stored or None, body.current_password):
        with svc.db.write() as session:
            audit(session, "password_change_refused", actor_id=caller.id, address=caller.address)
        raise ApiError(403, "wrong_password", "Your current password is not right.")
    try:
        check_password(
            body.new_password,
            min_length=svc.settings.password_min_length,
            username=caller.person.username,
        )
    except WeakPassword as exc:
        raise ApiError(422, "weak_password", str(exc)) from exc
    new_hash = svc.passwords.hash(body.new_password)
    with svc.db.write() as session:
        svc.sign_in.refund(session, reservation)
        person = session.scalars(select(Person).where(Person.id == caller.id)).one()
        person.password_hash = new_hash
        ended = end_all_sessions(
            session, caller.id, "password_changed", svc.settings.clock.now(), keep=caller.session_id
        )
        audit(
            session,
            "password_changed",
            actor_id=caller.id,
            target=caller.id,
            address=caller.address,
            sessions_ended=ended,
        )
    return Response(status_code=204)
