"""Schemathesis fuzzes every operation of the OpenAPI schema: no input may cause a 5xx.

The app is built when the module is collected (schemathesis needs the schema
to generate the test cases) and cleaned up by a module fixture.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402

from kshare.server.admin import AdminTools  # noqa: E402
from kshare.server.app import create_app  # noqa: E402
from kshare.server.settings import HashParams, Settings  # noqa: E402

_DIR = tempfile.TemporaryDirectory(prefix="kshare-fuzz-")
_DATA = Path(_DIR.name)
with AdminTools(_DATA, hash_params=HashParams.fast()) as _admin:
    _admin.add_group("SRE")
    _admin.add_user("fuzz", "Fuzz Tester", "pw", groups=["SRE"])
    TOKEN = _admin.issue_token("fuzz")
APP = create_app(
    Settings(
        data_dir=_DATA,
        hash_params=HashParams.fast(),
        login_max_failures_per_user=10**6,
        login_max_failures_per_address=10**6,
    )
)
# The event stream never ends by design: the integration tests cover it.
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).exclude(path="/api/v1/events")


@pytest.fixture(scope="module", autouse=True)
def _cleanup() -> Iterator[None]:
    yield
    APP.state.services.db.dispose()
    _DIR.cleanup()


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_server_fail(case) -> None:  # type: ignore[no-untyped-def]
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text)
