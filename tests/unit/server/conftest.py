"""Fixtures for the server's tests: a small organisation on SQLite and on PostgreSQL.

The organisation is built once per backend and copied for each test (a file
copy for SQLite, ``CREATE DATABASE ... TEMPLATE`` for PostgreSQL), which is
several times faster than building it again.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kshare.server.admin import AdminTools
from kshare.server.app import create_app
from kshare.server.settings import HashParams, Settings
from tests.unit.server.support import Api, Org, ThrowawayPostgres, postgres_reason

PASSWORD = "correct horse battery"


def make_settings(data_dir: Path, url: str | None, **overrides: object) -> Settings:
    return Settings(data_dir=data_dir, database_url=url, hash_params=HashParams.fast(), **overrides)  # type: ignore[arg-type]


@dataclass
class Template:
    data_dir: Path
    pg: ThrowawayPostgres | None
    ids: dict[str, str]
    tokens: dict[str, str]
    groups: dict[str, str]


def build_template(data_dir: Path, pg: ThrowawayPostgres | None) -> Template:
    """Author ana and member bob in team SRE; carol in Finance; dave only in the secret
    group Project Falcon; erin disabled (she was in SRE)."""
    with AdminTools(data_dir, pg.url if pg else None, hash_params=HashParams.fast()) as admin:
        groups = {
            "sre": admin.add_group("SRE", "team", "open"),
            "falcon": admin.add_group("Project Falcon", "community", "secret"),
            "finance": admin.add_group("Finance", "department", "closed"),
        }
        ids = {
            "ana": admin.add_user("ana", "Ana Author", PASSWORD, groups=["SRE"]),
            "bob": admin.add_user("bob", "Bob Member", PASSWORD, groups=["SRE"]),
            "carol": admin.add_user("carol", "Carol Outsider", PASSWORD, groups=["Finance"]),
            "dave": admin.add_user("dave", "Dave Secret", PASSWORD, groups=["Project Falcon"]),
            "erin": admin.add_user("erin", "Erin Disabled", PASSWORD, groups=["SRE"]),
        }
        tokens = {name: admin.issue_token(name) for name in ids}
        admin.disable_user("erin")
    return Template(data_dir, pg, ids, tokens, groups)


class Templates:
    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self.factory = factory
        self.built: dict[str, Template] = {}

    def get(self, backend: str) -> Template:
        if backend not in self.built:
            pg = ThrowawayPostgres() if backend == "postgres" else None
            self.built[backend] = build_template(self.factory.mktemp(f"tmpl-{backend}"), pg)
        return self.built[backend]

    def drop(self) -> None:
        for template in self.built.values():
            if template.pg:
                template.pg.drop()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    built = Templates(tmp_path_factory)
    yield built
    built.drop()


def clone_org(
    template: Template, data_dir: Path, request: pytest.FixtureRequest, **overrides: object
) -> Org:
    shutil.copytree(template.data_dir, data_dir)
    url = None
    if template.pg:
        copy = ThrowawayPostgres(template=template.pg.name)
        request.addfinalizer(copy.drop)
        url = copy.url
    admin = AdminTools(data_dir, url, hash_params=HashParams.fast())
    app = create_app(make_settings(data_dir, url, **overrides))
    built = Org(
        api=Api(app),
        admin=admin,
        app=app,
        data_dir=data_dir,
        database_url=url,
        tokens=dict(template.tokens),
        ids=dict(template.ids),
        groups=dict(template.groups),
    )

    def close() -> None:
        built.api.close()
        app.state.services.db.dispose()
        admin.close()

    request.addfinalizer(close)
    return built


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres" and (reason := postgres_reason()):
        pytest.skip(reason)
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def org(backend: str, templates: Templates, request: pytest.FixtureRequest, tmp_path: Path) -> Org:
    """The small organisation on each database backend (a fresh copy per test)."""
    return clone_org(templates.get(backend), tmp_path / "server", request)


@pytest.fixture
def sqlite_org(templates: Templates, request: pytest.FixtureRequest, tmp_path: Path) -> Org:
    """The small organisation on SQLite only (for tests about one code path)."""
    return clone_org(templates.get("sqlite"), tmp_path / "server", request)
