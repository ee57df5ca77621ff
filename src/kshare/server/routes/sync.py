"""The change feed, the reconcile listing, purge acknowledgements and the nudge stream."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from kshare.protocol import routes as paths
from kshare.protocol.schemas import FeedPage, PurgeAck, ReconcileList
from kshare.server.audit import audit
from kshare.server.auth import authenticate
from kshare.server.cursors import MAX_SEALED, seal_for
from kshare.server.db import current_seq
from kshare.server.errors import ApiError
from kshare.server.feed import FeedBuilder
from kshare.server.routes.account import ERRORS
from kshare.server.routes.deps import CallerDep, Services, ServicesDep

log = logging.getLogger(__name__)

router = APIRouter(responses=ERRORS)


@router.get(paths.FEED, response_model=FeedPage)
def feed(
    caller: CallerDep,
    svc: ServicesDep,
    since: Annotated[str | None, Query(max_length=MAX_SEALED)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> Response:
    seal = seal_for(svc.db, svc.settings.data_dir)  # before the read: making it writes
    with svc.db.read() as session:
        page = FeedBuilder(session, caller.person, caller.viewer, seal, caller.now).page(
            since, limit
        )
    # Serialised here, once, in this worker thread: returning the model would have FastAPI
    # validate the whole page again in another thread hop before dumping it. The page was
    # built from validated models, and ``response_model`` still documents the shape.
    return Response(page.model_dump_json(), media_type="application/json")


@router.get(paths.RECONCILE, response_model=ReconcileList)
def reconcile(caller: CallerDep, svc: ServicesDep) -> ReconcileList:
    seal = seal_for(svc.db, svc.settings.data_dir)  # before the read: making it writes
    with svc.db.read() as session:
        return FeedBuilder(session, caller.person, caller.viewer, seal, caller.now).reconcile()


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


@dataclass(frozen=True)
class _Seen:
    """How far a stream's viewer has been told: the global change and their epoch."""

    seq: int
    epoch: int


def _news_for(
    svc: Services, authorization: str | None, address: str, seen: _Seen | None
) -> tuple[_Seen, bool] | None:
    """Where the viewer stands now and whether their own feed changed since ``seen``;
    None once their sign-in is no longer valid."""
    with svc.db.read() as session:
        try:
            caller = authenticate(session, authorization, address, clock=svc.settings.clock)
        except ApiError:
            return None
        now = _Seen(current_seq(session), caller.person.membership_epoch)
        if seen is None or seen.epoch != now.epoch:
            return now, True
        builder = FeedBuilder(session, caller.person, caller.viewer, now=caller.now)
        return now, now.seq > seen.seq and builder.changed_since(seen.seq)


@router.get(
    paths.EVENTS,
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "nudges"}},
)
async def events(request: Request, caller: CallerDep, svc: ServicesDep) -> StreamingResponse:
    """Server-sent events: ``data: sync`` whenever the caller's own feed changed.

    Any message means "pull the feed"; the first comes at once on connecting. A change
    the caller may not see sends nothing, so the stream cannot be used to watch how busy
    a group one is not in is. Comments (``: keep-alive``) only keep proxies from closing
    the connection. The stream ends when the sign-in ends or the server stops.
    """
    authorization = request.headers.get("authorization")
    nudges = svc.nudges
    keepalive = svc.settings.keepalive_seconds
    clock = svc.settings.clock

    async def stream() -> AsyncIterator[str]:
        generation = nudges.generation
        yield "retry: 2000\n: connected\n\n"
        # A change committed between the client's last sync and this connection was
        # announced to nobody: greet every new stream with a nudge so it catches up.
        news = await anyio.to_thread.run_sync(_news_for, svc, authorization, caller.address, None)
        if news is None:
            return
        seen = news[0]
        yield "data: sync\n\n"
        spoke = clock.monotonic()
        while not nudges.closed:
            wait = max(0.0, keepalive - (clock.monotonic() - spoke))
            latest = await nudges.wait(generation, wait)
            if nudges.closed:
                break
            if latest != generation:
                generation = latest
                news = await anyio.to_thread.run_sync(
                    _news_for, svc, authorization, caller.address, seen
                )
                if news is None:
                    break
                seen, changed = news
                if changed:
                    yield "data: sync\n\n"
                    spoke = clock.monotonic()
                    continue
            if clock.monotonic() - spoke >= keepalive:
                yield ": keep-alive\n\n"
                spoke = clock.monotonic()

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
