"""A cache filled row by row through the tables, as the sync engine would leave it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.dialects.sqlite import insert

from kshare.client.index import SearchIndex
from kshare.client.store.db import open_cache
from kshare.client.store.models import (
    CachedGroup,
    CachedItem,
    CachedPerson,
    Purge,
    SyncState,
)
from kshare.client.sync.blobs import BlobStore

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "documents"
NOW = datetime.now(UTC).replace(microsecond=0)


def _put(conn: Connection, table: Any, row: dict[str, Any], key: str = "id") -> None:
    """Insert the row, or else update the columns given (as the store's upserts do)."""
    update = {k: v for k, v in row.items() if k != key}
    conn.execute(insert(table).values(row).on_conflict_do_update(index_elements=[key], set_=update))


class CacheFiller:
    """Writes rows the way the sync engine does: each change takes the next ``local_seq``."""

    def __init__(self, engine: Engine, blobs_dir: Path) -> None:
        self.engine = engine
        self.blobs_dir = blobs_dir

    def _next_seq(self, conn: Connection) -> int:
        row = conn.execute(
            select(SyncState.value).where(SyncState.key == "local_seq")
        ).scalar_one_or_none()
        value = int(row) + 1 if row else 1
        _put(conn, SyncState, {"key": "local_seq", "value": str(value)}, "key")
        return value

    def item(self, item_id: str, kind: str = "post", **fields: Any) -> str:
        values: dict[str, Any] = {
            "author_id": "u-alice",
            "title": "",
            "body": "",
            "tags": [],
            "created_at": NOW - timedelta(days=1),
            "updated_at": NOW,
            "version": 1,
            "audience": {"org": True},
        }
        values.update(fields)
        with self.engine.begin() as conn:
            seq = self._next_seq(conn)
            _put(conn, CachedItem, {"id": item_id, "kind": kind, "local_seq": seq, **values})
        return item_id

    def person(self, person_id: str, username: str, display_name: str, **fields: Any) -> str:
        with self.engine.begin() as conn:
            seq = self._next_seq(conn)
            row = {"id": person_id, "username": username, "display_name": display_name}
            _put(conn, CachedPerson, {**row, "version": 1, "local_seq": seq, **fields})
        return person_id

    def group(self, group_id: str, name: str, description: str = "") -> str:
        with self.engine.begin() as conn:
            seq = self._next_seq(conn)
            row = {"id": group_id, "name": name, "kind": "team", "description": description}
            _put(conn, CachedGroup, {**row, "version": 1, "local_seq": seq})
        return group_id

    def purge(self, entity_type: str, entity_id: str) -> None:
        model = {"item": CachedItem, "person": CachedPerson, "group": CachedGroup}[entity_type]
        with self.engine.begin() as conn:
            conn.execute(delete(model).where(model.__table__.c.id == entity_id))
            seq = self._next_seq(conn)
            row = {"local_seq": seq, "entity_type": entity_type, "entity_id": entity_id}
            conn.execute(insert(Purge).values(row))

    def drop_silently(self, item_id: str) -> None:
        """Delete a row without a purge record: an index that lags behind the cache."""
        with self.engine.begin() as conn:
            conn.execute(delete(CachedItem).where(CachedItem.id == item_id))

    def blob(self, fixture: str) -> dict[str, Any]:
        """Put a fixture file into the blob folder; returns the item's ``attachment``."""
        data = (FIXTURES / fixture).read_bytes()
        sha = BlobStore(self.blobs_dir, None).add_local(data)
        return {"sha256": sha, "size": len(data), "mime": "", "filename": fixture}

    def blob_ref(self, fixture: str) -> dict[str, Any]:
        """An ``attachment`` whose file has not been downloaded yet."""
        data = (FIXTURES / fixture).read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        return {"sha256": sha, "size": len(data), "mime": "", "filename": fixture}

    def cache_id(self) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(SyncState.value).where(SyncState.key == "cache_id")).scalar()


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    root = tmp_path / "profile"
    root.mkdir()
    return root


@pytest.fixture
def cache(profile: Path) -> Iterator[Engine]:
    engine = open_cache(profile / "cache.sqlite3")
    yield engine
    engine.dispose()


@pytest.fixture
def filler(cache: Engine, profile: Path) -> CacheFiller:
    return CacheFiller(cache, profile / "blobs")


@pytest.fixture
def make_index(profile: Path, cache: Engine) -> Iterator[Any]:
    opened: list[SearchIndex] = []

    def make() -> SearchIndex:
        index = SearchIndex(profile / "index", cache)
        opened.append(index)
        return index

    yield make
    for index in opened:
        index.close()


PLATFORM = {"id": "g-plat", "name": "Platform Team", "kind": "team"}
FINANCE = {"id": "g-fin", "name": "Finance", "kind": "department"}


def fill_corpus(filler: CacheFiller) -> None:
    """A small company: people, groups, and threads with known words in known places."""
    filler.person(
        "u-alice",
        "alice",
        "Alice Martin",
        title="Site Reliability Engineer",
        department="Platform",
        skills=["kubernetes", "terraform"],
    )
    filler.person("u-bob", "bob", "Bob Chen", title="Accountant", department="Finance")
    filler.group("g-plat", "Platform Team", "We run the clusters and the deployment pipeline")
    filler.group("g-fin", "Finance", "Budgets and expense reports")
    filler.item(
        "p-k8s",
        title="Deploying Kubernetes clusters",
        body="How we **deploy** Kubernetes with Helm charts on bare metal.",
        tags=["kubernetes", "ops"],
        audience={"groups": [PLATFORM]},
        created_at=NOW - timedelta(days=3),
    )
    filler.item(
        "p-helm",
        title="Helm chart conventions",
        body="Every service ships a chart. We mention kubernetes only once here.",
        tags=["helm"],
        audience={"groups": [PLATFORM]},
        created_at=NOW - timedelta(days=40),
    )
    filler.item(
        "q-vpn",
        "question",
        title="Why does the VPN drop every hour?",
        body="My VPN connection drops every hour on the dot.",
        tags=["vpn", "network"],
        author_id="u-bob",
        accepted_answer_id="a-vpn-good",
        created_at=NOW - timedelta(days=200),
    )
    filler.item(
        "a-vpn-meh",
        "answer",
        parent_id="q-vpn",
        body="Try restarting the VPN client, that sometimes helps with drops.",
        created_at=NOW - timedelta(days=199),
    )
    filler.item(
        "a-vpn-good",
        "answer",
        parent_id="q-vpn",
        body="The VPN certificate expires hourly; renew it and the VPN stays up.",
        is_accepted=True,
        created_at=NOW - timedelta(days=199),
    )
    filler.item(
        "c-vpn",
        "comment",
        parent_id="q-vpn",
        body="Same here, thanks for asking.",
        author_id="u-bob",
        created_at=NOW - timedelta(days=198),
    )
    filler.item(
        "p-budget",
        "article",
        title="Expense reports for 2024",
        body="Submit expense reports before the fifth of the month. <script>alert(1)</script>",
        tags=["finance", "expenses"],
        author_id="u-bob",
        audience={"groups": [FINANCE]},
        created_at=datetime(2024, 2, 10, tzinfo=UTC),
    )
    filler.item(
        "col-onboard",
        "collection",
        title="Onboarding reading list",
        body="Start here.",
        entries=[{"item_id": "p-k8s", "note": "the cluster primer", "position": 0}],
        created_at=NOW - timedelta(days=10),
    )
    filler.item(
        "d-handbook",
        "document",
        title="Team handbook",
        body="The PDF handbook.",
        attachment=filler.blob("sample.pdf"),
        created_at=NOW - timedelta(days=20),
    )


@pytest.fixture
def corpus(filler: CacheFiller, make_index: Any) -> SearchIndex:
    fill_corpus(filler)
    index: SearchIndex = make_index()
    index.catch_up()
    return index
