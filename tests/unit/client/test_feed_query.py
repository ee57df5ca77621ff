"""The feed's query: top-level items newest first, one page read off the newest-first index."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, text

from kshare.client.store import queries, repository
from tests.unit.client.factories import T0, item, upserts


def test_the_feed_pages_top_level_items_newest_first_ties_by_id(writer: Engine) -> None:
    at = T0 + timedelta(hours=1)
    question = item("q", kind="question", created_at=T0 + timedelta(hours=2))
    answer = item("a", kind="answer", parent_id="q", created_at=T0 + timedelta(hours=3))
    tied = [item(name, created_at=at) for name in ("p1", "p3", "p2")]
    oldest = item("d", kind="document", created_at=T0)
    with writer.begin() as conn:
        repository.upsert(conn, upserts(question, answer, *tied, oldest))
    ids = [s.id for s in queries.feed_page(writer, 0, 10)]
    assert ids == ["q", "p3", "p2", "p1", "d"]
    assert [s.id for s in queries.feed_page(writer, 1, 2)] == ["p3", "p2"]
    assert [s.id for s in queries.feed_page(writer, 0, 10, "document")] == ["d"]
    assert queries.feed_count(writer) == 5
    assert queries.feed_page(writer, 0, 10)[0].answer_count == 1


def test_the_unfiltered_feed_walks_the_created_at_index_instead_of_sorting(
    writer: Engine,
) -> None:
    with writer.begin() as conn:
        repository.upsert(conn, upserts(*(item(f"i{n}") for n in range(30))))
    with writer.connect() as conn:
        compiled = (
            queries._with_author()
            .where(queries._newest_first(None))
            .order_by(repository.ITEMS.c.created_at.desc(), repository.ITEMS.c.id.desc())
            .limit(50)
            .compile(writer, compile_kwargs={"literal_binds": True})
        )
        plan = " | ".join(
            str(row[-1]) for row in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
        )
    assert "USING INDEX ix_items_created_at" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan  # only for the tie-breaking right part
