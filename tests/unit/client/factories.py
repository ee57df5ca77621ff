"""Wire objects for client tests, with defaults that make every test read short."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from kshare.protocol.schemas import (
    AudienceView,
    GroupOut,
    GroupRef,
    ItemOut,
    ItemUpsert,
    PersonOut,
    ReactionOut,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def item(item_id: str | None = None, **fields: Any) -> ItemOut:
    fields.setdefault("kind", "post")
    fields.setdefault("author_id", "author-1")
    fields.setdefault("title", "A title")
    fields.setdefault("body", "Some **body** text")
    fields.setdefault("created_at", T0 + timedelta(minutes=fields.get("version", 1)))
    fields.setdefault("updated_at", fields["created_at"])
    fields.setdefault("version", 1)
    fields.setdefault("audience", AudienceView(org=True))
    return ItemOut(id=item_id or new_id(), **fields)


def person(person_id: str, username: str, **fields: Any) -> PersonOut:
    fields.setdefault("display_name", username.title())
    fields.setdefault("version", 1)
    return PersonOut(id=person_id, username=username, **fields)


def group(group_id: str, name: str, **fields: Any) -> GroupOut:
    fields.setdefault("kind", "team")
    fields.setdefault("version", 1)
    return GroupOut(id=group_id, name=name, **fields)


def group_audience(group_id: str, name: str) -> AudienceView:
    return AudienceView(groups=[GroupRef(id=group_id, name=name, kind="team")])


def reaction(item_id: str, **fields: Any) -> ReactionOut:
    fields.setdefault("id", new_id())
    fields.setdefault("author_id", "author-1")
    fields.setdefault("emoji", "👍")
    fields.setdefault("created_at", T0)
    return ReactionOut(item_id=item_id, **fields)


def upserts(*items: ItemOut) -> list[ItemUpsert]:
    return [ItemUpsert(data=i) for i in items]
