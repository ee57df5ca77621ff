"""Items, their history, accepted answers, reactions and the audience preview."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from kshare.protocol import routes as paths
from kshare.protocol.schemas import (
    AudiencePreview,
    AudienceSpec,
    FileVersion,
    ItemCreate,
    ItemOut,
    ItemRevisionOut,
    ItemUpdate,
    ReactionCreate,
    ReactionOut,
)
from kshare.server import audience_io, serialize, writes
from kshare.server.errors import not_found
from kshare.server.policy import Gate
from kshare.server.routes.account import ERRORS
from kshare.server.routes.deps import CallerDep, Services, ServicesDep, idempotent

log = logging.getLogger(__name__)

router = APIRouter(responses=ERRORS)
ItemId = Path(min_length=1, max_length=64)


def _blob_check(svc: Services):  # type: ignore[no-untyped-def]
    store = svc.blobs
    return None if store is None else store.exists  # type: ignore[attr-defined]


@router.post(paths.ITEMS, status_code=201, response_model=ItemOut)
def create_item(
    body: ItemCreate, request: Request, caller: CallerDep, svc: ServicesDep
) -> Response:
    return idempotent(
        svc,
        caller,
        request,
        201,
        lambda session: writes.create_item(session, caller, body, _blob_check(svc)),
        body,
    )


@router.get(f"{paths.ITEMS}/{{item_id}}", response_model=ItemOut)
def get_item(caller: CallerDep, svc: ServicesDep, item_id: str = ItemId) -> ItemOut:
    with svc.db.read() as session:
        gate = Gate(session, caller.viewer, caller.now)
        judged = gate.one(item_id)
        if judged is None:
            raise not_found()
        return writes.item_out(gate, judged)


@router.put(f"{paths.ITEMS}/{{item_id}}", response_model=ItemOut)
def update_item(
    body: ItemUpdate, request: Request, caller: CallerDep, svc: ServicesDep, item_id: str = ItemId
) -> Response:
    return idempotent(
        svc,
        caller,
        request,
        200,
        lambda session: writes.update_item(session, caller, item_id, body, _blob_check(svc)),
        body,
    )


@router.delete(f"{paths.ITEMS}/{{item_id}}", status_code=204, response_class=Response)
def delete_item(
    request: Request, caller: CallerDep, svc: ServicesDep, item_id: str = ItemId
) -> Response:
    return idempotent(
        svc, caller, request, 204, lambda session: writes.delete_item(session, caller, item_id)
    )


@router.get(f"{paths.ITEMS}/{{item_id}}/history", response_model=list[ItemRevisionOut])
def item_history(
    caller: CallerDep, svc: ServicesDep, item_id: str = ItemId
) -> list[ItemRevisionOut]:
    with svc.db.read() as session:
        return [
            ItemRevisionOut(
                version=r.version,
                title=r.title,
                body=r.body,
                tags=list(r.tags),
                editor_id=r.editor_id,
                created_at=r.created_at,
            )
            for r in writes.history(session, caller, item_id)
        ]


@router.get(f"{paths.ITEMS}/{{item_id}}/versions", response_model=list[FileVersion])
def file_versions(caller: CallerDep, svc: ServicesDep, item_id: str = ItemId) -> list[FileVersion]:
    """A document's file versions with who shared each and when; 404 for who may not see it."""
    with svc.db.read() as session:
        return [
            serialize.file_version_out(row)
            for row in writes.file_versions(session, caller, item_id)
        ]


@router.post(f"{paths.ITEMS}/{{item_id}}/accept", response_model=ItemOut)
def accept_answer(
    request: Request, caller: CallerDep, svc: ServicesDep, item_id: str = ItemId
) -> Response:
    """Mark the answer ``item_id`` as the accepted answer of its question (asker only)."""
    return idempotent(
        svc, caller, request, 200, lambda session: writes.accept_answer(session, caller, item_id)
    )


@router.post(f"{paths.ITEMS}/{{item_id}}/reactions", status_code=201, response_model=ReactionOut)
def add_reaction(
    body: ReactionCreate,
    request: Request,
    caller: CallerDep,
    svc: ServicesDep,
    item_id: str = ItemId,
) -> Response:
    return idempotent(
        svc,
        caller,
        request,
        201,
        lambda session: writes.add_reaction(session, caller, item_id, body),
        body,
    )


@router.delete(f"{paths.REACTIONS}/{{reaction_id}}", status_code=204, response_class=Response)
def remove_reaction(
    request: Request,
    caller: CallerDep,
    svc: ServicesDep,
    reaction_id: str = Path(min_length=1, max_length=64),
) -> Response:
    return idempotent(
        svc,
        caller,
        request,
        204,
        lambda session: writes.remove_reaction(session, caller, reaction_id),
    )


@router.post(paths.AUDIENCE_PREVIEW, response_model=AudiencePreview)
def audience_preview(body: AudienceSpec, caller: CallerDep, svc: ServicesDep) -> AudiencePreview:
    with svc.db.read() as session:
        return audience_io.preview(session, caller.viewer, body)
