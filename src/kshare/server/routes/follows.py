"""What the caller follows: kept per person, served to that person alone.

Every target passes the visibility gate twice: when it is followed (a question
or group the caller may not see answers 404, exactly as for no such thing) and
whenever the list is read (a target the caller lost access to drops out).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kshare.domain.visibility import Viewer
from kshare.protocol import routes as paths
from kshare.protocol.schemas import (
    FOLLOW_KINDS,
    MAX_FOLLOWS,
    FollowChange,
    FollowList,
    FollowOut,
    InboxState,
    JoinDecision,
)
from kshare.server.errors import ApiError, not_found
from kshare.server.policy import Gate, visible_groups_clause
from kshare.server.routes.account import ERRORS
from kshare.server.routes.deps import CallerDep, ServicesDep, idempotent
from kshare.server.tables import AuditEntry, Follow, Group, InboxReadPoint, Item, Person
from kshare.server.writes import canonical_tag

log = logging.getLogger(__name__)

router = APIRouter(responses=ERRORS)
ITEM_KINDS = {"question": "question", "collection": "collection"}
DECISIONS = {"group_join_approved": True, "group_join_declined": False}
DECISIONS_SCANNED = 5000  # the newest answers to anyone's requests looked through
DECISIONS_KEPT = 50


def _target(session: Session, viewer: Viewer, kind: str, target: str) -> str:
    """The stored form of ``target``, or 404 when the caller may not know it."""
    if kind == "tag":
        tag = canonical_tag(target)[:64]
        if not tag:
            raise ApiError(422, "invalid", "Name the tag to follow.")
        return tag
    if kind == "person":
        if session.get(Person, target) is None:
            raise not_found("person")
        return target
    if kind == "group":
        found = session.scalar(
            select(Group.id).where(Group.id == target, visible_groups_clause(viewer))
        )
        if found is None:
            raise not_found("group")
        return target
    if kind in ITEM_KINDS:
        judged = Gate(session, viewer).one(target)
        if judged is None or judged.item.kind != ITEM_KINDS[kind]:
            raise not_found(kind)
        return target
    raise ApiError(422, "invalid", f"kshare cannot follow a {kind!r}.")


def visible_follows(session: Session, viewer: Viewer, rows: Sequence[Follow]) -> list[FollowOut]:
    """The rows whose targets ``viewer`` may see now, in the order given."""
    groups = [r.target for r in rows if r.kind == "group"]
    items = [r.target for r in rows if r.kind in ITEM_KINDS]
    people = [r.target for r in rows if r.kind == "person"]
    known_groups = set(
        session.scalars(select(Group.id).where(Group.id.in_(groups), visible_groups_clause(viewer)))
        if groups
        else ()
    )
    seen_items = {}
    if items:
        found = session.scalars(select(Item).where(Item.id.in_(items))).all()
        seen_items = {i.id: i.kind for i in Gate(session, viewer).visible(found)}
    known_people = set(session.scalars(select(Person.id).where(Person.id.in_(people))))

    def shown(row: Follow) -> bool:
        if row.kind == "tag":
            return True
        if row.kind == "person":
            return row.target in known_people
        if row.kind == "group":
            return row.target in known_groups
        if row.kind in ITEM_KINDS:
            return seen_items.get(row.target) == ITEM_KINDS[row.kind]
        return False  # a kind this server no longer knows

    return [
        FollowOut(kind=r.kind, target=r.target, created_at=r.created_at) for r in rows if shown(r)
    ]


def _listing(session: Session, viewer: Viewer) -> FollowList:
    rows = session.scalars(
        select(Follow)
        .where(Follow.person_id == viewer.user_id)
        .order_by(Follow.created_at, Follow.kind, Follow.target)
    ).all()
    return FollowList(follows=visible_follows(session, viewer, rows))


@router.get(paths.FOLLOWS, response_model=FollowList)
def list_follows(caller: CallerDep, svc: ServicesDep) -> FollowList:
    """What the caller follows; only the caller's own, only what they may see now."""
    with svc.db.read() as session:
        return _listing(session, caller.viewer)


@router.put(paths.FOLLOWS, response_model=FollowList)
def change_follow(
    body: FollowChange, request: Request, caller: CallerDep, svc: ServicesDep
) -> Response:
    """Follow or stop following one thing; the answer is the whole list as it is now."""
    if body.kind not in FOLLOW_KINDS:
        raise ApiError(422, "invalid", f"kshare cannot follow a {body.kind!r}.")

    def work(session: Session) -> FollowList:
        viewer = caller.viewer
        if body.following:
            target = _target(session, viewer, body.kind, body.target)
            if session.get(Follow, (caller.id, body.kind, target)) is None:
                count = len(
                    session.scalars(
                        select(Follow.target).where(Follow.person_id == caller.id)
                    ).all()
                )
                if count >= MAX_FOLLOWS:
                    raise ApiError(422, "invalid", f"You follow {MAX_FOLLOWS} things already.")
                session.add(
                    Follow(
                        person_id=caller.id,
                        kind=body.kind,
                        target=target,
                        created_at=svc.settings.clock.now(),
                    )
                )
        else:
            # Stopping needs no look at the target: one may always stop following anything.
            target = canonical_tag(body.target) if body.kind == "tag" else body.target
            session.execute(
                delete(Follow).where(
                    Follow.person_id == caller.id,
                    Follow.kind == body.kind,
                    Follow.target == target,
                )
            )
        session.flush()
        return _listing(session, viewer)

    return idempotent(svc, caller, request, 200, work, body)


@router.get(paths.INBOX, response_model=InboxState)
def inbox_state(caller: CallerDep, svc: ServicesDep) -> InboxState:
    """Up to when the caller read their inbox, as their other desktops said."""
    with svc.db.read() as session:
        row = session.get(InboxReadPoint, caller.id)
        return InboxState(read_through=row.read_through if row else None)


@router.put(paths.INBOX, response_model=InboxState)
def set_inbox_state(
    body: InboxState, request: Request, caller: CallerDep, svc: ServicesDep
) -> Response:
    """Move the read point forward (never back); the answer is where it stands now."""

    def work(session: Session) -> InboxState:
        row = session.get(InboxReadPoint, caller.id)
        wanted = body.read_through
        if wanted is not None:
            if row is None:
                row = InboxReadPoint(person_id=caller.id, read_through=wanted)
                session.add(row)
            elif wanted > row.read_through:
                row.read_through = wanted
            session.flush()
        return InboxState(read_through=row.read_through if row else None)

    return idempotent(svc, caller, request, 200, work, body)


@router.get(paths.JOIN_DECISIONS, response_model=list[JoinDecision])
def join_decisions(caller: CallerDep, svc: ServicesDep) -> list[JoinDecision]:
    """The owners' answers to the caller's requests to join, newest first (theirs alone)."""
    with svc.db.read() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action.in_(sorted(DECISIONS)))
            .order_by(AuditEntry.id.desc())
            .limit(DECISIONS_SCANNED)
        ).all()
        mine = [r for r in rows if (r.detail or {}).get("person") == caller.id]
        group_ids = sorted({r.target for r in mine})
        known = (
            {
                g.id: g.name
                for g in session.scalars(
                    select(Group).where(
                        Group.id.in_(group_ids), visible_groups_clause(caller.viewer)
                    )
                )
            }
            if group_ids
            else {}
        )
        return [
            JoinDecision(
                group_id=r.target,
                group_name=known[r.target],
                approved=DECISIONS[r.action],
                decided_at=r.at,
            )
            for r in mine
            if r.target in known
        ][:DECISIONS_KEPT]
