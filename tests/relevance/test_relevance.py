"""Relevance of search on the demo company: nDCG@5 over queries people would type.

The demo is seeded into a fresh server, the demo employee's feed (with the tag
aliases) is pulled into a desktop cache and its index, and every query of
``demo_company.json`` is asked. The score is printed; it must not fall below the
floor recorded in the file (raise the floor when ranking gets better).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kshare.client.index import SearchIndex
from kshare.client.store import repository, tag_aliases
from kshare.client.store.db import create_writer_engine, open_cache
from kshare.protocol import routes
from kshare.protocol.schemas import FeedPage
from kshare.server.app import create_app
from kshare.server.demo_content import build_demo_org
from kshare.server.seed import demo_id, seed_org
from kshare.server.settings import HashParams, Settings
from tests.unit.server.support import Api

HERE = Path(__file__).parent
CUTOFF = 5


def ndcg(found: list[str], expected: set[str], k: int = CUTOFF) -> float:
    """Binary-relevance nDCG@k: 1.0 when every expected item leads the list."""
    gain = sum(1 / math.log2(rank + 2) for rank, i in enumerate(found[:k]) if i in expected)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(expected), k)))
    return gain / ideal if ideal else 0.0


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    root = tmp_path_factory.mktemp("relevance-demo")
    org = build_demo_org()
    app = create_app(Settings(data_dir=root / "server", hash_params=HashParams.fast()))
    api = Api(app)
    reader = writer = index = None
    try:
        assert seed_org(app.state.services.db, app.state.services.passwords, org)
        login = api.post(
            routes.LOGIN, json={"username": org.demo_user, "password": org.demo_password}
        )
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


def test_demo_company_ndcg_at_5_does_not_fall(
    demo_index: SearchIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    judged = json.loads((HERE / "demo_company.json").read_text(encoding="utf-8"))
    scores = []
    misses = []
    for case in judged["queries"]:
        expected = {demo_id("item", key) for key in case["expect"]}
        found = [hit.id for hit in demo_index.search(case["query"], limit=CUTOFF).hits]
        score = ndcg(found, expected)
        scores.append(score)
        if score < 1.0:
            misses.append(f"  {score:.2f}  {case['query']}")
    mean = sum(scores) / len(scores)
    with capsys.disabled():
        print(f"\nrelevance demo company: nDCG@{CUTOFF} {mean:.3f} over {len(scores)} queries")
        print("\n".join(misses))
    assert len(scores) >= 50
    assert mean >= judged["floor"], misses


def test_ndcg_rewards_order() -> None:
    assert ndcg(["a", "b"], {"a"}) == 1.0
    assert ndcg(["b", "a"], {"a"}) == pytest.approx(1 / math.log2(3))
    assert ndcg(["b", "c"], {"a"}) == 0.0
