"""SCIM resources onto kshare's people and groups, and back.

Every change goes through the functions the admin command uses
(:mod:`kshare.server.identity.membership`, the group deletion of
:mod:`kshare.server.ops.directory`), so a member removed or a person deactivated
by the directory leaves the same tombstones and purges the same desktops.
``by`` names the SCIM token on every audit entry.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

from scim2_models import (
    Email,
    GroupMembership,
    InvalidFilterException,
    InvalidValueException,
    Meta,
    NotFoundException,
    UniquenessException,
)
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from kshare.server.audience_io import name_key
from kshare.server.audit import audit
from kshare.server.changes import touch
from kshare.server.db import next_seq
from kshare.server.identity import membership
from kshare.server.identity.scim.models import MAX_MEMBERS, Member, ScimGroup, ScimUser
from kshare.server.tables import Group, Membership, Person

MAX_FILTER = 512
# The one filter form the directories send to match accounts: ATTRIBUTE eq "VALUE".
FILTER = re.compile(r'\s*([A-Za-z.]{1,40})\s+eq\s+"((?:[^"\\]|\\.){0,400})"\s*', re.IGNORECASE)
USER_FILTERS = {"username": "username", "externalid": "external_id", "id": "id"}
GROUP_FILTERS = {"displayname": "name", "externalid": "external_id", "id": "id"}


def parse_filter(text: str | None, allowed: dict[str, str]) -> tuple[str, str] | None:
    """``(column, value)`` of an ``ATTRIBUTE eq "VALUE"`` filter, None without a filter."""
    if text is None or not text.strip():
        return None
    match = FILTER.fullmatch(text) if len(text) <= MAX_FILTER else None
    if match is None:
        raise InvalidFilterException(detail='Only filters of the form attribute eq "value".')
    column = allowed.get(match.group(1).casefold())
    if column is None:
        raise InvalidFilterException(detail=f"Filtering on {match.group(1)} is not supported.")
    return column, re.sub(r"\\(.)", r"\1", match.group(2))


def _meta(kind: str, row_id: str, created: datetime, base_url: str) -> Meta:
    return Meta(
        resource_type=kind,
        created=created,
        last_modified=created,
        location=f"{base_url}/{kind}s/{row_id}",
    )


# --- people ---------------------------------------------------------------------------------


def users_query(found: tuple[str, str] | None) -> Select[Any]:
    query = select(Person).where(Person.deprovisioned_at.is_(None))
    if found is not None:
        column, value = found
        if column == "username":
            query = query.where(Person.username_key == name_key(value))
        else:
            query = query.where(getattr(Person, column) == value)
    return query.order_by(Person.created_at, Person.id)


def count(session: Session, query: Select[Any]) -> int:
    return int(
        session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    )


def get_user(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deprovisioned_at is not None:
        raise NotFoundException(detail=f"No user {person_id[:100]}.")
    return person


def user_resource(session: Session, person: Person, base_url: str) -> ScimUser:
    groups = session.execute(
        select(Group.id, Group.name)
        .join(Membership, Membership.group_id == Group.id)
        .where(Membership.person_id == person.id, Group.external_id.is_not(None))
        .order_by(Group.name_key)
    ).all()
    said = person.scim_data or {}
    return ScimUser(
        id=person.id,
        external_id=person.external_id,
        meta=_meta("User", person.id, person.created_at, base_url),
        user_name=person.username,
        display_name=person.display_name if said.get("display_name", True) else None,
        title=person.title or None,
        active=person.active if said.get("active", True) else None,
        emails=[Email.model_validate(e) for e in said.get("emails", [])] or None,
        groups=[
            GroupMembership(
                value=gid,
                display=name,
                type="direct",
                ref=f"{base_url}/Groups/{gid}",  # type: ignore[arg-type]
            )
            for gid, name in groups
        ]
        or None,
    )


def _username(value: str | None) -> str:
    clean = (value or "").strip()
    if not clean or any(c.isspace() for c in clean) or len(clean) > 150:
        raise InvalidValueException(detail="userName is 1-150 characters without spaces.")
    return clean


def _apply_user(
    session: Session, person: Person, resource: ScimUser, now: datetime, by: str
) -> None:
    username = _username(resource.user_name)
    taken = session.scalars(
        select(Person).where(Person.username_key == name_key(username), Person.id != person.id)
    ).first()
    if taken is not None:
        raise UniquenessException(detail=f"The userName {username} is taken.")
    emails = [e.model_dump(mode="json", exclude_none=True) for e in resource.emails or []][:20]
    primary = next((e for e in emails if e.get("primary")), emails[0] if emails else {})
    person.username, person.username_key = username, name_key(username)
    person.display_name = " ".join((resource.display_name or username).split())[:200]
    person.title = " ".join((resource.title or "").split())[:200]
    person.external_id = (resource.external_id or "")[:300] or None
    person.scim_data = {
        "emails": emails,
        "display_name": resource.display_name is not None,
        "active": resource.active is not None,
    }
    person.email = str(primary.get("value", ""))[:320]
    touch(session, person)
    if resource.active is not None:
        why = "deactivated by the directory" if not resource.active else ""
        membership.set_active(session, person, resource.active, now, by=by, why=why)


def create_user(session: Session, resource: ScimUser, now: datetime, by: str) -> Person:
    person = Person(
        id=str(uuid.uuid4()),
        username="",
        username_key=f"creating:{uuid.uuid4()}",
        display_name="",
        skills=[],
        ask_me_about=[],
        expertise_confirmed=[],
        expertise_hidden=[],
        expert_opt_out=False,
        active=True,
        is_admin=False,
        password_hash="",
        membership_epoch=0,
        version=1,
        seq=next_seq(session),
        created_at=now,
        scim_data={},
    )
    session.add(person)
    _apply_user(session, person, resource, now, by)
    session.flush()
    audit(session, "user_created", target=person.id, admin=True, by=by, username=person.username)
    return person


def replace_user(
    session: Session, person: Person, resource: ScimUser, now: datetime, by: str
) -> None:
    _apply_user(session, person, resource, now, by)
    audit(session, "user_updated", target=person.id, admin=True, by=by, username=person.username)


def delete_user(session: Session, person: Person, now: datetime, by: str) -> None:
    """A leaver for good: disabled (tokens end, desktops wipe), gone from SCIM, content kept."""
    membership.set_active(session, person, False, now, by=by, why="deleted by the directory")
    person.deprovisioned_at = now
    touch(session, person)
    audit(session, "user_deprovisioned", target=person.id, admin=True, by=by)


# --- groups ---------------------------------------------------------------------------------


def groups_query(found: tuple[str, str] | None) -> Select[Any]:
    """Every group: a directory may match one made in kshare (by ``displayName``) and take
    it over; from its first SCIM change on, the group is the directory's."""
    query = select(Group)
    if found is not None:
        column, value = found
        if column == "name":
            query = query.where(Group.name_key == name_key(value))
        else:
            query = query.where(getattr(Group, column) == value)
    return query.order_by(Group.created_at, Group.id)


def get_group(session: Session, group_id: str) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise NotFoundException(detail=f"No group {group_id[:100]}.")
    return group


def group_resource(
    session: Session, group: Group, base_url: str, *, members: bool = True
) -> ScimGroup:
    listed = None
    if members:
        rows = session.scalars(
            select(Person.id)
            .join(Membership, Membership.person_id == Person.id)
            .where(Membership.group_id == group.id)
            .order_by(Person.username_key)
            .limit(MAX_MEMBERS)
        ).all()
        listed = [
            Member(value=pid, type="User", ref=f"{base_url}/Users/{pid}")  # type: ignore[arg-type]
            for pid in rows
        ] or None
    return ScimGroup(
        id=group.id,
        external_id=None if group.external_id == group.id else group.external_id,
        meta=_meta("Group", group.id, group.created_at, base_url),
        display_name=group.name,
        members=listed,
    )


def _members(session: Session, resource: ScimGroup) -> dict[str, Person]:
    wanted: dict[str, Person] = {}
    for member in (resource.members or [])[: MAX_MEMBERS + 1]:
        if len(wanted) >= MAX_MEMBERS:
            raise InvalidValueException(detail=f"A group lists at most {MAX_MEMBERS} members.")
        if member.type not in (None, "User") or not member.value:
            raise InvalidValueException(detail="Group members are users, named by their id.")
        person = session.get(Person, member.value)
        if person is None or person.deprovisioned_at is not None:
            raise InvalidValueException(detail=f"No user {member.value[:100]}.")
        wanted[person.id] = person
    return wanted


def _apply_group(session: Session, group: Group, resource: ScimGroup, by: str) -> None:
    name = " ".join((resource.display_name or "").split())
    if not name or len(name) > 200:
        raise InvalidValueException(detail="displayName is 1-200 characters.")
    taken = session.scalars(
        select(Group).where(Group.name_key == name_key(name), Group.id != group.id)
    ).first()
    if taken is not None:
        raise UniquenessException(detail=f"A group named {name} exists.")
    wanted = _members(session, resource)
    if (group.name, group.external_id) != (name, resource.external_id or group.id):
        group.name, group.name_key = name, name_key(name)
        group.external_id = (resource.external_id or "")[:300] or group.id
        touch(session, group)
    session.flush()
    current = set(
        session.scalars(select(Membership.person_id).where(Membership.group_id == group.id))
    )
    for person_id, person in wanted.items():
        if person_id not in current:
            membership.add_member(session, group, person, by=by)
    for person_id in current - set(wanted):
        leaving = session.get(Person, person_id)
        assert leaving is not None
        membership.remove_member(session, group, leaving, by=by)


def create_group(session: Session, resource: ScimGroup, now: datetime, by: str) -> Group:
    group_id = str(uuid.uuid4())
    group = Group(
        id=group_id,
        name="",
        name_key=f"creating:{group_id}",
        kind="team",
        visibility="closed",
        description="",
        external_id=group_id,
        version=1,
        seq=next_seq(session),
        created_at=now,
    )
    session.add(group)
    _apply_group(session, group, resource, by)
    audit(session, "group_created", target=group.id, admin=True, by=by, name=group.name)
    return group


def replace_group(session: Session, group: Group, resource: ScimGroup, by: str) -> None:
    _apply_group(session, group, resource, by)
    audit(session, "group_updated", target=group.id, admin=True, by=by, name=group.name)


def delete_group(session: Session, group: Group, by: str) -> None:
    from kshare.server.ops.directory import delete_group_row

    delete_group_row(session, group, by=by)
