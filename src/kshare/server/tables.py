"""The server's tables (SQLAlchemy 2.0 typed ORM). Created and upgraded by ``migrations/server``.

Every row a client syncs carries ``seq``: the value of the global change
counter when it last changed, so the change feed can page strictly by it.
Answers, comments and attachments point at ``root_id``, the item whose
audience governs them, so one join answers "may this viewer see it".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kshare.clock import SYSTEM, Clock

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(64)
# SQLite only auto-increments an INTEGER PRIMARY KEY, not a BIGINT one.
AutoId = BigInteger().with_variant(Integer(), "sqlite")


CLOCK_OPTION = "kshare_clock"


def stamp(context: Any) -> datetime:
    """Column default "now": the clock the engine was given (``Database(clock=...)``).

    SQLAlchemy hands a callable default its execution context; the engine's execution
    options carry the server's :class:`~kshare.clock.Clock` under :data:`CLOCK_OPTION`.
    """
    options = getattr(context, "execution_options", None) or {}
    clock: Clock = options.get(CLOCK_OPTION, SYSTEM)
    return clock.now()


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, returns aware UTC: the same on SQLite (no time zones) and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        list[str]: JSON,
        dict[str, Any]: JSON,
    }


class ServerState(Base):
    """Named counters: the global change ``seq`` and the tombstone ``horizon``."""

    __tablename__ = "server_state"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(String(150))
    username_key: Mapped[str] = mapped_column(String(150), unique=True)  # case-folded
    display_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    manager_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), default=None)
    skills: Mapped[list[str]] = mapped_column(default=list)
    ask_me_about: Mapped[list[str]] = mapped_column(default=list)
    expertise_confirmed: Mapped[list[str]] = mapped_column(default=list)
    expertise_hidden: Mapped[list[str]] = mapped_column(default=list)
    expert_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    # Bumped whenever what this person may see changes wholesale (membership, role,
    # account state): a feed cursor from another epoch must reconcile.
    membership_epoch: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    # Who the company's directory says this is: the OpenID Connect issuer and subject
    # ("ISSUER SUBJECT"), and the id a SCIM client gave it; None for local accounts.
    oidc_subject: Mapped[str | None] = mapped_column(String(600), unique=True, default=None)
    external_id: Mapped[str | None] = mapped_column(String(300), index=True, default=None)
    email: Mapped[str] = mapped_column(String(320), default="")
    # What the directory said as it said it (SCIM ``emails``; whether it gave a display
    # name and ``active``), kept to give it back; empty for people SCIM never touched.
    scim_data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # A SCIM DELETE: disabled for good and gone from /scim/v2; their content stays.
    deprovisioned_at: Mapped[datetime | None] = mapped_column(default=None)


class Endorsement(Base):
    __tablename__ = "endorsements"

    endorser_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True)
    endorsee_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    skill_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    skill: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class Group(Base):
    __tablename__ = "groups"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="team")
    visibility: Mapped[str] = mapped_column(String(16), default="open")
    description: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    # Set for groups the company's directory manages (SCIM, or named in a groups claim):
    # a sign-in's groups claim adds and removes members of these groups only.
    external_id: Mapped[str | None] = mapped_column(String(300), index=True, default=None)


class Membership(Base):
    __tablename__ = "memberships"

    group_id: Mapped[str] = mapped_column(ForeignKey("groups.id"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    is_owner: Mapped[bool] = mapped_column(Boolean, default=False)


class JoinRequest(Base):
    """A pending request to join a closed group; answered (approved or declined) by deleting it.

    The outcome lives in the audit log, so a declined person may ask again later.
    """

    __tablename__ = "group_join_requests"

    group_id: Mapped[str] = mapped_column(ForeignKey("groups.id"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class Item(Base):
    __tablename__ = "items"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("items.id"), index=True)
    # The item whose audience and window govern this one (itself for top-level items).
    root_id: Mapped[str] = mapped_column(ID, index=True)
    # A share/quote: visible only to those who may also see the original.
    quote_of: Mapped[str | None] = mapped_column(ForeignKey("items.id"), index=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    updated_at: Mapped[datetime] = mapped_column(default=stamp)
    version: Mapped[int] = mapped_column(Integer, default=1)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    accepted_answer_id: Mapped[str | None] = mapped_column(ID, default=None)
    score: Mapped[int] = mapped_column(Integer, default=0)
    publish_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    visible_until: Mapped[datetime | None] = mapped_column(default=None, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    blob_sha256: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    blob_size: Mapped[int | None] = mapped_column(BigInteger, default=None)
    blob_mime: Mapped[str] = mapped_column(String(200), default="")
    blob_filename: Mapped[str] = mapped_column(String(300), default="")


class AudienceRow(Base):
    """One principal of a top-level item's audience, with the right it grants."""

    __tablename__ = "item_audience"
    __table_args__ = (UniqueConstraint("item_id", "kind", "ref", "right"),)

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # org | group | person | author
    ref: Mapped[str] = mapped_column(ID, default="")
    right: Mapped[str] = mapped_column(String(8), default="view")  # view | edit


class ItemRevision(Base):
    """An earlier version of an item, kept on every edit."""

    __tablename__ = "item_revisions"
    __table_args__ = (Index("ix_item_revisions_item_version", "item_id", "version"),)

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(default=list)
    editor_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class ItemFileVersion(Base):
    """One version of a document's file: a blob, who shared it and when (oldest first).

    Earlier versions stay downloadable by whoever may see the document, through the
    same gate as the current one.
    """

    __tablename__ = "item_file_versions"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    mime: Mapped[str] = mapped_column(String(200), default="")
    filename: Mapped[str] = mapped_column(String(300), default="")
    uploader_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class CollectionEntryRow(Base):
    __tablename__ = "collection_entries"

    collection_id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True)
    item_id: Mapped[str] = mapped_column(ID, primary_key=True, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Added in 0007: the named part of the collection it sits in, and what it points at.
    section: Mapped[str] = mapped_column(String(200), default="")
    entry_kind: Mapped[str] = mapped_column(String(16), default="item")  # item | person


class Mention(Base):
    __tablename__ = "mentions"

    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)


class Reaction(Base):
    __tablename__ = "reactions"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), index=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    emoji: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    version: Mapped[int] = mapped_column(Integer, default=1)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)


class DeviceSession(Base):
    """One sign-in of one person on one desktop: what "Devices" lists and an admin revokes.

    Its access tokens live in ``tokens``; the refresh token is kept here as its
    SHA-256, with the one it replaced so a replayed old one can be recognised.
    A wiped session answers every later contact with "wipe", never with a plain 401.
    """

    __tablename__ = "device_sessions"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    host_name: Mapped[str] = mapped_column(String(200), default="")
    platform: Mapped[str] = mapped_column(String(100), default="")
    app_version: Mapped[str] = mapped_column(String(50), default="")
    method: Mapped[str] = mapped_column(String(16), default="password")
    address: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    last_seen_at: Mapped[datetime] = mapped_column(default=stamp)
    refresh_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    previous_refresh_hash: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    refreshed_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    revoke_reason: Mapped[str] = mapped_column(String(32), default="")
    wipe_requested_at: Mapped[datetime | None] = mapped_column(default=None)
    wiped_at: Mapped[datetime | None] = mapped_column(default=None)


class KnownDevice(Base):
    """A desktop that once signed in with the right password: it gets its own sign-in
    budget, so a stranger's guesses cannot lock the owner out of their own computer."""

    __tablename__ = "known_devices"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    last_used_at: Mapped[datetime] = mapped_column(default=stamp)


class SignInAttempt(Base):
    """A sign-in counted against a budget (``user:NAME``, ``addr:IP``, ``device:HASH``).

    Counted before the password is checked, in the shared database, so parallel
    requests and several server processes all see the same count.
    """

    __tablename__ = "sign_in_attempts"
    __table_args__ = (Index("ix_sign_in_attempts_scope_at", "scope", "at"),)

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(index=True)


class Token(Base):
    """A bearer token, stored only as its SHA-256."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    session_id: Mapped[str | None] = mapped_column(
        ForeignKey("device_sessions.id"), index=True, default=None
    )
    device: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class IdempotencyKey(Base):
    """The original answer to a write, replayed when the same key comes again."""

    __tablename__ = "idempotency_keys"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(500))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    # SHA-256 of method, path and body: the same key with another request is refused
    # instead of replaying an answer to something the client did not ask this time.
    # Empty on rows stored before it was kept (those compare by method and path only).
    request_hash: Mapped[str] = mapped_column(String(64), default="")


class BlobUpload(Base):
    """Who uploaded which file: attaching a blob is theirs, or that of people who see it in use.

    Knowing a file's SHA-256 is not the same as holding the file; without this
    record anyone with the hash could attach it to an item of their own and read it.
    """

    __tablename__ = "blob_uploads"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=stamp, index=True)
    actor_id: Mapped[str | None] = mapped_column(ID, default=None)
    action: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Tombstone(Base):
    """Something that some viewers lost (deleted, audience narrowed, group hidden).

    ``former`` lists who could see it before, as principal strings plus
    ``author:ID``, so a removal goes only to viewers who may have held it.
    Pruned after the tombstone window; older cursors must reconcile.
    """

    __tablename__ = "tombstones"

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    entity: Mapped[str] = mapped_column(String(16))  # item | reaction | group
    entity_id: Mapped[str] = mapped_column(ID)
    reason: Mapped[str] = mapped_column(String(16))  # deleted | access_revoked
    former: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=stamp, index=True)


class TagAlias(Base):
    """Another name of a tag (``k8s`` for ``kubernetes``); see :mod:`kshare.server.tag_aliases`.

    A removed alias keeps its row (``removed``) with a fresh ``seq``, so the feed can
    tell devices that the list changed.
    """

    __tablename__ = "tag_aliases"

    alias: Mapped[str] = mapped_column(String(64), primary_key=True)
    tag: Mapped[str] = mapped_column(String(64))
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    changed_at: Mapped[datetime] = mapped_column(default=stamp)


class OidcLogin(Base):
    """A browser sign-in under way: what the answer from the identity provider must match.

    Kept by the SHA-256 of its ``state``, used once, and only for a few minutes.
    """

    __tablename__ = "oidc_logins"

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(128))
    code_challenge: Mapped[str] = mapped_column(String(128))
    redirect_uri: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(index=True)


class ScimToken(Base):
    """A bearer token a provisioning client (Entra ID, Okta, Keycloak) calls /scim/v2 with."""

    __tablename__ = "scim_tokens"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)


class ServerMeta(Base):
    """Named text settings the server keeps about itself (organisation name, demo seeded)."""

    __tablename__ = "server_meta"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")


class CuratorGrant(Base):
    """A person's curator role: everywhere, or for named groups and tags (see server/curation)."""

    __tablename__ = "curator_grants"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True)
    everywhere: Mapped[bool] = mapped_column(Boolean, default=False)
    group_ids: Mapped[list[str]] = mapped_column(default=list)
    tags: Mapped[list[str]] = mapped_column(default=list)
    # A revoked role keeps its row, with a fresh seq, so the feed tells the desktop.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    changed_at: Mapped[datetime] = mapped_column(default=stamp)


class Verification(Base):
    """Who vouched for an item, when, until when, and which version of it they read."""

    __tablename__ = "verifications"

    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True)
    verified_by: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    verified_at: Mapped[datetime] = mapped_column(default=stamp)
    review_by: Mapped[datetime | None] = mapped_column(default=None, index=True)
    item_version: Mapped[int] = mapped_column(Integer, default=1)
    blob_sha256: Mapped[str | None] = mapped_column(String(64), default=None)


class SearchGap(Base):
    """A search that found nothing (or was given up), as the person's desktop reported it.

    ``reporter`` is a keyed digest of the person and the query, never a name: it lets
    distinct people be counted for one query and links nothing across queries.
    """

    __tablename__ = "search_gaps"
    __table_args__ = (UniqueConstraint("query_key", "reporter", "kind"),)

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    query_key: Mapped[str] = mapped_column(String(200), index=True)
    query: Mapped[str] = mapped_column(String(200))
    reporter: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # empty | abandoned
    at: Mapped[datetime] = mapped_column(default=stamp, index=True)


class TagDescription(Base):
    """What a tag means, in its steward's words."""

    __tablename__ = "tag_descriptions"

    tag: Mapped[str] = mapped_column(String(64), primary_key=True)
    description: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[str | None] = mapped_column(ID, default=None)
    changed_at: Mapped[datetime] = mapped_column(default=stamp)
    # The change number of the last edit (0011): the feed sends the list whenever it moved.
    # An emptied description keeps its row, so desktops learn of the removal.
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class Follow(Base):
    """Something a person follows (a colleague, a tag, a group, a question, a collection).

    Private to that person: only ``/me/follows`` ever reads it, for the caller alone,
    and only targets the caller may still see are listed.
    """

    __tablename__ = "follows"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    target: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class InboxReadPoint(Base):
    """Up to when a person has read their inbox, so every desktop of theirs agrees.

    Private to that person, like :class:`Follow`; it only ever moves forward.
    """

    __tablename__ = "inbox_read_points"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True)
    read_through: Mapped[datetime] = mapped_column()
