"""Whether a cached item lies in a curator's scope, and its verification as people see it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from kshare.client.curation.views import Mark
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase, joined
from kshare.client.store.repository import PEOPLE
from kshare.domain.curation import (
    AUTHOR_LEFT,
    DOCUMENT_CHANGED,
    PAST_REVIEW_DATE,
    Verified,
    review_reasons,
)
from kshare.protocol.schemas import CuratorRole, VerificationOut

CONTEXT = "CurationReview"
# the shared rules' words (kshare.domain.curation), marked for the desktop's translation
REVIEW_REASONS = {
    PAST_REVIEW_DATE: QT_TRANSLATE_NOOP("CurationReview", "past its review date"),
    AUTHOR_LEFT: QT_TRANSLATE_NOOP("CurationReview", "its author has left"),
    DOCUMENT_CHANGED: QT_TRANSLATE_NOOP(
        "CurationReview", "the document changed since it was verified"
    ),
}
FORMER_COLLEAGUE = QT_TRANSLATE_NOOP("CurationReview", "a former colleague")
VERIFIED = QT_TRANSLATE_NOOP("CurationReview", "Verified by {name} on {date}")
VERIFIED_OUTDATED = QT_TRANSLATE_NOOP(
    "CurationReview", "Verified by {name} on {date} · may be outdated"
)
VERIFIED_NEEDS_REVIEW = QT_TRANSLATE_NOOP(
    "CurationReview", "Verified by {name} on {date} · needs review: {reasons}"
)


def reasons_phrase(reasons: tuple[str, ...] | list[str]) -> Phrase:
    """Why an item needs review, ``; `` between the reasons (as ``kshare`` prints them)."""
    return joined(
        "; ",
        [Phrase.of(CONTEXT, r) if r in REVIEW_REASONS else Phrase.verbatim(r) for r in reasons],
    )


def note_phrase(mark: Mark, *, curates: bool) -> Phrase:
    """Who vouched for an item and, quietly, whether it may be outdated; a curator of it
    (``curates``) learns why it needs review."""
    former = mark.verified_by == FORMER_COLLEAGUE
    name: str | Phrase = Phrase.of(CONTEXT, FORMER_COLLEAGUE) if former else mark.verified_by
    date = f"{mark.verified_at:%Y-%m-%d}"
    if not mark.needs_review:
        return Phrase.of(CONTEXT, VERIFIED, name=name, date=date)
    if curates:
        reasons = reasons_phrase(mark.reasons)
        return Phrase.of(CONTEXT, VERIFIED_NEEDS_REVIEW, name=name, date=date, reasons=reasons)
    return Phrase.of(CONTEXT, VERIFIED_OUTDATED, name=name, date=date)


def covers(role: CuratorRole, row: Any) -> bool:
    """Whether the role's scope holds this cached item: everywhere, a tag, or a group."""
    if not role.active:
        return False
    if role.everywhere or set(role.tags) & set(row.tags or ()):
        return True
    audience = row.audience or {}
    groups = {g.get("id") for g in audience.get("groups", []) + audience.get("editor_groups", [])}
    return bool({g.id for g in role.groups} & groups)


def mark_of(conn: Connection, row: Any, now: datetime) -> Mark | None:
    """The item's verification and why it needs review now (None: never verified)."""
    if not row.verification:
        return None
    verification = VerificationOut.model_validate(row.verification)
    people = conn.execute(
        select(PEOPLE.c.id, PEOPLE.c.display_name, PEOPLE.c.active).where(
            PEOPLE.c.id.in_([verification.verified_by, row.author_id])
        )
    ).all()
    known = {p.id: p for p in people}
    author = known.get(row.author_id)
    facts = Verified(
        review_by=verification.review_by,
        verified_blob=verification.blob_sha256,
        current_blob=(row.attachment or {}).get("sha256"),
        author_active=author is None or bool(author.active),
    )
    verifier = known.get(verification.verified_by)
    return Mark(
        verified_by=verifier.display_name if verifier is not None else FORMER_COLLEAGUE,
        verified_at=verification.verified_at,
        review_by=verification.review_by,
        reasons=tuple(review_reasons(facts, now)),
    )
