"""End to end: an imported site reaches a colleague through the real server's feed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from kshare.server.importer import import_stackexchange
from kshare.server.importer.site import Site
from tests.integration.server_import.conftest import Expected
from tests.integration.server_import.dumps import copy_fixture, read_rows, write_rows
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration

PASSWORD = "correct horse battery"


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[ServerProcess, Path]]:
    """A real server over a data folder the fixture dump was imported into, with a reader."""
    folder = copy_fixture(tmp_path / "synthetic")
    data = tmp_path / "server-data"
    import_stackexchange(data, folder)
    with AdminTools(data) as admin:
        admin.add_user("reader", "Rita Reader", PASSWORD)
    proc = ServerProcess(data).start()
    yield proc, folder
    proc.stop()


def _pull(client: httpx.Client, since: str | None) -> tuple[list[dict[str, Any]], str]:
    upserts: list[dict[str, Any]] = []
    while True:
        params: dict[str, Any] = {"limit": 500, **({"since": since} if since else {})}
        page = client.get("/api/v1/feed", params=params).raise_for_status().json()
        upserts += page["upserts"]
        since = page["cursor"]
        if not page["more"]:
            return upserts, since


def test_a_colleague_receives_the_imported_site(
    running: tuple[ServerProcess, Path], expected: Expected, tmp_path: Path
) -> None:
    server, folder = running
    site = Site.from_name("synthetic")
    with httpx.Client(base_url=server.url, timeout=30) as client:
        login = client.post(
            "/api/v1/auth/login",
            json={"username": "reader", "password": PASSWORD, "device": "test"},
        )
        client.headers["Authorization"] = f"Bearer {login.raise_for_status().json()['token']}"
        upserts, cursor = _pull(client, None)
        items = {u["data"]["id"]: u["data"] for u in upserts if u["type"] == "item"}
        people = {u["data"]["id"]: u["data"] for u in upserts if u["type"] == "person"}
        questions = {i for i, d in items.items() if d["kind"] == "question"}
        assert questions == {site.id("post", q) for q in expected.questions}
        assert len(items) == len(expected.questions) + len(expected.answers) + len(
            expected.comments
        )
        accepted = {i for i, d in items.items() if d["is_accepted"]}
        assert accepted == {
            site.id("post", q.accepted_answer_id)
            for q in expected.questions.values()
            if q.accepted_answer_id
        }
        assert all(d["audience"]["org"] for i, d in items.items() if i in questions)
        assert {site.id("person", u) for u in expected.authors} <= set(people)
        # An imported person can be found and credited, but has no password to sign in with.
        someone = people[site.id("person", next(iter(expected.authors)))]
        assert someone["title"] == "Stack Exchange contributor"
        for password in ("", " ", "x"):
            refused = client.post(
                "/api/v1/auth/login",
                json={"username": someone["username"], "password": password, "device": "t"},
            )
            assert refused.status_code in (401, 422)

        # A newer dump imported while the server runs reaches the feed as a change.
        posts = read_rows(folder / "Posts.xml")
        first = next(p for p in posts if p["PostTypeId"] == "1")
        first["Body"] = "<p>Updated while you were connected</p>"
        write_rows(folder / "Posts.xml", posts)
        import_stackexchange(server.data_dir, folder)
        changes, _ = _pull(client, cursor)
        assert [c["data"]["id"] for c in changes] == [site.id("post", int(first["Id"]))]
        assert changes[0]["data"]["body"].startswith("Updated while you were connected")
        assert changes[0]["data"]["version"] == 2

    # And a desktop syncs it all into its cache.
    workspace = Workspace.open(tmp_path / "profile")
    try:
        workspace.login(server.url, "reader", PASSWORD)
        assert workspace.sync().status.state == "idle"
        assert workspace.feed_count("question") == len(expected.questions)
        detail = workspace.item(site.id("post", int(first["Id"])))
        assert detail is not None and "Originally posted on" in detail.body_markdown
    finally:
        workspace.close()
