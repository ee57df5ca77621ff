"""Verifications in the wire form every viewer of an item receives with it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kshare.protocol.schemas import VerificationOut
from kshare.server.tables import Verification


def verifications_out(session: Session, item_ids: Sequence[str]) -> dict[str, VerificationOut]:
    """The verification of each of these items that has one (the caller has judged them)."""
    if not item_ids:
        return {}
    rows = session.scalars(select(Verification).where(Verification.item_id.in_(list(item_ids))))
    return {
        row.item_id: VerificationOut(
            verified_by=row.verified_by,
            verified_at=row.verified_at,
            review_by=row.review_by,
            item_version=row.item_version,
            blob_sha256=row.blob_sha256,
        )
        for row in rows
    }
