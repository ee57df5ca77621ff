"""Fixtures for the server's tests: a small organisation on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kshare.server.admin import AdminTools
from kshare.server.app import create_app
from kshare.server.settings import HashParams, Settings
from tests.unit.server.support import Api, Org, database_url

PASSWORD = "correct horse battery"


def make_settings(data_dir: Path, url: str | None, **overrides: object) -> Settings:
    return Settings(data_dir=data_dir, database_url=url, hash_params=HashParams.fast(), **overrides)  # type: ignore[arg-type]


def build_org(data_dir: Path, url: str | None, **overrides: object) -> Org:
    """Author ana and member bob in team sre; carol outside; dave in secret group falcon;
    erin disabled (she was in sre)."""
    admin = AdminTools(data_dir, url, hash_params=HashParams.fast())
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
    app = create_app(make_settings(data_dir, url, **overrides))
    return Org(
        api=Api(app),
        admin=admin,
        app=app,
        data_dir=data_dir,
        database_url=url,
        tokens=tokens,
        ids=ids,
        groups=groups,
    )


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def org(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Org]:
    """The small organisation on each database backend."""
    url = database_url(backend, request)
    built = build_org(tmp_path / "server", url)
    yield built
    built.api.close()
    built.app.state.services.db.dispose()
    built.admin.close()


@pytest.fixture
def sqlite_org(tmp_path: Path) -> Iterator[Org]:
    """The small organisation on SQLite only (for tests about one code path)."""
    built = build_org(tmp_path / "server", None)
    yield built
    built.api.close()
    built.app.state.services.db.dispose()
    built.admin.close()
