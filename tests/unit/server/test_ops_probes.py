"""Probes, metrics, request ids and access lines, and the advisory lock on migrations."""

from __future__ import annotations

import io
import json
import logging
import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import text

from kshare.server.app import create_app
from kshare.server.ops.logs import json_formatter
from tests.unit.server.conftest import clone_org, make_settings
from tests.unit.server.support import Api, Org, ThrowawayPostgres, postgres_reason


def metric(body: str, name: str, **labels: str) -> float:
    """The value of one sample in a Prometheus text page (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in body.splitlines():
        if line.startswith("#"):
            continue
        sample, _, value = line.rpartition(" ")
        sample_name, _, rest = sample.partition("{")
        got = ",".join(sorted(rest.rstrip("}").split(","))) if rest else ""
        if sample_name == name and got == want:
            return float(value)
    return 0.0


def test_health_and_readiness(org: Org) -> None:
    assert org.api.get("/healthz").json()["status"] == "ok"
    ready = org.api.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "checks": {"database": "ok", "blob_store": "ok"}}


def test_readiness_fails_when_the_schema_is_behind(sqlite_org: Org) -> None:
    with sqlite_org.app.state.services.db.write_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    ready = sqlite_org.api.get("/readyz")
    assert ready.status_code == 503
    assert "migrations" in ready.json()["checks"]["database"]
    assert sqlite_org.api.get("/healthz").status_code == 200  # up, just not ready


def test_readiness_fails_when_the_blob_store_is_gone(sqlite_org: Org) -> None:
    class Broken:
        def exists(self, sha256: str) -> bool:
            raise OSError("mount point vanished")

    sqlite_org.app.state.services.blobs = Broken()
    ready = sqlite_org.api.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["blob_store"] == "blob store unreachable: OSError"


def test_metrics_count_requests_by_route_and_feed_pages(org: Org) -> None:
    org.feed_all("ana")
    org.api.get(f"/api/v1/items/{'0' * 8}", org.tokens["ana"])
    org.api.post("/api/v1/auth/login", json={"username": "ana", "password": "wrong horse"})
    body = org.api.get("/metrics").text
    feed = {"method": "GET", "route": "/api/v1/feed", "status": "200"}
    assert metric(body, "kshare_http_requests_total", **feed) >= 1
    assert metric(body, "kshare_sync_pages_served_total") >= 1
    # Labels use the route's template, never the id in the path.
    assert "0" * 8 not in body
    assert (
        metric(
            body,
            "kshare_http_requests_total",
            method="GET",
            route="/api/v1/items/{item_id}",
            status="404",
        )
        == 1
    )
    assert (
        metric(
            body, "kshare_http_request_duration_seconds_count", method="GET", route="/api/v1/feed"
        )
        >= 1
    )
    assert (
        metric(
            body,
            "kshare_db_pool_connections_in_use",
            engine="write" if org.database_url is None else "main",
        )
        >= 0
    )
    assert "kshare_build_info" in body
    assert "kshare_live_streams_active" in body


def test_metrics_can_ask_for_a_token(
    templates: object, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    guarded = clone_org(
        templates.get("sqlite"),  # type: ignore[attr-defined]
        tmp_path / "server",
        request,
        metrics_token="scrape-me",
    )
    assert guarded.api.get("/metrics").status_code == 401
    assert guarded.api.get("/metrics", "wrong").status_code == 401
    assert guarded.api.get("/metrics", "scrape-me").status_code == 200


def test_every_answer_has_a_request_id_and_one_access_line(
    sqlite_org: Org, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kshare.access"):
        mine = sqlite_org.api.get("/healthz", headers={"X-Request-ID": "lb-1234abcd"})
        fresh = sqlite_org.api.get("/api/v1/me", sqlite_org.tokens["bob"])
        forged = sqlite_org.api.get("/healthz", headers={"X-Request-ID": "bad id\n{json}"})
    assert mine.headers["X-Request-ID"] == "lb-1234abcd"
    assert len(fresh.headers["X-Request-ID"]) == 32
    assert forged.headers["X-Request-ID"] != "bad id\n{json}"
    lines = [r for r in caplog.records if r.name == "kshare.access"]
    assert [(r.method, r.route, r.status) for r in lines] == [  # type: ignore[attr-defined]
        ("GET", "/healthz", 200),
        ("GET", "/api/v1/me", 200),
        ("GET", "/healthz", 200),
    ]
    assert all(sqlite_org.tokens["bob"] not in r.getMessage() for r in lines)


def test_json_log_lines_carry_the_request_id(sqlite_org: Org) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter())
    access = logging.getLogger("kshare.access")
    level = access.level
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        sqlite_org.api.get("/healthz", headers={"X-Request-ID": "trace-000001"})
    finally:
        access.removeHandler(handler)
        access.setLevel(level)
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["request_id"] == "trace-000001"
    assert line["status"] == 200 and line["route"] == "/healthz"
    assert line["level"] == "info" and line["logger"] == "kshare.access"
    assert "timestamp" in line and "duration_ms" in line


def test_probes_are_not_part_of_the_api_document(sqlite_org: Org) -> None:
    document = sqlite_org.api.get("/openapi.json").json()
    assert not {"/healthz", "/readyz", "/metrics"} & set(document["paths"])


def _start_server(url: str, data_dir: str, ready: object) -> None:
    from kshare.server.settings import HashParams, Settings

    app = create_app(
        Settings(data_dir=Path(data_dir), database_url=url, hash_params=HashParams.fast())
    )
    app.state.services.db.dispose()
    ready.put("ok")  # type: ignore[attr-defined]


def test_two_servers_starting_at_once_on_an_empty_postgres(tmp_path: Path) -> None:
    if reason := postgres_reason():
        pytest.skip(reason)
    pg = ThrowawayPostgres()
    try:
        context = multiprocessing.get_context("spawn")
        results = context.Queue()
        starters = [
            context.Process(target=_start_server, args=(pg.url, str(tmp_path / f"s{n}"), results))
            for n in range(2)
        ]
        for process in starters:
            process.start()
        for process in starters:
            process.join(120)
        assert [p.exitcode for p in starters] == [0, 0]
        assert sorted(results.get(timeout=5) for _ in starters) == ["ok", "ok"]
        app = create_app(make_settings(tmp_path / "third", pg.url))
        api = Api(app)
        try:
            assert api.get("/readyz").status_code == 200
        finally:
            api.close()
            app.state.services.db.dispose()
    finally:
        pg.drop()
