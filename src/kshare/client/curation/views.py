"""What the curation pages and commands show: plain dataclasses, no wire models, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import TypeAdapter

from kshare.client.phrases import Phrase


@dataclass(frozen=True)
class EntryView:
    """One entry of a collection as its viewer sees it."""

    item_id: str
    kind: str  # "item" or "person"
    title: str
    note: str
    item_kind: str = ""  # post, question, document ... or "person"
    may_be_outdated: bool = False
    title_phrase: Phrase | None = None  # an answer's "Answer to: …" for translation


@dataclass(frozen=True)
class EntryEdit:
    """One entry as a curator leaves it in the editor: what a new order, section or note
    sends (``position`` is its place in the list, counted again when it is sent)."""

    item_id: str
    kind: Literal["item", "person"] = "item"
    section: str = ""
    note: str = ""
    position: int = 0


@dataclass(frozen=True)
class SectionView:
    name: str
    entries: tuple[EntryView, ...]


@dataclass(frozen=True)
class CollectionView:
    id: str
    title: str
    description: str
    sections: tuple[SectionView, ...]
    can_edit: bool
    version: int
    curators: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The command line's contract: id, title, sections with their entries."""
        return {
            "id": self.id,
            "title": self.title,
            "sections": [
                {
                    "name": section.name,
                    "entries": [
                        {"item_id": e.item_id, "title": e.title, "note": e.note}
                        for e in section.entries
                    ],
                }
                for section in self.sections
            ],
        }


@dataclass(frozen=True)
class CollectionSummary:
    id: str
    title: str
    description: str
    entries: int
    can_edit: bool


@dataclass(frozen=True)
class Mark:
    """An item's verification as a reader or a curator is shown it."""

    verified_by: str  # a display name
    verified_at: datetime
    review_by: datetime | None
    reasons: tuple[str, ...] = ()  # why it needs review; empty when it does not

    @property
    def needs_review(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class ReviewDue:
    item_id: str
    title: str
    kind: str
    review_by: datetime | None
    reasons: tuple[str, ...] = field(default_factory=tuple)


# --- the health report ------------------------------------------------------------------


@dataclass(frozen=True)
class UnansweredLine:
    """Questions without an answer under one tag, by how long they have waited."""

    tag: str
    under_week: int = 0
    under_month: int = 0
    older: int = 0


@dataclass(frozen=True)
class ItemLine:
    """An item the report names (needs review, or never verified)."""

    id: str
    kind: str
    title: str
    tags: list[str]
    updated_at: datetime
    review_by: datetime | None = None


@dataclass(frozen=True)
class BusyTopicLine:
    """A tag with much recent activity and nothing verified under it."""

    tag: str
    recent_items: int


@dataclass(frozen=True)
class SearchGapLine:
    """A search that found nothing for enough people (never who)."""

    query: str
    kind: str
    people: int


@dataclass(frozen=True)
class HealthView:
    """The knowledge base's health as the server reported it to this curator."""

    generated_at: datetime
    unanswered: list[UnansweredLine] = field(default_factory=list)
    stale: list[ItemLine] = field(default_factory=list)
    never_verified: list[ItemLine] = field(default_factory=list)
    never_verified_count: int = 0
    busy_unverified: list[BusyTopicLine] = field(default_factory=list)
    search_gaps: list[SearchGapLine] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The command line's contract: the report as the server sends it, field for field
        (times in the same ISO form)."""
        result: dict[str, Any] = _HEALTH_JSON.dump_python(self, mode="json")
        return result


_HEALTH_JSON = TypeAdapter(HealthView)
