"""The one visibility gate of the server.

Single items are judged by :mod:`kshare.domain.visibility` (the rule itself);
lists and the change feed use :func:`visible_items_clause`, its SQL twin,
which a property test holds equal to the rule. Answers, comments and
attachments are judged by their root item's audience and window; a share or
quote (``quote_of``) needs the original to be visible too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.orm import QueryableAttribute, Session

from kshare.clock import utc_now
from kshare.domain.audience import Audience, Principal, PrincipalKind
from kshare.domain.visibility import Access, Viewer, can_edit, can_view, can_view_derived
from kshare.server.db import session_clock
from kshare.server.tables import AudienceRow, Group, Item, Membership, Person

log = logging.getLogger(__name__)


def viewer_for(session: Session, person: Person) -> Viewer:
    """The domain's view of a person: who they are and the groups they belong to now."""
    group_ids = session.scalars(
        select(Membership.group_id).where(Membership.person_id == person.id)
    ).all()
    return Viewer(
        user_id=person.id,
        group_ids=frozenset(group_ids),
        active=person.active,
        is_admin=person.is_admin,
    )


def audiences(session: Session, roots: Iterable[Item]) -> dict[str, Audience]:
    """The audience of each root item, with its publication window, in one query."""
    by_id = {root.id: root for root in roots}
    viewers: dict[str, set[Principal]] = {item_id: set() for item_id in by_id}
    editors: dict[str, set[Principal]] = {item_id: set() for item_id in by_id}
    if by_id:
        # Plain rows, not ORM objects, and one Principal per distinct (kind, ref): a feed
        # page of org-wide posts would otherwise build hundreds of identical objects.
        table = AudienceRow.__table__
        rows = session.execute(
            select(table.c.item_id, table.c.kind, table.c.ref, table.c.right).where(
                table.c.item_id.in_(list(by_id))
            )
        )
        made: dict[tuple[str, str], Principal] = {}
        for item_id, kind, ref, right in rows:
            principal = made.get((kind, ref))
            if principal is None:
                principal = made[(kind, ref)] = Principal(PrincipalKind(kind), ref)
            (editors if right == "edit" else viewers)[item_id].add(principal)
    # Equal audiences become one object, so callers that describe or judge each distinct
    # audience once (a feed page) find it by identity instead of comparing sets.
    shared: dict[Audience, Audience] = {}
    out: dict[str, Audience] = {}
    for item_id, root in by_id.items():
        audience = Audience(
            viewers=frozenset(viewers[item_id]),
            editors=frozenset(editors[item_id]),
            publish_at=root.publish_at,
            visible_until=root.visible_until,
        )
        out[item_id] = shared.setdefault(audience, audience)
    return out


@dataclass(frozen=True)
class Judged:
    """An item with what the rule needs about it: its root's access and the original's."""

    item: Item
    root: Item
    access: Access
    original: Access | None = None


class Gate:
    """Loads what the rule needs for a batch of items and answers view/edit questions."""

    def __init__(self, session: Session, viewer: Viewer, now: datetime | None = None) -> None:
        self.session = session
        self.viewer = viewer
        self.now = now or session_clock(session).now()

    def judge(self, items: Iterable[Item]) -> dict[str, Judged]:
        items = list(items)
        needed = {i.root_id for i in items} | {i.quote_of for i in items if i.quote_of}
        known = {i.id: i for i in items}
        missing = needed - set(known)
        if missing:
            for extra in self.session.scalars(select(Item).where(Item.id.in_(missing))):
                known[extra.id] = extra
        originals = [known[i.quote_of] for i in items if i.quote_of and i.quote_of in known]
        more_roots = {o.root_id for o in originals} - set(known)
        if more_roots:
            for extra in self.session.scalars(select(Item).where(Item.id.in_(more_roots))):
                known[extra.id] = extra
        root_ids = {i.root_id for i in items} | {o.root_id for o in originals}
        aud = audiences(self.session, [known[r] for r in root_ids if r in known])

        def access(item: Item) -> Access:
            root = known.get(item.root_id)
            if root is None:  # a dangling root can only mean damage: show nothing
                return Access(author_id=item.author_id, audience=Audience(), deleted=True)
            return Access(
                author_id=root.author_id,
                audience=aud[root.id],
                deleted=item.deleted or root.deleted,
            )

        judged: dict[str, Judged] = {}
        for item in items:
            original = None
            if item.quote_of:
                source = known.get(item.quote_of)
                original = (
                    access(source)
                    if source is not None
                    else Access(author_id="", audience=Audience(), deleted=True)
                )
            root = known.get(item.root_id, item)
            judged[item.id] = Judged(item, root, access(item), original)
        return judged

    def sees(self, judged: Judged) -> bool:
        if judged.original is not None:
            return can_view_derived(self.viewer, judged.access, judged.original, self.now)
        return can_view(self.viewer, judged.access, self.now)

    def may_edit(self, judged: Judged) -> bool:
        if not self.sees(judged):
            return False
        if judged.item.id != judged.root.id:
            # An answer or comment is its own author's to change, within the parent's audience.
            return judged.item.author_id == self.viewer.user_id
        return can_edit(self.viewer, judged.access, self.now)

    def visible(self, items: Iterable[Item]) -> list[Item]:
        """The items ``viewer`` may see, in the given order."""
        items = list(items)
        judged = self.judge(items)
        return [i for i in items if self.sees(judged[i.id])]

    def one(self, item_id: str) -> Judged | None:
        """The item if the viewer may see it, else None (the caller answers 404 either way)."""
        item = self.session.get(Item, item_id)
        if item is None:
            return None
        judged = self.judge([item])[item.id]
        return judged if self.sees(judged) else None


def sees_private_fields(viewer: Viewer, person_id: str) -> bool:
    """Whether the viewer may receive what a person keeps to themselves.

    The fields marked ``x-audience: self`` in the wire schemas (hidden and removed
    expertise topics): only the person, signed in and active, gets them. Everyone
    else gets the sealed form (see :func:`kshare.domain.expertise.seal_topic`).
    """
    return viewer.active and viewer.user_id == person_id


def _root_visible(
    root_id: ColumnElement[str] | QueryableAttribute[str], viewer: Viewer, now: datetime
) -> ColumnElement[bool]:
    # Core aliases, not ORM ones: this clause is built on every feed request and ORM
    # adaptation made it the most expensive part of a page.
    root = Item.__table__.alias()
    row = AudienceRow.__table__.alias()
    matches = exists().where(
        row.c.item_id == root.c.id,
        or_(
            row.c.kind == PrincipalKind.ORG.value,
            and_(row.c.kind == PrincipalKind.GROUP.value, row.c.ref.in_(sorted(viewer.group_ids))),
            and_(row.c.kind == PrincipalKind.PERSON.value, row.c.ref == viewer.user_id),
            and_(row.c.kind == PrincipalKind.AUTHOR.value, root.c.author_id == viewer.user_id),
        ),
    )
    in_window = and_(
        or_(root.c.publish_at.is_(None), root.c.publish_at <= now),
        or_(root.c.visible_until.is_(None), root.c.visible_until > now),
    )
    return exists().where(
        root.c.id == root_id,
        root.c.deleted.is_(False),
        or_(root.c.author_id == viewer.user_id, and_(in_window, matches)),
    )


def visible_items_clause(viewer: Viewer, now: datetime | None = None) -> ColumnElement[bool]:
    """SQL for "items ``viewer`` may see at ``now``": the twin of :meth:`Gate.sees`."""
    if not viewer.active:
        return false()
    now = now or utc_now()
    original = Item.__table__.alias()
    original_ok = exists().where(
        original.c.id == Item.quote_of,
        original.c.deleted.is_(False),
        _root_visible(original.c.root_id, viewer, now),
    )
    return and_(
        Item.deleted.is_(False),
        _root_visible(Item.root_id, viewer, now),
        or_(Item.quote_of.is_(None), original_ok),
    )


def visible_groups_clause(viewer: Viewer) -> ColumnElement[bool]:
    """Groups the viewer may know: every open or closed group, secret ones only to members."""
    if not viewer.active:
        return false()
    return or_(Group.visibility != "secret", Group.id.in_(sorted(viewer.group_ids)))
