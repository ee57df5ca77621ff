"""Marking an item verified: by its author or a curator whose scope covers it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kshare.domain.curation import DEFAULT_REVIEW
from kshare.protocol.curation import VerifyRequest
from kshare.server.audit import audit
from kshare.server.auth import Caller
from kshare.server.changes import touch
from kshare.server.curation.roles import scope_of
from kshare.server.errors import ApiError, not_found
from kshare.server.policy import Gate
from kshare.server.tables import Item, Verification

VERIFIABLE = ("post", "article", "question", "answer", "document", "collection")


def verify(
    session: Session, caller: Caller, item_id: str, body: VerifyRequest, now: datetime
) -> Item:
    """Record that ``caller`` vouches for the item as it is now, until ``review_by``."""
    gate = Gate(session, caller.viewer, now)
    judged = gate.one(item_id)
    if judged is None:
        raise not_found()
    item = judged.item
    if item.kind not in VERIFIABLE:
        raise ApiError(422, "invalid", f"A {item.kind} cannot be verified.")
    owner = judged.root.author_id == caller.id or item.author_id == caller.id
    if not owner and not scope_of(session, caller.viewer).covers(judged):
        raise ApiError(403, "forbidden", "Only its author and its curators may verify this.")
    review_by = body.review_by or now + DEFAULT_REVIEW
    if review_by <= now:
        raise ApiError(422, "invalid", "The review date must lie in the future.")
    row = session.get(Verification, item.id)
    if row is None:
        row = Verification(item_id=item.id, verified_by=caller.id)
        session.add(row)
    row.verified_by = caller.id
    row.verified_at = now
    row.review_by = review_by
    row.item_version = item.version
    row.blob_sha256 = item.blob_sha256
    # A new seq, not a new version: verifying is no edit, and must not conflict with one.
    touch(session, item, bump_version=False)
    session.flush()
    audit(
        session,
        "item_verified",
        actor_id=caller.id,
        target=item.id,
        address=caller.address,
        review_by=review_by.isoformat(),
    )
    return item
