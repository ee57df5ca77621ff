"""Turn rows into wire objects for one viewer (batched: a feed page is a handful of queries)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kshare.domain.audience import Audience, PrincipalKind
from kshare.domain.expertise import SEALED, seal_topic
from kshare.domain.visibility import Viewer
from kshare.protocol.schemas import (
    AudienceView,
    BlobRef,
    FileVersion,
    GroupOut,
    GroupRef,
    ItemOut,
    PersonOut,
    PersonRef,
    ReactionOut,
)
from kshare.server.curation import entries as curation_entries
from kshare.server.curation import marks as verification
from kshare.server.policy import Gate, Judged, sees_private_fields
from kshare.server.tables import (
    Endorsement,
    Group,
    Item,
    ItemFileVersion,
    Membership,
    Mention,
    Person,
    Reaction,
    ServerMeta,
)


def person_ref(person: Person) -> PersonRef:
    return PersonRef(id=person.id, username=person.username, display_name=person.display_name)


def group_ref(group: Group) -> GroupRef:
    return GroupRef(id=group.id, name=group.name, kind=group.kind)  # type: ignore[arg-type]


def audience_view(
    audience: Audience,
    groups: dict[str, Group],
    people: dict[str, Person],
    member_of: frozenset[str],
) -> AudienceView:
    """What a viewer is shown of an audience: secret groups they are not in are only counted."""
    view = AudienceView(
        org=audience.is_org_wide,
        private=audience.is_private,
        publish_at=audience.publish_at,
        visible_until=audience.visible_until,
    )
    hidden: set[str] = set()
    for principals, group_list, person_list in (
        (audience.viewers, view.groups, view.people),
        (audience.editors, view.editor_groups, view.editor_people),
    ):
        for principal in sorted(principals):
            if principal.kind is PrincipalKind.GROUP:
                group = groups.get(principal.ref)
                if group is None:
                    continue
                if group.visibility == "secret" and group.id not in member_of:
                    hidden.add(group.id)
                    continue
                group_list.append(group_ref(group))
            elif principal.kind is PrincipalKind.PERSON and principal.ref in people:
                person_list.append(person_ref(people[principal.ref]))
    view.hidden_groups = len(hidden)
    return view


def items_out(gate: Gate, judged: Sequence[Judged]) -> list[ItemOut]:
    """Wire form of items the gate has already found visible."""
    session = gate.session
    if not judged:
        return []
    ids = [j.item.id for j in judged]
    # Equal audiences are usually one shared object: look at each distinct one once.
    distinct = {id(j.access.audience): j.access.audience for j in judged}.values()
    principals = {p for a in distinct for p in (*a.viewers, *a.editors)}
    group_ids = {p.ref for p in principals if p.kind is PrincipalKind.GROUP}
    person_ids = {p.ref for p in principals if p.kind is PrincipalKind.PERSON}
    groups = {g.id: g for g in session.scalars(select(Group).where(Group.id.in_(group_ids)))}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(person_ids)))}
    mentions: dict[str, list[str]] = defaultdict(list)
    for item_id, person_id in session.execute(
        select(Mention.item_id, Mention.person_id).where(Mention.item_id.in_(ids))
    ):
        mentions[item_id].append(person_id)
    collection_ids = [j.item.id for j in judged if j.item.kind == "collection"]
    # A collection never reveals an entry the viewer could not see on its own.
    entries = curation_entries.visible_entries(gate, collection_ids)
    verifications = verification.verifications_out(session, ids)
    versions = file_versions_of(session, [j.item.id for j in judged if j.item.blob_sha256])
    parent_ids = {j.item.parent_id for j in judged if j.item.kind == "answer" and j.item.parent_id}
    accepted = set(
        session.scalars(
            select(Item.accepted_answer_id).where(
                Item.id.in_(parent_ids), Item.accepted_answer_id.is_not(None)
            )
        )
    )
    # Most items of a page share a handful of audiences (org-wide, a team): describe each
    # audience once per call instead of once per item.
    views: dict[Audience, AudienceView] = {}
    edit_rights: dict[tuple[object, ...], bool] = {}
    out = []
    for j in judged:
        item = j.item
        audience = j.access.audience
        view = views.get(audience)
        if view is None:
            view = views[audience] = audience_view(audience, groups, people, gate.viewer.group_ids)
        # The gate's answer depends only on these; a page asks it once per distinct key.
        edit_key = (j.access, j.original, item.id == j.root.id, item.author_id)
        can_edit = edit_rights.get(edit_key)
        if can_edit is None:
            can_edit = edit_rights[edit_key] = gate.may_edit(j)
        attachment = None
        if item.blob_sha256:
            attachment = BlobRef(
                sha256=item.blob_sha256,
                size=item.blob_size or 0,
                mime=item.blob_mime or "application/octet-stream",
                filename=item.blob_filename,
            )
        out.append(
            ItemOut(
                id=item.id,
                kind=item.kind,  # type: ignore[arg-type]
                parent_id=item.parent_id,
                quote_of=item.quote_of,
                author_id=item.author_id,
                title=item.title,
                body=item.body,
                tags=list(item.tags),
                created_at=item.created_at,
                updated_at=item.updated_at,
                version=item.version,
                accepted_answer_id=item.accepted_answer_id,
                is_accepted=item.id in accepted,
                score=item.score,
                audience=view,
                can_edit=can_edit,
                mentions=sorted(mentions[item.id]),
                attachment=attachment,
                entries=entries.get(item.id, []),
                verification=verifications.get(item.id),
                file_versions=versions.get(item.id, []),
            )
        )
    return out


def file_version_out(row: ItemFileVersion) -> FileVersion:
    return FileVersion(
        number=row.number,
        sha256=row.sha256,
        size=row.size,
        mime=row.mime or "application/octet-stream",
        filename=row.filename,
        uploader_id=row.uploader_id,
        created_at=row.created_at,
    )


def file_versions_of(session: Session, item_ids: Sequence[str]) -> dict[str, list[FileVersion]]:
    """The file versions of items already found visible, oldest first, in one query."""
    found: dict[str, list[FileVersion]] = defaultdict(list)
    if not item_ids:
        return found
    rows = session.scalars(
        select(ItemFileVersion)
        .where(ItemFileVersion.item_id.in_(item_ids))
        .order_by(ItemFileVersion.item_id, ItemFileVersion.number)
    )
    for row in rows:
        found[row.item_id].append(file_version_out(row))
    return found


SEALED_BUCKET = 4


def topic_salt(session: Session) -> str:
    row = session.get(ServerMeta, "topic_salt")
    return row.text if row is not None and row.text else "kshare"


def _hidden_for(viewer: Viewer, person: Person, salt: str) -> list[str]:
    if sees_private_fields(viewer, person.id):
        return list(person.expertise_hidden)
    # Colleagues' desktops must still leave the person out for these topics: sealed.
    sealed = {seal_topic(salt, topic) for topic in person.expertise_hidden}
    # Padded to a multiple of SEALED_BUCKET with stand-ins, so the count says little:
    # digests of no topic's key (finding one would take a SHA-256 preimage), the same
    # on every sync so they never show up as a change.
    n = 0
    while sealed and len(sealed) % SEALED_BUCKET:
        stand_in = hashlib.sha256(f"stand-in\0{salt}\0{person.id}\0{n}".encode()).hexdigest()
        sealed.add(f"{SEALED}{salt}:{stand_in}")
        n += 1
    return sorted(sealed)


def people_out(session: Session, people: Iterable[Person], viewer: Viewer) -> list[PersonOut]:
    """People as ``viewer`` may receive them: private fields only for the person."""
    people = list(people)
    salt = topic_salt(session) if any(p.expertise_hidden for p in people) else ""
    # one entry per skill however endorsers spelled it ("Go", "go"), named as the person
    # lists it among their skills, else as the first endorser wrote it
    by_key: dict[str, dict[str, tuple[str, list[str]]]] = defaultdict(dict)
    if people:
        rows = session.scalars(
            select(Endorsement)
            .where(Endorsement.endorsee_id.in_([p.id for p in people]))
            .order_by(Endorsement.created_at, Endorsement.endorser_id)
        )
        for row in rows:
            by_key[row.endorsee_id].setdefault(row.skill_key, (row.skill, []))[1].append(
                row.endorser_id
            )
    endorsed: dict[str, dict[str, list[str]]] = {}
    for p in people:
        own = {" ".join(s.split()).casefold(): s for s in p.skills}
        endorsed[p.id] = {
            own.get(key, name): endorsers for key, (name, endorsers) in by_key[p.id].items()
        }
    return [
        PersonOut(
            id=p.id,
            username=p.username,
            display_name=p.display_name,
            title=p.title,
            department=p.department,
            location=p.location,
            manager_id=p.manager_id,
            skills=list(p.skills),
            ask_me_about=list(p.ask_me_about),
            endorsements=endorsed[p.id],
            expertise_confirmed=list(p.expertise_confirmed),
            expertise_hidden=_hidden_for(viewer, p, salt),
            expert_opt_out=p.expert_opt_out,
            active=p.active,
            version=p.version,
        )
        for p in people
    ]


def groups_out(session: Session, groups: Iterable[Group]) -> list[GroupOut]:
    groups = list(groups)
    members: dict[str, list[str]] = defaultdict(list)
    owners: dict[str, list[str]] = defaultdict(list)
    if groups:
        rows = session.scalars(
            select(Membership)
            .where(Membership.group_id.in_([g.id for g in groups]))
            .order_by(Membership.person_id)
        )
        for row in rows:
            members[row.group_id].append(row.person_id)
            if row.is_owner:
                owners[row.group_id].append(row.person_id)
    return [
        GroupOut(
            id=g.id,
            name=g.name,
            kind=g.kind,  # type: ignore[arg-type]
            visibility=g.visibility,  # type: ignore[arg-type]
            description=g.description,
            member_ids=members[g.id],
            owner_ids=owners[g.id],
            version=g.version,
        )
        for g in groups
    ]


def reaction_out(reaction: Reaction) -> ReactionOut:
    return ReactionOut(
        id=reaction.id,
        item_id=reaction.item_id,
        author_id=reaction.author_id,
        emoji=reaction.emoji,
        created_at=reaction.created_at,
        version=reaction.version,
    )
