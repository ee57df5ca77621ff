"""The change feed, the reconcile listing, purge acknowledgements and the nudge stream."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from kshare.protocol import routes as paths
from kshare.protocol.schemas import FeedPage, PurgeAck, ReconcileList
from kshare.server.audit import audit
from kshare.server.auth import authenticate
from kshare.server.errors import ApiError
from kshare.server.feed import FeedBuilder, head_cursor
from kshare.server.routes.account import ERRORS
from kshare.server.routes.deps import CallerDep, Services, ServicesDep

log = logging.getLogger(__name__)

router = APIRouter(responses=ERRORS)


@router.get(paths.FEED, response_model=FeedPage)
def feed(
    caller: CallerDep,
    svc: ServicesDep,
    since: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> Response:
    with svc.db.read() as session:
        page = FeedBuilder(session, caller.person, caller.viewer).page(since, limit)
    # Serialised here, once, in this worker thread: returning the model would have FastAPI
    # validate the whole page again in another thread hop before dumping it. The page was
    # built from validated models, and ``response_model`` still documents the shape.
    return Response(page.model_dump_json(), media_type="application/json")


@router.get(paths.RECONCILE, response_model=ReconcileList)
def reconcile(caller: CallerDep, svc: ServicesDep) -> ReconcileList:
    with svc.db.read() as session:
        return FeedBuilder(session, caller.person, caller.viewer).reconcile()


@router.post(paths.PURGED, status_code=204, response_class=Response)
def purged(body: PurgeAck, caller: CallerDep, svc: ServicesDep) -> Response:
    counts: dict[str, int] = {}
    for removal in body.removals:
        counts[removal.type] = counts.get(removal.type, 0) + 1
    with svc.db.write() as session:
        audit(
            session,
            "purge_ack",
            actor_id=caller.id,
            address=caller.address,
            device=body.device,
            counts=counts,
            ids=[r.id for r in body.removals[:1000]],
        )
    return Response(status_code=204)


def _still_allowed(svc: Services, authorization: str | None, address: str) -> str | None:
    """The caller's current head cursor, or None once their sign-in is no longer valid."""
    with svc.db.read() as session:
        try:
            caller = authenticate(session, authorization, address)
        except ApiError:
            return None
        return head_cursor(session, caller.person)


@router.get(
    paths.EVENTS,
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "nudges"}},
)
async def events(request: Request, caller: CallerDep, svc: ServicesDep) -> StreamingResponse:
    """Server-sent events: ``data: CURSOR`` whenever the caller's feed may have changed.

    Any message means "pull the feed"; the first comes at once on connecting.
    Comments (``: keep-alive``) only keep proxies from closing the connection.
    The stream ends when the sign-in ends or the server stops.
    """
    authorization = request.headers.get("authorization")
    nudges = svc.nudges
    keepalive = svc.settings.keepalive_seconds

    async def stream() -> AsyncIterator[str]:
        seen = nudges.generation
        yield "retry: 2000\n: connected\n\n"
        # A change committed between the client's last sync and this connection was
        # announced to nobody: greet every new stream with a nudge so it catches up.
        cursor = await anyio.to_thread.run_sync(_still_allowed, svc, authorization, caller.address)
        if cursor is None:
            return
        yield f"data: {cursor}\n\n"
        while not nudges.closed:
            generation = await nudges.wait(seen, keepalive)
            if nudges.closed:
                break
            if generation == seen:
                yield ": keep-alive\n\n"
                continue
            seen = generation
            cursor = await anyio.to_thread.run_sync(
                _still_allowed, svc, authorization, caller.address
            )
            if cursor is None:
                break
            yield f"data: {cursor}\n\n"

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
