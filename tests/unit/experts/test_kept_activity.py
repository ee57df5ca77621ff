"""The activity kept on disk, decayed forward to a later moment, equals working it out from
every contribution at that moment: after sync pages, purges, retags and as time passes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete

from kshare.client.experts import item_facts, profile_terms
from kshare.client.experts.aggregates import Aggregates
from kshare.client.experts.finder import ExpertFinder
from kshare.client.experts.stored import StoredAggregates
from kshare.client.store.models import SyncState
from kshare.clock import ManualClock
from kshare.domain import expertise as ex

from .conftest import PEOPLE, T0, Profile, item, person, postgres_thread, python_post

LATER = (0.0, 0.5, 3.0, 45.0, 400.0, 3000.0)  # days after the latest contribution


def recomputed(profile: Profile, person_id: str, now: datetime, w: ex.Weights) -> Any:
    """``ex.activity`` of everything the cache holds of the person, read afresh."""
    memory = Aggregates()
    memory.refresh(profile.reader)
    facts = memory.people.get(person_id)
    mine = [memory.items[i] for i in memory.by_person.get(person_id, ())]
    contributions = [(f.kind, f.created_at, f.accepted, f.score, f.counted_tags) for f in mine]
    hidden = facts.declared.hidden if facts else ()
    return ex.activity(contributions, now, w, hidden)


def kept(profile: Profile, person_id: str, now: datetime, w: ex.Weights) -> Any:
    stored = StoredAggregates(profile.reader)
    stored.refresh(profile.reader)
    assert stored.prefetch_activity([person_id], now, w) == []
    return stored.kept_activity(person_id, now, w, stored.people[person_id].declared.hidden)


def assert_close(got: Any, want: Any) -> None:
    tags, total, recent = got
    want_tags, want_total, want_recent = want
    assert tags == pytest.approx(want_tags, rel=1e-12, abs=1e-300)
    assert total == pytest.approx(want_total, rel=1e-12, abs=1e-300)
    assert recent == pytest.approx(want_recent, rel=1e-12, abs=1e-300)


def assert_kept_equals_recomputed(profile: Profile, latest: datetime) -> None:
    with profile.writer.begin() as conn:
        item_facts.catch_up(conn)
    w = ex.Weights()
    for person_id in ("alice", "bob", "carol", "dan", "erin"):
        for days in LATER:
            now = latest + timedelta(days=days)
            assert_close(kept(profile, person_id, now, w), recomputed(profile, person_id, now, w))


def test_kept_activity_follows_syncs_purges_and_time(profile: Profile) -> None:
    hider = person("erin", "Erin Fox", expertise_hidden=["python"])
    profile.put(*PEOPLE, hider, *postgres_thread(), python_post())
    assert_kept_equals_recomputed(profile, T0 + timedelta(days=2))
    got = kept(profile, "alice", T0 + timedelta(days=10), ex.Weights())
    assert got[0]["vacuum"] > 0 and got[1] > 0 and all(r > 0 for r in got[2])
    # a second thread much later, votes, an answer in a thread by erin (who hides python),
    # a retag of the first question (its answers' tags follow) and a purge
    profile.put(*postgres_thread("b", days=200), python_post())
    profile.put(
        item("a1", "alice", days=1, version=2, kind="answer", parent_id="q1", score=7),
        item("a5", "erin", days=201, kind="answer", parent_id="p1", body="wheels for arm"),
        item("q1", "carol", days=0, version=2, kind="question", tags=["postgres", "tuning"]),
        item("c1", "dan", days=202, kind="comment", parent_id="a5", body="and manylinux"),
    )
    assert_kept_equals_recomputed(profile, T0 + timedelta(days=202))
    profile.purge(("item", "a2"), ("item", "ba1"))
    assert_kept_equals_recomputed(profile, T0 + timedelta(days=202))
    assert kept(profile, "erin", T0 + timedelta(days=203), ex.Weights())[0].get("python") is None
    assert (
        recomputed(profile, "erin", T0 + timedelta(days=203), ex.Weights())[0].get("python") is None
    )
    # made again from scratch: the same as what the pages kept up to date
    before = kept(profile, "alice", T0 + timedelta(days=300), ex.Weights())
    with profile.writer.begin() as conn:
        conn.execute(delete(SyncState).where(SyncState.key == item_facts.STATE_KEY))
    assert profile_terms.catch_up_engine(profile.writer)
    assert_close(kept(profile, "alice", T0 + timedelta(days=300), ex.Weights()), before)


def test_a_purge_takes_its_activity_out_in_the_same_commit(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), python_post())
    with profile.writer.begin() as conn:
        item_facts.catch_up(conn)
    profile.purge(("item", "p1"))  # no catch-up after it
    now = T0 + timedelta(days=5)
    stored = StoredAggregates(profile.reader)
    stored.refresh(profile.reader)
    stored.prefetch_activity(["dan"], now, ex.Weights())
    assert stored.kept_activity("dan", now, ex.Weights()) == ({}, 0.0, (0.0, 0.0, 0.0, 0.0))


def test_what_cannot_be_decayed_forward_is_read_from_the_items(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), python_post())
    with profile.writer.begin() as conn:
        item_facts.catch_up(conn)
    stored = StoredAggregates(profile.reader)
    stored.refresh(profile.reader)
    early = T0 + timedelta(days=1.5)  # dan's post (day 2) is younger than this moment
    assert stored.prefetch_activity(["alice", "dan"], early, ex.Weights()) == []
    assert "dan" in stored._contributions and "alice" not in stored._contributions
    for person_id in ("alice", "dan"):
        got = stored.kept_activity(person_id, early, ex.Weights())
        assert_close(got, recomputed(profile, person_id, early, ex.Weights()))
    assert stored.kept_activity("dan", early, ex.Weights())[0]["python"] == 1.0  # not decayed
    other = ex.Weights(half_life_days=30.0)  # other knobs: nothing kept applies
    assert list(stored.prefetch_activity(["alice"], early, other)) == ["alice"]
    assert stored.kept_activity("alice", early, other) is None


@pytest.mark.parametrize("days", [1.5, 30.0, 900.0])
def test_a_cold_ranking_with_kept_activity_equals_a_warm_one(profile: Profile, days: float) -> None:
    profile.put(*PEOPLE, *postgres_thread(), *postgres_thread("b", days=3), python_post())
    profile.put(item("c1", "dan", days=4, kind="comment", parent_id="a1", body="vacuum full"))
    clock = ManualClock(T0 + timedelta(days=days))
    warm = ExpertFinder(profile.reader, profile.index, clock=clock)
    warm.warm()
    cold = ExpertFinder(profile.reader, profile.index, lazy=True, clock=clock)

    def answers(finder: ExpertFinder) -> list[Any]:
        return [
            [
                (e.person_id, pytest.approx(e.score, rel=1e-12), [r.text for r in e.reasons])
                for e in finder.rank(topic)
            ]
            for topic in ("autovacuum postgres", "python wheels", "vacuum bloat on a big table")
        ]

    assert answers(cold) == answers(warm)
    assert answers(cold)[0]
    assert isinstance(cold._agg, StoredAggregates)
    # the cold finder read what its candidates wrote only for those it listed (their
    # latest contributions are shown), even when one is younger than the moment asked
    topics = ("autovacuum postgres", "python wheels", "vacuum bloat on a big table")
    listed = {e.person_id for topic in topics for e in cold.rank(topic)}
    assert set(dict.keys(cold._agg.by_person)) <= listed
    assert ex.activity_settings(cold.weights) == ex.activity_settings(item_facts.KEPT_WEIGHTS)
