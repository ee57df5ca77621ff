"""Relevance of search on the demo company and a Stack Exchange site: nDCG@5 of real queries.

The demo is seeded into a fresh server (and the coffee.stackexchange.com sample
imported into another), a person's feed (with the tag aliases) is pulled into a
desktop cache and its index, and every query of ``demo_company.json`` (and
``coffee.json``) is asked. The score is printed; it must not fall below the
floor recorded in the file (raise the floor when ranking gets better).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from kshare.client.index import SearchIndex
from kshare.client.store import repository, tag_aliases
from kshare.client.store.db import create_writer_engine, open_cache
from kshare.demo_seed import build_demo_org
from kshare.protocol import routes
from kshare.protocol.schemas import FeedPage
from kshare.server.admin import AdminTools
from kshare.server.app import create_app
from kshare.server.importer import import_stackexchange
from kshare.server.importer.site import Site
from kshare.server.seed import demo_id, seed_org
from kshare.server.settings import HashParams, Settings
from tests.unit.server.support import Api

HERE = Path(__file__).parent
CUTOFF = 5
COFFEE = HERE.parent / "fixtures" / "stackexchange" / "coffee"
COFFEE_SITE = "coffee.stackexchange.com"
READER_PASSWORD = "a reader of the coffee site"


def ndcg(found: list[str], expected: set[str], k: int = CUTOFF) -> float:
    """Binary-relevance nDCG@k: 1.0 when every expected item leads the list."""
    gain = sum(1 / math.log2(rank + 2) for rank, i in enumerate(found[:k]) if i in expected)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(expected), k)))
    return gain / ideal if ideal else 0.0


@contextmanager
def desktop_of(root: Path, username: str, password: str) -> Iterator[SearchIndex]:
    """A desktop cache and index with everything ``username`` may see on the server in ``root``."""
    app = create_app(Settings(data_dir=root / "server", hash_params=HashParams.fast()))
    api = Api(app)
    reader = writer = index = None
    try:
        login = api.post(routes.LOGIN, json={"username": username, "password": password})
        assert login.status_code == 200, login.text
        token = login.json()["token"]
        reader = open_cache(root / "cache.sqlite3")
        writer = create_writer_engine(root / "cache.sqlite3")
        params: dict[str, Any] = {"limit": 500}
        with writer.begin() as conn:
            while True:
                response = api.get(routes.FEED, token, params=params)
                page = FeedPage.model_validate(response.json())
                repository.upsert(conn, page.upserts)
                if page.tag_aliases is not None:
                    tag_aliases.replace(conn, page.tag_aliases)
                if not page.more:
                    break
                params["since"] = page.cursor
        index = SearchIndex(root / "index", reader)
        index.catch_up()
        yield index
    finally:
        if index is not None:
            index.close()
        for engine in (reader, writer):
            if engine is not None:
                engine.dispose()
        api.close()
        app.state.services.db.dispose()


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    root = tmp_path_factory.mktemp("relevance-demo")
    org = build_demo_org()
    app = create_app(Settings(data_dir=root / "server", hash_params=HashParams.fast()))
    try:
        assert seed_org(app.state.services.db, app.state.services.passwords, org)
    finally:
        app.state.services.db.dispose()
    with desktop_of(root, org.demo_user, org.demo_password) as index:
        yield index


@pytest.fixture(scope="module")
def coffee_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    root = tmp_path_factory.mktemp("relevance-coffee")
    import_stackexchange(root / "server", COFFEE, site=COFFEE_SITE)
    with AdminTools(root / "server", hash_params=HashParams.fast()) as admin:
        admin.add_user("reader", "Reader", READER_PASSWORD)
    with desktop_of(root, "reader", READER_PASSWORD) as index:
        yield index


def mean_ndcg(index: SearchIndex, judged: dict[str, Any], item_id: Any, name: str) -> float:
    """The mean nDCG@5 of a judged set, printed with the queries that fell short."""
    scores = []
    misses = []
    for case in judged["queries"]:
        expected = {item_id(key) for key in case["expect"]}
        found = [hit.id for hit in index.search(case["query"], limit=CUTOFF).hits]
        score = ndcg(found, expected)
        scores.append(score)
        if score < 1.0:
            misses.append(f"  {score:.2f}  {case['query']}")
    mean = sum(scores) / len(scores)
    print(f"\nrelevance {name}: nDCG@{CUTOFF} {mean:.3f} over {len(scores)} queries")
    print("\n".join(misses))
    return mean


def _judged(name: str) -> dict[str, Any]:
    return json.loads((HERE / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_coffee_ndcg_at_5_does_not_fall(
    coffee_index: SearchIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    judged = _judged("coffee.json")
    site = Site.from_name(COFFEE_SITE)
    with capsys.disabled():
        mean = mean_ndcg(coffee_index, judged, lambda n: site.id("post", n), "coffee")
    assert len(judged["queries"]) >= 30
    assert mean >= judged["floor"]


def test_demo_company_ndcg_at_5_does_not_fall(
    demo_index: SearchIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    judged = _judged("demo_company.json")
    with capsys.disabled():
        mean = mean_ndcg(demo_index, judged, lambda key: demo_id("item", key), "demo company")
    assert len(judged["queries"]) >= 50
    assert mean >= judged["floor"]


def test_ndcg_rewards_order() -> None:
    assert ndcg(["a", "b"], {"a"}) == 1.0
    assert ndcg(["b", "a"], {"a"}) == pytest.approx(1 / math.log2(3))
    assert ndcg(["b", "c"], {"a"}) == 0.0
