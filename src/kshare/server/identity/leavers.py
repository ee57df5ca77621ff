"""Leavers: their devices, and handing their items and groups to someone else.

Content stays attributed to the person who wrote it; what moves is who may keep
it current (see and edit each item) and who owns their groups.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kshare.server.changes import set_membership, touch
from kshare.server.tables import AudienceRow, DeviceSession, Group, Item, Membership, Person


def device_state(row: DeviceSession) -> str:
    if row.wipe_requested_at is not None:
        return "wiped" if row.wiped_at is not None else "wipe pending"
    if row.revoked_at is not None:
        return f"signed out ({row.revoke_reason})" if row.revoke_reason else "signed out"
    return "active"


def devices_of(session: Session, person_id: str) -> list[dict[str, Any]]:
    """Every device session of a person, newest contact first, with where each stands."""
    rows = session.scalars(
        select(DeviceSession)
        .where(DeviceSession.person_id == person_id)
        .order_by(DeviceSession.last_seen_at.desc())
    ).all()
    return [
        {
            "id": row.id,
            "host_name": row.host_name,
            "platform": row.platform,
            "app_version": row.app_version,
            "created_at": row.created_at.isoformat(),
            "last_seen_at": row.last_seen_at.isoformat(),
            "address": row.address,
            "state": device_state(row),
        }
        for row in rows
    ]


def hand_over(session: Session, old: Person, new: Person) -> dict[str, int]:
    """``new`` may see and edit each of ``old``'s top-level items and owns ``old``'s groups.

    Every changed item and group takes a new ``seq``, so devices sync it again.
    """
    items = session.scalars(
        select(Item).where(
            Item.author_id == old.id, Item.deleted.is_(False), Item.root_id == Item.id
        )
    ).all()
    for item in items:
        have = {
            row.right
            for row in session.scalars(
                select(AudienceRow).where(
                    AudienceRow.item_id == item.id,
                    AudienceRow.kind == "person",
                    AudienceRow.ref == new.id,
                )
            )
        }
        for right in ("view", "edit"):
            if right not in have:
                session.add(AudienceRow(item_id=item.id, kind="person", ref=new.id, right=right))
        touch(session, item)
    owned = session.scalars(
        select(Membership).where(Membership.person_id == old.id, Membership.is_owner.is_(True))
    ).all()
    groups = 0
    for membership in owned:
        group = session.get(Group, membership.group_id)
        assert group is not None
        set_membership(session, group, new, member=True, owner=True)
        membership.is_owner = False
        touch(session, group)
        groups += 1
    return {"items": len(items), "groups": groups}
