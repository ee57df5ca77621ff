"""Plain values the client façade hands to the UI and the command line.

They are immutable snapshots: safe to pass from a worker thread to the GUI
thread, and free of SQLAlchemy sessions.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kshare.client.phrases import Phrase

if TYPE_CHECKING:
    from pydantic import TypeAdapter


@dataclass(frozen=True)
class ItemSummary:
    """One row of the feed or of a list of contributions."""

    id: str
    kind: str
    title: str
    author_id: str
    author_name: str
    created_at: datetime
    updated_at: datetime
    tags: tuple[str, ...] = ()
    excerpt: str = ""
    audience_label: str = ""
    answer_count: int = 0
    is_accepted: bool = False
    score: int = 0
    pending: bool = False  # written on this desktop, not yet on the server
    publish_at: datetime | None = None  # others see it from then on (the author sees it now)


@dataclass(frozen=True)
class AudienceInfo:
    """Who may see and edit an item, and when, in the forms ``publish`` and ``edit`` take.

    ``audience``: ``org``, ``private``, ``group:NAME``, ``person:USERNAME``;
    ``editors``: ``group:NAME``, ``person:USERNAME``; ``*_names`` say them for sentences.
    """

    audience: tuple[str, ...] = ("private",)
    editors: tuple[str, ...] = ()
    editor_names: tuple[str, ...] = ()
    hidden_groups: int = 0  # secret groups the viewer is not in: only counted
    publish_at: datetime | None = None
    visible_until: datetime | None = None


@dataclass(frozen=True)
class ItemDetail:
    """Everything the detail pane shows; ``body_html`` is rendered and sanitized."""

    summary: ItemSummary
    body_markdown: str
    body_html: str
    audience_label: str
    can_edit: bool
    version: int
    parent_id: str | None = None
    answers: tuple[ItemDetail, ...] = ()
    comments: tuple[ItemDetail, ...] = ()
    reactions: tuple[tuple[str, int], ...] = ()  # (emoji, count)
    attachment_name: str = ""  # cleaned for display (see kshare.client.filenames)
    attachment_note: str = ""  # why its text is not searchable ("too large to index", ...)
    pending: bool = False  # written on this desktop, not yet on the server
    audience: AudienceInfo = field(default_factory=AudienceInfo)
    # "Verified by Ana Souza" and, quietly, "may be outdated" (kshare.client.curation)
    verification_note: str = ""
    verification_phrase: Phrase | None = None  # the note for translation


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str  # item kinds, plus "person"
    title: str
    snippet_html: str  # sanitized, with <b> around matches
    author_name: str = ""
    created_at: datetime | None = None
    tags: tuple[str, ...] = ()
    score: float = 0.0
    parent_id: str | None = None
    title_phrase: Phrase | None = None  # a reply's "Comment on “…”" for translation


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...]
    total: int
    page: int = 1
    page_size: int = 20
    facets: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    suggestion: str | None = None  # "did you mean"
    error: str | None = None  # a query that could not be read, said plainly


@dataclass(frozen=True)
class ExpertReason:
    """Why a person is listed: one contribution, tag, skill or endorsement."""

    kind: str  # "answer", "accepted_answer", "post", "document", "tag", "skill", "endorsement"
    text: str
    item_id: str | None = None
    weight: float = 0.0
    # behind a tag reason: (item id, thread title) of the person's contributions, newest first
    items: tuple[tuple[str, str], ...] = ()
    phrase: Phrase | None = None  # ``text`` for translation (not in ``--json``)


@dataclass(frozen=True)
class Expert:
    person_id: str
    display_name: str
    title: str
    department: str
    score: float
    reasons: tuple[ExpertReason, ...]
    ask_about: str = ""


@dataclass(frozen=True)
class ExpertiseTopic:
    """One topic on a person's expertise profile."""

    name: str
    strength: float  # 0..1, relative to the person's strongest topic
    state: str  # "mined" (from what they wrote), "confirmed" (they stand by it)


@dataclass(frozen=True)
class ExpertiseProfile:
    """A person's expertise as the viewer's cache shows it, and the person's own choices.

    ``topics`` leaves out what the person hid; ``hidden`` lists those topics (for the
    person themselves, so they can show them again).
    """

    person_id: str
    display_name: str
    title: str
    department: str
    ask_about: str
    topics: tuple[ExpertiseTopic, ...]
    skills: tuple[str, ...] = ()
    ask_me_about: tuple[str, ...] = ()
    endorsements: tuple[tuple[str, int], ...] = ()  # (skill, endorsers), most endorsed first
    endorsed_by_me: tuple[str, ...] = ()  # the skills (as named above) the viewer endorsed
    hidden: tuple[str, ...] = ()
    opt_out: bool = False
    is_me: bool = False
    similar: tuple[Expert, ...] = ()


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar and ``kshare sync`` say.

    ``state``: signed_out, idle, syncing, offline, retrying, server_too_old,
    auth_required, error.
    """

    state: str
    message: str
    last_success: datetime | None = None
    pending_outbox: int = 0
    items_done: int = 0
    items_total: int | None = None
    bytes_done: int = 0
    bytes_total: int | None = None
    retry_in_s: float | None = None
    phrase: Phrase | None = None  # ``message`` for translation

    @classmethod
    def said(cls, state: str, phrase: Phrase, last_success: datetime | None = None) -> SyncStatus:
        """A status whose message is ``phrase`` (its English is the ``message``)."""
        return cls(state, phrase.text, last_success=last_success, phrase=phrase)


@dataclass(frozen=True)
class Choice:
    """A group or person offered by the audience picker."""

    kind: str  # "group" or "person"
    id: str
    name: str  # group name or username: what ``--audience group:NAME`` takes
    label: str  # what the picker shows
    display_name: str = ""  # the plain name for sentences: "Visible to: SRE, Ana Souza"


@dataclass(frozen=True)
class DocumentMatch:
    """A cached item that matches a topic, as the expert finder reads it from the index."""

    id: str
    kind: str
    author_id: str
    score: float  # the index's relevance score for the topic
    created_at: datetime
    parent_id: str | None = None
    tags: tuple[str, ...] = ()
    is_accepted: bool = False
    title: str = ""


@dataclass(frozen=True)
class GroupView:
    """A group the person may know, and where they stand in it (from the server, online)."""

    id: str
    name: str
    kind: str  # "team", "department" or "community"
    visibility: str  # "open", "closed" or "secret"
    description: str = ""
    member_count: int = 0
    is_member: bool = False
    is_owner: bool = False
    request_pending: bool = False  # the person asked to join and no owner has answered yet
    # for the group's owners: requests waiting for an answer (None: the server did not say)
    pending_requests: int | None = None


@dataclass(frozen=True)
class PersonName:
    """Who someone is, in the words a sentence needs."""

    id: str
    username: str
    display_name: str


@dataclass(frozen=True)
class JoinRequestView:
    """A pending request to join a closed group the person owns."""

    person: PersonName
    requested_at: datetime


@dataclass(frozen=True)
class DeviceView:
    """One device the person is signed in on, ``current`` for this one."""

    id: str
    host_name: str
    platform: str
    app_version: str
    created_at: datetime
    last_seen_at: datetime
    current: bool = False

    def as_json(self) -> dict[str, Any]:
        """The command line's contract: the device as the server sends it, field for field
        (times in the same ISO form)."""
        result: dict[str, Any] = _device_json().dump_python(self, mode="json")
        return result


@functools.cache
def _device_json() -> TypeAdapter[DeviceView]:
    """Made at first use: pydantic is a large import that a one-shot command (an expert
    query, a search) does not otherwise need."""
    from pydantic import TypeAdapter

    return TypeAdapter(DeviceView)
