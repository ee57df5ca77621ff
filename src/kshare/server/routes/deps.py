"""What every route needs: the app's services, the signed-in caller, idempotent writes."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kshare.protocol.routes import IDEMPOTENCY_HEADER
from kshare.server.auth import Caller, Passwords, authenticate
from kshare.server.db import Database
from kshare.server.errors import ApiError
from kshare.server.events import Nudges
from kshare.server.identity import addresses
from kshare.server.identity.sessions import note_contact
from kshare.server.identity.throttle import SignInThrottle
from kshare.server.settings import Settings
from kshare.server.tables import IdempotencyKey

log = logging.getLogger(__name__)

MAX_KEY = 200
# "Last seen" moves in steps of this, so a busy desktop does not write on every request.
LAST_SEEN_STEP = timedelta(minutes=1)
bearer = HTTPBearer(auto_error=False, description="The token from /api/v1/auth/login")


@dataclass
class Services:
    """Everything a request may use, built once per app."""

    settings: Settings
    db: Database
    passwords: Passwords
    sign_in: SignInThrottle
    nudges: Nudges
    blobs: object | None = None  # kshare.server.blobstore.BlobStore when available
    oidc: object | None = None  # kshare.server.identity.oidc.Provider with single sign-on


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def client_address(request: Request) -> str:
    """The client's address; X-Forwarded-For counts only from the configured proxies."""
    peer = request.client.host if request.client else ""
    trusted = services(request).settings.trusted_proxies
    return addresses.client_address(peer, request.headers.getlist("x-forwarded-for"), trusted)


def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> Caller:
    svc = services(request)
    header = f"Bearer {credentials.credentials}" if credentials else None
    address = client_address(request)
    try:
        with svc.db.read() as session:
            caller = authenticate(session, header, address, svc.settings)
    except ApiError as exc:
        if exc.code in ("device_wiped", "account_disabled") and header:
            with svc.db.write() as session:  # record that the device has been told
                note_contact(session, header, svc.settings, address, told=exc.code)
        raise
    seen = caller.last_seen_at
    if caller.session_id and seen is not None and svc.settings.clock.now() - seen > LAST_SEEN_STEP:
        with svc.db.write() as session:
            note_contact(session, header or "", svc.settings, address)
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]
ServicesDep = Annotated[Services, Depends(services)]


def idempotent(
    svc: Services,
    caller: Caller,
    request: Request,
    status: int,
    work: Callable[[Session], BaseModel | None],
    body: BaseModel | None = None,
) -> Response:
    """Run ``work`` in one transaction; a repeated Idempotency-Key replays the first answer.

    The answer is stored in the same transaction as the change, so a retry
    after a lost response can never apply the change twice. The key is bound to
    the request it first answered (method, path, query and parsed ``body``): the
    same key with anything else is refused, never answered with another write's result.
    """
    key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if len(key) > MAX_KEY:
        raise ApiError(422, "invalid", f"{IDEMPOTENCY_HEADER} is longer than {MAX_KEY} characters.")
    path = request.url.path
    digest = request_hash(request.method, path, request.url.query, body)
    try:
        with svc.db.write() as session:
            if key:
                stored = session.get(IdempotencyKey, (caller.id, key))
                if stored is not None:
                    if (
                        stored.method != request.method
                        or stored.path != path
                        or (stored.request_hash and stored.request_hash != digest)
                    ):
                        raise ApiError(
                            422,
                            "idempotency_key_reused",
                            f"This {IDEMPOTENCY_HEADER} was already used for a different "
                            "request (method, path or body); use a new key for a new write.",
                        )
                    return _replay(stored)
            result = work(session)
            answer = "" if result is None else result.model_dump_json()
            if key:
                session.add(
                    IdempotencyKey(
                        person_id=caller.id,
                        key=key,
                        method=request.method,
                        path=path,
                        status_code=status,
                        body=answer,
                        request_hash=digest,
                    )
                )
    except IntegrityError as exc:
        # Two requests with the same key raced; the loser tells the client to retry.
        log.info("write conflict on %s: %s", path, exc.orig)
        raise ApiError(409, "conflict", "A concurrent request changed this; try again.") from exc
    if not answer:
        return Response(status_code=status)
    return Response(answer, status_code=status, media_type="application/json")


def request_hash(method: str, path: str, query: str, body: BaseModel | None) -> str:
    """What makes two writes the same request: the parsed body, not its JSON spelling."""
    text = "" if body is None else body.model_dump_json()
    return hashlib.sha256("\n".join((method, path, query, text)).encode()).hexdigest()


def _replay(stored: IdempotencyKey) -> Response:
    if not stored.body:
        return Response(status_code=stored.status_code)
    return JSONResponse(json.loads(stored.body), status_code=stored.status_code)
