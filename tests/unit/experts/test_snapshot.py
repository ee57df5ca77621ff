"""The finder's aggregates saved in the cache: a cold start from them equals one from scratch."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from kshare.client.experts import snapshot
from kshare.client.experts.aggregates import Aggregates
from kshare.client.experts.finder import ExpertFinder
from kshare.client.store.models import ExpertSnapshot

from .conftest import PEOPLE, Profile, item, person, postgres_thread, python_post


def facts(agg: Aggregates) -> dict[str, Any]:
    return {
        "seq": agg.seq,
        "items": {i: (f, f.counted_tags) for i, f in agg.items.items()},
        "children": {k: v for k, v in agg.children.items() if v},
        "by_person": {k: v for k, v in agg.by_person.items() if v},
        "tag_people": agg.tag_people,
        "people": agg.people,
        "declared": agg.declared_topics,
    }


def scratch(profile: Profile) -> Aggregates:
    agg = Aggregates()
    agg.refresh(profile.reader)
    return agg


def ranked(finder: ExpertFinder, topic: str) -> list[tuple[str, float]]:
    return [(e.person_id, e.score) for e in finder.rank(topic)]


def test_a_cold_start_from_the_snapshot_equals_a_build_from_the_cache(profile: Profile) -> None:
    skilled = person("erin", "Erin Fox", skills=["Postgres"], expertise_hidden=["ceramics"])
    profile.put(*PEOPLE, skilled, *postgres_thread(), python_post())
    profile.finder.warm()  # the warm-up after a sync page saves the aggregates
    assert snapshot.saved_seq(profile.reader) == profile.finder._agg.seq
    # more pages after the save: a cold finder loads the snapshot, then applies them
    profile.put(*postgres_thread("b", days=3), item("p9", "dan", days=4, tags=["python"]))
    loaded = snapshot.load(profile.reader)
    assert loaded is not None and loaded.seq < scratch(profile).seq
    cold = ExpertFinder(profile.reader, profile.index)
    assert ranked(cold, "autovacuum postgres") == ranked(profile.finder, "autovacuum postgres")
    assert facts(cold._agg) == facts(scratch(profile))


def test_a_purge_deletes_the_snapshot_in_the_same_commit(profile: Profile) -> None:
    secret = item(
        "s1",
        "bob",
        title="Zanzibarite merger plans",
        tags=["zanzibarite"],
    )
    profile.put(*PEOPLE, *postgres_thread(), secret)
    profile.finder.warm()
    with profile.reader.connect() as conn:
        blob = conn.execute(select(ExpertSnapshot.data)).scalar_one()
    assert b"Zanzibarite" not in blob  # compressed, so look inside
    decoded = snapshot.decode(blob)
    assert decoded is not None and "s1" in decoded.items
    profile.purge(("item", "s1"))
    assert snapshot.saved_seq(profile.reader) is None
    assert snapshot.load(profile.reader) is None
    cold = ExpertFinder(profile.reader, profile.index)
    assert cold.rank("zanzibarite merger") == []
    assert "s1" not in cold._agg.items and "zanzibarite" not in cold._agg.tag_people
    # the cold finder built from the cache and saved that, without the purged item
    again = snapshot.load(profile.reader)
    assert again is not None and "s1" not in again.items


def test_a_snapshot_of_other_tag_aliases_or_another_cache_is_not_used(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread())
    profile.finder.warm()
    agg = snapshot.load(profile.reader)
    assert agg is not None
    agg.seq += 1000  # as if written by a cache further along than this one
    with profile.writer.begin() as conn:
        conn.execute(ExpertSnapshot.__table__.update().values(data=snapshot.encode(agg)))
    assert snapshot.load(profile.reader) is None
