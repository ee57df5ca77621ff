"""Whether a cached item lies in a curator's scope, and its verification as people see it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from kshare.client.curation.views import Mark
from kshare.client.store.repository import PEOPLE
from kshare.domain.curation import Verified, review_reasons
from kshare.protocol.schemas import CuratorRole, VerificationOut


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
        verified_by=verifier.display_name if verifier is not None else "a former colleague",
        verified_at=verification.verified_at,
        review_by=verification.review_by,
        reasons=tuple(review_reasons(facts, now)),
    )
