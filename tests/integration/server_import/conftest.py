"""The shipped synthetic dump imported once per module, and what the dump itself says."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kshare.server.db import Database
from kshare.server.importer import ImportReport, import_stackexchange
from kshare.server.importer.site import Site
from kshare.server.settings import Settings
from kshare.stackexchange import SEComment, SEPost, SEUser, StackExchangeDump
from tests.integration.server_import.dumps import FIXTURE


@dataclass(frozen=True)
class Expected:
    """The fixture dump as the import should see it."""

    questions: dict[int, SEPost]
    answers: dict[int, SEPost]
    comments: list[SEComment]
    authors: set[int]
    users: dict[int, SEUser]


@dataclass
class Imported:
    data_dir: Path
    report: ImportReport
    db: Database
    site: Site


def expected_from(folder: Path) -> Expected:
    dump = StackExchangeDump(folder)
    posts = list(dump.posts())
    questions = {p.id: p for p in posts if p.is_question}
    answers = {p.id: p for p in posts if p.is_answer and p.parent_id in questions}
    comments = [c for c in dump.comments() if c.post_id in questions or c.post_id in answers]
    authors = {
        p.owner_user_id
        for p in [*questions.values(), *answers.values()]
        if p.owner_user_id is not None
    } | {c.user_id for c in comments if c.user_id is not None}
    return Expected(questions, answers, comments, authors, {u.id: u for u in dump.users()})


def open_db(data_dir: Path) -> Database:
    return Database(Settings(data_dir=data_dir).resolved_database_url)


@pytest.fixture(scope="session")
def expected() -> Expected:
    return expected_from(FIXTURE)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Imported]:
    data_dir = tmp_path_factory.mktemp("imported") / "server"
    report = import_stackexchange(data_dir, FIXTURE)
    db = open_db(data_dir)
    yield Imported(data_dir, report, db, Site.from_name(FIXTURE.name))
    db.dispose()


@pytest.fixture(autouse=True)
def fast_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    # AdminTools hashes the passwords of the colleagues tests create.
    monkeypatch.setenv("KSHARE_TEST_FAST_HASH", "1")
