"""Tag stewardship: merging one tag into another, leaving the old name as an alias."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kshare.server import tag_aliases
from kshare.server.audit import audit
from kshare.server.changes import touch
from kshare.server.tables import Item
from kshare.server.writes import canonical_tag


def merge(session: Session, source: str, target: str, *, actor: str) -> int:
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
    tag_aliases.set_alias(session, old, new)
    audit(session, "tags_merged", admin=True, by=actor, source=old, target=new, items=moved)
    return moved
