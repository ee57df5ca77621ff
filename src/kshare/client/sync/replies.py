"""Server replies read record by record, so one record with an impossible time cannot stop a sync.

A feed page is checked one upsert at a time: a record whose times fall outside
1970..9999 (UTC), or cannot be read as times at all, is left out with a log line
that names it and the field, and the rest of the page is applied as usual. The copy
this computer already holds, if any, stays as it was. A single record (an item
fetched by id) with such a time raises :class:`UnreadableRecord`, which callers
skip; other garbled answers stay :class:`ServerTrouble`, fetched again.
"""

from __future__ import annotations

import json
import logging
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from kshare.client.dates import times_out_of_range
from kshare.client.sync.errors import ServerTrouble, UnreadableRecord
from kshare.protocol.schemas import FeedPage, Upsert

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
_UPSERT: TypeAdapter[Any] = TypeAdapter(Upsert)


def is_time_error(exc: ValidationError) -> bool:
    """Whether every complaint is about a date or time (such as year 10000)."""
    errors = exc.errors()
    return bool(errors) and all(
        str(e["type"]).startswith(("datetime", "date", "time")) for e in errors
    )


def time_fields(exc: ValidationError) -> list[str]:
    return [".".join(str(p) for p in e["loc"]) + f"={e.get('input')!r}" for e in exc.errors()]


def checked(model: M, what: str) -> M:
    """``model`` when all its times are in range, else UnreadableRecord."""
    bad = times_out_of_range(model)
    if bad:
        raise UnreadableRecord(what, bad)
    return model


def parse_record(model: type[M], content: bytes) -> M:
    try:
        parsed = model.model_validate_json(content)
    except ValidationError as exc:
        if is_time_error(exc):
            raise UnreadableRecord(model.__name__, time_fields(exc)) from exc
        raise ServerTrouble(
            f"the server sent an answer kshare cannot read ({model.__name__})"
        ) from exc
    return checked(parsed, model.__name__)


def parse_feed_page(content: bytes) -> FeedPage:
    """A feed page without the upserts whose times are out of range (each one logged)."""
    try:
        data = json.loads(content)
        raw_upserts = data.get("upserts", []) if isinstance(data, dict) else None
        if not isinstance(raw_upserts, list):
            raise ValueError("no list of upserts")
        page = FeedPage.model_validate({**data, "upserts": []})
    except (ValueError, ValidationError) as exc:
        raise ServerTrouble("the server sent an answer kshare cannot read (FeedPage)") from exc
    kept: list[Any] = []
    for raw in raw_upserts:
        what = _name(raw)
        try:
            kept.append(checked(_UPSERT.validate_python(raw), what))
        except ValidationError as exc:
            if not is_time_error(exc):
                raise ServerTrouble(
                    "the server sent an answer kshare cannot read (FeedPage)"
                ) from exc
            _refused(UnreadableRecord(what, time_fields(exc)))
        except UnreadableRecord as exc:
            _refused(exc)
    page.upserts = kept
    return page


def _refused(exc: UnreadableRecord) -> None:
    log.warning("refused %s from the server; the copy on this computer, if any, is kept", exc)


def _name(raw: Any) -> str:
    if isinstance(raw, dict):
        data = raw.get("data")
        ident = data.get("id") if isinstance(data, dict) else None
        return f"{raw.get('type', 'record')} {ident}"
    return "record"


def parse_records(model: type[M], content: bytes) -> list[M]:
    """A list reply, without the records whose times are out of range (each one logged)."""
    adapter: TypeAdapter[list[Any]] = TypeAdapter(list[Any])
    try:
        raw_records = adapter.validate_json(content)
    except ValidationError as exc:
        raise ServerTrouble(
            f"the server sent an answer kshare cannot read (list of {model.__name__})"
        ) from exc
    kept: list[M] = []
    for raw in raw_records:
        what = f"{model.__name__} {raw.get('id') if isinstance(raw, dict) else ''}".strip()
        try:
            kept.append(checked(model.model_validate(raw), what))
        except ValidationError as exc:
            if not is_time_error(exc):
                raise ServerTrouble(
                    f"the server sent an answer kshare cannot read (list of {model.__name__})"
                ) from exc
            _refused(UnreadableRecord(what, time_fields(exc)))
        except UnreadableRecord as exc:
            _refused(exc)
    return kept
