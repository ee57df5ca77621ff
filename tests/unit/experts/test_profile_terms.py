"""Expert profiles on disk: kept up to date page by page, equal to a rebuild, purged with items."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select

from kshare.client.experts import profile_terms
from kshare.client.store import repository
from kshare.client.store.db import create_writer_engine, open_cache
from kshare.client.store.models import (
    ExpertDoc,
    ExpertPosting,
    ExpertProfile,
    ExpertTerm,
    SyncState,
)
from kshare.domain import expertise as ex
from kshare.protocol.schemas import ItemOut, ItemUpsert

from .conftest import item


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[Engine]:
    open_cache(tmp_path / "cache.sqlite3").dispose()  # brings the schema up to date
    engine = create_writer_engine(tmp_path / "cache.sqlite3")
    yield engine
    engine.dispose()


def put(writer: Engine, *items: ItemOut) -> None:
    with writer.begin() as conn:
        repository.upsert(conn, [ItemUpsert(data=i) for i in items])


def purge(writer: Engine, *ids: str) -> None:
    with writer.begin() as conn:
        repository.purge(conn, [("item", i) for i in ids])


def snapshot(writer: Engine) -> dict[str, Any]:
    """Everything the profiles hold on disk, comparable between two ways of building them."""
    with writer.connect() as conn:
        state = conn.execute(
            select(SyncState.value).where(SyncState.key == profile_terms.STATE_KEY)
        ).scalar_one()
        return {
            "state": state,
            "profiles": sorted(conn.execute(select(ExpertProfile.__table__)).all()),
            "postings": sorted(conn.execute(select(ExpertPosting.__table__)).all()),
            "terms": sorted(conn.execute(select(ExpertTerm.__table__)).all()),
            "docs": sorted(conn.execute(select(ExpertDoc.__table__)).all()),
        }


def rebuilt(writer: Engine) -> dict[str, Any]:
    with writer.begin() as conn:
        conn.execute(delete(SyncState).where(SyncState.key == profile_terms.STATE_KEY))
    assert profile_terms.catch_up_engine(writer)
    return snapshot(writer)


def answer(item_id: str, author: str, body: str, days: float = 1, **fields: Any) -> ItemOut:
    return item(item_id, author, days=days, kind="answer", parent_id="q1", body=body, **fields)


QUESTION = item("q1", "carol", kind="question", title="Vacuum never ends", body="bloat grows")


def test_page_by_page_equals_a_rebuild_through_edits_votes_and_purges(writer: Engine) -> None:
    put(writer, QUESTION)
    assert profile_terms.catch_up_engine(writer)
    put(writer, answer("a1", "alice", "Lower the autovacuum scale factor for that table."))
    put(writer, answer("a2", "bob", "Restart the server, then vacuum the table."))
    profile_terms.catch_up_engine(writer)
    put(writer, answer("a3", "alice", "Long transactions hold back vacuum; find them first."))
    put(writer, answer("a2", "bob", "Restart the server.", score=3, version=2))  # an edit
    put(writer, answer("a1", "alice", "Lower the autovacuum scale factor for that table.", score=5))
    put(writer, item("c1", "dan", kind="comment", parent_id="a1", body="vacuum vacuum vacuum"))
    profile_terms.catch_up_engine(writer)
    put(writer, item("p1", "dan", title="Packaging wheels", body="Build wheels per platform."))
    purge(writer, "a3")
    put(writer, answer("a4", "erin", "Partition the table."), answer("a5", "erin", "Or archive."))
    profile_terms.catch_up_engine(writer)
    put(writer, item("p1", "dan", kind="question", title="Packaging wheels?", version=2))
    profile_terms.catch_up_engine(writer)
    incremental = snapshot(writer)
    assert incremental == rebuilt(writer)
    with writer.connect() as conn:
        docs = set(conn.execute(select(ExpertDoc.item_id)).scalars())
        postings = set(conn.execute(select(ExpertPosting.term, ExpertPosting.person_id)).all())
    # questions and comments never count; a question that was a post no longer does
    assert docs == {"a1", "a2", "a4", "a5"}
    assert ("transactions", "alice") not in postings  # purged with a3
    assert ("vacuum", "bob") not in postings and ("server", "bob") in postings  # edited


def test_a_purge_takes_the_item_out_of_the_profiles_on_disk_at_once(writer: Engine) -> None:
    put(writer, QUESTION, answer("a1", "alice", "Zanzibarite crystals keep the table fast."))
    put(writer, answer("a2", "alice", "Lower the autovacuum scale factor."))
    profile_terms.catch_up_engine(writer)
    with writer.connect() as conn:
        assert profile_terms.scores(conn, {"alice"}, "zanzibarite", ex.Weights())["alice"] > 0
    purge(writer, "a1")  # no catch-up: the purge itself must leave nothing behind
    with writer.connect() as conn:
        assert (
            conn.execute(select(ExpertTerm).where(ExpertTerm.term == "zanzibarite")).first() is None
        )
        terms = set(conn.execute(select(ExpertPosting.term)).scalars())
        assert "zanzibarite" not in terms and "crystals" not in terms and "autovacuum" in terms
        assert set(conn.execute(select(ExpertDoc.item_id)).scalars()) == {"a2"}
        assert profile_terms.scores(conn, {"alice"}, "zanzibarite", ex.Weights()) == {}
    profile_terms.catch_up_engine(writer)  # the purges' counter moved: nothing else to do
    incremental = snapshot(writer)
    assert incremental == rebuilt(writer)


def test_purging_a_question_takes_its_answers_out_and_the_person_with_them(writer: Engine) -> None:
    put(writer, QUESTION, answer("a1", "alice", "Lower the autovacuum scale factor."))
    profile_terms.catch_up_engine(writer)
    purge(writer, "q1")
    with writer.connect() as conn:
        assert profile_terms.profile_count(conn) == 0
        assert conn.execute(select(ExpertPosting)).first() is None
        assert conn.execute(select(ExpertTerm)).first() is None


def test_a_wipe_empties_the_profiles_and_a_missing_state_rebuilds_them(writer: Engine) -> None:
    put(writer, QUESTION, answer("a1", "alice", "Lower the autovacuum scale factor."))
    profile_terms.catch_up_engine(writer)
    with writer.begin() as conn:
        repository.wipe(conn)
    with writer.connect() as conn:
        for model in (ExpertProfile, ExpertPosting, ExpertTerm, ExpertDoc):
            assert conn.execute(select(model)).first() is None
        assert not profile_terms.is_current(conn)
    put(writer, QUESTION, answer("a9", "bob", "Partition the table."))
    assert profile_terms.catch_up_engine(writer)
    with writer.connect() as conn:
        assert set(conn.execute(select(ExpertPosting.person_id)).scalars()) == {"bob"}
    assert not profile_terms.catch_up_engine(writer)  # current: nothing to do


def test_the_profile_match_prefers_the_focused_writer_over_the_prolific_one(
    writer: Engine,
) -> None:
    put(writer, QUESTION, answer("a1", "alice", "Autovacuum scale factor, per table."))
    filler = " ".join(f"word{n}" for n in range(300))
    put(writer, answer("a2", "bob", f"Autovacuum scale factor, per table. {filler}"))
    put(writer, answer("a3", "carol", "Partition it."))
    profile_terms.catch_up_engine(writer)
    with writer.connect() as conn:
        found = profile_terms.scores(
            conn, {"alice", "bob", "carol"}, "autovacuum scale", ex.Weights()
        )
    assert set(found) == {"alice", "bob"}  # carol wrote none of the words
    assert found["alice"] > found["bob"] > 0  # same words, a profile 300 words longer


def test_bm25_saturates_and_normalises_length() -> None:
    idf = {"vacuum": ex.bm25_idf(1, 10)}
    one = ex.bm25({"vacuum": 1}, 10, idf, 10.0, 1.2, 0.75)
    many = ex.bm25({"vacuum": 50}, 10, idf, 10.0, 1.2, 0.75)
    assert 0 < one < many < idf["vacuum"] * 2.2  # never more than (k1 + 1) times the idf
    longer = ex.bm25({"vacuum": 1}, 40, idf, 10.0, 1.2, 0.75)
    assert longer < one
    assert ex.bm25({"vacuum": 1}, 40, idf, 10.0, 1.2, 0.0) == pytest.approx(one)  # b=0: no norm
    assert ex.bm25_idf(10, 10) > 0  # a word everyone uses still counts a little, never negatively


def test_kept_profiles_score_as_the_tables_do_and_follow_every_change(writer: Engine) -> None:
    put(writer, QUESTION, answer("a1", "alice", "Autovacuum scale factor, per table."))
    put(writer, answer("a2", "bob", "Autovacuum and vacuum full lock the table. Partition it."))
    put(writer, answer("a3", "carol", "Partition the table by month; vacuum each part."))
    profile_terms.catch_up_engine(writer)
    kept = profile_terms.KeptProfiles(budget=3)  # a word or two kept at a time
    people = {"alice", "bob", "carol", "nobody"}
    topics = ("autovacuum table", "partition vacuum month", "vacuum", "zanzibarite", "")

    def both() -> list[tuple[dict[str, float], dict[str, float]]]:
        with writer.connect() as conn:
            return [
                (
                    profile_terms.scores(conn, people, t, ex.Weights()),
                    kept.scores(conn, people, t, ex.Weights()),
                )
                for t in topics
            ]

    first = both()
    assert first[0][0]["alice"] > 0 and "nobody" not in first[0][0]
    assert all(tables == memory for tables, memory in first)  # to the bit
    assert all(tables == memory for tables, memory in both())  # asked again: from memory
    # a new profile moves every idf and the average length; a purge takes words out
    put(writer, answer("a4", "dan", "Month partitions, autovacuum per partition."))
    purge(writer, "a1")
    profile_terms.catch_up_engine(writer)
    after = both()
    assert all(tables == memory for tables, memory in after)
    assert "alice" not in after[0][1] and after[1][1] != first[1][1]


def test_kept_profiles_read_whole_at_a_warm_up_score_alike(writer: Engine) -> None:
    put(writer, QUESTION, answer("a1", "alice", "Autovacuum scale factor, per table."))
    put(writer, answer("a2", "bob", "Partition the table by month; vacuum each part."))
    profile_terms.catch_up_engine(writer)
    whole, small = profile_terms.KeptProfiles(), profile_terms.KeptProfiles(budget=3)
    people = {"alice", "bob"}
    topics = ("autovacuum table", "partition vacuum month", "zanzibarite")
    with writer.connect() as conn:
        whole.warm(conn)
        small.warm(conn)  # too many postings for it: it reads words as they are asked
        assert whole._whole and not small._whole
        expected = [profile_terms.scores(conn, people, t, ex.Weights()) for t in topics]
        assert [whole.scores(conn, people, t, ex.Weights()) for t in topics] == expected
        assert [small.scores(conn, people, t, ex.Weights()) for t in topics] == expected
    put(writer, answer("a3", "carol", "Zanzibarite in the month partitions."))
    profile_terms.catch_up_engine(writer)
    with writer.connect() as conn:
        assert not whole.scores(conn, people, "zanzibarite", ex.Weights())
        assert whole.scores(conn, {"carol"}, "zanzibarite", ex.Weights())["carol"] > 0
        assert not whole._whole  # the profiles moved: read again as asked, until a warm-up


def test_kept_profiles_sum_many_people_at_once_as_the_tables_do(writer: Engine) -> None:
    # many people, words of every frequency and long questions: the arrays' sums over all
    # the people asked at once must be the tables' person-by-person sums, to the bit
    rng = random.Random(14)
    vocabulary = [f"w{n}" for n in range(400)]
    weights = [1.0 / (n + 1) for n in range(len(vocabulary))]  # a few common words, many rare
    put(writer, QUESTION)
    for n in range(120):
        body = " ".join(rng.choices(vocabulary, weights, k=rng.randint(3, 300)))
        put(writer, answer(f"a{n}", f"p{n % 70}", body))
    profile_terms.catch_up_engine(writer)
    everyone = {f"p{n}" for n in range(70)} | {"nobody"}
    some = set(rng.sample(sorted(everyone), 25))
    topics = [" ".join(rng.choices(vocabulary, k=rng.randint(1, 400))) for _ in range(20)]
    whole, small = profile_terms.KeptProfiles(), profile_terms.KeptProfiles(budget=500)
    with writer.connect() as conn:
        whole.warm(conn)
        small.warm(conn)
        assert whole._whole and not small._whole
        for people in (everyone, some):
            for topic in topics:
                expected = profile_terms.scores(conn, people, topic, ex.Weights())
                assert len(expected) > 1
                assert whole.scores(conn, people, topic, ex.Weights()) == expected
                assert small.scores(conn, people, topic, ex.Weights()) == expected
                odd = ex.Weights(bm25_k1=0.9, bm25_b=0.3)  # other settings, other sums
                assert whole.scores(conn, people, topic, odd) == profile_terms.scores(
                    conn, people, topic, odd
                )
