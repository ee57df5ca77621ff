"""Dates the desktop accepts: from people (command line, date pickers) and from the server.

The range is the server's (:data:`kshare.protocol.schemas.TIME_RANGE`): after conversion
to UTC a time lies between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z. A date typed
outside it is refused with a sentence naming the range, before anything is sent; a time
in a server reply outside it (or one that cannot even be converted to UTC, such as
``0001-01-01T00:00:00+14:00``) makes that one record unreadable, never the sync.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from kshare.protocol.schemas import EARLIEST, LATEST, in_time_range

RANGE_TEXT = "1970-01-01 and 9999-12-31 (UTC)"
# The first and last days a date picker offers: inside the range in every time zone
# (offsets reach 14 hours), so no local time picked there falls outside it.
FIRST_PICKABLE_DAY = date(1970, 1, 2)
LAST_PICKABLE_DAY = date(9999, 12, 30)


class DateOutOfRange(ValueError):
    """A time outside :data:`RANGE_TEXT`; the message says so in words."""


def in_range(moment: datetime) -> datetime:
    """``moment`` (naive means this computer's local time) in UTC, or DateOutOfRange."""
    try:
        aware = moment if moment.tzinfo is not None else moment.astimezone()
        return in_time_range(aware)
    except (ValueError, OverflowError) as exc:
        raise DateOutOfRange(
            f"{moment.isoformat()} is out of range: dates must lie between {RANGE_TEXT}"
        ) from exc


def parse_user_time(text: str, *, end_of_day: bool = False) -> datetime:
    """An ISO date or time as a person types it, kept as typed (naive means local time).

    With ``end_of_day``, a date alone means the first moment after that day, so "visible
    until 2026-12-31" keeps an item visible on the 31st. Raises ValueError (a
    DateOutOfRange past the range) with a message fit to show as it is.
    """
    cleaned = text.strip()
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError as exc:
        raise ValueError(
            f"{text!r} is not a date or time: use e.g. 2026-11-30 or 2026-11-30T18:00"
        ) from exc
    if end_of_day and len(cleaned) == len("2026-12-31"):
        try:
            moment += timedelta(days=1)
        except OverflowError as exc:
            raise DateOutOfRange(
                f"{cleaned} is out of range: dates must lie between {RANGE_TEXT}"
            ) from exc
    in_range(moment)
    return moment


def times_out_of_range(model: BaseModel, prefix: str = "") -> list[str]:
    """The fields (dotted paths) of ``model`` holding a time outside the range."""
    bad: list[str] = []
    for name, value in model:
        bad += _check(value, f"{prefix}{name}")
    return bad


def _check(value: Any, where: str) -> list[str]:
    if isinstance(value, datetime):
        return [] if _fits(value) else [f"{where}={value.isoformat()}"]
    if isinstance(value, BaseModel):
        return times_out_of_range(value, where + ".")
    if isinstance(value, (list, tuple)):
        return [bad for i, entry in enumerate(value) for bad in _check(entry, f"{where}[{i}]")]
    if isinstance(value, dict):
        return [bad for key, entry in value.items() for bad in _check(entry, f"{where}.{key}")]
    return []


def _fits(moment: datetime) -> bool:
    try:
        aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
        return EARLIEST <= aware.astimezone(UTC) <= LATEST
    except OverflowError:
        return False
