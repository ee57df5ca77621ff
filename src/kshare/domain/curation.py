"""When verified content needs another look: pure rules shared by server and desktop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# A verification without a date of its own is looked at again after this long.
DEFAULT_REVIEW = timedelta(days=180)

PAST_REVIEW_DATE = "past its review date"
AUTHOR_LEFT = "its author has left"
DOCUMENT_CHANGED = "the document changed since it was verified"


@dataclass(frozen=True)
class Verified:
    """What the rule needs about a verification and the item as it is now."""

    review_by: datetime | None
    verified_blob: str | None
    current_blob: str | None
    author_active: bool


def review_reasons(verified: Verified, now: datetime) -> list[str]:
    """Why a verified item needs review now; empty when it does not."""
    reasons = []
    if verified.review_by is not None and verified.review_by <= now:
        reasons.append(PAST_REVIEW_DATE)
    if not verified.author_active:
        reasons.append(AUTHOR_LEFT)
    if verified.verified_blob and verified.current_blob != verified.verified_blob:
        reasons.append(DOCUMENT_CHANGED)
    return reasons
