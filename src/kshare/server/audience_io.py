"""From an author's AudienceSpec to stored audience rows, and the audience preview.

Groups and people may be named by id or by name. A secret group the author
is not in resolves exactly like a name that matches nothing, so an author
can never probe for secret groups.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kshare.domain.audience import Audience, Principal, PrincipalKind
from kshare.domain.visibility import Viewer
from kshare.protocol.schemas import AudiencePreview, AudienceSpec
from kshare.server.serialize import group_ref
from kshare.server.tables import AudienceRow, Group, Membership, Person

log = logging.getLogger(__name__)


def name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Resolved:
    audience: Audience
    groups: list[Group] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _find_group(session: Session, viewer: Viewer, ref: str) -> Group | None:
    group = (
        session.get(Group, ref)
        or session.scalars(select(Group).where(Group.name_key == name_key(ref))).one_or_none()
    )
    if group is None:
        return None
    if group.visibility == "secret" and group.id not in viewer.group_ids:
        return None
    return group


def _find_person(session: Session, ref: str) -> Person | None:
    return (
        session.get(Person, ref)
        or session.scalars(select(Person).where(Person.username_key == name_key(ref))).one_or_none()
    )


def resolve(session: Session, viewer: Viewer, spec: AudienceSpec) -> Resolved:
    """Turn names into ids; unknown names are reported, never guessed."""
    unknown: list[str] = []
    groups: dict[str, Group] = {}

    def principals(group_refs: list[str], person_refs: list[str]) -> set[Principal]:
        found: set[Principal] = set()
        for ref in group_refs:
            group = _find_group(session, viewer, ref)
            if group is None:
                unknown.append(ref)
            else:
                groups[group.id] = group
                found.add(Principal(PrincipalKind.GROUP, group.id))
        for ref in person_refs:
            person = _find_person(session, ref)
            if person is None:
                unknown.append(ref)
            else:
                found.add(Principal(PrincipalKind.PERSON, person.id))
        return found

    viewers = principals(spec.groups, spec.people)
    editors = principals(spec.editor_groups, spec.editor_people)
    if spec.org:
        viewers.add(Principal(PrincipalKind.ORG))
    if spec.private or not (viewers | editors):
        viewers.add(Principal(PrincipalKind.AUTHOR))
    audience = Audience(
        viewers=frozenset(viewers),
        editors=frozenset(editors),
        publish_at=spec.publish_at,
        visible_until=spec.visible_until,
    )
    return Resolved(audience=audience, groups=list(groups.values()), unknown=unknown)


def audience_rows(item_id: str, audience: Audience) -> list[AudienceRow]:
    rows = [
        AudienceRow(item_id=item_id, kind=p.kind.value, ref=p.ref, right="view")
        for p in sorted(audience.viewers)
    ]
    rows += [
        AudienceRow(item_id=item_id, kind=p.kind.value, ref=p.ref, right="edit")
        for p in sorted(audience.editors)
    ]
    return rows


def preview(session: Session, viewer: Viewer, spec: AudienceSpec) -> AudiencePreview:
    """How many active people would see an item with this audience, and through which groups."""
    resolved = resolve(session, viewer, spec)
    audience = resolved.audience
    active = Person.active.is_(True)
    if audience.is_org_wide:
        count = session.scalar(select(func.count()).select_from(Person).where(active))
    else:
        group_ids = [
            p.ref for p in audience.viewers | audience.editors if p.kind is PrincipalKind.GROUP
        ]
        person_ids = [
            p.ref for p in audience.viewers | audience.editors if p.kind is PrincipalKind.PERSON
        ]
        person_ids.append(viewer.user_id)  # the author always sees it
        in_groups = select(Membership.person_id).where(Membership.group_id.in_(group_ids))
        count = session.scalar(
            select(func.count())
            .select_from(Person)
            .where(active, or_(Person.id.in_(person_ids), Person.id.in_(in_groups)))
        )
    return AudiencePreview(
        people_count=int(count or 0),
        groups=[group_ref(g) for g in sorted(resolved.groups, key=lambda g: g.name_key)],
        org_wide=audience.is_org_wide,
        unknown=resolved.unknown,
    )
