"""The expertise model on plain data: what a user would notice in a ranking."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, datetime, timedelta

import pytest

from kshare.domain import expertise as ex

NOW = datetime(2026, 6, 1, tzinfo=UTC)
W = ex.Weights()


def contribution(
    item: str, kind: str = "answer", *, days_ago: float = 10, relevance: float = 1.0, **kw: object
) -> ex.Contribution:
    return ex.Contribution(
        item_id=item,
        kind=kind,
        created_at=NOW - timedelta(days=days_ago),
        relevance=relevance,
        **kw,  # type: ignore[arg-type]
    )


def candidate(person: str, matches: list[ex.Contribution], **kw: object) -> ex.Candidate:
    activity = kw.pop("tag_activity", None) or ex.tag_activity(matches, NOW, W)
    return ex.Candidate(
        person_id=person,
        matches=tuple(matches),
        tag_activity=activity,  # type: ignore[arg-type]
        activity=kw.pop("activity", None)
        or sum(ex.contribution_weight(c, NOW, W) for c in matches),  # type: ignore[arg-type]
        declared=kw.pop("declared", ex.Declared()),  # type: ignore[arg-type]
    )


TOPIC = ex.Topic(terms=frozenset({"postgres", "vacuum"}), tags={"postgresql": 1.0})


def order(cands: list[ex.Candidate], topic: ex.Topic = TOPIC) -> list[str]:
    return [s.person_id for s in ex.rank(cands, topic, NOW, W)]


def test_an_accepted_answer_counts_more_than_a_plain_one() -> None:
    plain = candidate("plain", [contribution("a1")])
    accepted = candidate("accepted", [contribution("a2", accepted=True)])
    assert order([plain, accepted]) == ["accepted", "plain"]


def test_answers_and_posts_count_more_than_asking_or_commenting() -> None:
    asked = candidate("asker", [contribution("q1", "question")])
    commented = candidate("commenter", [contribution("c1", "comment")])
    wrote = candidate("writer", [contribution("p1", "post")])
    assert order([asked, commented, wrote])[0] == "writer"


def test_expertise_fades_with_age() -> None:
    assert ex.recency(NOW - timedelta(days=365), NOW, 365) == pytest.approx(0.5)
    assert ex.recency(NOW + timedelta(days=1), NOW, 365) == 1.0
    old = candidate("old", [contribution("a1", days_ago=4 * 365)])
    recent = candidate("recent", [contribution("a2", days_ago=30)])
    assert order([old, recent]) == ["recent", "old"]


def test_votes_known_at_the_time_lend_weight_and_down_votes_take_some_away() -> None:
    base = ex.contribution_weight(contribution("a"), NOW, W)
    assert ex.contribution_weight(contribution("a", votes=10), NOW, W) > base
    assert ex.contribution_weight(contribution("a", votes=-3), NOW, W) < base


def test_a_very_active_generalist_does_not_drown_a_specialist() -> None:
    # The generalist wrote 300 things, a few loosely matching; the specialist wrote 6, all on topic.
    generalist = candidate(
        "generalist",
        [contribution(f"g{i}", relevance=0.05, tags=("postgresql",)) for i in range(3)],
        tag_activity={"postgresql": 1.0, "python": 120.0, "css": 80.0},
        activity=300.0,
    )
    specialist = candidate(
        "specialist",
        [contribution(f"s{i}", relevance=0.9, tags=("postgresql",)) for i in range(6)],
        activity=6.0,
    )
    ranked = ex.rank([generalist, specialist], TOPIC, NOW, W)
    assert [s.person_id for s in ranked] == ["specialist", "generalist"]
    # The prior still breaks ties between people with equal evidence.
    twin_busy = candidate("busy", [contribution("b", tags=("postgresql",))], activity=200.0)
    twin_quiet = candidate("quiet", [contribution("q", tags=("postgresql",))], activity=1.0)
    assert order([twin_quiet, twin_busy]) == ["busy", "quiet"]


def test_a_thread_counts_once_per_person() -> None:
    answer_and_comments = [
        contribution("a", thread="t1"),
        contribution("c1", "comment", thread="t1"),
        contribution("c2", "comment", thread="t1"),
    ]
    total, top = ex.text_evidence(answer_and_comments, NOW, W)
    assert [c.item_id for c, _ in top] == ["a"]
    assert total == pytest.approx(ex.contribution_weight(answer_and_comments[0], NOW, W))


def test_equal_evidence_gives_the_same_reasons_in_any_order() -> None:
    # Two comments of equal weight in one thread and two threads of equal weight:
    # the reasons must not depend on the order the matches were gathered in.
    tied = [
        contribution("c9", "comment", thread="t1"),
        contribution("c2", "comment", thread="t1"),
        contribution("c5", "comment", thread="t2"),
        contribution("c4", "comment", thread="t3"),
    ]
    few = dataclasses.replace(W, per_person=2)
    seen = {
        tuple(c.item_id for c, _ in ex.text_evidence(order, NOW, few)[1])
        for order in itertools.permutations(tied)
    }
    assert seen == {("c2", "c4")}


def test_people_who_opted_out_are_never_listed() -> None:
    out = candidate("out", [contribution("a", accepted=True)], declared=ex.Declared(opt_out=True))
    other = candidate("other", [contribution("b")])
    assert order([out, other]) == ["other"]


def test_a_hidden_topic_is_never_listed_but_other_topics_are() -> None:
    hides = ex.Declared(hidden=("PostgreSQL",))
    person = candidate("p", [contribution("a", tags=("postgresql",))], declared=hides)
    assert order([person]) == []
    other_topic = ex.Topic(terms=frozenset({"python"}), tags={"python": 1.0})
    person_py = candidate("p", [contribution("b", tags=("python",))], declared=hides)
    assert order([person_py], other_topic) == ["p"]
    # A multi-word hidden topic matches when all its words are asked about.
    two_words = ex.Declared(hidden=("machine learning",))
    topic = ex.Topic(terms=frozenset(ex.words("Machine learning for invoices")), tags={})
    assert ex.hides(two_words, topic)
    assert not ex.hides(two_words, ex.Topic(terms=frozenset({"machine"}), tags={}))


def test_hidden_topics_stay_out_of_tag_activity_and_profiles() -> None:
    items = [contribution("a", tags=("payroll", "python")), contribution("b", tags=("python",))]
    activity = ex.tag_activity(items, NOW, W, hidden=("payroll",))
    assert "payroll" not in activity and activity["python"] > 0
    declared = ex.Declared(hidden=("payroll",), ask_me_about=("payroll", "typing"))
    assert "payroll" not in ex.ask_about_line({"payroll": 5.0, "python": 1.0}, declared)
    topics = ex.profile_topics({"payroll": 5.0, "python": 1.0}, [("wheel", 2.0)], declared, 5)
    assert [t for t, _ in topics] == ["python", "wheel"]


def test_declared_skills_and_endorsements_count_and_say_why() -> None:
    declared = ex.Declared(skills=("Postgres",), endorsements={"postgres": 4})
    listed = candidate("listed", [], declared=declared)
    nobody = candidate("nobody", [])
    ranked = ex.rank([listed, nobody], TOPIC, NOW, W)
    assert [s.person_id for s in ranked] == ["listed"]
    kinds = {(k, n) for k, _, n in ranked[0].declared_hits}
    assert ("skill", 0) in kinds and ("endorsement", 4) in kinds


def test_confirmed_topics_weigh_more_than_listed_skills() -> None:
    confirmed = candidate("c", [], declared=ex.Declared(confirmed=("vacuum",)))
    skilled = candidate("s", [], declared=ex.Declared(skills=("vacuum",)))
    assert order([skilled, confirmed]) == ["c", "s"]


def test_scores_carry_the_parts_shown_as_reasons() -> None:
    person = candidate(
        "p",
        [contribution("a", accepted=True, tags=("postgresql",), title="Vacuum stalls")],
        declared=ex.Declared(skills=("postgres",)),
    )
    (scored,) = ex.rank([person], TOPIC, NOW, W)
    assert scored.top_matches[0][0].title == "Vacuum stalls"
    assert scored.top_tags[0][0] == "postgresql"
    assert scored.declared_hits[0][:2] == ("skill", "postgres")
    assert scored.text == pytest.approx(1.0) and 0 < scored.tags < 1


def test_topic_tags_mix_named_tags_and_tags_of_matching_items() -> None:
    tags = ex.topic_tags(["sql"], [(("sql", "indexing"), 1.0), (("tcp",), 0.5)], W)
    assert sum(tags.values()) == pytest.approx(1.0)
    assert tags["sql"] > tags["indexing"] > tags["tcp"] > 0
    assert ex.topic_tags([], [], W) == {}


def test_words_keep_tag_like_tokens_and_drop_stopwords() -> None:
    assert ex.words("How do I use C# with python-3.x and the .NET SDK?") == [
        "c#",
        "python-3.x",
        "net",
        "sdk",
    ]


def test_salient_terms_prefer_words_rare_in_the_cache() -> None:
    terms = ex.salient_terms(
        {"vacuum": 5, "query": 5, "error": 9, "x": 30},
        {"vacuum": 3, "query": 40, "error": 90},
        100,
        2,
    )
    assert [t for t, _ in terms] == ["vacuum", "query"]


def test_cosine_of_topic_profiles() -> None:
    assert ex.cosine({"a": 1.0}, {"a": 2.0}) == pytest.approx(1.0)
    assert ex.cosine({"a": 1.0}, {"b": 1.0}) == 0.0
    assert ex.cosine({}, {"a": 1.0}) == 0.0


def test_the_still_active_prior_counts_accepted_answers_and_not_votes() -> None:
    plain = ex.recent_activity([contribution("a1", days_ago=1)], NOW, W)
    accepted = ex.recent_activity([contribution("a2", days_ago=1, accepted=True)], NOW, W)
    voted = ex.recent_activity([contribution("a3", days_ago=1, votes=50)], NOW, W)
    assert accepted == pytest.approx(tuple(W.accepted * v for v in plain))
    assert voted == pytest.approx(plain)
    assert ex.recent_activity([contribution("q1", "question", accepted=True)], NOW, W) == (
        0.0,
    ) * len(W.recent_half_lives)


def test_of_two_equally_on_topic_people_the_one_whose_answers_are_accepted_comes_first() -> None:
    # Same profile match and the same recent answers; only one person's were accepted lately.
    def person(name: str, accepted: bool) -> ex.Candidate:
        recent = [contribution(f"{name}{n}", days_ago=n + 1, accepted=accepted) for n in range(3)]
        old = contribution(f"{name}-old", days_ago=300, tags=("postgresql",))
        return ex.Candidate(
            person_id=name,
            matches=(old,),
            tag_activity={"postgresql": 1.0},
            activity=10.0,  # the tie-break would favour neither
            recent=ex.recent_activity([*recent, old], NOW, W),
            profile=3.0,
        )

    assert order([person("a-plain", False), person("b-accepted", True)]) == [
        "b-accepted",
        "a-plain",
    ]


def test_activity_in_one_pass_equals_its_three_parts_to_the_bit() -> None:
    import random

    chance = random.Random(7)
    kinds = ("answer", "question", "comment", "post", "article", "document", "other")
    tags = ("python", "postgres", "k8s", "ceramics")
    contributions = [
        contribution(
            f"i{n}",
            chance.choice(kinds),
            days_ago=chance.choice((-1.0, 0.0, chance.uniform(0, 900))),
            accepted=chance.random() < 0.3,
            votes=chance.randint(-3, 40),
            tags=tuple(chance.sample(tags, chance.randint(0, 3))),
        )
        for n in range(400)
    ]
    for hidden in ((), ("ceramics",)):
        expected = (
            ex.tag_activity(contributions, NOW, W, hidden),
            sum(ex.contribution_weight(c, NOW, W) for c in contributions),
            ex.recent_activity(contributions, NOW, W),
        )
        plain = [(c.kind, c.created_at, c.accepted, c.votes, c.tags) for c in contributions]
        found = ex.activity(plain, NOW, W, hidden)
        assert found == expected
        assert list(found[0]) == list(expected[0])  # the same order of tags, too
    assert ex.activity([], NOW, W) == ({}, 0.0, (0.0, 0.0, 0.0, 0.0))
