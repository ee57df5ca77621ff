"""Creating, changing and deleting items and reactions: the rules every write obeys."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from kshare.domain.audience import Audience
from kshare.domain.visibility import Viewer
from kshare.protocol.schemas import (
    AudienceSpec,
    BlobRef,
    CollectionEntry,
    ItemCreate,
    ItemOut,
    ItemUpdate,
    ReactionCreate,
    ReactionOut,
)
from kshare.server import audience_io, serialize
from kshare.server.audit import audit
from kshare.server.auth import Caller
from kshare.server.changes import (
    current_former,
    former_audience,
    item_access_changed,
    tombstone,
    touch,
)
from kshare.server.curation import entries as curation_entries
from kshare.server.db import next_seq
from kshare.server.errors import ApiError, not_found
from kshare.server.policy import Gate, Judged, visible_items_clause
from kshare.server.tables import (
    AudienceRow,
    BlobUpload,
    Item,
    ItemFileVersion,
    ItemRevision,
    Mention,
    Person,
    Reaction,
)

log = logging.getLogger(__name__)

MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9_.\-]{0,149})")
BlobCheck = Callable[[str], bool]


def canonical_tag(tag: str) -> str:
    """One spelling per tag: Unicode-normalised, case-folded, inner spaces as hyphens."""
    return "-".join(unicodedata.normalize("NFKC", tag).casefold().split())


def canonical_tags(tags: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for tag in tags:
        key = canonical_tag(tag)
        if key:
            seen.setdefault(key, None)
    return list(seen)


def set_mentions(session: Session, item: Item) -> None:
    session.execute(delete(Mention).where(Mention.item_id == item.id))
    names = {m.rstrip(".").casefold() for m in MENTION.findall(item.body or "")}
    if not names:
        return
    ids = session.scalars(select(Person.id).where(Person.username_key.in_(names)))
    session.add_all(Mention(item_id=item.id, person_id=pid) for pid in set(ids))


def _revision(session: Session, item: Item, editor_id: str) -> None:
    session.add(
        ItemRevision(
            item_id=item.id,
            version=item.version,
            title=item.title,
            body=item.body,
            tags=list(item.tags),
            editor_id=editor_id,
            created_at=item.updated_at,
        )
    )


def item_out(gate: Gate, judged: Judged) -> ItemOut:
    return serialize.items_out(gate, [judged])[0]


def _visible_or_404(gate: Gate, item_id: str, what: str = "item") -> Judged:
    judged = gate.one(item_id)
    if judged is None:
        raise not_found(what)
    return judged


def may_attach(gate: Gate, sha256: str) -> bool:
    """Whether the viewer holds this file: they uploaded it, or see an item that uses it.

    Knowing a hash proves nothing; without this rule attaching a colleague's file to
    one's own private item would hand out its bytes.
    """
    session, viewer = gate.session, gate.viewer
    uploaded = session.get(BlobUpload, (sha256, viewer.user_id)) is not None
    if uploaded:
        return True
    return uses_blob(session, viewer, sha256, gate.now)


def uses_blob(session: Session, viewer: Viewer, sha256: str, now: datetime | None = None) -> bool:
    """Whether an item the viewer may see holds this file, now or as an earlier version."""
    earlier = select(ItemFileVersion.item_id).where(ItemFileVersion.sha256 == sha256)
    in_use = session.scalar(
        select(Item.id)
        .where(
            or_(Item.blob_sha256 == sha256, Item.id.in_(earlier)),
            visible_items_clause(viewer, now),
        )
        .limit(1)
    )
    return in_use is not None


def record_file_version(session: Session, item: Item, uploader_id: str) -> None:
    """Keep the item's file as a new version when it differs from the latest one kept."""
    if not item.blob_sha256:
        return
    latest = session.scalars(
        select(ItemFileVersion)
        .where(ItemFileVersion.item_id == item.id)
        .order_by(ItemFileVersion.number.desc())
        .limit(1)
    ).first()
    if latest is not None and latest.sha256 == item.blob_sha256:
        return
    session.add(
        ItemFileVersion(
            item_id=item.id,
            number=1 if latest is None else latest.number + 1,
            sha256=item.blob_sha256,
            size=item.blob_size or 0,
            mime=item.blob_mime,
            filename=item.blob_filename,
            uploader_id=uploader_id,
            created_at=item.updated_at,
        )
    )


def file_versions(session: Session, caller: Caller, item_id: str) -> list[ItemFileVersion]:
    """A document's file versions, oldest first; not found for who may not see it."""
    gate = Gate(session, caller.viewer)
    _visible_or_404(gate, item_id)
    return list(
        session.scalars(
            select(ItemFileVersion)
            .where(ItemFileVersion.item_id == item_id)
            .order_by(ItemFileVersion.number)
        )
    )


def _set_attachment(
    gate: Gate, item: Item, blob: BlobRef | None, blob_exists: BlobCheck | None
) -> None:
    if blob is None:
        return
    # One answer for "no such file" and "not yours": the hash must not tell which.
    if not may_attach(gate, blob.sha256) or (
        blob_exists is not None and not blob_exists(blob.sha256)
    ):
        raise ApiError(422, "blob_missing", "Upload the file before publishing the document.")
    item.blob_sha256 = blob.sha256
    item.blob_size = blob.size
    item.blob_mime = blob.mime
    item.blob_filename = blob.filename


def _set_entries(gate: Gate, item: Item, entries: list[CollectionEntry]) -> None:
    curation_entries.replace_entries(gate, item, entries)


def _derived_audience(gate: Gate, audience: Audience, quote_of: str) -> tuple[str, Audience]:
    """A share can never reach more people than what it shares (nor any share in between)."""
    judged = _visible_or_404(gate, quote_of)
    original_id = judged.item.quote_of or judged.item.id
    narrowed = audience.narrowed_to(judged.access.audience)
    if judged.item.quote_of and judged.original is not None:
        narrowed = narrowed.narrowed_to(judged.original.audience)
    return original_id, narrowed


def _store_audience(session: Session, item: Item, audience: Audience) -> None:
    session.execute(delete(AudienceRow).where(AudienceRow.item_id == item.id))
    session.add_all(audience_io.audience_rows(item.id, audience))
    item.publish_at = audience.publish_at
    item.visible_until = audience.visible_until


def create_item(
    session: Session, caller: Caller, body: ItemCreate, blob_exists: BlobCheck | None = None
) -> ItemOut:
    gate = Gate(session, caller.viewer, caller.now)
    if session.get(Item, body.id) is not None:
        raise ApiError(409, "conflict", "An item with this id already exists.")
    now = caller.now
    item = Item(
        id=body.id,
        kind=body.kind,
        author_id=caller.id,
        title=body.title,
        body=body.body,
        tags=canonical_tags(body.tags),
        created_at=now,
        updated_at=now,
        version=1,
        seq=0,
    )
    audience: Audience | None = None
    if body.parent_id:
        if body.audience is not None or body.quote_of:
            raise ApiError(
                422, "invalid", "Answers, comments and attachments follow their parent's audience."
            )
        parent = _visible_or_404(gate, body.parent_id, "parent item")
        if body.kind == "answer" and parent.item.kind != "question":
            raise ApiError(422, "invalid", "Answers belong to questions.")
        item.parent_id = parent.item.id
        item.root_id = parent.item.root_id
    else:
        if body.kind in ("answer", "comment"):
            raise ApiError(422, "invalid", f"A {body.kind} needs a parent_id.")
        item.root_id = item.id
        resolved = audience_io.resolve(
            session, caller.viewer, body.audience or AudienceSpec(private=True)
        )
        if resolved.unknown:
            raise ApiError(422, "invalid", f"Unknown audience: {', '.join(resolved.unknown[:5])}")
        audience = resolved.audience
        if body.quote_of:
            item.quote_of, audience = _derived_audience(gate, audience, body.quote_of)
    _set_attachment(gate, item, body.attachment, blob_exists)
    item.seq = next_seq(session)
    session.add(item)
    session.flush()
    if audience is not None:
        _store_audience(session, item, audience)
    if body.kind == "collection":
        _set_entries(gate, item, body.entries)
    set_mentions(session, item)
    _revision(session, item, caller.id)
    record_file_version(session, item, caller.id)
    session.flush()
    if audience is not None:
        audit(
            session,
            "item_created",
            actor_id=caller.id,
            target=item.id,
            address=caller.address,
            audience=former_audience(caller.id, audience),
        )
    return item_out(gate, gate.judge([item])[item.id])


def update_item(
    session: Session,
    caller: Caller,
    item_id: str,
    body: ItemUpdate,
    blob_exists: BlobCheck | None = None,
) -> ItemOut:
    gate = Gate(session, caller.viewer, caller.now)
    judged = _visible_or_404(gate, item_id)
    item = judged.item
    if not gate.may_edit(judged):
        raise ApiError(403, "forbidden", "You may not change this item.")
    if body.base_version != item.version:
        current = item_out(gate, judged).model_dump(mode="json")
        raise ApiError(
            412,
            "version_conflict",
            "Someone changed this item since you opened it.",
            current=current,
        )
    if body.title is not None:
        item.title = body.title
    if body.body is not None:
        item.body = body.body
    if body.tags is not None:
        item.tags = canonical_tags(body.tags)
    _set_attachment(gate, item, body.attachment, blob_exists)
    if body.entries is not None:
        if item.kind != "collection":
            raise ApiError(422, "invalid", "Only collections have entries.")
        _set_entries(gate, item, body.entries)
    if body.audience is not None:
        if item.root_id != item.id:
            raise ApiError(422, "invalid", "Answers and comments follow their parent's audience.")
        if item.author_id != caller.id:
            raise ApiError(403, "forbidden", "Only the author may change who sees this item.")
        resolved = audience_io.resolve(session, caller.viewer, body.audience)
        if resolved.unknown:
            raise ApiError(422, "invalid", f"Unknown audience: {', '.join(resolved.unknown[:5])}")
        audience = resolved.audience
        if item.quote_of:
            _, audience = _derived_audience(gate, audience, item.quote_of)
        before = current_former(session, item)
        _store_audience(session, item, audience)
        session.flush()
        after = former_audience(item.author_id, audience)
        item_access_changed(session, item, before)
        audit(
            session,
            "audience_changed",
            actor_id=caller.id,
            target=item.id,
            address=caller.address,
            before=before,
            after=after,
        )
    item.updated_at = caller.now
    touch(session, item)
    set_mentions(session, item)
    _revision(session, item, caller.id)
    record_file_version(session, item, caller.id)
    session.flush()
    return item_out(gate, gate.judge([item])[item.id])


def delete_item(session: Session, caller: Caller, item_id: str) -> None:
    gate = Gate(session, caller.viewer, caller.now)
    judged = _visible_or_404(gate, item_id)
    item = judged.item
    if item.author_id != caller.id and not caller.viewer.is_admin:
        raise ApiError(403, "forbidden", "Only the author may delete this item.")
    mark_deleted(session, item, actor_id=caller.id, address=caller.address)


def mark_deleted(session: Session, item: Item, *, actor_id: str | None, address: str = "") -> None:
    """Delete ``item`` (and, through inheritance, its thread) for every viewer."""
    before = current_former(session, item)
    item.deleted = True
    touch(session, item)
    item_access_changed(session, item, before, reason="deleted")
    audit(session, "item_deleted", actor_id=actor_id, target=item.id, address=address)


def accept_answer(session: Session, caller: Caller, answer_id: str) -> ItemOut:
    gate = Gate(session, caller.viewer, caller.now)
    judged = _visible_or_404(gate, answer_id, "answer")
    answer = judged.item
    question = session.get(Item, answer.parent_id) if answer.parent_id else None
    if answer.kind != "answer" or question is None or question.kind != "question":
        raise ApiError(422, "invalid", "Only an answer to a question can be accepted.")
    if question.author_id != caller.id:
        raise ApiError(403, "forbidden", "Only the person who asked may accept an answer.")
    previous = question.accepted_answer_id
    question.accepted_answer_id = answer.id
    touch(session, question)
    touch(session, answer)
    if previous and previous != answer.id and (old := session.get(Item, previous)) is not None:
        touch(session, old)
    session.flush()
    return item_out(gate, gate.judge([answer])[answer.id])


def add_reaction(
    session: Session, caller: Caller, item_id: str, body: ReactionCreate
) -> ReactionOut:
    gate = Gate(session, caller.viewer, caller.now)
    _visible_or_404(gate, item_id)
    if session.get(Reaction, body.id) is not None:
        raise ApiError(409, "conflict", "A reaction with this id already exists.")
    reaction = Reaction(
        id=body.id,
        item_id=item_id,
        author_id=caller.id,
        emoji=body.emoji,
        created_at=caller.now,
        version=1,
        seq=next_seq(session),
    )
    session.add(reaction)
    session.flush()
    return serialize.reaction_out(reaction)


def remove_reaction(session: Session, caller: Caller, reaction_id: str) -> None:
    gate = Gate(session, caller.viewer, caller.now)
    reaction = session.get(Reaction, reaction_id)
    if reaction is None or gate.one(reaction.item_id) is None:
        raise not_found("reaction")
    if reaction.author_id != caller.id:
        raise ApiError(403, "forbidden", "Only its author may remove a reaction.")
    item = session.get(Item, reaction.item_id)
    former = current_former(session, item) if item else []
    tombstone(session, "reaction", reaction.id, "deleted", former)
    session.delete(reaction)


def history(session: Session, caller: Caller, item_id: str) -> list[ItemRevision]:
    gate = Gate(session, caller.viewer, caller.now)
    judged = _visible_or_404(gate, item_id)
    return list(
        session.scalars(
            select(ItemRevision)
            .where(ItemRevision.item_id == item_id, ItemRevision.version < judged.item.version)
            .order_by(ItemRevision.version)
        )
    )
