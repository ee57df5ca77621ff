"""The demo company shares real PDF and DOCX files, some replaced by a newer version."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from sqlalchemy import select

from kshare.demo_seed import build_demo_org
from kshare.protocol import routes
from kshare.server.app import create_app
from kshare.server.seed import demo_id, seed_org
from kshare.server.settings import HashParams, Settings
from kshare.server.tables import Item, ItemRevision
from tests.unit.server.support import Api
from tests.unit.test_demo_suggestions import _pull_feed


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    root: Path = tmp_path_factory.mktemp("demo-documents")
    org = build_demo_org()
    app = create_app(Settings(data_dir=root / "server", hash_params=HashParams.fast()))
    services = app.state.services
    assert seed_org(services.db, services.passwords, org, services.blobs)
    yield org, app
    services.db.dispose()


def _blob(app: Any, sha256: str) -> bytes:
    return b"".join(app.state.services.blobs.open_range(sha256))


def test_a_replaced_runbook_keeps_its_history_and_serves_the_new_pdf(seeded) -> None:
    _org, app = seeded
    with app.state.services.db.read() as session:
        runbook = session.get(Item, demo_id("item", "doc-oncall-runbook"))
        assert runbook is not None and runbook.kind == "document"
        assert runbook.version == 2
        assert runbook.blob_filename == "oncall-runbook-v2.pdf"
        revisions = session.scalars(
            select(ItemRevision).where(ItemRevision.item_id == runbook.id)
        ).all()
        sha256 = runbook.blob_sha256
    assert len(revisions) == 2
    text = pypdf.PdfReader(io.BytesIO(_blob(app, sha256))).pages[0].extract_text()
    assert "PostgreSQL" in text and "failover" in text


def test_the_handbook_is_a_real_word_file(seeded) -> None:
    _org, app = seeded
    with app.state.services.db.read() as session:
        handbook = session.get(Item, demo_id("item", "doc-employee-handbook"))
        assert handbook is not None
        sha256 = handbook.blob_sha256
    paragraphs = [p.text for p in docx.Document(io.BytesIO(_blob(app, sha256))).paragraphs]
    assert "Employee handbook 2027" in paragraphs


def test_a_sales_lead_sees_the_handbook_but_not_the_on_call_runbook(seeded) -> None:
    org, app = seeded
    api = Api(app)
    try:
        login = api.post(
            routes.LOGIN, json={"username": "amelia.clarke", "password": org.demo_password}
        )
        assert login.status_code == 200, login.text
        pages = _pull_feed(api, login.json()["token"])
    finally:
        api.close()
    titles = {u.data.title for page in pages for u in page.upserts if u.type == "item"}
    assert "Employee handbook 2027" in titles
    assert "On-call runbook (PDF)" not in titles
