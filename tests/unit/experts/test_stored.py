"""Tag counts on disk, and a finder reading the cache lazily, equal the in-memory aggregates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select

from kshare.client.experts import item_facts, profile_terms
from kshare.client.experts.aggregates import Aggregates
from kshare.client.experts.finder import ExpertFinder
from kshare.client.experts.stored import StoredAggregates
from kshare.client.store import tag_aliases
from kshare.client.store.models import ExpertItem, ExpertTagPerson, SyncState
from kshare.clock import ManualClock
from kshare.domain.expertise import Weights

from .conftest import PEOPLE, T0, Profile, item, person, postgres_thread, python_post

TOPICS = ("vacuum", "python wheels", "autovacuum transactions")
STATES = (profile_terms.STATE_KEY, item_facts.STATE_KEY)


def on_disk(profile: Profile) -> tuple[dict[str, dict[str, int]], dict[str, tuple[str, ...]]]:
    with profile.reader.connect() as conn:
        people: dict[str, dict[str, int]] = {}
        for tag, person_id, n in conn.execute(
            select(ExpertTagPerson.tag, ExpertTagPerson.person_id, ExpertTagPerson.n)
        ):
            people.setdefault(tag, {})[person_id] = n
        items = {
            i: tuple(counted.split())
            for i, counted in conn.execute(select(ExpertItem.item_id, ExpertItem.counted))
            if counted
        }
    return people, items


def in_memory(profile: Profile) -> tuple[dict[str, dict[str, int]], dict[str, tuple[str, ...]]]:
    fresh = Aggregates()
    fresh.refresh(profile.reader)
    people = {t: dict(c) for t, c in fresh.tag_people.items() if c}
    items = {i: f.counted_tags for i, f in fresh.items.items() if f.counted_tags}
    return people, items


def catch_up(profile: Profile) -> None:
    with profile.writer.begin() as conn:
        item_facts.catch_up(conn)


def ranked(finder: ExpertFinder, topic: str) -> list[tuple[str, float, list[str]]]:
    return [(e.person_id, e.score, [r.text for r in e.reasons]) for e in finder.rank(topic)]


def test_the_counts_on_disk_follow_the_cache_as_it_changes(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), python_post())
    catch_up(profile)
    assert on_disk(profile) == in_memory(profile)
    assert on_disk(profile)[0]["vacuum"] == {"carol": 1, "alice": 1, "bob": 1}
    # an answer before its question, a retag, a comment below an answer, and a purge
    profile.put(
        item("a9", "erin", days=5, kind="answer", parent_id="q9", body="use pgbouncer pools")
    )
    catch_up(profile)
    assert "erin" not in on_disk(profile)[0].get("pooling", {})
    profile.put(
        item("q9", "carol", days=4, kind="question", title="Pool", tags=["postgresql", "pooling"]),
        item("c1", "dan", days=6, kind="comment", parent_id="a9", body="and pool_mode"),
    )
    catch_up(profile)
    assert on_disk(profile)[0]["pooling"] == {"carol": 1, "erin": 1, "dan": 1}
    profile.put(item("q9", "carol", days=4, version=2, kind="question", tags=["pgbouncer"]))
    profile.put(
        item("p1", "dan", days=2, version=2, title="Python wheels", tags=["python", "wheels"])
    )
    profile.purge(("item", "a2"))
    catch_up(profile)
    assert on_disk(profile) == in_memory(profile)
    assert "pooling" not in on_disk(profile)[0]
    assert on_disk(profile)[0]["pgbouncer"] == {"carol": 1, "erin": 1, "dan": 1}
    assert "a2" not in on_disk(profile)[1] and "packaging" not in on_disk(profile)[0]


def test_a_purge_takes_its_tags_out_in_the_same_commit(profile: Profile) -> None:
    secret = item("s1", "bob", title="Zanzibarite merger plans", tags=["zanzibarite"])
    profile.put(*PEOPLE, *postgres_thread(), secret)
    catch_up(profile)
    assert on_disk(profile)[0]["zanzibarite"] == {"bob": 1}
    profile.purge(("item", "s1"))  # no catch-up after it
    people, items = on_disk(profile)
    assert "zanzibarite" not in people and "s1" not in items
    assert profile.finder.rank("zanzibarite merger") == []


def test_other_tag_aliases_count_everything_again(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), python_post())
    catch_up(profile)
    with profile.writer.begin() as conn:
        tag_aliases.replace(conn, {"postgresql": "postgres", "py": "python"})
    with profile.reader.connect() as conn:
        assert not item_facts.is_current(conn)
    catch_up(profile)
    people, _ = on_disk(profile)
    assert "postgresql" not in people and people["postgres"]["alice"] == 1
    assert (people, on_disk(profile)[1]) == in_memory(profile)


def test_a_cold_finder_answers_as_a_warm_one(profile: Profile) -> None:
    skilled = person("erin", "Erin Fox", skills=["Postgres"], expertise_hidden=["ceramics"])
    profile.put(*PEOPLE, skilled, *postgres_thread(), *postgres_thread("b", days=3))
    profile.put(
        python_post(),
        item("c1", "dan", days=4, kind="comment", parent_id="a1", body="vacuum full locks"),
        item("q5", "erin", days=5, kind="question", title="Wheels for arm", tags=["python"]),
    )
    # one instant for both: the warm-up works out activity ahead of the questions, and
    # scores compared exactly must not depend on how long the questions took
    clock = ManualClock(T0 + timedelta(days=30))
    warm = ExpertFinder(profile.reader, profile.index, clock=clock)
    warm.warm()
    cold = ExpertFinder(profile.reader, profile.index, lazy=True, clock=clock)
    assert isinstance(cold._agg, StoredAggregates) and not isinstance(warm._agg, StoredAggregates)

    def answers(finder: ExpertFinder) -> list[Any]:
        return [
            ranked(finder, "autovacuum postgres"),
            ranked(finder, "python wheels"),
            ranked(finder, "How do I stop vacuum bloat on a big table?"),
            [(e.person_id, e.score) for e in finder.similar_experts("alice")],
            finder.profile("alice"),
            finder.mined_topics("dan"),
            [e.person_id for e in finder.suggest_for_question("q5")],
        ]

    assert answers(cold) == answers(warm)
    assert ranked(cold, "autovacuum postgres")  # the comparison compares something
    # and after a sync page, both follow it
    profile.put(item("a7", "erin", days=6, kind="answer", parent_id="q1", body="autovacuum"))
    profile.purge(("item", "a2"))
    assert answers(cold) == answers(warm)
    assert isinstance(cold._agg, StoredAggregates)


def test_the_sync_hook_applies_changes_a_slice_at_a_time(
    profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile.put(*PEOPLE, *postgres_thread(), python_post())
    profile.put(item("c1", "dan", days=4, kind="comment", parent_id="a1", body="vacuum full"))
    profile.purge(("item", "a2"))
    monkeypatch.setattr(profile_terms, "SLICE", 1)
    assert profile_terms.catch_up_engine(profile.writer)
    with profile.reader.connect() as conn:
        assert profile_terms.is_current(conn) and item_facts.is_current(conn)
        sliced = {t: profile_terms.scores(conn, {"alice", "dan"}, t, Weights()) for t in TOPICS}
    assert on_disk(profile) == in_memory(profile)
    with profile.writer.begin() as conn:  # the same changes in one go
        conn.execute(delete(SyncState).where(SyncState.key.in_(STATES)))
    assert profile_terms.catch_up_engine(profile.writer) is True
    with profile.reader.connect() as conn:
        whole = {t: profile_terms.scores(conn, {"alice", "dan"}, t, Weights()) for t in TOPICS}
    assert sliced == whole and any(sliced.values())


def test_the_latest_authors_are_the_same_read_either_way(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), *postgres_thread("b", days=3), python_post())
    profile.put(item("c1", "erin", days=3, kind="comment", parent_id="a1", body="and fillfactor"))
    catch_up(profile)
    memory = Aggregates()
    memory.refresh(profile.reader)
    stored = StoredAggregates(profile.reader)
    stored.refresh(profile.reader)
    for days in (0.5, 1.5, 2.5, 3.5, 5):
        now = T0 + timedelta(days=days)
        for count in (1, 2, 3, 200):
            assert stored.recent_authors(now, count) == memory.recent_authors(now, count)
    assert memory.recent_authors(T0 + timedelta(days=3.5), 2) == {"erin", "dan"}
