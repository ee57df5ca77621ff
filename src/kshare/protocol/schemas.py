"""The JSON that travels between server and desktop.

Versioned by :data:`kshare.API_VERSION`; every path lives under ``/api/v1``.
Times are ISO 8601 in UTC. Ids are UUID strings made by whoever creates the
thing (the desktop creates ids for what it publishes, so an outbox retry can
never make a second copy).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

ItemKind = Literal["post", "article", "question", "answer", "comment", "document", "collection"]
GroupKind = Literal["team", "department", "community"]
GroupVisibility = Literal["open", "closed", "secret"]
MAX_TITLE = 300
MAX_BODY = 200_000
MAX_TAGS = 20


class Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=False)


# --- times sent in by clients ---------------------------------------------------------

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
TIME_RANGE = (
    "An ISO 8601 time; one without an offset is taken as UTC. After conversion to UTC it "
    "must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z (else 422)."
)


def in_time_range(value: datetime) -> datetime:
    """``value`` in UTC, or a ValueError that names the range (never an overflow later)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        value = value.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00:00+14:00 falls before year 1 in UTC
        value = None  # type: ignore[assignment]
    if value is None or not EARLIEST <= value <= LATEST:
        raise ValueError("must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z in UTC")
    return value


# Every time a client sends: checked and converted to UTC where it is parsed.
InputTime = Annotated[datetime, AfterValidator(in_time_range), Field(description=TIME_RANGE)]


# --- server identity and errors -------------------------------------------------


class ServerInfo(Wire):
    """``GET /api/v1/info`` (no sign-in needed)."""

    product: Literal["kshare"] = "kshare"
    server_version: str
    api_version: int
    min_client_api: int = 1
    organisation: str = ""
    # Desktop releases (PEP 440 versions); "" when the server does not say.
    min_client_version: str = ""
    recommended_client_version: str = ""
    # How people sign in here: "password", "sso" (the company account, in the browser).
    sign_in: list[str] = Field(default_factory=lambda: ["password"])


class ErrorBody(Wire):
    """Every 4xx/5xx answer: a machine code and a sentence a person can read."""

    code: str
    message: str
    current: dict[str, object] | None = None  # e.g. the current item on a 412 conflict


# --- sign-in ------------------------------------------------------------------------


class LoginRequest(Wire):
    """``POST /api/v1/auth/login``."""

    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)
    device: str = Field(default="", max_length=200)
    # What the desktop says about itself, shown in "Devices" (all optional).
    host_name: str = Field(default="", max_length=200)
    platform: str = Field(default="", max_length=100)
    app_version: str = Field(default="", max_length=50)
    # The key a desktop got at an earlier successful sign-in: its own sign-in budget.
    device_key: str = Field(default="", max_length=200)


class OidcStart(Wire):
    """``POST /api/v1/auth/oidc/start``: a desktop begins a browser sign-in."""

    # RFC 8252 loopback: http://127.0.0.1:PORT/callback (or [::1]).
    redirect_uri: str = Field(min_length=1, max_length=200)
    code_challenge: str = Field(min_length=43, max_length=128)  # PKCE S256 (RFC 7636)
    code_challenge_method: Literal["S256"] = "S256"


class OidcStarted(Wire):
    authorization_url: str  # open this in the system browser
    state: str  # the loopback answer must carry exactly this


class OidcFinish(Wire):
    """``POST /api/v1/auth/oidc/finish``: the code the browser brought back, and the verifier."""

    state: str = Field(min_length=1, max_length=200)
    code: str = Field(min_length=1, max_length=4096)
    code_verifier: str = Field(min_length=43, max_length=128)
    host_name: str = Field(default="", max_length=200)
    platform: str = Field(default="", max_length=100)
    app_version: str = Field(default="", max_length=50)


class PersonRef(Wire):
    id: str
    username: str
    display_name: str


class GroupRef(Wire):
    id: str
    name: str
    kind: GroupKind


class LoginResponse(Wire):
    """A new device session: a short-lived ``token`` and the ``refresh_token`` that renews it."""

    token: str
    expires_at: datetime
    user: PersonRef
    refresh_token: str = ""
    session_id: str = ""
    device_key: str = ""


class RefreshRequest(Wire):
    """``POST /api/v1/auth/refresh``: the refresh token is replaced at every use."""

    refresh_token: str = Field(min_length=1, max_length=200)


class DeviceOut(Wire):
    """One device session of a person (``GET /api/v1/me/devices``)."""

    id: str
    host_name: str
    platform: str
    app_version: str
    created_at: datetime
    last_seen_at: datetime
    current: bool = False  # the session making this request


class PasswordChange(Wire):
    """``PUT /api/v1/me/password``: the other sessions of the person end."""

    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


# --- audiences ----------------------------------------------------------------------


class AudienceSpec(Wire):
    """An audience as the author states it (groups by name or id, people by username or id)."""

    org: bool = False
    groups: list[str] = Field(default_factory=list, max_length=100)
    people: list[str] = Field(default_factory=list, max_length=500)
    private: bool = False
    editor_groups: list[str] = Field(default_factory=list, max_length=100)
    editor_people: list[str] = Field(default_factory=list, max_length=500)
    publish_at: InputTime | None = None
    visible_until: InputTime | None = None

    @model_validator(mode="after")
    def _window_in_order(self) -> AudienceSpec:
        if self.publish_at and self.visible_until and self.visible_until <= self.publish_at:
            raise ValueError("visible_until must come after publish_at")
        return self


class AudienceView(Wire):
    """An audience as a viewer is shown it. Secret groups the viewer is not in are only counted."""

    org: bool = False
    groups: list[GroupRef] = Field(default_factory=list)
    hidden_groups: int = 0
    people: list[PersonRef] = Field(default_factory=list)
    private: bool = False
    editor_groups: list[GroupRef] = Field(default_factory=list)
    editor_people: list[PersonRef] = Field(default_factory=list)
    publish_at: datetime | None = None
    visible_until: datetime | None = None


# --- entities -----------------------------------------------------------------------


class BlobRef(Wire):
    """A file's content, addressed by its SHA-256 (``GET /api/v1/blobs/{sha256}``)."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)
    mime: str = "application/octet-stream"
    filename: str = ""


class FileVersion(Wire):
    """One version of a document's file (``number`` counts from 1, oldest first).

    Every version is fetched like the current one, ``GET /api/v1/blobs/{sha256}``,
    by whoever may see the document.
    """

    number: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)
    mime: str = "application/octet-stream"
    filename: str = ""
    uploader_id: str
    created_at: datetime


class CollectionEntry(Wire):
    """One place in a curated collection; only entries the viewer may see are sent.

    ``position`` counts only the entries sent to this viewer, and ``section`` names the
    part of the collection it sits in ("" for none). ``kind`` says whether ``item_id``
    names an item or a person.
    """

    item_id: str = Field(max_length=64)
    note: str = Field(default="", max_length=5000)
    position: int = 0
    section: str = Field(default="", max_length=200)
    kind: Literal["item", "person"] = "item"


class VerificationOut(Wire):
    """Who vouched for an item, when, the date to look at it again, and what they read."""

    verified_by: str
    verified_at: datetime
    review_by: datetime | None = None
    item_version: int = 1
    blob_sha256: str | None = None  # the document version that was verified


class CuratorRole(Wire):
    """The signed-in person's curator role: everywhere, or for these groups and tags."""

    active: bool = False
    everywhere: bool = False
    groups: list[GroupRef] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class ItemOut(Wire):
    """A post, article, question, answer, comment, document or collection, as its viewer sees it.

    Documents carry ``attachment`` (the current version's blob); an attachment of
    a post is a document whose ``parent_id`` is the post. Collections carry
    ``entries``. Answers, comments and attachments inherit their parent's audience.
    """

    id: str
    kind: ItemKind
    parent_id: str | None = None
    quote_of: str | None = None  # a share/quote: never visible to more people than the original
    author_id: str
    title: str = ""
    body: str = ""  # Markdown source; rendered and sanitized on the desktop
    tags: list[str] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime
    version: int
    accepted_answer_id: str | None = None  # questions
    is_accepted: bool = False  # answers
    score: int = 0
    audience: AudienceView = Field(default_factory=AudienceView)
    can_edit: bool = False
    mentions: list[str] = Field(default_factory=list)  # person ids
    attachment: BlobRef | None = None
    entries: list[CollectionEntry] = Field(default_factory=list)
    verification: VerificationOut | None = None
    file_versions: list[FileVersion] = Field(default_factory=list)  # documents, oldest first


class ReactionOut(Wire):
    """A reaction to an item; it inherits the item's audience."""

    id: str
    item_id: str
    author_id: str
    emoji: str = Field(min_length=1, max_length=32)
    created_at: datetime
    version: int = 1


class PersonOut(Wire):
    """A person as a viewer receives them.

    Every field goes to every signed-in colleague except those whose schema says
    ``x-audience: self``: the person alone receives them as they are. Colleagues get
    ``expertise_hidden`` sealed (``sealed:SALT:SHA256`` entries), which lets their
    desktop leave the person out for a topic without ever naming it.
    """

    id: str
    username: str
    display_name: str
    title: str = ""
    department: str = ""
    location: str = ""
    manager_id: str | None = None
    skills: list[str] = Field(default_factory=list)
    ask_me_about: list[str] = Field(default_factory=list)
    endorsements: dict[str, list[str]] = Field(default_factory=dict)  # skill -> endorser ids
    expertise_confirmed: list[str] = Field(default_factory=list)  # topics they stand by
    expertise_hidden: list[str] = Field(
        default_factory=list,
        description="Topics never to list them for (hidden or removed): as written for the "
        "person, sealed for everyone else.",
        json_schema_extra={"x-audience": "self"},
    )
    expert_opt_out: bool = False  # never list them as an expert at all
    active: bool = True
    version: int


class GroupOut(Wire):
    id: str
    name: str
    kind: GroupKind
    visibility: GroupVisibility = "open"
    description: str = ""
    member_ids: list[str] = Field(default_factory=list)
    owner_ids: list[str] = Field(default_factory=list)
    version: int


class ItemUpsert(Wire):
    type: Literal["item"] = "item"
    data: ItemOut


class PersonUpsert(Wire):
    type: Literal["person"] = "person"
    data: PersonOut


class GroupUpsert(Wire):
    type: Literal["group"] = "group"
    data: GroupOut


class ReactionUpsert(Wire):
    type: Literal["reaction"] = "reaction"
    data: ReactionOut


Upsert = Annotated[
    ItemUpsert | PersonUpsert | GroupUpsert | ReactionUpsert, Field(discriminator="type")
]
EntityType = Literal["item", "person", "group", "reaction"]


class Removal(Wire):
    type: EntityType
    id: str
    reason: Literal["deleted", "access_revoked"] = "deleted"


# --- change feed --------------------------------------------------------------------


class FeedPage(Wire):
    """``GET /api/v1/feed?since=CURSOR&limit=N``.

    ``cursor`` is opaque to the client: store it with the page and send it back.
    ``reconcile`` asks the client to fetch ``/api/v1/reconcile`` and drop what
    it holds that is not listed there (membership changed, or cursor too old).
    """

    upserts: list[Upsert] = Field(default_factory=list)
    removals: list[Removal] = Field(default_factory=list)
    cursor: str
    more: bool = False
    reconcile: bool = False
    total_estimate: int | None = None  # upserts still to come, for honest progress
    # Every tag alias (alias -> tag), whole, on the first page of a pass and whenever the
    # list changed since the cursor; absent (None) when the client's copy is current.
    tag_aliases: dict[str, str] | None = None
    # Every tag description (tag -> text), whole, on the same terms as the aliases; a tag
    # missing from it has none (any more).
    tag_descriptions: dict[str, str] | None = None
    # The viewer's own curator role, on the first page of a pass and whenever it changed.
    curator: CuratorRole | None = None


class ReconcileList(Wire):
    """``GET /api/v1/reconcile``: id -> version of everything the viewer may see now."""

    items: dict[str, int] = Field(default_factory=dict)
    people: dict[str, int] = Field(default_factory=dict)
    groups: dict[str, int] = Field(default_factory=dict)
    reactions: dict[str, int] = Field(default_factory=dict)
    cursor: str


class PurgeAck(Wire):
    """``POST /api/v1/sync/purged``: the device confirms it dropped these (audited)."""

    device: str = Field(default="", max_length=200)
    removals: list[Removal] = Field(default_factory=list, max_length=10_000)


# --- writes -------------------------------------------------------------------------


class ItemCreate(Wire):
    """``POST /api/v1/items`` with header ``Idempotency-Key``; answers 201 with ItemOut.

    A repeated key answers with the original result and creates nothing.
    """

    id: str = Field(min_length=8, max_length=64)
    kind: ItemKind = "post"
    parent_id: str | None = None
    title: str = Field(default="", max_length=MAX_TITLE)
    body: str = Field(default="", max_length=MAX_BODY)
    tags: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default_factory=list, max_length=MAX_TAGS
    )
    audience: AudienceSpec | None = None  # None for answers and comments (inherit the parent's)
    # Share or quote of another item: the audience is narrowed to the original's, and
    # the result stays visible only to people who may also see the original.
    quote_of: str | None = Field(default=None, max_length=64)
    attachment: BlobRef | None = None  # documents: upload the blob first
    entries: list[CollectionEntry] = Field(default_factory=list, max_length=5000)


class ItemUpdate(Wire):
    """``PUT /api/v1/items/{id}``: a stale ``base_version`` answers 412 with the current item."""

    base_version: int
    title: str | None = Field(default=None, max_length=MAX_TITLE)
    body: str | None = Field(default=None, max_length=MAX_BODY)
    tags: list[Annotated[str, Field(min_length=1, max_length=64)]] | None = Field(
        default=None, max_length=MAX_TAGS
    )
    audience: AudienceSpec | None = None
    attachment: BlobRef | None = None  # a new version of a document
    entries: list[CollectionEntry] | None = Field(default=None, max_length=5000)


class ItemRevisionOut(Wire):
    """One earlier version of an item (``GET /api/v1/items/{id}/history``, oldest first)."""

    version: int
    title: str = ""
    body: str = ""
    tags: list[str] = Field(default_factory=list)
    editor_id: str
    created_at: datetime


class EndorsementCreate(Wire):
    """``POST /api/v1/people/{id}/endorsements``: vouch for a colleague's skill."""

    skill: str = Field(min_length=1, max_length=100)


class ReactionCreate(Wire):
    """``POST /api/v1/items/{id}/reactions`` with ``Idempotency-Key``."""

    id: str = Field(min_length=8, max_length=64)
    emoji: str = Field(min_length=1, max_length=32)


class ProfileUpdate(Wire):
    """``PUT /api/v1/me/profile``: what a person says about themselves; syncs to everyone."""

    title: str | None = Field(default=None, max_length=200)
    location: str | None = Field(default=None, max_length=200)
    skills: list[str] | None = Field(default=None, max_length=100)
    ask_me_about: list[str] | None = Field(default=None, max_length=100)
    expertise_confirmed: list[str] | None = Field(default=None, max_length=200)
    expertise_hidden: list[str] | None = Field(default=None, max_length=200)
    expert_opt_out: bool | None = None


class AudiencePreview(Wire):
    """``POST /api/v1/audience/preview``: who would see an item with this audience."""

    people_count: int
    groups: list[GroupRef] = Field(
        default_factory=list
    )  # never a secret group the author is not in
    org_wide: bool = False
    unknown: list[str] = Field(default_factory=list)  # names that match no group or person


# --- group membership ---------------------------------------------------------------


class GroupListing(Wire):
    """One group the caller may know (``GET /api/v1/groups``) and where the caller stands.

    Secret groups appear only to their members; a listed group never says who
    asked to join it.
    """

    id: str
    name: str
    kind: GroupKind
    visibility: GroupVisibility
    description: str = ""
    member_count: int = 0
    is_member: bool = False
    is_owner: bool = False
    request_pending: bool = False  # the caller asked to join and no owner has answered yet
    # for the group's owners: requests waiting for an answer (None: the server did not say)
    pending_requests: int | None = None


class JoinRequestOut(Wire):
    """A pending request to join a closed group (``GET /api/v1/groups/{id}/requests``)."""

    person: PersonRef
    requested_at: datetime


# --- follows ------------------------------------------------------------------------

# What a person may follow. The kind is an open set on the wire (a string, not a fixed
# enum): a newer server may add kinds, and an older desktop keeps what it cannot use.
FOLLOW_KINDS = ("person", "tag", "group", "question", "collection")
FollowKindName = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[a-z][a-z_]*$")]
MAX_FOLLOWS = 5000


class FollowOut(Wire):
    """One thing the caller follows: a tag by name, anything else by id."""

    kind: FollowKindName
    target: str
    created_at: datetime


class FollowList(Wire):
    """``GET /api/v1/me/follows``: what the caller follows, for the caller alone.

    Only targets the caller may see now are listed (a question whose audience
    narrowed, a group that became secret, drop out without a word).
    """

    follows: list[FollowOut] = Field(default_factory=list)


class FollowChange(Wire):
    """``PUT /api/v1/me/follows`` with ``Idempotency-Key``: follow or stop following one thing."""

    kind: FollowKindName
    target: str = Field(min_length=1, max_length=200)
    following: bool = True


class InboxState(Wire):
    """``GET|PUT /api/v1/me/inbox``: up to when the caller read their inbox (theirs alone).

    A PUT never moves the point back: a desktop that was offline cannot unread
    what another one read.
    """

    read_through: InputTime | None = None


class JoinDecision(Wire):
    """An owner's answer to the caller's request to join (``GET /api/v1/me/join-decisions``).

    Only the requester receives it, and only for groups they may know now.
    """

    group_id: str
    group_name: str
    approved: bool
    decided_at: datetime
