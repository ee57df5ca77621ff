"""The audit log: who did what security-relevant thing, when and from where."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from kshare.server.tables import AuditEntry

log = logging.getLogger(__name__)


def audit(
    session: Session,
    action: str,
    *,
    actor_id: str | None = None,
    target: str = "",
    address: str = "",
    **detail: Any,
) -> None:
    """Record an event in the caller's transaction, so it commits (or not) with the change."""
    session.add(
        AuditEntry(
            action=action,
            actor_id=actor_id,
            target=target[:300],
            address=address[:100],
            detail=detail,
        )
    )
    log.info("audit %s actor=%s target=%s", action, actor_id, target)
