"""The visibility rule: may this viewer see or edit this item, now?

This is the single definition of the rule. The server's policy gate
evaluates it (and its SQL twin is tested against it); the desktop uses it
only to explain, never to enforce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from kshare.clock import utc_now
from kshare.domain.audience import Audience, PrincipalKind


@dataclass(frozen=True)
class Viewer:
    """The person asking, with the groups they belong to right now."""

    user_id: str
    group_ids: frozenset[str] = field(default_factory=frozenset)
    active: bool = True
    is_admin: bool = False


@dataclass(frozen=True)
class Access:
    """What the rule needs to know about an item."""

    author_id: str
    audience: Audience
    deleted: bool = False


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _in_window(audience: Audience, now: datetime) -> bool:
    if audience.publish_at is not None and _as_utc(now) < _as_utc(audience.publish_at):
        return False
    return not (
        audience.visible_until is not None and _as_utc(now) >= _as_utc(audience.visible_until)
    )


def _matches(viewer: Viewer, item: Access, principals: frozenset) -> bool:  # type: ignore[type-arg]
    for principal in principals:
        if principal.kind is PrincipalKind.ORG:
            return True
        if principal.kind is PrincipalKind.GROUP and principal.ref in viewer.group_ids:
            return True
        if principal.kind is PrincipalKind.PERSON and principal.ref == viewer.user_id:
            return True
        if principal.kind is PrincipalKind.AUTHOR and item.author_id == viewer.user_id:
            return True
    return False


def can_view(viewer: Viewer, item: Access, now: datetime | None = None) -> bool:
    """True when ``viewer`` may see ``item`` at ``now``.

    A disabled account sees nothing. The author always sees their own item,
    even before it is published and after it expires; everyone else only
    inside the publication window.
    """
    if not viewer.active or item.deleted:
        return False
    if item.author_id == viewer.user_id:
        return True
    if not _in_window(item.audience, now or utc_now()):
        return False
    return _matches(viewer, item, item.audience.viewers | item.audience.editors)


def can_edit(viewer: Viewer, item: Access, now: datetime | None = None) -> bool:
    """True when ``viewer`` may change ``item``: its author or a named co-editor."""
    if not viewer.active or item.deleted:
        return False
    if item.author_id == viewer.user_id:
        return True
    if not _in_window(item.audience, now or utc_now()):
        return False
    return _matches(viewer, item, item.audience.editors)


def can_view_derived(
    viewer: Viewer, derived: Access, original: Access, now: datetime | None = None
) -> bool:
    """A share, quote or link is visible only to those who may see both it and the original."""
    return can_view(viewer, derived, now) and can_view(viewer, original, now)
