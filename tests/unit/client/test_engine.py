"""The sync engine against an in-memory server: paging, removals, reconcile, push, faults."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import Engine, func, select

from kshare.client.store import outbox, repository
from kshare.client.store.models import CachedItem, Purge
from kshare.client.sync.api import ApiClient
from kshare.client.sync.engine import EngineOptions, SyncEngine
from kshare.client.sync.reconcile import RECONCILE_NEEDED
from kshare.protocol.schemas import ItemCreate, ItemUpdate
from tests.unit.client.factories import item
from tests.unit.client.fake_server import FakeServer
from tests.unit.client.faults import FaultyTransport, every_nth


def make_engine(
    writer: Engine,
    server: FakeServer,
    transport: httpx.BaseTransport | None = None,
    **options: object,
) -> SyncEngine:
    api = ApiClient(
        "http://fake.invalid",
        "token",
        transport=transport or server.transport(),
        sleep=lambda _s: None,
    )
    options.setdefault("page_size", 3)
    opts = EngineOptions(**options)  # type: ignore[arg-type]
    return SyncEngine(api, writer, options=opts)


def cached(writer: Engine) -> dict[str, CachedItem]:
    with writer.connect() as conn:
        return {row.id: row for row in conn.execute(select(CachedItem))}


def test_initial_sync_pages_through_everything_visible(writer: Engine) -> None:
    server = FakeServer()
    mine = [server.put(item(title=f"post {n}")) for n in range(10)]
    server.put(item(title="for someone else"), viewers={"u-other"})
    pages: list[int] = []
    report = make_engine(writer, server).sync(progress=lambda s: pages.append(s.items_done))
    assert report.status.state == "idle", report.status.message
    assert set(cached(writer)) == {i.id for i in mine}
    assert report.changes.item_ids == {i.id for i in mine}
    assert max(pages) == 10
    assert server.calls.count("GET /api/v1/feed") == 4  # 3 + 3 + 3 + 1


def test_deletions_and_edits_arrive_on_the_next_sync(writer: Engine) -> None:
    server = FakeServer()
    keep, drop = server.put(item(title="keep")), server.put(item(title="drop"))
    engine = make_engine(writer, server)
    engine.sync()
    server.edit(keep.id, title="kept, edited")
    server.delete(drop.id)
    report = engine.sync()
    rows = cached(writer)
    assert set(rows) == {keep.id}
    assert rows[keep.id].title == "kept, edited"
    assert report.changes.removed_ids == {drop.id}
    with writer.connect() as conn:
        assert conn.execute(select(Purge.entity_id)).scalars().all() == [drop.id]


def test_membership_change_reconciles_away_what_is_no_longer_visible(writer: Engine) -> None:
    server = FakeServer()
    stay = server.put(item(title="stays"))
    secret = server.put(item(title="secret"))
    engine = make_engine(writer, server)
    engine.sync()
    server.restrict(secret.id, {"u-other"})
    report = engine.sync()
    assert report.status.state == "idle"
    assert set(cached(writer)) == {stay.id}
    with writer.connect() as conn:
        assert repository.get_state(conn, RECONCILE_NEEDED) is None


def test_reconcile_refuses_to_drop_almost_everything(writer: Engine) -> None:
    server = FakeServer()
    posts = [server.put(item()) for _ in range(120)]
    engine = make_engine(writer, server, page_size=500)
    engine.sync()
    for post in posts:
        server.restrict(post.id, {"u-other"})
    report = engine.sync()
    assert report.status.state == "error"
    assert "confirm" in report.status.message
    assert len(cached(writer)) == 120  # nothing dropped by inference
    # Explicit removals always apply, even in bulk.
    for post in posts:
        server.delete(post.id)
    report = engine.sync()
    assert report.status.state == "idle", report.status.message
    assert cached(writer) == {}


def test_a_create_whose_answer_is_lost_reaches_the_server_once(writer: Engine) -> None:
    server = FakeServer()
    transport = FaultyTransport(
        server.transport(), every_nth(1, "drop_answer", paths=("/api/v1/items",))
    )
    engine = make_engine(writer, server, transport=transport)
    create = ItemCreate(id="11111111-aaaa", title="hello", body="world")
    with writer.begin() as conn:
        outbox.add(conn, "create_item", create.id, {"create": create.model_dump(mode="json")})
    report = engine.sync()
    assert report.status.state == "offline"
    assert report.status.pending_outbox == 1
    assert report.status.retry_in_s and report.status.retry_in_s > 0
    transport.plan = lambda _r: None  # the network heals
    report = engine.sync()
    assert report.status.state == "idle"
    assert list(server.items) == [create.id]  # four tries, one item
    assert report.status.pending_outbox == 0
    assert cached(writer)[create.id].version == 1


def test_conflict_keeps_both_sides(writer: Engine) -> None:
    server = FakeServer()
    post = server.put(item(title="original", author_id="u-me"))
    engine = make_engine(writer, server)
    engine.sync()
    server.edit(post.id, title="theirs")
    update = ItemUpdate(base_version=1, title="mine")
    with writer.begin() as conn:
        outbox.add(conn, "update_item", post.id, {"update": update.model_dump(mode="json")})
    report = engine.sync()
    assert report.conflicts == 1
    assert cached(writer)[post.id].title == "theirs"
    with writer.connect() as conn:
        [draft] = outbox.unpublished(conn)
    assert draft.state == "conflict"
    assert draft.payload["update"]["title"] == "mine"
    assert draft.payload["server"]["title"] == "theirs"
    assert report.status.message == "Up to date — 1 change of yours needs a look"


def test_a_refused_write_moves_to_could_not_publish_and_is_not_retried(writer: Engine) -> None:
    server = FakeServer()
    create = ItemCreate(id="22222222-bbbb", kind="answer", parent_id="gone-question", body="x")
    with writer.begin() as conn:
        outbox.add(conn, "create_item", create.id, {"create": create.model_dump(mode="json")})
        repository.upsert_items(conn, [item(create.id, kind="answer", version=0)])
    engine = make_engine(writer, server)
    report = engine.sync()
    assert report.failed == 1
    assert create.id not in cached(writer)
    engine.sync()
    assert server.calls.count("POST /api/v1/items") == 1
    with writer.connect() as conn:
        assert [e.state for e in outbox.unpublished(conn)] == ["failed"]


def test_expired_sign_in_asks_to_sign_in_again(writer: Engine) -> None:
    server = FakeServer(token_valid=False)
    report = make_engine(writer, server).sync()
    assert report.status.state == "auth_required"


def test_disabled_account_wipes_the_cache(writer: Engine) -> None:
    server = FakeServer()
    server.put(item(title="company secret"))
    wiped: list[bool] = []
    engine = make_engine(writer, server)
    engine.on_wipe = lambda: wiped.append(True)
    engine.sync()
    server.disabled = True
    report = engine.sync()
    assert report.status.state == "signed_out"
    assert "disabled" in report.status.message
    assert cached(writer) == {}
    assert wiped == [True]


@pytest.mark.parametrize(
    ("info", "state"),
    [
        ({"product": "kshare", "server_version": "0.0", "api_version": 0}, "server_too_old"),
        ({"product": "other", "server_version": "1", "api_version": 1}, "error"),
    ],
)
def test_a_server_of_another_kind_or_version_is_refused(
    writer: Engine, info: dict[str, object], state: str
) -> None:
    server = FakeServer()
    server.info = info
    report = make_engine(writer, server).sync()
    assert report.status.state == state
    assert cached(writer) == {}


@pytest.mark.parametrize("fault", ["truncate", "corrupt", "status_500", "throttle", "drop_request"])
def test_occasional_faults_are_ridden_over(writer: Engine, fault: str) -> None:
    server = FakeServer()
    posts = [server.put(item()) for _ in range(12)]
    transport = FaultyTransport(server.transport(), every_nth(2, fault))
    report = make_engine(writer, server, transport=transport).sync()
    assert report.status.state == "idle", report.status.message
    assert set(cached(writer)) == {p.id for p in posts}
    assert transport.injected


def test_a_dead_server_gives_offline_with_growing_backoff(writer: Engine) -> None:
    server = FakeServer()
    transport = FaultyTransport(server.transport(), lambda _r: "drop_request")
    engine = make_engine(writer, server, transport=transport)
    waits = [engine.sync().status for _ in range(4)]
    assert {s.state for s in waits} == {"offline"}
    assert waits[0].message.startswith("Offline — retrying in")
    assert waits[-1].retry_in_s > waits[0].retry_in_s  # type: ignore[operator]


def test_a_sync_broken_mid_pull_resumes_without_gaps_or_duplicates(writer: Engine) -> None:
    server = FakeServer()
    posts = [server.put(item()) for _ in range(20)]
    failing = FaultyTransport(
        server.transport(), every_nth(3, "drop_request", paths=("/api/v1/feed",))
    )
    engine = make_engine(writer, server, transport=failing)
    engine.api.attempts = 1  # no retries inside a request: the sync itself must break
    assert engine.sync().status.state == "offline"
    partial = cached(writer)
    assert 0 < len(partial) < 20
    failing.plan = lambda _r: None
    assert engine.sync().status.state == "idle"
    assert set(cached(writer)) == {p.id for p in posts}
    with writer.connect() as conn:
        assert conn.execute(select(func.count()).select_from(CachedItem)).scalar_one() == 20


def _indexing_engine(
    writer: Engine, server: FakeServer, catch_up: object, monkeypatch: pytest.MonkeyPatch
) -> SyncEngine:
    from kshare.client.sync import pull

    monkeypatch.setattr(pull, "BATCH_ROWS", 4)  # wake the index every few pages
    engine = make_engine(writer, server)
    engine.index_catch_up = catch_up  # type: ignore[assignment]
    return engine


def test_the_index_catches_up_alongside_the_pull_and_last_after_it(
    writer: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    server = FakeServer()
    made = [server.put(item(title=f"post {n}")) for n in range(30)]
    seen: list[tuple[str, int]] = []

    def catch_up() -> None:
        # The index reads only what is committed; record how much that was, and where.
        with writer.connect() as conn:
            rows = int(conn.execute(select(func.count()).select_from(CachedItem)).scalar_one())
        seen.append((threading.current_thread().name, rows))

    report = _indexing_engine(writer, server, catch_up, monkeypatch).sync()
    assert report.status.state == "idle", report.status.message
    assert set(cached(writer)) == {i.id for i in made}
    assert any(name != threading.main_thread().name for name, _ in seen), seen
    # The last catch-up runs on the sync's own thread, after the last page committed.
    assert seen[-1] == (threading.main_thread().name, len(made))


def test_a_failing_background_catch_up_is_not_swallowed(
    writer: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = FakeServer()
    for n in range(30):
        server.put(item(title=f"post {n}"))
    calls: list[int] = []

    def catch_up() -> None:
        calls.append(1)
        raise RuntimeError("index damaged")

    engine = _indexing_engine(writer, server, catch_up, monkeypatch)
    with pytest.raises(RuntimeError, match="index damaged"):
        engine.sync()
    # The pages written before the failure stay, each with its cursor: a later sync resumes.
    with writer.connect() as conn:
        assert repository.get_cursor(conn) != ""
    assert calls


def test_purge_acknowledgements_that_fail_are_sent_at_a_later_sync(writer: Engine) -> None:
    server = FakeServer()
    keep, first, second = (server.put(item(title=t)) for t in ("keep", "one", "two"))
    engine = make_engine(writer, server)
    engine.sync()
    server.delete(first.id)
    broken = FaultyTransport(
        server.transport(),
        plan=lambda r: "status_500" if r.url.path == "/api/v1/sync/purged" else None,
    )
    report = make_engine(writer, server, transport=broken).sync()
    assert report.status.state == "idle", report.status.message  # the purge itself happened
    assert first.id not in cached(writer) and broken.injected
    assert server.acked == []
    server.delete(second.id)
    engine.sync()
    assert server.acked == [first.id, second.id]  # the kept one first, then the new one
    engine.sync()
    assert server.acked == [first.id, second.id]  # reported once, then forgotten
    assert set(cached(writer)) == {keep.id}
