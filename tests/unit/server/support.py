"""Helpers for server tests: databases on SQLite or PostgreSQL, an in-process API client."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def postgres_reason() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when they can."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=2):
            return None
    except psycopg.OperationalError as exc:
        return f"PostgreSQL at 127.0.0.1:5432 is unreachable ({str(exc).strip()[:80]})"


class ThrowawayPostgres:
    """A fresh PostgreSQL database (optionally a copy of ``template``), dropped afterwards."""

    def __init__(self, template: str | None = None) -> None:
        import psycopg

        self.name = f"kshare_test_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"{copy}')
        self.url = f"postgresql://postgres@127.0.0.1:5432/{self.name}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def database_url(backend: str, request: pytest.FixtureRequest) -> str | None:
    """None (SQLite in the data folder) or a throwaway PostgreSQL database."""
    if backend == "sqlite":
        return None
    reason = postgres_reason()
    if reason:
        pytest.skip(reason)
    pg = ThrowawayPostgres()
    request.addfinalizer(pg.drop)
    return pg.url


class Api:
    """A synchronous face on httpx.AsyncClient + ASGITransport (no TestClient, no warnings)."""

    def __init__(self, app: Any) -> None:
        self.loop = asyncio.new_event_loop()
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://kshare.test"
        )

    def request(
        self, method: str, path: str, token: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.loop.run_until_complete(
            self.client.request(method, path, headers=headers, **kwargs)
        )

    def get(self, path: str, token: str | None = None, **kw: Any) -> httpx.Response:
        return self.request("GET", path, token, **kw)

    def post(self, path: str, token: str | None = None, **kw: Any) -> httpx.Response:
        return self.request("POST", path, token, **kw)

    def put(self, path: str, token: str | None = None, **kw: Any) -> httpx.Response:
        return self.request("PUT", path, token, **kw)

    def delete(self, path: str, token: str | None = None, **kw: Any) -> httpx.Response:
        return self.request("DELETE", path, token, **kw)

    def close(self) -> None:
        self.loop.run_until_complete(self.client.aclose())
        self.loop.close()


@dataclass
class Org:
    """A small organisation: people by role, their tokens, group ids, the API and admin tools."""

    api: Api
    admin: Any
    app: Any
    data_dir: Path
    database_url: str | None
    tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)

    def item(self, who: str, **body: Any) -> dict[str, Any]:
        """Create an item as ``who``; the id is made up when not given."""
        body.setdefault("id", str(uuid.uuid4()))
        response = self.api.post("/api/v1/items", self.tokens[who], json=body)
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    def feed_all(self, who: str, since: str | None = None, limit: int = 200) -> dict[str, Any]:
        """Pull every page from ``since``; upserts/removals concatenated, last cursor."""
        upserts: list[dict[str, Any]] = []
        removals: list[dict[str, Any]] = []
        reconcile = False
        while True:
            params: dict[str, Any] = {"limit": limit}
            if since:
                params["since"] = since
            response = self.api.get("/api/v1/feed", self.tokens[who], params=params)
            assert response.status_code == 200, response.text
            page = response.json()
            upserts += page["upserts"]
            removals += page["removals"]
            reconcile = reconcile or page["reconcile"]
            since = page["cursor"]
            if not page["more"]:
                return {
                    "upserts": upserts,
                    "removals": removals,
                    "cursor": since,
                    "reconcile": reconcile,
                }
