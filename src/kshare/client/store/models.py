"""Tables of the desktop cache.

Every row that sync writes gets a fresh ``local_seq`` (a counter kept in
``sync_state``), and every purge leaves an id-only row in ``purges`` with its
own ``local_seq``. The search index records the last ``local_seq`` it applied
and catches up from these two, so it can never hold what the cache dropped.
The schema is created and upgraded by Alembic (``migrations/client``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Float, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class CacheBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[Any]: JSON,
    }


class CachedItem(CacheBase):
    """A post, article, question, answer or comment the user may see."""

    __tablename__ = "items"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    parent_id: Mapped[str | None] = mapped_column(String(64), index=True)
    author_id: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer)
    accepted_answer_id: Mapped[str | None] = mapped_column(String(64))
    is_accepted: Mapped[bool] = mapped_column(default=False)
    score: Mapped[int] = mapped_column(Integer, default=0)
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # AudienceView
    can_edit: Mapped[bool] = mapped_column(default=False)
    mentions: Mapped[list[str]] = mapped_column(JSON, default=list)
    # none_as_null: a missing attachment is SQL NULL, so "IS NULL" filters mean what they say.
    attachment: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))  # BlobRef
    entries: Mapped[list[Any]] = mapped_column(JSON, default=list)  # CollectionEntry
    local_seq: Mapped[int] = mapped_column(Integer, index=True)
    # Added in cache schema 0002: the original of a share/quote (ItemOut.quote_of).
    quote_of: Mapped[str | None] = mapped_column(String(64), default=None)
    # Added in cache schema 0008: ItemOut.verification (who vouched for it, until when).
    verification: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    # Added in cache schema 0009: a document's file versions (ItemOut.file_versions).
    file_versions: Mapped[list[Any] | None] = mapped_column(JSON, default=list)


class CachedReaction(CacheBase):
    __tablename__ = "reactions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), index=True)
    author_id: Mapped[str] = mapped_column(String(64))
    emoji: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)
    local_seq: Mapped[int] = mapped_column(Integer, index=True)


class CachedPerson(CacheBase):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(150), index=True)
    display_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    manager_id: Mapped[str | None] = mapped_column(String(64))
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    ask_me_about: Mapped[list[str]] = mapped_column(JSON, default=list)
    endorsements: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    expertise_confirmed: Mapped[list[str]] = mapped_column(JSON, default=list)
    expertise_hidden: Mapped[list[str]] = mapped_column(JSON, default=list)
    expert_opt_out: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(Integer)
    local_seq: Mapped[int] = mapped_column(Integer, index=True)


class CachedGroup(CacheBase):
    __tablename__ = "groups"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    visibility: Mapped[str] = mapped_column(String(16), default="open")
    description: Mapped[str] = mapped_column(Text, default="")
    member_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    owner_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer)
    local_seq: Mapped[int] = mapped_column(Integer, index=True)


class Purge(CacheBase):
    """An id the cache dropped, so the index can drop it too. Holds no content."""

    __tablename__ = "purges"

    local_seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[str] = mapped_column(String(64))


class SyncState(CacheBase):
    """Small key/value facts: server cursor, local_seq counter, cache identity, last sync."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CachedTagAlias(CacheBase):
    """Another name for a tag (``k8s`` for ``kubernetes``), as the server's curators keep them."""

    __tablename__ = "tag_aliases"

    alias: Mapped[str] = mapped_column(String(64), primary_key=True)
    tag: Mapped[str] = mapped_column(String(64))


class ExpertProfile(CacheBase):
    """A person's profile for expert finding: how many words and items of theirs are counted.

    Derived from cached items only (``kshare.client.experts.profile_terms``); purged
    and wiped with them.
    """

    __tablename__ = "expert_profiles"

    person_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    length: Mapped[int] = mapped_column(Integer)
    items: Mapped[int] = mapped_column(Integer)


class ExpertPosting(CacheBase):
    """How often a word occurs in a person's profile."""

    __tablename__ = "expert_postings"
    __table_args__ = (Index("ix_expert_postings_person", "person_id"),)

    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tf: Mapped[int] = mapped_column(Integer)


class ExpertTerm(CacheBase):
    """In how many people's profiles a word occurs."""

    __tablename__ = "expert_terms"

    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    people: Mapped[int] = mapped_column(Integer)


class ExpertDoc(CacheBase):
    """An item counted in its author's profile (an id and a person, no content)."""

    __tablename__ = "expert_docs"

    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(64), index=True)
    digest: Mapped[str] = mapped_column(String(32))  # of the counted text: an edit recounts


class ExpertItem(CacheBase):
    """What the expert finder needs of an item (no body), filed by author, so a person's
    contributions are one contiguous read (``kshare.client.experts.item_facts``).

    ``tags`` are the item's own, ``counted`` those it credits its author with (its own, or
    else its thread's), each under the tag it stands for, separated by spaces.
    """

    __tablename__ = "expert_items"
    __table_args__ = (
        Index("ix_expert_items_item_id", "item_id", unique=True),
        Index("ix_expert_items_parent_id", "parent_id"),
        Index("ix_expert_items_created_at", "created_at"),  # the latest authors, at once
        {"sqlite_with_rowid": False},
    )

    person_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))  # as the cache writes it: naive UTC
    accepted: Mapped[bool] = mapped_column(Integer)
    score: Mapped[int] = mapped_column(Integer)
    tags: Mapped[str] = mapped_column(Text)
    counted: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)


class ExpertTagPerson(CacheBase):
    """How many items credit a person with a tag: the expert finder's candidates per topic."""

    __tablename__ = "expert_tag_people"

    tag: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class ExpertActivity(CacheBase):
    """A person's decayed activity as of their latest contribution (``anchor``), so that a
    new process ranks without reading everything they wrote: seen later, each sum is only
    decayed forward by the time since (``kshare.domain.expertise.activity_since``).

    ``recent`` holds the sums at each of the still-active prior's half-lives, separated by
    spaces, in the order of ``Weights.recent_half_lives``.
    """

    __tablename__ = "expert_activity"

    person_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    anchor: Mapped[str] = mapped_column(String(32))  # as the cache writes it: naive UTC
    total: Mapped[float] = mapped_column(Float)
    recent: Mapped[str] = mapped_column(Text)


class ExpertActivityTag(CacheBase):
    """A person's decayed activity under one tag, as of the person's ``anchor``."""

    __tablename__ = "expert_activity_tags"
    __table_args__ = ({"sqlite_with_rowid": False},)

    person_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tag: Mapped[str] = mapped_column(String(64), primary_key=True)
    activity: Mapped[float] = mapped_column(Float)


# derived from items for expert finding: emptied with the cache (``repository.wipe``)
EXPERT_TABLES = (
    ExpertProfile,
    ExpertPosting,
    ExpertTerm,
    ExpertDoc,
    ExpertItem,
    ExpertTagPerson,
    ExpertActivity,
    ExpertActivityTag,
)


class OutboxEntry(CacheBase):
    """A write made on the desktop, kept until the server has applied it exactly once."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_next", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    operation: Mapped[str] = mapped_column(String(32))  # create_item, update_item, ...
    target_id: Mapped[str] = mapped_column(String(64), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending|failed|conflict
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str] = mapped_column(Text, default="")


class CachedFollow(CacheBase):
    """Something the signed-in person follows, as the server last listed it (added in 0007)."""

    __tablename__ = "follows"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    target: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class InboxMark(CacheBase):
    """When an inbox entry was first seen on this desktop and whether it was read (0007).

    Holds only a key (``kind:id``), never content: a purged item's entry simply
    finds nothing to show.
    """

    __tablename__ = "inbox_marks"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class CollectionWatch(CacheBase):
    """A followed collection as its follower last saw it (0011), to tell what changed.

    Holds ids and digests only, never titles or notes: the entries counted are those the
    cache held (so the follower could see them), and a purged collection takes its row.
    """

    __tablename__ = "collection_watch"

    collection_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title_digest: Mapped[str] = mapped_column(String(64), default="")
    description_digest: Mapped[str] = mapped_column(String(64), default="")
    # [[kind, id, section digest, note digest], ...] in the collection's order
    entries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CollectionChange(CacheBase):
    """One change noticed in a followed collection, as counts (0011): an inbox entry."""

    __tablename__ = "collection_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    collection_id: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    # {"added": n, "removed": n, "moved": n, "notes": n, "title": 0|1, "description": 0|1}
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CachedTagDescription(CacheBase):
    """What a tag means, in its curators' words, as the server last sent it (0011)."""

    __tablename__ = "tag_descriptions"

    tag: Mapped[str] = mapped_column(String(64), primary_key=True)
    description: Mapped[str] = mapped_column(Text, default="")
