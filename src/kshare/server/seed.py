"""Load the demo organisation into a server database, once.

The loader reads the shape described in :mod:`kshare.demo_seed.model`
(any object with the same attributes works, so tests can seed a tiny org).
Item ids derive from the demo keys, so a second run changes nothing.
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from kshare.domain.audience import Audience, Principal, PrincipalKind
from kshare.server import tag_aliases
from kshare.server.audience_io import audience_rows, name_key
from kshare.server.audit import audit
from kshare.server.auth import Passwords
from kshare.server.blobstore.base import BlobStore
from kshare.server.changes import set_membership
from kshare.server.curation.seed import seed_curation
from kshare.server.db import Database, next_seq
from kshare.server.seed_documents import seed_documents
from kshare.server.tables import Endorsement, Group, Item, ItemRevision, Person, ServerMeta
from kshare.server.writes import canonical_tags, set_mentions

log = logging.getLogger(__name__)

DEMO_MARKER = "demo_seeded"
_NAMESPACE = uuid.UUID("6f1e2f36-5a0b-4d2c-9a57-1f4b0c8a9e11")


def demo_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def is_seeded(db: Database) -> bool:
    with db.read() as session:
        return session.get(ServerMeta, DEMO_MARKER) is not None


def seed_org(db: Database, passwords: Passwords, org: Any, blobs: BlobStore | None = None) -> bool:
    """Load ``org`` unless a demo was already loaded; True when it loaded now.

    Its shared documents (``org.documents``) need ``blobs`` for their files.
    """
    if is_seeded(db):
        log.info("demo organisation already loaded")
        return False
    # Hashing dominates seeding; argon2 releases the GIL, so threads help.
    with ThreadPoolExecutor(max_workers=4) as pool:
        hashes = list(pool.map(lambda p: passwords.hash(p.password), org.people))
    with db.write() as session:
        if session.get(ServerMeta, DEMO_MARKER) is not None:
            return False  # another process won the race
        people: dict[str, Person] = {}
        for person, password_hash in zip(org.people, hashes, strict=True):
            row = Person(
                id=demo_id("person", person.username),
                username=person.username,
                username_key=name_key(person.username),
                display_name=person.display_name,
                title=person.title,
                department=person.department,
                location=person.location,
                skills=list(person.skills),
                ask_me_about=list(person.ask_me_about),
                expertise_confirmed=[],
                expertise_hidden=[],
                expert_opt_out=False,
                active=True,
                is_admin=False,
                password_hash=password_hash,
                membership_epoch=0,
                version=1,
                seq=next_seq(session),
            )
            people[name_key(person.username)] = row
            session.add(row)
        session.flush()
        for person in org.people:
            if person.manager:
                people[name_key(person.username)].manager_id = people[name_key(person.manager)].id
        groups: dict[str, Group] = {}
        for group in org.groups:
            group_row = Group(
                id=demo_id("group", group.name),
                name=group.name,
                name_key=name_key(group.name),
                kind=group.kind,
                visibility=group.visibility,
                description=group.description,
                version=1,
                seq=next_seq(session),
            )
            groups[name_key(group.name)] = group_row
            session.add(group_row)
        session.flush()
        for group in org.groups:
            owners = {name_key(o) for o in group.owners}
            for member in {name_key(m) for m in [*group.members, *group.owners]}:
                set_membership(
                    session,
                    groups[name_key(group.name)],
                    people[member],
                    member=True,
                    owner=member in owners,
                )
        _seed_items(session, org, people, groups)
        if blobs is not None and getattr(org, "documents", None):
            session.flush()
            seed_documents(session, blobs, org.documents, people, demo_id)
        if getattr(org, "curation", None) is not None:
            session.flush()
            seed_curation(session, org, people, groups, demo_id)
        for endorser, endorsee, skill in org.endorsements:
            key = skill.casefold()
            pk = (people[name_key(endorser)].id, people[name_key(endorsee)].id, key)
            if session.get(Endorsement, pk) is None:
                session.add(
                    Endorsement(endorser_id=pk[0], endorsee_id=pk[1], skill_key=key, skill=skill)
                )
        for alias, tag in tag_aliases.DEMO_ALIASES.items():
            tag_aliases.set_alias(session, alias, tag)
        session.add(ServerMeta(name=DEMO_MARKER, text="1"))
        org_row = session.get(ServerMeta, "organisation")
        if org_row is None:
            session.add(ServerMeta(name="organisation", text=org.organisation))
        audit(session, "demo_seeded", admin=True, people=len(org.people), items=len(org.items))
    log.info(
        "loaded demo organisation %s: %s people, %s items",
        org.organisation,
        len(org.people),
        len(org.items),
    )
    return True


def _principal(spec: str, people: dict[str, Person], groups: dict[str, Group]) -> Principal:
    principal = Principal.parse(spec)
    if principal.kind is PrincipalKind.GROUP:
        return Principal(principal.kind, groups[name_key(principal.ref)].id)
    if principal.kind is PrincipalKind.PERSON:
        return Principal(principal.kind, people[name_key(principal.ref)].id)
    return principal


def _seed_items(
    session: Any, org: Any, people: dict[str, Person], groups: dict[str, Group]
) -> None:
    rows: dict[str, Item] = {}
    # Parents first, whatever order the org lists them in.
    pending = list(org.items)
    ordered = []
    placed: set[str] = set()
    while pending:
        progress = [i for i in pending if i.parent is None or i.parent in placed]
        if not progress:
            raise ValueError("demo items refer to parents that do not exist")
        for item in progress:
            ordered.append(item)
            placed.add(item.key)
        pending = [i for i in pending if i.key not in placed]
    for item in ordered:
        item_id = demo_id("item", item.key)
        parent = rows.get(item.parent) if item.parent else None
        row = Item(
            id=item_id,
            kind=item.kind,
            parent_id=parent.id if parent else None,
            root_id=parent.root_id if parent else item_id,
            author_id=people[name_key(item.author)].id,
            title=item.title,
            body=item.body,
            tags=canonical_tags(list(item.tags)),
            created_at=item.created_at,
            updated_at=item.created_at,
            version=1,
            seq=next_seq(session),
            score=item.score,
        )
        rows[item.key] = row
        session.add(row)
        session.flush()
        if parent is None:
            audience = Audience(
                viewers=frozenset(_principal(s, people, groups) for s in item.audience)
                or frozenset({Principal(PrincipalKind.AUTHOR)})
            )
            session.add_all(audience_rows(item_id, audience))
        if item.accepted and parent is not None:
            parent.accepted_answer_id = item_id
        set_mentions(session, row)
        session.add(
            ItemRevision(
                item_id=item_id,
                version=1,
                title=row.title,
                body=row.body,
                tags=list(row.tags),
                editor_id=row.author_id,
                created_at=row.created_at,
            )
        )
