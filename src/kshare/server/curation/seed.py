"""Load the demo's curation (curators, collections, verifications) into a server database.

It reads the shape of :mod:`kshare.demo_seed.curation` from ``org.curation`` (the
server never imports the demo package) and writes through the same rules as the API.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from kshare.domain.audience import Audience, Principal, PrincipalKind
from kshare.server.audience_io import audience_rows, name_key
from kshare.server.curation import roles
from kshare.server.db import next_seq
from kshare.server.tables import CollectionEntryRow, Group, Item, ItemRevision, Person, Verification

log = logging.getLogger(__name__)

DemoId = Callable[[str, str], str]


def _principal(spec: str, people: dict[str, Person], groups: dict[str, Group]) -> Principal:
    principal = Principal.parse(spec)
    if principal.kind is PrincipalKind.GROUP:
        return Principal(principal.kind, groups[name_key(principal.ref)].id)
    if principal.kind is PrincipalKind.PERSON:
        return Principal(principal.kind, people[name_key(principal.ref)].id)
    return principal


def seed_curation(
    session: Session,
    org: Any,
    people: dict[str, Person],
    groups: dict[str, Group],
    demo_id: DemoId,
) -> None:
    curation = org.curation
    for curator in curation.curators:
        person = people[name_key(curator.username)]
        group_ids = [groups[name_key(g)].id for g in curator.groups]
        roles.grant(session, person, group_ids, curator.tags, actor="demo-seed")
    for spec in curation.collections:
        _collection(session, spec, people, groups, demo_id)
    shas = {
        (d.key, n): hashlib.sha256(v.data).hexdigest()
        for d in getattr(org, "documents", [])
        for n, v in enumerate(d.versions, start=1)
    }
    for v in curation.verifications:
        item = session.get(Item, demo_id("item", v.item))
        if item is None:  # a document, seeded only where there is a file store
            log.info("demo verification of %s skipped: not loaded", v.item)
            continue
        session.add(
            Verification(
                item_id=item.id,
                verified_by=people[name_key(v.by)].id,
                verified_at=v.verified_at,
                review_by=v.review_by,
                item_version=1 if v.version else item.version,
                blob_sha256=shas.get((v.item, v.version)) if v.version else item.blob_sha256,
            )
        )
        item.seq = next_seq(session)


def _collection(
    session: Session,
    spec: Any,
    people: dict[str, Person],
    groups: dict[str, Group],
    demo_id: DemoId,
) -> None:
    item_id = demo_id("item", spec.key)
    author = people[name_key(spec.author)]
    row = Item(
        id=item_id,
        kind="collection",
        root_id=item_id,
        author_id=author.id,
        title=spec.title,
        body=spec.description,
        tags=[],
        version=1,
        seq=next_seq(session),
    )
    session.add(row)
    session.flush()
    audience = Audience(
        viewers=frozenset(_principal(s, people, groups) for s in spec.audience),
        editors=frozenset(
            Principal(PrincipalKind.PERSON, people[name_key(c)].id) for c in spec.curators
        ),
    )
    session.add_all(audience_rows(item_id, audience))
    position = 0
    for section in spec.sections:
        for entry in section.entries:
            if entry.item is not None:
                target, kind = demo_id("item", entry.item), "item"
                if session.get(Item, target) is None:  # a document without a file store
                    log.info("demo entry %s of %s skipped: not loaded", entry.item, spec.key)
                    continue
            else:
                target, kind = people[name_key(entry.person)].id, "person"
            session.add(
                CollectionEntryRow(
                    collection_id=item_id,
                    item_id=target,
                    entry_kind=kind,
                    note=entry.note,
                    section=section.name,
                    position=position,
                )
            )
            position += 1
    session.add(
        ItemRevision(
            item_id=item_id,
            version=1,
            title=row.title,
            body=row.body,
            tags=[],
            editor_id=author.id,
            created_at=row.created_at,
        )
    )
