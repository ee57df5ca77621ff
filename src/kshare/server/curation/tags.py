"""Tag stewardship: merging one tag into another, leaving the old name as an alias."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kshare.domain.visibility import Viewer
from kshare.protocol.curation import TagOut
from kshare.server import tag_aliases
from kshare.server.audit import audit
from kshare.server.changes import touch
from kshare.server.curation.roles import scope_of
from kshare.server.db import next_seq
from kshare.server.errors import ApiError
from kshare.server.policy import visible_items_clause
from kshare.server.tables import Item, TagDescription
from kshare.server.writes import canonical_tag


def merge(
    session: Session, source: str, target: str, *, actor: str, actor_id: str | None = None
) -> int:
    """Retag every item tagged ``source`` as ``target``; ``source`` becomes its alias.

    Returns how many items were retagged. Each gets a new seq (not a new version: the
    old spelling still reads as the new one everywhere, so an edit in flight loses nothing).
    """
    old, new = canonical_tag(source), canonical_tag(target)
    if not old or not new or old == new:
        raise tag_aliases.TagAliasError("Name two different tags to merge.")
    new = tag_aliases.current(session).get(new, new)
    moved = 0
    rows = session.execute(select(Item.id, Item.tags).where(Item.deleted.is_(False))).all()
    for item_id, tags in rows:
        if old not in (tags or []):
            continue
        item = session.get(Item, item_id)
        if item is None:
            continue
        merged: dict[str, None] = {}
        for tag in item.tags:
            merged.setdefault(new if tag == old else tag, None)
        item.tags = list(merged)
        touch(session, item, bump_version=False)
        moved += 1
    tag_aliases.set_alias(session, old, new, actor_id=actor_id)
    audit(
        session,
        "tags_merged",
        actor_id=actor_id,
        admin=actor_id is None,
        by=actor,
        source=old,
        target=new,
        items=moved,
    )
    return moved


def tag_out(session: Session, viewer: Viewer, tag: str, now: datetime, retagged: int = 0) -> TagOut:
    """A tag with its description, aliases and how many visible items carry it."""
    key = canonical_tag(tag)
    key = tag_aliases.current(session).get(key, key)
    row = session.get(TagDescription, key)
    aliases = sorted(a for a, t in tag_aliases.current(session).items() if t == key)
    names = {key, *aliases}
    tagged = session.execute(
        select(Item.tags).where(visible_items_clause(viewer, now), Item.parent_id.is_(None))
    ).all()
    count = sum(1 for (tags,) in tagged if names & set(tags or ()))
    return TagOut(
        tag=key,
        description=row.description if row is not None else "",
        aliases=aliases,
        items=count,
        retagged=retagged,
    )


def describe(
    session: Session, viewer: Viewer, tag: str, text: str, *, actor_id: str, now: datetime
) -> None:
    """Say what a tag means; for the curators whose scope holds the tag."""
    key = canonical_tag(tag)
    if not key:
        raise ApiError(422, "invalid", "Name a tag.")
    key = tag_aliases.current(session).get(key, key)
    scope = scope_of(session, viewer)
    if not (scope.everywhere or key in scope.tags):
        raise ApiError(403, "forbidden", "Only the tag's curators may describe it.")
    row = session.get(TagDescription, key)
    if row is None:
        row = TagDescription(tag=key)
        session.add(row)
    row.description = text.strip()
    row.changed_by = actor_id
    row.changed_at = now
    row.seq = next_seq(session)
    audit(session, "tag_described", actor_id=actor_id, target=key)


def descriptions(session: Session) -> dict[str, str]:
    """Every tag's description (tag -> text), for the change feed.

    Like the aliases these are company-wide words, not content: every signed-in person
    may read them (``GET /curation/tags/{tag}`` answers anyone), so every desktop gets them.
    """
    rows = session.execute(
        select(TagDescription.tag, TagDescription.description).where(
            TagDescription.description != ""
        )
    ).all()
    aliased = tag_aliases.current(session)  # a merged-away tag's words are not shown
    return {str(t): str(d) for t, d in rows if t not in aliased}


def descriptions_changed_after(session: Session, seq: int) -> bool:
    """Whether any description was written (or emptied) after change number ``seq``."""
    last = session.scalar(select(func.max(TagDescription.seq)))
    return last is not None and int(last) > seq
