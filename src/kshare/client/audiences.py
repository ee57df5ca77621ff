"""Audiences as a person names them, and when an item is visible, as the wire's spec.

The command line and the UI name an audience with words (``org``, ``private``,
``group:NAME``, ``person:NAME``) and editors the same way; times without a zone
are this computer's local time. This module turns them into an
:class:`AudienceSpec` before the store sees them; the store checks the spec
against the cache (are the editors among those who can see the item?).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from enum import Enum

from kshare.client.errors import InvalidWrite
from kshare.clock import Clock, utc_now
from kshare.domain.audience import Principal, PrincipalKind
from kshare.protocol.schemas import AudienceSpec, AudienceView


class Keep(Enum):
    """A time of an audience that an edit leaves as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP
TimeChange = datetime | None | Keep

# What an edit does to an item's audience: the new spec, given the one the cache shows.
AudienceChange = Callable[[AudienceView], AudienceSpec]


def as_utc(moment: datetime | None) -> datetime | None:
    """A time as UTC; a time without a zone is read as this computer's local time."""
    if moment is None:
        return None
    return moment.astimezone(UTC)  # a naive datetime is taken as local time


def check_window(
    publish_at: datetime | None, visible_until: datetime | None, now: datetime | None = None
) -> None:
    """The publication window a person may set: it ends after it starts, and in the future."""
    now = now or utc_now()
    if visible_until is None:
        return
    if visible_until <= now:
        raise InvalidWrite("ends_in_the_past")
    if publish_at is not None and visible_until <= publish_at:
        raise InvalidWrite("ends_before_start")


def audience_spec(
    choices: Sequence[str],
    editors: Sequence[str] = (),
    publish_at: datetime | None = None,
    visible_until: datetime | None = None,
    now: datetime | None = None,
) -> AudienceSpec:
    """Command-line audiences (org, private, group:NAME, person:NAME) as the wire spec.

    ``editors`` take ``group:NAME`` and ``person:NAME``; times are sent in UTC.
    """
    spec = AudienceSpec()
    for text in choices:
        try:
            principal = Principal.parse(text)
        except ValueError as exc:
            raise InvalidWrite("audience", detail=str(exc)) from exc
        if principal.kind is PrincipalKind.ORG:
            spec.org = True
        elif principal.kind is PrincipalKind.AUTHOR:
            spec.private = True
        elif principal.kind is PrincipalKind.GROUP:
            spec.groups.append(principal.ref)
        else:
            spec.people.append(principal.ref)
    if spec.private and (spec.org or spec.groups or spec.people):
        raise InvalidWrite("private_and_others")
    if not (spec.org or spec.private or spec.groups or spec.people):
        spec.private = True
    for text in editors:
        try:
            principal = Principal.parse(text)
        except ValueError as exc:
            raise InvalidWrite("editor", detail=str(exc)) from exc
        if principal.kind is PrincipalKind.GROUP:
            spec.editor_groups.append(principal.ref)
        elif principal.kind is PrincipalKind.PERSON:
            spec.editor_people.append(principal.ref)
        else:
            raise InvalidWrite("editor_kind", text=text)
    if spec.private and (spec.editor_groups or spec.editor_people):
        raise InvalidWrite("editors_of_private")
    spec.publish_at = as_utc(publish_at)
    spec.visible_until = as_utc(visible_until)
    check_window(spec.publish_at, spec.visible_until, now)
    return spec


def new_item_spec(
    *,
    kind: str,
    parent_id: str | None,
    audience: Sequence[str],
    editors: Sequence[str],
    publish_at: datetime | None,
    visible_until: datetime | None,
    now: datetime,
) -> AudienceSpec | None:
    """The audience of a new item; None for an answer or comment, which follow their parent."""
    if parent_id and kind in ("answer", "comment"):
        if editors or publish_at or visible_until:
            raise InvalidWrite("reply_audience")
        return None
    return audience_spec(audience, editors, publish_at, visible_until, now)


def audience_change(
    audience: Sequence[str] | None,
    editors: Sequence[str] | None,
    publish_at: TimeChange,
    visible_until: TimeChange,
    clock: Clock,
) -> AudienceChange | None:
    """What an edit does to who may see and edit an item, and when; None when nothing.

    What the edit does not name stays as the cache shows it now.
    """
    if audience is None and editors is None and publish_at is KEEP and visible_until is KEEP:
        return None
    if audience is not None and not audience:
        raise InvalidWrite("no_audience")

    def changed(current: AudienceView) -> AudienceSpec:
        """The whole new audience of an item: what the change names, the rest as it is now."""
        choices = audience
        if choices is None:
            if current.hidden_groups:
                raise InvalidWrite("hidden_groups")
            if current.org:
                choices = ["org"]
            elif current.groups or current.people:
                choices = [f"group:{g.name}" for g in current.groups]
                choices += [f"person:{p.username}" for p in current.people]
            else:
                choices = ["private"]
        chosen = editors
        if chosen is None:
            chosen = [f"group:{g.name}" for g in current.editor_groups]
            chosen += [f"person:{p.username}" for p in current.editor_people]
        start = current.publish_at if isinstance(publish_at, Keep) else publish_at
        end = current.visible_until if isinstance(visible_until, Keep) else visible_until
        return audience_spec(choices, chosen, start, end, clock.now())

    return changed
