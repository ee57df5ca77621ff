"""The curation API: collection entries, verification, health reports, search gaps, exports."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kshare.protocol import routes as paths
from kshare.protocol.curation import (
    COLLECTIONS,
    EXPORTS,
    HEALTH,
    SEARCH_GAPS,
    TAGS,
    CollectionEntryAdd,
    ExportRecord,
    HealthReport,
    SearchGapReport,
    TagDescribe,
    TagMerge,
    TagOut,
    VerifyRequest,
)
from kshare.protocol.schemas import ItemOut
from kshare.server.audit import audit
from kshare.server.auth import Caller
from kshare.server.changes import touch
from kshare.server.curation import entries, health, tags, verification
from kshare.server.curation.roles import scope_of
from kshare.server.errors import ApiError, not_found
from kshare.server.policy import Gate
from kshare.server.routes.account import ERRORS
from kshare.server.routes.deps import CallerDep, ServicesDep, idempotent
from kshare.server.tag_aliases import TagAliasError
from kshare.server.writes import item_out

log = logging.getLogger(__name__)

router = APIRouter(responses=ERRORS)
ItemId = Path(min_length=1, max_length=64)


def _add_entry(
    session: Session, caller: Caller, collection_id: str, body: CollectionEntryAdd
) -> ItemOut:
    gate = Gate(session, caller.viewer)
    judged = gate.one(collection_id)
    if judged is None or judged.item.kind != "collection":
        raise not_found("collection")
    if not gate.may_edit(judged):
        raise ApiError(403, "forbidden", "Only the collection's curators may change it.")
    entries.add_entry(gate, judged.item, body)
    touch(session, judged.item)
    session.flush()
    return item_out(gate, gate.judge([judged.item])[judged.item.id])


@router.post(f"{COLLECTIONS}/{{item_id}}/entries", response_model=ItemOut)
def add_entry(
    body: CollectionEntryAdd,
    request: Request,
    caller: CallerDep,
    svc: ServicesDep,
    item_id: str = ItemId,
) -> Response:
    return idempotent(
        svc, caller, request, 200, lambda s: _add_entry(s, caller, item_id, body), body
    )


@router.post(f"{paths.ITEMS}/{{item_id}}/verify", response_model=ItemOut)
def verify_item(
    body: VerifyRequest,
    request: Request,
    caller: CallerDep,
    svc: ServicesDep,
    item_id: str = ItemId,
) -> Response:
    def work(session: Session) -> ItemOut:
        now = svc.settings.clock.now()
        item = verification.verify(session, caller, item_id, body, now)
        gate = Gate(session, caller.viewer, now)
        return item_out(gate, gate.judge([item])[item.id])

    return idempotent(svc, caller, request, 200, work, body)


@router.get(HEALTH, response_model=HealthReport)
def health_report(caller: CallerDep, svc: ServicesDep) -> HealthReport:
    with svc.db.read() as session:
        return health.report(session, caller, svc.settings.clock.now())


@router.post(SEARCH_GAPS, status_code=204, response_class=Response)
def report_search_gap(
    body: SearchGapReport, request: Request, caller: CallerDep, svc: ServicesDep
) -> Response:
    def work(session: Session) -> None:
        health.record_gap(session, caller, body, svc.settings.clock.now())

    return idempotent(svc, caller, request, 204, work, body)


@router.post(EXPORTS, status_code=204, response_class=Response)
def record_export(
    body: ExportRecord, request: Request, caller: CallerDep, svc: ServicesDep
) -> Response:
    def work(session: Session) -> None:
        if body.what == "collection" and Gate(session, caller.viewer).one(body.target) is None:
            raise not_found("collection")
        audit(
            session,
            "curation_exported",
            actor_id=caller.id,
            target=body.target,
            address=caller.address,
            what=body.what,
            format=body.format,
        )

    return idempotent(svc, caller, request, 204, work, body)


TagName = Path(min_length=1, max_length=64)


@router.get(f"{TAGS}/{{tag:path}}", response_model=TagOut)
def get_tag(caller: CallerDep, svc: ServicesDep, tag: str = TagName) -> TagOut:
    with svc.db.read() as session:
        return tags.tag_out(session, caller.viewer, tag, svc.settings.clock.now())


@router.put(f"{TAGS}/{{tag:path}}", response_model=TagOut)
def describe_tag(
    body: TagDescribe, request: Request, caller: CallerDep, svc: ServicesDep, tag: str = TagName
) -> Response:
    def work(session: Session) -> TagOut:
        now = svc.settings.clock.now()
        tags.describe(session, caller.viewer, tag, body.description, actor_id=caller.id, now=now)
        return tags.tag_out(session, caller.viewer, tag, now)

    return idempotent(svc, caller, request, 200, work, body)


@router.post(f"{TAGS}/{{tag:path}}/merge", response_model=TagOut)
def merge_tag(
    body: TagMerge, request: Request, caller: CallerDep, svc: ServicesDep, tag: str = TagName
) -> Response:
    def work(session: Session) -> TagOut:
        if not scope_of(session, caller.viewer).everywhere:
            raise ApiError(403, "forbidden", "Merging tags retags everything: curators only.")
        try:
            moved = tags.merge(session, tag, body.into, actor=caller.id, actor_id=caller.id)
        except TagAliasError as exc:
            raise ApiError(422, "invalid", str(exc)) from exc
        return tags.tag_out(session, caller.viewer, body.into, svc.settings.clock.now(), moved)

    return idempotent(svc, caller, request, 200, work, body)
