"""The curator role: granted by an admin, everywhere or for named groups and tags.

A curator may verify content and keep collections within their scope; the role
itself changes nothing about what they may see. The desktop learns its own role
from the change feed, so it knows whether to show the curation tools.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kshare.domain.audience import PrincipalKind
from kshare.domain.visibility import Viewer
from kshare.protocol.schemas import CuratorRole, GroupRef
from kshare.server.audit import audit
from kshare.server.db import next_seq, session_clock
from kshare.server.policy import Judged
from kshare.server.tables import CuratorGrant, Group, Person
from kshare.server.writes import canonical_tag


@dataclass(frozen=True)
class Scope:
    """Where a person curates; ``everywhere`` covers every item they may see."""

    everywhere: bool = False
    group_ids: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()

    @property
    def any(self) -> bool:
        return self.everywhere or bool(self.group_ids or self.tags)

    def covers(self, judged: Judged) -> bool:
        """Whether an item lies in this scope: a tag of it, or a group of its audience."""
        if self.everywhere:
            return True
        if self.tags & set(judged.root.tags or ()) or self.tags & set(judged.item.tags or ()):
            return True
        audience = judged.access.audience
        groups = {
            p.ref for p in audience.viewers | audience.editors if p.kind is PrincipalKind.GROUP
        }
        return bool(self.group_ids & groups)


NO_SCOPE = Scope()


def scope_of(session: Session, viewer: Viewer) -> Scope:
    """The viewer's curator scope; admins curate everywhere."""
    if not viewer.active:
        return NO_SCOPE
    if viewer.is_admin:
        return Scope(everywhere=True)
    grant = session.get(CuratorGrant, viewer.user_id)
    if grant is None or not grant.active:
        return NO_SCOPE
    return Scope(grant.everywhere, frozenset(grant.group_ids), frozenset(grant.tags))


def role_out(session: Session, viewer: Viewer) -> CuratorRole:
    """The viewer's own role as the desktop receives it (never a secret group they are not in)."""
    grant = session.get(CuratorGrant, viewer.user_id)
    if grant is None or not grant.active or not viewer.active:
        return CuratorRole()
    groups = session.scalars(
        select(Group).where(Group.id.in_(list(grant.group_ids))).order_by(Group.name_key)
    )
    refs = [
        GroupRef(id=g.id, name=g.name, kind=g.kind)  # type: ignore[arg-type]
        for g in groups
        if g.visibility != "secret" or g.id in viewer.group_ids
    ]
    return CuratorRole(
        active=True, everywhere=grant.everywhere, groups=refs, tags=sorted(grant.tags)
    )


def changed_after(session: Session, person_id: str, seq: int) -> bool:
    last = session.scalar(
        select(func.max(CuratorGrant.seq)).where(CuratorGrant.person_id == person_id)
    )
    return last is not None and int(last) > seq


def _tags(tags: Sequence[str]) -> set[str]:
    return {t for t in (canonical_tag(tag) for tag in tags) if t}


def grant(
    session: Session,
    person: Person,
    group_ids: Sequence[str] = (),
    tags: Sequence[str] = (),
    *,
    actor: str,
    now: datetime | None = None,
) -> CuratorGrant:
    """Make ``person`` a curator: everywhere when no group or tag is named, else for those."""
    row = session.get(CuratorGrant, person.id)
    seq = next_seq(session)
    if row is None:
        row = CuratorGrant(person_id=person.id, everywhere=False, group_ids=[], tags=[], seq=seq)
        session.add(row)
    elif not row.active:
        row.everywhere, row.group_ids, row.tags = False, [], []
    if not group_ids and not tags:
        row.everywhere = True
    row.group_ids = sorted(set(row.group_ids) | set(group_ids))
    row.tags = sorted(set(row.tags) | _tags(tags))
    row.active = True
    row.seq = seq
    row.changed_at = now or session_clock(session).now()
    audit(
        session,
        "curator_granted",
        target=person.id,
        admin=True,
        by=actor,
        everywhere=row.everywhere,
        groups=list(row.group_ids),
        tags=list(row.tags),
    )
    return row


def revoke(
    session: Session,
    person: Person,
    group_ids: Sequence[str] = (),
    tags: Sequence[str] = (),
    *,
    actor: str,
    now: datetime | None = None,
) -> bool:
    """Take the role back (whole, or only for the named groups and tags); False if none."""
    row = session.get(CuratorGrant, person.id)
    if row is None or not row.active:
        return False
    if group_ids or tags:
        row.group_ids = sorted(set(row.group_ids) - set(group_ids))
        row.tags = sorted(set(row.tags) - _tags(tags))
        row.active = row.everywhere or bool(row.group_ids or row.tags)
    else:
        row.active, row.everywhere, row.group_ids, row.tags = False, False, [], []
    row.seq = next_seq(session)
    row.changed_at = now or session_clock(session).now()
    audit(
        session,
        "curator_revoked",
        target=person.id,
        admin=True,
        by=actor,
        still_active=row.active,
        groups=list(group_ids),
        tags=sorted(_tags(tags)),
    )
    return True
