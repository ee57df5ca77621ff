"""Share the demo's documents and replace each with its newer versions, as a person would.

Each file goes into the blob store first; the document is then created and
updated through the same write functions the items API uses, so versions,
revisions and the change feed look exactly as if the author had replaced the file.
"""

from __future__ import annotations

import io
from typing import Any

from sqlalchemy.orm import Session

from kshare.protocol.schemas import AudienceSpec, BlobRef, ItemCreate, ItemUpdate
from kshare.server.audience_io import name_key
from kshare.server.auth import Caller
from kshare.server.blobstore.base import BlobStore
from kshare.server.db import session_clock
from kshare.server.policy import viewer_for
from kshare.server.tables import BlobUpload, Item, Person
from kshare.server.writes import create_item, update_item


def _audience(specs: list[str]) -> AudienceSpec:
    groups = [spec.split(":", 1)[1] for spec in specs if spec.startswith("group:")]
    people = [spec.split(":", 1)[1] for spec in specs if spec.startswith("person:")]
    return AudienceSpec(org="org" in specs, groups=groups, people=people)


def seed_documents(
    session: Session,
    blobs: BlobStore,
    documents: list[Any],
    people: dict[str, Person],
    item_id: Any,
) -> None:
    """Load every document of the demo; ``item_id`` turns a demo key into an item id."""
    for document in documents:
        author = people[name_key(document.author)]
        caller = Caller(
            person=author,
            viewer=viewer_for(session, author),
            token_id=0,
            now=session_clock(session).now(),
        )
        refs = []
        for version in document.versions:
            info = blobs.put(io.BytesIO(version.data), None, len(version.data))
            # The author uploaded it, as through the API: only then may it be attached.
            if session.get(BlobUpload, (info.sha256, author.id)) is None:
                session.add(BlobUpload(sha256=info.sha256, person_id=author.id))
                session.flush()
            refs.append(
                BlobRef(
                    sha256=info.sha256, size=info.size, mime=version.mime, filename=version.filename
                )
            )
        new_id = item_id("item", document.key)
        out = create_item(
            session,
            caller,
            ItemCreate(
                id=new_id,
                kind="document",
                title=document.title,
                body=document.body,
                tags=list(document.tags),
                audience=_audience(list(document.audience)),
                attachment=refs[0],
            ),
        )
        version = out.version
        for ref in refs[1:]:
            version = update_item(
                session, caller, new_id, ItemUpdate(base_version=version, attachment=ref)
            ).version
        row = session.get(Item, new_id)
        if row is not None:
            row.created_at = document.created_at
