"""What the curation pages and commands show: plain dataclasses, no wire models, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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
