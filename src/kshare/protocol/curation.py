"""Wire types of curation: collection entries, verification, health reports, search gaps.

Paths (all need a signed-in caller; writes take ``Idempotency-Key``)::

    POST /api/v1/collections/{id}/entries     CollectionEntryAdd -> ItemOut (its curators)
    POST /api/v1/items/{id}/verify            VerifyRequest -> ItemOut (curators, the author)
    GET  /api/v1/curation/health              HealthReport (curators and admins)
    POST /api/v1/curation/search-gaps         SearchGapReport -> 204
    POST /api/v1/curation/exports             ExportRecord -> 204 (recorded in the audit log)
    GET  /api/v1/curation/tags/{tag}          TagOut
    PUT  /api/v1/curation/tags/{tag}          TagDescribe -> TagOut (curators of the tag)
    POST /api/v1/curation/tags/{tag}/merge    TagMerge -> TagOut (curators everywhere)
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from kshare.protocol.routes import PREFIX
from kshare.protocol.schemas import InputTime, Wire

COLLECTIONS = f"{PREFIX}/collections"
CURATION = f"{PREFIX}/curation"
HEALTH = f"{CURATION}/health"
SEARCH_GAPS = f"{CURATION}/search-gaps"
EXPORTS = f"{CURATION}/exports"
MAX_QUERY = 200
# A search gap is shown only once this many different people made the query.
GAP_THRESHOLD = 5


class CollectionEntryAdd(Wire):
    """Put one item (or person) into a collection, or change its section and note.

    Adding merges with what other curators did meanwhile, so it needs no version.
    """

    item_id: str = Field(min_length=1, max_length=64)
    kind: Literal["item", "person"] = "item"
    section: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=5000)


class VerifyRequest(Wire):
    """Vouch for an item as it is now; ``review_by`` is when to look at it again."""

    review_by: InputTime | None = None


class SearchGapReport(Wire):
    """A search that found nothing (``empty``) or that the person gave up (``abandoned``)."""

    query: str = Field(min_length=1, max_length=MAX_QUERY)
    kind: Literal["empty", "abandoned"] = "empty"


class ExportRecord(Wire):
    """The desktop wrote a collection or report to a file (for the audit log)."""

    target: str = Field(min_length=1, max_length=64)
    format: Literal["html", "pdf", "png", "svg"]
    what: Literal["collection", "report", "picture"] = "collection"


class ItemLine(Wire):
    id: str
    kind: str
    title: str
    tags: list[str] = Field(default_factory=list)
    updated_at: datetime
    review_by: datetime | None = None


class UnansweredByTag(Wire):
    """Questions without an answer under one tag, by how long they have waited."""

    tag: str
    under_week: int = 0
    under_month: int = 0
    older: int = 0


class BusyTopic(Wire):
    """A tag with much recent activity and nothing verified under it."""

    tag: str
    recent_items: int


class SearchGapOut(Wire):
    """A query that found nothing for at least :data:`GAP_THRESHOLD` people (never who)."""

    query: str
    kind: str
    people: int


class HealthReport(Wire):
    """``GET /api/v1/curation/health``: built only from what the caller may see."""

    generated_at: datetime
    unanswered: list[UnansweredByTag] = Field(default_factory=list)
    stale: list[ItemLine] = Field(default_factory=list)
    never_verified: list[ItemLine] = Field(default_factory=list)
    never_verified_count: int = 0
    busy_unverified: list[BusyTopic] = Field(default_factory=list)
    search_gaps: list[SearchGapOut] = Field(default_factory=list)


TAGS = f"{CURATION}/tags"


class TagDescribe(Wire):
    """``PUT /api/v1/curation/tags/{tag}``: what the tag means (curators of the tag)."""

    description: str = Field(default="", max_length=2000)


class TagMerge(Wire):
    """``POST /api/v1/curation/tags/{tag}/merge``: retag as ``into``, the old name an alias."""

    into: str = Field(min_length=1, max_length=64)


class TagOut(Wire):
    """A tag as a steward keeps it: its description, its other names, how much uses it."""

    tag: str
    description: str = ""
    aliases: list[str] = Field(default_factory=list)
    items: int = 0  # items under it that the caller may see
    retagged: int = 0  # after a merge: how many items moved
