"""Dates outside 1970..9999 (UTC): refused with a clear sentence when typed, and a server
reply holding one costs that one record, never the sync or what the cache already holds."""

from __future__ import annotations

import argparse
import logging
from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from kshare.cli import main
from kshare.client.commands import _time_option, _until_option
from kshare.client.dates import DateOutOfRange, parse_user_time
from kshare.client.store.models import CachedItem
from kshare.client.sync.api import ApiClient
from kshare.client.sync.engine import EngineOptions, SyncEngine
from kshare.client.sync.errors import UnreadableRecord
from kshare.client.sync.reconcile import reconcile
from kshare.protocol import routes
from tests.unit.client.factories import item
from tests.unit.client.fake_server import FakeServer

OUTSIDE = (
    "0001-01-01T00:00:00+14:00",  # before year 1 once in UTC
    "9999-12-31T23:00:00-14:00",  # after 9999 once in UTC
    "1969-12-31T23:59:59Z",
    "1900-01-01",
)


@pytest.mark.parametrize("text", OUTSIDE)
def test_a_typed_date_outside_the_range_is_refused_in_words(text: str) -> None:
    for option in (_time_option, _until_option):
        with pytest.raises(argparse.ArgumentTypeError) as refused:
            option(text)
        assert "out of range: dates must lie between 1970-01-01 and 9999-12-31 (UTC)" in str(
            refused.value
        )


def test_the_last_day_until_its_end_overflows_into_a_clear_refusal() -> None:
    with pytest.raises(DateOutOfRange, match="9999-12-31 is out of range"):
        parse_user_time("9999-12-31", end_of_day=True)
    assert parse_user_time("9999-12-30", end_of_day=True) == datetime(9999, 12, 31)
    assert parse_user_time("1970-01-01T00:00:00+00:00").year == 1970
    with pytest.raises(ValueError, match="is not a date or time"):
        parse_user_time("10000-01-01")


def test_the_command_line_names_the_range(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["post", "--title", "Plan", "--visible-until", "9999-12-31T23:00:00-14:00"])
    assert stopped.value.code == 2
    assert "dates must lie between 1970-01-01 and 9999-12-31 (UTC)" in capsys.readouterr().err


# --- replies -----------------------------------------------------------------------------------


class Tamper(httpx.BaseTransport):
    """The server's answers with one record's time replaced by ``bad`` (a real byte rewrite)."""

    def __init__(self, inner: httpx.BaseTransport, target: str, bad: str) -> None:
        self.inner, self.target, self.bad = inner, target, bad

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        body = response.read()
        if request.url.path in (routes.FEED, f"{routes.ITEMS}/{self.target}"):
            body = _rewrite(body, self.target, self.bad)
        return httpx.Response(response.status_code, content=body)


def _rewrite(body: bytes, target: str, bad: str) -> bytes:
    import json

    data = json.loads(body)
    records = [u["data"] for u in data.get("upserts", [])] if "upserts" in data else [data]
    for record in records:
        if record.get("id") == target:
            record["created_at"] = bad
    return json.dumps(data).encode()


def _engine(writer: Engine, transport: httpx.BaseTransport) -> SyncEngine:
    api = ApiClient("http://fake.invalid", "token", transport=transport, sleep=lambda _s: None)
    return SyncEngine(api, writer, options=EngineOptions(page_size=2))


def _cached(writer: Engine) -> dict[str, Any]:
    with writer.connect() as conn:
        return {row.id: row for row in conn.execute(select(CachedItem))}


@pytest.mark.parametrize(
    "bad", ["0001-01-01T00:00:00+14:00", "10000-01-01T00:00:00Z", "1969-06-01T00:00:00Z"]
)
def test_a_reply_with_an_extreme_date_refuses_that_item_alone(
    writer: Engine, bad: str, caplog: pytest.LogCaptureFixture
) -> None:
    server = FakeServer()
    good = [server.put(item(title=f"good {n}")) for n in range(3)]
    odd = server.put(item(title="odd dates"))
    caplog.set_level(logging.WARNING, "kshare.client.sync.replies")

    report = _engine(writer, Tamper(server.transport(), odd.id, bad)).sync()

    assert report.status.state == "idle", report.status.message
    assert set(_cached(writer)) == {i.id for i in good}
    refusals = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 1 and f"item {odd.id}" in refusals[0] and "created_at" in refusals[0]


def test_a_refused_update_keeps_the_copy_already_cached(writer: Engine) -> None:
    server = FakeServer()
    kept = server.put(item(title="first version"))
    _engine(writer, server.transport()).sync()
    server.edit(kept.id, title="second version")

    report = _engine(
        writer, Tamper(server.transport(), kept.id, "0001-01-01T00:00:00+14:00")
    ).sync()

    assert report.status.state == "idle", report.status.message
    assert _cached(writer)[kept.id].title == "first version"
    # and once the server sends a readable version again, it arrives
    server.edit(kept.id, title="third version")
    assert _engine(writer, server.transport()).sync().status.state == "idle"
    assert _cached(writer)[kept.id].title == "third version"


def test_reconciling_skips_an_item_it_cannot_read(writer: Engine) -> None:
    server = FakeServer()
    first = server.put(item(title="first"))
    _engine(writer, server.transport()).sync()
    server.edit(first.id, title="first, edited")
    api = ApiClient(
        "http://fake.invalid",
        "token",
        transport=Tamper(server.transport(), first.id, "10000-01-01T00:00:00Z"),
        sleep=lambda _s: None,
    )
    with pytest.raises(UnreadableRecord, match="created_at"):
        api.get_item(first.id)

    outcome = reconcile(api, writer)

    assert _cached(writer)[first.id].title == "first"
    assert not outcome.changes.removed


def test_a_search_date_outside_the_range_is_a_note_not_a_query() -> None:
    from kshare.client.index.query import parse_date

    assert parse_date("1969-12-31") is None and parse_date("0001") is None
    assert parse_date("9999-12-31") is not None and parse_date("1970") is not None
