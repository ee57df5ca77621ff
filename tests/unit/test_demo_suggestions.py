"""The demo's open questions get sensible "People who might know" once a desktop has synced.

The demo is seeded into a fresh server database, the demo user's feed is pulled into a
desktop cache and its search index, and the expert finder is asked about each open question.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from kshare.client.experts.finder import ExpertFinder
from kshare.client.index import SearchIndex
from kshare.client.store import repository
from kshare.client.store.db import create_writer_engine, open_cache
from kshare.demo_seed import DemoOrg, build_demo_org, open_questions
from kshare.protocol import routes
from kshare.protocol.schemas import FeedPage
from kshare.server.app import create_app
from kshare.server.seed import demo_id, seed_org
from kshare.server.settings import HashParams, Settings
from tests.unit.server.support import Api

# Who an open question should bring up first: the people whose work it is about.
EXPECTED = {
    "sre-hpa-latency-metric": {"priya.raman", "kwame.mensah"},
    "sre-replica-query-cancelled": {"ingrid.halvorsen", "priya.raman"},
    "eng-smartscreen-warning": {"yuki.tanaka"},
    "data-dunning-test-duration": {"arjun.mehta"},
    "sec-airflow-connections-vault": {"noa.levi"},
    "fin-research-incentives": {"thabo.nkosi", "elif.yilmaz"},
    "hr-relocation-ghana-lisbon": {"mia.novak", "rohan.kapoor"},
    "sales-quarterly-invoicing-renewal": {"amelia.clarke"},
}


@dataclass
class Desktop:
    org: DemoOrg
    viewer_id: str
    finder: ExpertFinder
    usernames: dict[str, str]  # person id -> username


def _pull_feed(api: Api, token: str) -> list[FeedPage]:
    pages: list[FeedPage] = []
    params: dict[str, Any] = {"limit": 500}
    while True:
        response = api.get(routes.FEED, token, params=params)
        assert response.status_code == 200, response.text
        page = FeedPage.model_validate(response.json())
        pages.append(page)
        if not page.more:
            return pages
        params["since"] = page.cursor


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    root = tmp_path_factory.mktemp("demo-suggestions")
    org = build_demo_org()  # dated up to today, as the demo server seeds it
    settings = Settings(data_dir=root / "server", hash_params=HashParams.fast())
    app = create_app(settings)
    api = Api(app)
    reader = writer = index = None
    try:
        assert seed_org(app.state.services.db, app.state.services.passwords, org)
        login = api.post(
            routes.LOGIN, json={"username": org.demo_user, "password": org.demo_password}
        )
        assert login.status_code == 200, login.text
        pages = _pull_feed(api, login.json()["token"])
        reader = open_cache(root / "cache.sqlite3")
        writer = create_writer_engine(root / "cache.sqlite3")
        with writer.begin() as conn:
            for page in pages:
                repository.upsert(conn, page.upserts)
        index = SearchIndex(root / "index", reader)
        index.catch_up()
        finder = ExpertFinder(reader, index)
        finder.warm()
        usernames = {demo_id("person", p.username): p.username for p in org.people}
        yield Desktop(org, demo_id("person", org.demo_user), finder, usernames)
    finally:
        if index is not None:
            index.close()
        for engine in (reader, writer):
            if engine is not None:
                engine.dispose()
        api.close()
        app.state.services.db.dispose()


@pytest.mark.parametrize("key", [thread.key for thread in open_questions()])
def test_every_open_question_suggests_someone_other_than_the_asker(
    desktop: Desktop, key: str
) -> None:
    thread = next(t for t in open_questions() if t.key == key)
    answered = {reply.author for reply in thread.answers}
    suggested = desktop.finder.suggest_for_question(
        demo_id("item", key), exclude={desktop.viewer_id}
    )
    names = [desktop.usernames[expert.person_id] for expert in suggested]
    assert names, key
    assert thread.author not in names
    assert not answered & set(names)
    assert desktop.org.demo_user not in names
    # The people who know the topic are among the first few, not buried.
    assert EXPECTED[key] & set(names[:3]), (key, names)
