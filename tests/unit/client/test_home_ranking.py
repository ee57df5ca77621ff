"""The Home feed's ranking: close vs explore by the mix, reasons, determinism."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from kshare.client.home_feed.ranking import Circle, FeedCandidate, rank

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def _c(item_id: str, hours: float = 1, **fields: object) -> FeedCandidate:
    fields.setdefault("kind", "post")
    fields.setdefault("author_id", "someone")
    fields.setdefault("title", item_id)
    return FeedCandidate(id=item_id, created_at=NOW - timedelta(hours=hours), **fields)  # type: ignore[arg-type]


CIRCLE = Circle(
    me="me",
    people=frozenset({"ana"}),
    tags=frozenset({"postgresql"}),
    groups=frozenset({"g-sre"}),
    my_groups=frozenset({"g-team"}),
    teammates=frozenset({"tom"}),
    areas=("kubernetes",),
    names={"ana": "Ana Alvarez", "g-team": "Platform", "g-ds": "Data Science"},
)

ITEMS = [
    _c("by-ana", author_id="ana"),
    _c("tagged", tags=("postgresql",)),
    _c("sre", group_ids=frozenset({"g-sre"})),
    _c("team-q", kind="question", author_id="tom", group_ids=frozenset({"g-team"})),
    _c("k8s-q", kind="question", tags=("kubernetes",)),
    _c("popular", score=40, answer_count=5, group_ids=frozenset({"g-ds"})),
    _c("popular-tag", score=12, tags=("rust",)),
    _c("mine", author_id="me", score=99),
]


def _ids(mix: float, **kw: object) -> list[str]:
    return [r.id for r in rank(ITEMS, CIRCLE, mix, NOW, **kw)]  # type: ignore[arg-type]


def test_each_item_says_why_it_is_shown() -> None:
    reasons = {r.id: r.reason for r in rank(ITEMS, CIRCLE, 0.5, NOW)}
    assert reasons == {
        "by-ana": "from Ana Alvarez, whom you follow",
        "tagged": "you follow #postgresql",
        "sre": "from a group you follow",
        "team-q": "from your group Platform",
        "k8s-q": "unanswered, in your area: kubernetes",
        "popular": "popular in Data Science",
        "popular-tag": "popular in #rust",
    }


def test_close_comes_first_at_zero_and_explore_at_one() -> None:
    close = _ids(0.0)
    assert close[:5] == ["by-ana", "k8s-q", "sre", "tagged", "team-q"]
    explore = _ids(1.0)
    assert explore[:2] == ["popular", "popular-tag"]
    assert "mine" not in close + explore  # my own items are not news to me


def test_moving_the_mix_moves_explore_items_up() -> None:
    positions = [_ids(mix).index("popular") for mix in (0.0, 0.3, 0.6, 1.0)]
    assert positions == sorted(positions, reverse=True)
    assert positions[0] > positions[-1]


def test_explore_view_holds_only_items_outside_the_circle() -> None:
    assert _ids(1.0, explore_only=True)[:2] == ["popular", "popular-tag"]
    assert not {"by-ana", "tagged", "sre", "team-q", "k8s-q"} & set(_ids(1.0, explore_only=True))


def test_an_answered_question_in_my_area_is_not_surfaced_as_unanswered() -> None:
    answered = _c("k8s-answered", kind="question", tags=("kubernetes",), answer_count=1)
    [ranked] = rank([answered], CIRCLE, 0.0, NOW)
    assert not ranked.close


def test_newer_beats_older_at_equal_closeness_and_the_order_is_deterministic() -> None:
    items = [_c(f"t{n}", hours=n, tags=("postgresql",)) for n in range(1, 30)]
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    assert [r.id for r in rank(shuffled, CIRCLE, 0.3, NOW)] == [f"t{n}" for n in range(1, 30)]
    assert rank(items, CIRCLE, 0.3, NOW) == rank(list(reversed(items)), CIRCLE, 0.3, NOW)
