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

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ColumnClause,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class CacheBase:
    """A table of the cache, described as a class: its columns are class attributes
    (``CachedItem.id``), its SQLAlchemy Core table is ``__table__``, and statements take
    the class itself (``select(CachedItem)``, ``insert(CachedItem)``).

    Plain Core, no ORM: the cache is read and written with statements only, and a
    one-shot command (an expert query) then loads none of the ORM's machinery.
    """

    metadata: ClassVar[MetaData] = MetaData(naming_convention=NAMING)
    __tablename__: ClassVar[str]
    __table__: ClassVar[Table]
    __table_args__: ClassVar[tuple[Any, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        columns: list[Column[Any]] = []
        for key, value in vars(cls).items():
            if isinstance(value, Column):
                value.key = key
                if value.name is None:
                    value.name = key
                columns.append(value)
        args = cls.__table_args__
        options = args[-1] if args and isinstance(args[-1], dict) else {}
        items = args[:-1] if options else args
        cls.__table__ = Table(cls.__tablename__, cls.metadata, *columns, *items, **options)

    @classmethod
    def __clause_element__(cls) -> Table:
        return cls.__table__


class CachedItem(CacheBase):
    """A post, article, question, answer or comment the user may see."""

    __tablename__ = "items"

    id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    kind: ClassVar[ColumnClause[str]] = Column(String(16), index=True, nullable=False)
    parent_id: ClassVar[ColumnClause[str | None]] = Column(String(64), index=True)
    author_id: ClassVar[ColumnClause[str]] = Column(String(64), index=True, nullable=False)
    title: ClassVar[ColumnClause[str]] = Column(Text, default="", nullable=False)
    body: ClassVar[ColumnClause[str]] = Column(Text, default="", nullable=False)
    tags: ClassVar[ColumnClause[list[str]]] = Column(JSON, default=list, nullable=False)
    created_at: ClassVar[ColumnClause[datetime]] = Column(
        DateTime(timezone=True), index=True, nullable=False
    )
    updated_at: ClassVar[ColumnClause[datetime]] = Column(DateTime(timezone=True), nullable=False)
    version: ClassVar[ColumnClause[int]] = Column(Integer, nullable=False)
    accepted_answer_id: ClassVar[ColumnClause[str | None]] = Column(String(64))
    is_accepted: ClassVar[ColumnClause[bool]] = Column(Boolean, default=False, nullable=False)
    score: ClassVar[ColumnClause[int]] = Column(Integer, default=0, nullable=False)
    audience: ClassVar[ColumnClause[dict[str, Any]]] = Column(
        JSON, default=dict, nullable=False
    )  # AudienceView
    can_edit: ClassVar[ColumnClause[bool]] = Column(Boolean, default=False, nullable=False)
    mentions: ClassVar[ColumnClause[list[str]]] = Column(JSON, default=list, nullable=False)
    # none_as_null: a missing attachment is SQL NULL, so "IS NULL" filters mean what they say.
    attachment: ClassVar[ColumnClause[dict[str, Any] | None]] = Column(
        JSON(none_as_null=True)
    )  # BlobRef
    entries: ClassVar[ColumnClause[list[Any]]] = Column(
        JSON, default=list, nullable=False
    )  # CollectionEntry
    local_seq: ClassVar[ColumnClause[int]] = Column(Integer, index=True, nullable=False)
    # Added in cache schema 0002: the original of a share/quote (ItemOut.quote_of).
    quote_of: ClassVar[ColumnClause[str | None]] = Column(String(64), default=None)
    # Added in cache schema 0008: ItemOut.verification (who vouched for it, until when).
    verification: ClassVar[ColumnClause[dict[str, Any] | None]] = Column(JSON(none_as_null=True))
    # Added in cache schema 0009: a document's file versions (ItemOut.file_versions).
    file_versions: ClassVar[ColumnClause[list[Any] | None]] = Column(JSON, default=list)


class CachedReaction(CacheBase):
    __tablename__ = "reactions"

    id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    item_id: ClassVar[ColumnClause[str]] = Column(String(64), index=True, nullable=False)
    author_id: ClassVar[ColumnClause[str]] = Column(String(64), nullable=False)
    emoji: ClassVar[ColumnClause[str]] = Column(String(32), nullable=False)
    created_at: ClassVar[ColumnClause[datetime]] = Column(DateTime(timezone=True), nullable=False)
    version: ClassVar[ColumnClause[int]] = Column(Integer, default=1, nullable=False)
    local_seq: ClassVar[ColumnClause[int]] = Column(Integer, index=True, nullable=False)


class CachedPerson(CacheBase):
    __tablename__ = "people"

    id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    username: ClassVar[ColumnClause[str]] = Column(String(150), index=True, nullable=False)
    display_name: ClassVar[ColumnClause[str]] = Column(String(200), nullable=False)
    title: ClassVar[ColumnClause[str]] = Column(String(200), default="", nullable=False)
    department: ClassVar[ColumnClause[str]] = Column(String(200), default="", nullable=False)
    location: ClassVar[ColumnClause[str]] = Column(String(200), default="", nullable=False)
    manager_id: ClassVar[ColumnClause[str | None]] = Column(String(64))
    skills: ClassVar[ColumnClause[list[str]]] = Column(JSON, default=list, nullable=False)
    ask_me_about: ClassVar[ColumnClause[list[str]]] = Column(JSON, default=list, nullable=False)
    endorsements: ClassVar[ColumnClause[dict[str, Any]]] = Column(
        JSON, default=dict, nullable=False
    )
    expertise_confirmed: ClassVar[ColumnClause[list[str]]] = Column(
        JSON, default=list, nullable=False
    )
    expertise_hidden: ClassVar[ColumnClause[list[str]]] = Column(JSON, default=list, nullable=False)
    expert_opt_out: ClassVar[ColumnClause[bool]] = Column(Boolean, default=False, nullable=False)
    active: ClassVar[ColumnClause[bool]] = Column(Boolean, default=True, nullable=False)
    version: ClassVar[ColumnClause[int]] = Column(Integer, nullable=False)
    local_seq: ClassVar[ColumnClause[int]] = Column(Integer, index=True, nullable=False)


class CachedGroup(CacheBase):
    __tablename__ = "groups"

    id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    name: ClassVar[ColumnClause[str]] = Column(String(200), index=True, nullable=False)
    kind: ClassVar[ColumnClause[str]] = Column(String(16), nullable=False)
    visibility: ClassVar[ColumnClause[str]] = Column(String(16), default="open", nullable=False)
    description: ClassVar[ColumnClause[str]] = Column(Text, default="", nullable=False)
    member_ids: ClassVar[ColumnClause[list[str]]] = Column(JSON, default=list, nullable=False)
    owner_ids: ClassVar[ColumnClause[list[str]]] = Column(JSON, default=list, nullable=False)
    version: ClassVar[ColumnClause[int]] = Column(Integer, nullable=False)
    local_seq: ClassVar[ColumnClause[int]] = Column(Integer, index=True, nullable=False)


class Purge(CacheBase):
    """An id the cache dropped, so the index can drop it too. Holds no content."""

    __tablename__ = "purges"

    local_seq: ClassVar[ColumnClause[int]] = Column(Integer, primary_key=True)
    entity_type: ClassVar[ColumnClause[str]] = Column(String(16), nullable=False)
    entity_id: ClassVar[ColumnClause[str]] = Column(String(64), nullable=False)


class SyncState(CacheBase):
    """Small key/value facts: server cursor, local_seq counter, cache identity, last sync."""

    __tablename__ = "sync_state"

    key: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    value: ClassVar[ColumnClause[str]] = Column(Text, nullable=False)


class CachedTagAlias(CacheBase):
    """Another name for a tag (``k8s`` for ``kubernetes``), as the server's curators keep them."""

    __tablename__ = "tag_aliases"

    alias: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    tag: ClassVar[ColumnClause[str]] = Column(String(64), nullable=False)


class ExpertProfile(CacheBase):
    """A person's profile for expert finding: how many words and items of theirs are counted.

    Derived from cached items only (``kshare.client.experts.profile_terms``); purged
    and wiped with them.
    """

    __tablename__ = "expert_profiles"

    person_id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    length: ClassVar[ColumnClause[int]] = Column(Integer, nullable=False)
    items: ClassVar[ColumnClause[int]] = Column(Integer, nullable=False)


class ExpertPosting(CacheBase):
    """How often a word occurs in a person's profile."""

    __tablename__ = "expert_postings"
    __table_args__ = (Index("ix_expert_postings_person", "person_id"),)

    term: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    person_id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    tf: ClassVar[ColumnClause[int]] = Column(Integer, nullable=False)


class ExpertTerm(CacheBase):
    """In how many people's profiles a word occurs."""

    __tablename__ = "expert_terms"

    term: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    people: ClassVar[ColumnClause[int]] = Column(Integer, nullable=False)


class ExpertDoc(CacheBase):
    """An item counted in its author's profile (an id and a person, no content)."""

    __tablename__ = "expert_docs"

    item_id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    person_id: ClassVar[ColumnClause[str]] = Column(String(64), index=True, nullable=False)
    digest: ClassVar[ColumnClause[str]] = Column(
        String(32), nullable=False
    )  # of the counted text: an edit recounts


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

    person_id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    item_id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    kind: ClassVar[ColumnClause[str]] = Column(String(16), nullable=False)
    parent_id: ClassVar[ColumnClause[str | None]] = Column(String(64))
    created_at: ClassVar[ColumnClause[str]] = Column(
        String(32), nullable=False
    )  # as the cache writes it: naive UTC
    accepted: ClassVar[ColumnClause[int]] = Column(Integer, nullable=False)
    score: ClassVar[ColumnClause[int]] = Column(Integer, nullable=False)
    tags: ClassVar[ColumnClause[str]] = Column(Text, nullable=False)
    counted: ClassVar[ColumnClause[str]] = Column(Text, nullable=False)
    title: ClassVar[ColumnClause[str]] = Column(Text, nullable=False)


class ExpertTagPerson(CacheBase):
    """How many items credit a person with a tag: the expert finder's candidates per topic."""

    __tablename__ = "expert_tag_people"

    tag: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    person_id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    n: ClassVar[ColumnClause[int]] = Column(Integer, nullable=False)


class ExpertActivity(CacheBase):
    """A person's decayed activity as of their latest contribution (``anchor``), so that a
    new process ranks without reading everything they wrote: seen later, each sum is only
    decayed forward by the time since (``kshare.domain.expertise.activity_since``).

    ``recent`` holds the sums at each of the still-active prior's half-lives, separated by
    spaces, in the order of ``Weights.recent_half_lives``.
    """

    __tablename__ = "expert_activity"

    person_id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    anchor: ClassVar[ColumnClause[str]] = Column(
        String(32), nullable=False
    )  # as the cache writes it: naive UTC
    total: ClassVar[ColumnClause[float]] = Column(Float, nullable=False)
    recent: ClassVar[ColumnClause[str]] = Column(Text, nullable=False)


class ExpertActivityTag(CacheBase):
    """A person's decayed activity under one tag, as of the person's ``anchor``."""

    __tablename__ = "expert_activity_tags"
    __table_args__ = ({"sqlite_with_rowid": False},)

    person_id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    tag: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    activity: ClassVar[ColumnClause[float]] = Column(Float, nullable=False)


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

    id: ClassVar[ColumnClause[int]] = Column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: ClassVar[ColumnClause[str]] = Column(String(64), unique=True, nullable=False)
    operation: ClassVar[ColumnClause[str]] = Column(
        String(32), nullable=False
    )  # create_item, update_item, ...
    target_id: ClassVar[ColumnClause[str]] = Column(String(64), index=True, nullable=False)
    payload: ClassVar[ColumnClause[dict[str, Any]]] = Column(JSON, nullable=False)
    created_at: ClassVar[ColumnClause[datetime]] = Column(DateTime(timezone=True), nullable=False)
    state: ClassVar[ColumnClause[str]] = Column(
        String(16), default="pending", nullable=False
    )  # pending|failed|conflict
    attempts: ClassVar[ColumnClause[int]] = Column(Integer, default=0, nullable=False)
    next_attempt_at: ClassVar[ColumnClause[datetime | None]] = Column(DateTime(timezone=True))
    last_error: ClassVar[ColumnClause[str]] = Column(Text, default="", nullable=False)


class CachedFollow(CacheBase):
    """Something the signed-in person follows, as the server last listed it (added in 0007)."""

    __tablename__ = "follows"

    kind: ClassVar[ColumnClause[str]] = Column(String(32), primary_key=True)
    target: ClassVar[ColumnClause[str]] = Column(String(200), primary_key=True)
    created_at: ClassVar[ColumnClause[datetime]] = Column(DateTime(timezone=True), nullable=False)


class InboxMark(CacheBase):
    """When an inbox entry was first seen on this desktop and whether it was read (0007).

    Holds only a key (``kind:id``), never content: a purged item's entry simply
    finds nothing to show.
    """

    __tablename__ = "inbox_marks"

    key: ClassVar[ColumnClause[str]] = Column(String(200), primary_key=True)
    first_seen: ClassVar[ColumnClause[datetime]] = Column(DateTime(timezone=True), nullable=False)
    read_at: ClassVar[ColumnClause[datetime | None]] = Column(DateTime(timezone=True), default=None)


class CollectionWatch(CacheBase):
    """A followed collection as its follower last saw it (0011), to tell what changed.

    Holds ids and digests only, never titles or notes: the entries counted are those the
    cache held (so the follower could see them), and a purged collection takes its row.
    """

    __tablename__ = "collection_watch"

    collection_id: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    title_digest: ClassVar[ColumnClause[str]] = Column(String(64), default="", nullable=False)
    description_digest: ClassVar[ColumnClause[str]] = Column(String(64), default="", nullable=False)
    # [[kind, id, section digest, note digest], ...] in the collection's order
    entries: ClassVar[ColumnClause[list[Any]]] = Column(JSON, default=list, nullable=False)
    seen_at: ClassVar[ColumnClause[datetime]] = Column(DateTime(timezone=True), nullable=False)


class CollectionChange(CacheBase):
    """One change noticed in a followed collection, as counts (0011): an inbox entry."""

    __tablename__ = "collection_changes"

    id: ClassVar[ColumnClause[int]] = Column(Integer, primary_key=True, autoincrement=True)
    collection_id: ClassVar[ColumnClause[str]] = Column(String(64), index=True, nullable=False)
    at: ClassVar[ColumnClause[datetime]] = Column(
        DateTime(timezone=True), index=True, nullable=False
    )
    # {"added": n, "removed": n, "moved": n, "notes": n, "title": 0|1, "description": 0|1}
    counts: ClassVar[ColumnClause[dict[str, Any]]] = Column(JSON, default=dict, nullable=False)


class CachedTagDescription(CacheBase):
    """What a tag means, in its curators' words, as the server last sent it (0011)."""

    __tablename__ = "tag_descriptions"

    tag: ClassVar[ColumnClause[str]] = Column(String(64), primary_key=True)
    description: ClassVar[ColumnClause[str]] = Column(Text, default="", nullable=False)
