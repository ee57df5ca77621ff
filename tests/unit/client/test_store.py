"""The cache repository: upserts with local_seq, purges with children, cursor, outbox."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from kshare.client.store import outbox, repository
from kshare.client.store.models import CachedItem, CachedReaction, Purge
from kshare.protocol.schemas import ReactionUpsert
from tests.unit.client.factories import item, reaction, upserts


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def test_upserts_get_increasing_local_seq_and_replace_older_versions(writer: Engine) -> None:
    first, second = item(title="one"), item(title="two")
    with writer.begin() as conn:
        changes = repository.upsert(conn, upserts(first, second))
    assert changes.items == {first.id, second.id}
    edited = first.model_copy(update={"title": "one, edited", "version": 2})
    with writer.begin() as conn:
        repository.upsert(conn, upserts(edited))
    with writer.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(CachedItem))}
    assert rows[first.id].title == "one, edited"
    assert rows[first.id].local_seq > rows[second.id].local_seq
    assert _count(writer, CachedItem) == 2


def test_purging_an_item_takes_answers_comments_and_reactions_along(writer: Engine) -> None:
    question = item(kind="question", title="secret question")
    answer = item(kind="answer", parent_id=question.id)
    comment = item(kind="comment", parent_id=answer.id)
    other = item(title="unrelated")
    with writer.begin() as conn:
        repository.upsert(
            conn,
            [*upserts(question, answer, comment, other), ReactionUpsert(data=reaction(answer.id))],
        )
    with writer.begin() as conn:
        changes = repository.purge(conn, [("item", question.id)])
    assert changes.removed >= {question.id, answer.id, comment.id}
    assert _count(writer, CachedItem) == 1
    assert _count(writer, CachedReaction) == 0
    with writer.connect() as conn:
        purged = conn.execute(select(Purge.entity_type, Purge.entity_id)).all()
    assert {p[1] for p in purged} == changes.removed
    assert {p[0] for p in purged} == {"item", "reaction"}


def test_removal_of_an_unknown_id_is_a_no_op(writer: Engine) -> None:
    with writer.begin() as conn:
        changes = repository.purge(conn, [("item", "never-seen"), ("group", "nope")])
    assert not changes
    assert _count(writer, Purge) == 0


def test_a_failed_page_leaves_neither_rows_nor_cursor(writer: Engine) -> None:
    with writer.begin() as conn:
        repository.set_cursor(conn, "10")
    try:
        with writer.begin() as conn:
            repository.upsert(conn, upserts(item()))
            repository.set_cursor(conn, "20")
            raise RuntimeError("crash in the middle of a page")
    except RuntimeError:
        pass
    with writer.connect() as conn:
        assert repository.get_cursor(conn) == "10"
    assert _count(writer, CachedItem) == 0


def test_outbox_keeps_order_and_states(writer: Engine) -> None:
    with writer.begin() as conn:
        first = outbox.add(conn, "create_item", "a", {"title": "x"})
        second = outbox.add(conn, "update_item", "a", {"title": "y"})
        third = outbox.add(conn, "create_item", "b", {"title": "z"})
    with writer.begin() as conn:
        assert [e.id for e in outbox.pending(conn)] == [first.id, second.id, third.id]
        outbox.mark_done(conn, first.id)
        outbox.mark_conflict(conn, second.id, "changed elsewhere", {"title": "theirs"})
        outbox.mark_failed(conn, third.id, "no longer allowed")
    with writer.connect() as conn:
        assert outbox.pending_count(conn) == 0
        left = outbox.unpublished(conn)
    assert [(e.state, e.payload.get("server")) for e in left] == [
        ("conflict", {"title": "theirs"}),
        ("failed", None),
    ]
    assert left[0].payload["title"] == "y"  # the user's own text is kept


def test_wipe_forgets_everything(writer: Engine) -> None:
    with writer.begin() as conn:
        repository.upsert(conn, upserts(item()))
        repository.set_cursor(conn, "5")
        outbox.add(conn, "create_item", "a", {})
    with writer.begin() as conn:
        repository.wipe(conn)
    with writer.connect() as conn:
        assert repository.get_cursor(conn) == ""
        assert outbox.pending_count(conn) == 0
    assert _count(writer, CachedItem) == 0


def test_bulk_upsert_stores_exactly_what_sqlalchemy_would(writer: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Pages are written with a prepared statement; the bytes in the cache must not change."""
    import sqlite3
    from datetime import UTC, datetime, timedelta, timezone

    from sqlalchemy.dialects.sqlite import insert

    from kshare.client.store.db import open_cache
    from kshare.protocol.schemas import BlobRef, ItemUpsert, PersonUpsert
    from tests.unit.client.factories import group_audience, person

    entries = [
        *upserts(
            item(title="Tïtle ✓", tags=["ü", "x"], created_at=datetime(2026, 1, 1, tzinfo=UTC)),
            item(
                kind="document",
                updated_at=datetime(2026, 1, 1, 5, 0, 0, 7, tzinfo=timezone(timedelta(hours=2))),
                audience=group_audience("g1", "SRE"),
                attachment=BlobRef(sha256="a" * 64, size=3),
            ),
        ),
        PersonUpsert(data=person("p1", "ana", skills=["sql"], endorsements={"sql": ["p2"]})),
        ReactionUpsert(data=reaction("x")),
    ]
    # Through the wire, as the sync receives them (aware datetimes as pydantic parses them).
    entries = [type(e).model_validate_json(e.model_dump_json()) for e in entries]
    with writer.begin() as conn:
        repository.upsert(conn, entries)

    reference = open_cache(tmp_path / "reference.sqlite3")
    with reference.begin() as conn:
        kinds = {ItemUpsert: "item", PersonUpsert: "person", ReactionUpsert: "reaction"}
        makers = {
            "item": repository.item_row,
            "person": repository.person_row,
            "reaction": repository.reaction_row,
        }
        for seq, entry in enumerate(entries, start=1):
            kind = kinds[type(entry)]
            row = makers[kind](entry.data, seq)  # type: ignore[operator]
            conn.execute(insert(repository.TABLES[kind]), [row])
    mine = sqlite3.connect(writer.url.database)  # type: ignore[arg-type]
    theirs = sqlite3.connect(reference.url.database)  # type: ignore[arg-type]
    for table in ("items", "people", "reactions"):
        query = f"SELECT * FROM {table} ORDER BY id"
        assert mine.execute(query).fetchall() == theirs.execute(query).fetchall(), table
    mine.close()
    theirs.close()


def test_a_reaction_taken_back_stays_away_while_its_removal_is_queued(writer: Engine) -> None:
    """A page fetched before the removal reached the server must not bring the reaction back."""
    post = item()
    kept, taken_back = reaction(post.id, emoji="🎉"), reaction(post.id, emoji="👍")
    with writer.begin() as conn:
        repository.upsert(conn, [*upserts(post)])
        outbox.add(conn, "delete_reaction", taken_back.id, {"item_id": post.id})
        repository.upsert(conn, [ReactionUpsert(data=kept), ReactionUpsert(data=taken_back)])
    with writer.connect() as conn:
        ids = set(conn.execute(select(CachedReaction.id)).scalars())
    assert ids == {kept.id}

    with writer.begin() as conn:  # once the removal is sent, the server's word counts again
        for entry in outbox.pending(conn):
            outbox.discard(conn, entry.id)
        repository.upsert(conn, [ReactionUpsert(data=taken_back)])
    assert _count(writer, CachedReaction) == 2
