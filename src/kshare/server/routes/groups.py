"""Group membership self-service: list groups, join or ask to join, leave, answer requests.

Open groups take anyone at once; closed ones take a request that an owner
approves or declines; secret ones are never listed to or joinable by
outsiders. Which groups a caller may know at all is the gate's
:func:`~kshare.server.policy.visible_groups_clause`; a group outside it
answers exactly like one that does not exist. Every membership change goes
through :func:`~kshare.server.changes.set_membership`, as the admin tools'
do, so the member's feed reconciles and every device gets the new member
list, and each step is audited in the same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kshare.protocol import routes as paths
from kshare.protocol.schemas import GroupListing, JoinRequestOut
from kshare.server import serialize
from kshare.server.audit import audit
from kshare.server.auth import Caller
from kshare.server.changes import set_membership
from kshare.server.errors import ApiError, not_found
from kshare.server.policy import viewer_for, visible_groups_clause
from kshare.server.routes.account import ERRORS
from kshare.server.routes.deps import CallerDep, ServicesDep, idempotent
from kshare.server.tables import Group, JoinRequest, Membership, Person

log = logging.getLogger(__name__)

router = APIRouter(responses=ERRORS)
GroupId = Path(min_length=1, max_length=64)
PersonId = Path(min_length=1, max_length=64)
ONE_GROUP = f"{paths.GROUPS}/{{group_id}}"
ONE_REQUEST = f"{ONE_GROUP}/requests/{{person_id}}"


def _known_group(session: Session, caller: Caller, group_id: str, *, lock: bool) -> Group:
    """The group if the caller may know it, else the same 404 as for no group at all.

    The viewer is rebuilt inside this transaction, so a membership that changed
    since the caller was authenticated counts as it stands now. ``lock`` holds
    the group's row until commit (PostgreSQL; SQLite writers are serialised
    anyway), so two owners leaving at once cannot both pass the last-owner check.
    """
    viewer = viewer_for(session, caller.person)
    query = select(Group).where(Group.id == group_id, visible_groups_clause(viewer))
    if lock:
        query = query.with_for_update()
    group = session.scalars(query).one_or_none()
    if group is None:
        raise not_found("group")
    return group


def _person(session: Session, person_id: str) -> Person:
    # Loaded in this transaction: the caller's Person came from the sign-in's session.
    person = session.get(Person, person_id)
    if person is None:  # a membership or request row's foreign key rules this out
        raise not_found("person")
    return person


def _require_owner(session: Session, caller: Caller, group: Group) -> None:
    row = session.get(Membership, (group.id, caller.id))
    if row is None or not row.is_owner:
        raise ApiError(403, "forbidden", "Only the group's owners can see and answer requests.")


def _pending(session: Session, group: Group, person_id: str) -> JoinRequest | None:
    # A request made while the group was closed does not survive it turning secret:
    # secret groups are never joined by request.
    if group.visibility == "secret":
        return None
    return session.get(JoinRequest, (group.id, person_id))


def _listings(session: Session, caller: Caller, groups: Sequence[Group]) -> list[GroupListing]:
    ids = [g.id for g in groups]
    counts: dict[str, int] = {}
    if ids:
        counts = {
            group_id: count
            for group_id, count in session.execute(
                select(Membership.group_id, func.count())
                .where(Membership.group_id.in_(ids))
                .group_by(Membership.group_id)
            )
        }
    mine = {
        row.group_id: row.is_owner
        for row in session.scalars(select(Membership).where(Membership.person_id == caller.id))
    }
    asked = set(
        session.scalars(select(JoinRequest.group_id).where(JoinRequest.person_id == caller.id))
    )
    owned = [g.id for g in groups if mine.get(g.id) and g.visibility != "secret"]
    waiting: dict[str, int] = {}
    if owned:
        # as list_requests counts them: people an admin added meanwhile wait for nothing
        already = select(Membership.person_id).where(
            Membership.group_id == JoinRequest.group_id,
            Membership.person_id == JoinRequest.person_id,
        )
        waiting = {
            group_id: count
            for group_id, count in session.execute(
                select(JoinRequest.group_id, func.count())
                .where(JoinRequest.group_id.in_(owned), ~already.exists())
                .group_by(JoinRequest.group_id)
            )
        }
    return [
        GroupListing(
            id=g.id,
            name=g.name,
            kind=g.kind,  # type: ignore[arg-type]
            visibility=g.visibility,  # type: ignore[arg-type]
            description=g.description,
            member_count=counts.get(g.id, 0),
            is_member=g.id in mine,
            is_owner=mine.get(g.id, False),
            request_pending=g.id not in mine and g.visibility == "closed" and g.id in asked,
            pending_requests=waiting.get(g.id, 0) if g.id in owned else None,
        )
        for g in groups
    ]


@router.get(paths.GROUPS, response_model=list[GroupListing])
def list_groups(caller: CallerDep, svc: ServicesDep) -> list[GroupListing]:
    """Every group the caller may know, by name."""
    with svc.db.read() as session:
        groups = session.scalars(
            select(Group).where(visible_groups_clause(caller.viewer)).order_by(Group.name_key)
        ).all()
        return _listings(session, caller, groups)


@router.post(f"{ONE_GROUP}/join", response_model=GroupListing)
def join_group(
    request: Request, caller: CallerDep, svc: ServicesDep, group_id: str = GroupId
) -> Response:
    """Open: join now. Closed: ask the owners (once; asking again changes nothing)."""

    def work(session: Session) -> GroupListing:
        group = _known_group(session, caller, group_id, lock=True)
        member = session.get(Membership, (group.id, caller.id))
        pending = session.get(JoinRequest, (group.id, caller.id))
        if member is not None:
            pass  # already in (secret groups end here too: only members know them)
        elif group.visibility == "open":
            if pending is not None:  # asked while it was closed; no owner needs to answer now
                session.delete(pending)
            set_membership(session, group, _person(session, caller.id), member=True)
            audit(
                session, "group_joined", actor_id=caller.id, target=group.id, address=caller.address
            )
        elif group.visibility == "closed":
            if pending is None:
                session.add(JoinRequest(group_id=group.id, person_id=caller.id))
                session.flush()
                audit(
                    session,
                    "group_join_requested",
                    actor_id=caller.id,
                    target=group.id,
                    address=caller.address,
                )
        else:  # secret and not a member: the gate should have hidden it already
            raise not_found("group")
        return _listings(session, caller, [group])[0]

    return idempotent(svc, caller, request, 200, work)


@router.post(f"{ONE_GROUP}/leave", status_code=204, response_class=Response)
def leave_group(
    request: Request, caller: CallerDep, svc: ServicesDep, group_id: str = GroupId
) -> Response:
    """Leave (or withdraw a pending request); the last owner must hand over first."""

    def work(session: Session) -> None:
        group = _known_group(session, caller, group_id, lock=True)
        row = session.get(Membership, (group.id, caller.id))
        pending = session.get(JoinRequest, (group.id, caller.id))
        if pending is not None:
            session.delete(pending)
            audit(
                session,
                "group_join_withdrawn",
                actor_id=caller.id,
                target=group.id,
                address=caller.address,
            )
        if row is None:
            return  # not a member: leaving again is harmless
        if row.is_owner:
            owners = session.scalar(
                select(func.count()).where(
                    Membership.group_id == group.id, Membership.is_owner.is_(True)
                )
            )
            if (owners or 0) <= 1:
                raise ApiError(
                    409,
                    "last_owner",
                    f"You are the only owner of {group.name}; make someone else an owner "
                    "before you leave.",
                )
        set_membership(session, group, _person(session, caller.id), member=False)
        audit(session, "group_left", actor_id=caller.id, target=group.id, address=caller.address)

    return idempotent(svc, caller, request, 204, work)


@router.get(f"{ONE_GROUP}/requests", response_model=list[JoinRequestOut])
def list_requests(
    caller: CallerDep, svc: ServicesDep, group_id: str = GroupId
) -> list[JoinRequestOut]:
    """Pending requests to join, oldest first (owners only)."""
    with svc.db.read() as session:
        group = _known_group(session, caller, group_id, lock=False)
        _require_owner(session, caller, group)
        if group.visibility == "secret":
            return []
        rows = session.execute(
            select(JoinRequest, Person)
            .join(Person, Person.id == JoinRequest.person_id)
            .where(
                JoinRequest.group_id == group.id,
                # An admin may have added the person meanwhile; nothing is left to answer.
                JoinRequest.person_id.not_in(
                    select(Membership.person_id).where(Membership.group_id == group.id)
                ),
            )
            .order_by(JoinRequest.created_at, Person.username_key)
        ).all()
        return [
            JoinRequestOut(person=serialize.person_ref(person), requested_at=req.created_at)
            for req, person in rows
        ]


@router.post(f"{ONE_REQUEST}/approve", status_code=204, response_class=Response)
def approve_request(
    request: Request,
    caller: CallerDep,
    svc: ServicesDep,
    group_id: str = GroupId,
    person_id: str = PersonId,
) -> Response:
    """Make the requester a member (owners only); approving an existing member changes nothing."""

    def work(session: Session) -> None:
        group = _known_group(session, caller, group_id, lock=True)
        _require_owner(session, caller, group)
        pending = _pending(session, group, person_id)
        if session.get(Membership, (group.id, person_id)) is not None:
            # Approved already (a retry without an Idempotency-Key) or added by an admin.
            if pending is not None:
                session.delete(pending)
            return
        if pending is None:
            raise not_found("pending request from this person")
        session.delete(pending)
        set_membership(session, group, _person(session, person_id), member=True)
        audit(
            session,
            "group_join_approved",
            actor_id=caller.id,
            target=group.id,
            address=caller.address,
            person=person_id,
        )

    return idempotent(svc, caller, request, 204, work)


@router.post(f"{ONE_REQUEST}/decline", status_code=204, response_class=Response)
def decline_request(
    request: Request,
    caller: CallerDep,
    svc: ServicesDep,
    group_id: str = GroupId,
    person_id: str = PersonId,
) -> Response:
    """Drop the request (owners only); the person may ask again later."""

    def work(session: Session) -> None:
        group = _known_group(session, caller, group_id, lock=True)
        _require_owner(session, caller, group)
        pending = _pending(session, group, person_id)
        if pending is None:
            raise not_found("pending request from this person")
        session.delete(pending)
        audit(
            session,
            "group_join_declined",
            actor_id=caller.id,
            target=group.id,
            address=caller.address,
            person=person_id,
        )

    return idempotent(svc, caller, request, 204, work)
