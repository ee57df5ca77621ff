"""Recording changes so the feed sees them: new ``seq`` values, tombstones, membership epochs.

Every write path (API, admin tools, demo seed) goes through these helpers, so
a change made anywhere reaches every device's feed the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, or_, select, update
from sqlalchemy.orm import Session

from kshare.domain.audience import Audience
from kshare.server.db import HORIZON, next_seq
from kshare.server.policy import audiences
from kshare.server.tables import (
    CollectionEntryRow,
    Group,
    Item,
    Membership,
    Person,
    Reaction,
    ServerState,
    Tombstone,
)

log = logging.getLogger(__name__)

# A tombstone of this entity records that the person in ``former`` left the group
# ``entity_id``. Kept past the tombstone window: one row per departure, and it lets even a
# desktop that was away for months be told exactly what to drop.
MEMBERSHIP = "membership"


def former_audience(author_id: str, audience: Audience) -> list[str]:
    """Who could see an item before a change, in the tombstone's string form."""
    return sorted({str(p) for p in audience.viewers | audience.editors} | {f"author:{author_id}"})


def touch(
    session: Session, row: Item | Person | Group | Reaction, *, bump_version: bool = True
) -> None:
    """Give a changed row a fresh ``seq`` (and version) so every feed sends it again."""
    row.seq = next_seq(session)
    if bump_version:
        row.version = (row.version or 0) + 1


def tombstone(
    session: Session, entity: str, entity_id: str, reason: str, former: list[str]
) -> None:
    session.add(
        Tombstone(
            seq=next_seq(session), entity=entity, entity_id=entity_id, reason=reason, former=former
        )
    )


def dependents(session: Session, item: Item) -> list[Item]:
    """Items whose visibility follows ``item``: its thread, its shares, collections holding it."""
    thread = select(Item.id).where(Item.root_id == item.id, Item.id != item.id)
    collections = select(CollectionEntryRow.collection_id).where(
        CollectionEntryRow.item_id == item.id
    )
    return list(
        session.scalars(
            select(Item).where(
                or_(Item.id.in_(thread), Item.quote_of == item.id, Item.id.in_(collections)),
                Item.deleted.is_(False),
            )
        )
    )


def item_access_changed(
    session: Session, item: Item, former: list[str], reason: str = "access_revoked"
) -> None:
    """``item`` was deleted or its audience changed: tell everyone who may have held it.

    Its thread and shares get tombstones too (they inherit the audience), and
    every dependent gets a new seq so feeds re-evaluate it.
    """
    tombstone(session, "item", item.id, reason, former)
    for reaction in session.scalars(select(Reaction).where(Reaction.item_id == item.id)):
        touch(session, reaction, bump_version=False)
    for dependent in dependents(session, item):
        if dependent.kind != "collection":
            tombstone(session, "item", dependent.id, "access_revoked", former)
            for reaction in session.scalars(
                select(Reaction).where(Reaction.item_id == dependent.id)
            ):
                touch(session, reaction, bump_version=False)
        touch(session, dependent)


def current_former(session: Session, item: Item) -> list[str]:
    """The tombstone form of ``item``'s governing audience as it stands now."""
    root = item if item.root_id == item.id else session.get(Item, item.root_id)
    if root is None:
        return [f"author:{item.author_id}"]
    return former_audience(root.author_id, audiences(session, [root])[root.id])


def bump_epoch(session: Session, person_ids: Iterable[str]) -> None:
    """What these people may see changed wholesale: their feeds must reconcile."""
    ids = sorted(set(person_ids))
    if ids:
        session.execute(
            update(Person)
            .where(Person.id.in_(ids))
            .values(membership_epoch=Person.membership_epoch + 1)
        )


def set_membership(
    session: Session, group: Group, person: Person, *, member: bool, owner: bool = False
) -> bool:
    """Add or remove a member; True when something changed."""
    row = session.get(Membership, (group.id, person.id))
    if member:
        if row is not None and row.is_owner == owner:
            return False
        if row is None:
            session.add(Membership(group_id=group.id, person_id=person.id, is_owner=owner))
        else:
            row.is_owner = owner
    else:
        if row is None:
            return False
        session.delete(row)
        # The feed expands this into explicit removals of what the group showed the person,
        # so their desktops drop it however much it is (see feed.FeedBuilder).
        tombstone(session, MEMBERSHIP, group.id, "access_revoked", [f"person:{person.id}"])
        if group.visibility == "secret":
            tombstone(session, "group", group.id, "access_revoked", [f"person:{person.id}"])
    session.flush()
    touch(session, group)
    bump_epoch(session, [person.id])
    return True


def prune_tombstones(session: Session, window_start: datetime) -> int:
    """Forget tombstones older than the window; cursors from before must reconcile."""
    newest_old = session.scalar(
        select(Tombstone.seq)
        .where(Tombstone.created_at < window_start)
        .order_by(Tombstone.seq.desc())
        .limit(1)
    )
    if newest_old is None:
        return 0
    result = cast(
        "CursorResult[Any]",
        session.execute(
            delete(Tombstone).where(Tombstone.seq <= newest_old, Tombstone.entity != MEMBERSHIP)
        ),
    )
    session.execute(update(ServerState).where(ServerState.name == HORIZON).values(value=newest_old))
    log.info("pruned %s tombstones up to seq %s", result.rowcount, newest_old)
    return int(result.rowcount or 0)
