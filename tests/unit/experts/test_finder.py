"""The expert finder on a real cache and index: rankings, reasons, people's choices, visibility."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from kshare.client.experts.aggregates import Aggregates
from kshare.client.experts.finder import ExpertFinder

from .conftest import PEOPLE, T0, Profile, item, person, postgres_thread, python_post


def ids(experts: list) -> list[str]:  # type: ignore[type-arg]
    return [e.person_id for e in experts]


def test_the_accepted_answerer_comes_first_and_is_told_why(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), python_post())
    experts = profile.finder.rank("postgres vacuum bloat")
    assert ids(experts)[:2] == ["alice", "bob"]
    assert "dan" not in ids(experts)  # wrote about python only
    alice = experts[0]
    assert (alice.display_name, alice.title, alice.department) == ("Alice Berg", "DBA", "Platform")
    kinds = {r.kind for r in alice.reasons}
    assert {"accepted_answer", "tag"} <= kinds
    accepted = next(r for r in alice.reasons if r.kind == "accepted_answer")
    assert accepted.item_id == "a1" and "Autovacuum never finishes" in accepted.text
    assert "postgresql" in alice.ask_about


def test_a_whole_question_finds_people_and_exclude_drops_the_asker(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), python_post())
    question = "Our table bloat grows although vacuum runs every night on postgres. Why?"
    experts = profile.finder.rank(question, exclude={"carol"})
    assert ids(experts)[0] == "alice" and "carol" not in ids(experts)
    assert profile.finder.rank("   ") == []


def test_before_counts_only_what_was_written_earlier(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), python_post())
    # Before Alice and Bob answered, only the asker had written on the topic.
    early = profile.finder.rank("postgres vacuum", before=T0 + timedelta(hours=12))
    assert "alice" not in ids(early) and "bob" not in ids(early)


def test_content_absent_from_the_cache_contributes_nothing(profile: Profile) -> None:
    # Erin's answer went to a group this viewer is not in: the server never sent it,
    # so it is not in the cache. Only what the cache holds may lend anyone credit.
    profile.put(*PEOPLE, *postgres_thread())
    assert "erin" not in ids(profile.finder.rank("postgres vacuum"))
    # Erin's post the viewer could see ranks her ...
    profile.put(
        item(
            "secret",
            "erin",
            days=3,
            title="Vacuum tuning for postgres",
            body="vacuum postgres autovacuum",
            tags=["postgresql"],
        ),
        item("secret-2", "erin", days=4, title="Vacuum cost limits", tags=["postgresql"]),
    )
    assert "erin" in ids(profile.finder.rank("postgres vacuum"))
    assert "postgresql" in dict(profile.finder.profile("erin"))
    # ... until the audience narrows and sync purges it: then it counts for nothing.
    profile.purge(("item", "secret"), ("item", "secret-2"))
    after = profile.finder.rank("postgres vacuum")
    assert "erin" not in ids(after)
    assert all(r.item_id != "secret" for e in after for r in e.reasons)
    assert profile.finder.profile("erin") == []  # no stale per-person activity either


class StaleIndex:
    """An index that still returns an item the cache has already dropped."""

    def __init__(self, real: object, ghost: tuple[str, float]) -> None:
        self.real = real
        self.ghost = ghost

    def matching_scores(
        self,
        text: str,
        *,
        before: datetime | None = None,
        limit: int = 500,
        kinds: Collection[str] | None = None,
    ) -> list[tuple[str, float]]:
        found = self.real.matching_scores(text, before=before, limit=limit, kinds=kinds)  # type: ignore[attr-defined]
        return [self.ghost, *found]


def test_a_stale_index_hit_is_ignored(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread())
    finder = ExpertFinder(profile.reader, StaleIndex(profile.index, ("gone", 99.0)))
    assert "erin" not in ids(finder.rank("postgres vacuum"))


def test_opt_out_and_hidden_topics_are_honoured(profile: Profile) -> None:
    asyncio = item(
        "p2",
        "dan",
        days=3,
        title="Cancelling python asyncio tasks",
        body="python asyncio task cancellation and timeouts",
        tags=["python", "asyncio"],
    )
    profile.put(*PEOPLE, *postgres_thread(), python_post(), asyncio)
    profile.put(person("alice", "Alice Berg", version=2, expert_opt_out=True))
    assert "alice" not in ids(profile.finder.rank("postgres vacuum"))
    profile.put(person("dan", "Dan Eriksen", version=2, expertise_hidden=["Packaging"]))
    assert "dan" not in ids(profile.finder.rank("python packaging wheels"))
    # Hiding one topic does not hide the person for others.
    assert "dan" in ids(profile.finder.rank("python asyncio cancellation"))
    assert "dan" not in ids(profile.finder.similar_experts("bob"))


def test_declared_skills_and_endorsements_find_people_without_posts(profile: Profile) -> None:
    profile.put(
        *PEOPLE,
        *postgres_thread(),
        person(
            "frank",
            "Frank Gupta",
            skills=["Kubernetes"],
            ask_me_about=["helm charts"],
            endorsements={"kubernetes": ["alice", "bob", "carol"]},
            expertise_confirmed=["cluster upgrades"],
        ),
    )
    (frank,) = profile.finder.rank("kubernetes")
    texts = [r.text for r in frank.reasons]
    assert "Lists Kubernetes as a skill" in texts
    assert "Endorsed for kubernetes by 3 colleagues" in texts
    assert frank.ask_about.startswith("cluster upgrades, helm charts")
    assert ids(profile.finder.rank("How do I write helm charts?")) == ["frank"]


def test_people_who_left_are_not_suggested(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread())
    profile.put(person("alice", "Alice Berg", version=2, active=False))
    assert "alice" not in ids(profile.finder.rank("postgres vacuum"))


def test_aggregates_follow_the_cache_as_it_changes(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), python_post())
    finder = profile.finder
    finder.warm()  # the aggregates in memory, as the warm-up leaves them
    # An answer arriving before its question, a retag, and a purge: the incremental
    # state must equal one built from scratch.
    profile.put(
        item("a9", "erin", days=5, kind="answer", parent_id="q9", body="use pgbouncer pools")
    )
    profile.put(
        item("q9", "carol", days=4, kind="question", title="Pool", tags=["postgresql", "pooling"])
    )
    profile.put(
        item("p1", "dan", days=2, version=2, title="Python wheels", tags=["python", "wheels"])
    )
    profile.purge(("item", "a2"))
    finder.rank("postgres")
    fresh = Aggregates()
    fresh.refresh(profile.reader)
    incremental = finder._agg
    assert incremental.seq == fresh.seq
    assert {t: dict(c) for t, c in incremental.tag_people.items()} == {
        t: dict(c) for t, c in fresh.tag_people.items()
    }
    assert incremental.by_person.keys() >= fresh.by_person.keys()
    assert {p: s for p, s in incremental.by_person.items() if s} == {
        p: s for p, s in fresh.by_person.items() if s
    }
    assert incremental.tag_people["pooling"]["erin"] == 1
    assert "packaging" not in incremental.tag_people and "a2" not in incremental.items


def test_similar_experts_share_topics(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), *postgres_thread("x", days=10), python_post())
    similar = profile.finder.similar_experts("alice")
    assert set(ids(similar)) == {"bob", "carol"}  # both work on postgres vacuum, Dan on python
    assert any("postgresql" in r.text for r in similar[0].reasons)
    assert profile.finder.similar_experts("nobody") == []


def test_a_profile_lists_tags_and_salient_words(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), *postgres_thread("x", days=10), python_post())
    topics = dict(profile.finder.profile("alice"))
    assert topics["postgresql"] == 1.0
    # phrases of her writing, never a single word
    assert any("transactions" in t.split() for t in topics if t not in ("postgresql", "vacuum"))
    assert all(" " in t for t in topics if t not in ("postgresql", "vacuum"))
    profile.put(person("alice", "Alice Berg", version=2, expertise_hidden=["postgresql"]))
    assert "postgresql" not in dict(profile.finder.profile("alice"))


def test_suggestions_for_an_unanswered_question_leave_out_the_asker(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), python_post())
    profile.put(
        item(
            "q2",
            "alice",
            days=20,
            kind="question",
            title="Is vacuum full safe on a busy postgres table?",
            body="It locks the table, so how do we shrink bloat?",
            tags=["postgresql"],
        )
    )
    suggested = profile.finder.suggest_for_question("q2")
    assert "alice" not in ids(suggested)
    assert ids(suggested)[0] == "bob"  # the other person who answered on vacuum
    assert profile.finder.suggest_for_question("missing") == []


def test_mined_words_come_back_across_texts_not_from_one_long_one(profile: Profile) -> None:
    """A word repeated in one long how-to is not a topic; one in several of their texts is."""
    others = [
        item(f"o{n}", "bob", days=n, title=f"Team note {n}", body="Lunch is at noon, as usual.")
        for n in range(20)
    ]
    howto = item(
        "howto",
        "alice",
        days=21,
        title="How the dunning job stores a retry",
        body="The retry is stored as a row; the stored row keeps the byte count. " * 20,
    )
    short = [
        item(
            f"d{n}",
            "alice",
            days=22 + n,
            title=f"Dunning emails, step {n}",
            body="Dunning 2.0, as Costa asked.",
        )
        for n in range(3)
    ]
    profile.put(*PEOPLE, *others, howto, *short)
    topics = dict(profile.finder.profile("alice"))
    assert "dunning emails" in topics
    assert not any({"stored", "byte"} & set(t.split()) for t in topics)
    assert not any({"costa", "2.0"} & set(t.split()) for t in topics)  # a colleague, a number


def test_a_tag_reason_lists_the_contributions_behind_it(profile: Profile) -> None:
    profile.put(*PEOPLE, *postgres_thread(), *postgres_thread("x", days=10), python_post())
    alice = profile.finder.rank("postgres vacuum bloat")[0]
    tag = next(r for r in alice.reasons if r.kind == "tag" and "postgresql" in r.text)
    assert "(2 contributions)" in tag.text
    title = "Autovacuum never finishes on a big postgres table"
    assert tag.items == (("xa1", title), ("a1", title))  # her answers, newest first
    assert all(r.items == () for r in alice.reasons if r.kind != "tag")
    # ranked as of a moment in the past, what came later is not listed
    earlier = profile.finder.rank("postgres vacuum bloat", before=T0 + timedelta(days=5))
    tag = next(r for r in earlier[0].reasons if r.kind == "tag" and "postgresql" in r.text)
    assert tag.items == (("a1", title),)


def test_asking_about_a_topic_does_not_make_an_expert(profile: Profile) -> None:
    # Carol asked about vacuum today and twice before; Alice and Bob answered.
    profile.put(*PEOPLE, *postgres_thread(), *postgres_thread("x", days=10))
    profile.put(
        item(
            "q9",
            "carol",
            days=12,
            kind="question",
            title="Vacuum again: postgres autovacuum stuck",
            body="Autovacuum on postgres is stuck again on the orders table.",
            tags=["postgresql", "vacuum"],
        )
    )
    experts = ids(profile.finder.rank("postgres autovacuum vacuum", before=T0 + timedelta(days=13)))
    assert experts[:2] == ["alice", "bob"]
    assert "carol" not in experts
