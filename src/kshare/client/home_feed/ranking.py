"""The Home feed's order: what is close to me, mixed with what is good outside my circle.

A pure function of the candidates, the viewer's circle, the mix and the time:
no I/O, no clock of its own, so the same inputs always give the same order.

``mix`` runs from 0 (only what is close: my groups, people, tags and questions
I follow, my teams, unanswered questions in my areas) to 1 (only well-received
items from outside that circle). Every item says why it is shown.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase

HALF_LIFE = timedelta(days=7)
POPULAR_AT = 50.0  # votes-and-answers worth full popularity
# How close each kind of tie makes an item (the strongest tie is the one shown).
CLOSENESS = {
    "person": 1.0,
    "area": 0.9,  # an unanswered question I could answer
    "group": 0.85,
    "tag": 0.8,
    "question": 0.8,
    "my_group": 0.6,
    "team": 0.55,
}


@dataclass(frozen=True)
class FeedCandidate:
    """What ranking needs to know about one top-level item the viewer may see."""

    id: str
    kind: str
    author_id: str
    title: str
    created_at: datetime
    tags: tuple[str, ...] = ()
    group_ids: frozenset[str] = frozenset()
    score: int = 0
    answer_count: int = 0
    accepted: bool = False


@dataclass(frozen=True)
class Circle:
    """The viewer's usual circle, as the cache shows it."""

    me: str
    people: frozenset[str] = frozenset()  # followed
    tags: frozenset[str] = frozenset()  # followed
    groups: frozenset[str] = frozenset()  # followed
    questions: frozenset[str] = frozenset()  # followed
    my_groups: frozenset[str] = frozenset()  # member of
    teammates: frozenset[str] = frozenset()  # people in my teams
    areas: tuple[str, ...] = ()  # my expertise topics, strongest first
    names: Mapping[str, str] = field(default_factory=dict)  # person and group ids -> names


@dataclass(frozen=True)
class Ranked:
    id: str
    reason: str
    score: float
    close: bool
    phrase: Phrase | None = None  # ``reason`` for translation


def popularity(c: FeedCandidate) -> float:
    """0..1: how well received an item is (votes, answers, an accepted answer)."""
    points = max(c.score, 0) + 2 * c.answer_count + (3 if c.accepted else 0)
    return min(1.0, math.log1p(points) / math.log1p(POPULAR_AT))


def recency(c: FeedCandidate, now: datetime, half_life: timedelta = HALF_LIFE) -> float:
    age = max((now - c.created_at).total_seconds(), 0.0)
    return float(0.5 ** (age / half_life.total_seconds()))


def _area(c: FeedCandidate, areas: Iterable[str]) -> str:
    if c.kind != "question" or c.answer_count > 0 or c.accepted:
        return ""
    tags = {t.casefold() for t in c.tags}
    title = f" {c.title.casefold()} "
    for topic in areas:
        key = topic.casefold()
        if key in tags or key.replace(" ", "-") in tags or f" {key} " in title:
            return topic
    return ""


CONTEXT = "HomeReason"
FROM_FOLLOWED = QT_TRANSLATE_NOOP("HomeReason", "from {name}, whom you follow")
SOMEONE = QT_TRANSLATE_NOOP("HomeReason", "someone")
IN_YOUR_AREA = QT_TRANSLATE_NOOP("HomeReason", "unanswered, in your area: {area}")
FOLLOWED_GROUP = QT_TRANSLATE_NOOP("HomeReason", "from a group you follow")
FOLLOWED_TAG = QT_TRANSLATE_NOOP("HomeReason", "you follow #{tag}")
FOLLOWED_QUESTION = QT_TRANSLATE_NOOP("HomeReason", "a question you follow")
MY_GROUP = QT_TRANSLATE_NOOP("HomeReason", "from your group {group}")
TEAM_QUESTION = QT_TRANSLATE_NOOP("HomeReason", "a question from your team")
POPULAR_TAG = QT_TRANSLATE_NOOP("HomeReason", "popular in #{tag}")
POPULAR_GROUP = QT_TRANSLATE_NOOP("HomeReason", "popular in {group}")
POPULAR = QT_TRANSLATE_NOOP("HomeReason", "popular across the company")
NEW = QT_TRANSLATE_NOOP("HomeReason", "new")


def _say(template: str, /, **args: object) -> Phrase:
    return Phrase.of(CONTEXT, template, **args)


def closeness(c: FeedCandidate, circle: Circle) -> tuple[float, Phrase | None]:
    """How close an item is to the viewer, and the sentence that says why (None: not)."""
    names = circle.names
    ties: list[tuple[float, Phrase]] = []
    if c.author_id in circle.people:
        name: str | Phrase = names[c.author_id] if c.author_id in names else _say(SOMEONE)
        ties.append((CLOSENESS["person"], _say(FROM_FOLLOWED, name=name)))
    area = _area(c, circle.areas)
    if area:
        ties.append((CLOSENESS["area"], _say(IN_YOUR_AREA, area=area)))
    followed_groups = sorted(c.group_ids & circle.groups)
    if followed_groups:
        ties.append((CLOSENESS["group"], _say(FOLLOWED_GROUP)))
    followed_tags = sorted(t for t in c.tags if t in circle.tags)
    if followed_tags:
        ties.append((CLOSENESS["tag"], _say(FOLLOWED_TAG, tag=followed_tags[0])))
    if c.id in circle.questions:
        ties.append((CLOSENESS["question"], _say(FOLLOWED_QUESTION)))
    mine = sorted(c.group_ids & circle.my_groups, key=lambda g: names.get(g, g))
    if mine:
        ties.append((CLOSENESS["my_group"], _say(MY_GROUP, group=names.get(mine[0], mine[0]))))
    if c.kind == "question" and c.author_id in circle.teammates:
        ties.append((CLOSENESS["team"], _say(TEAM_QUESTION)))
    if not ties:
        return 0.0, None
    return max(ties, key=lambda t: t[0])


def _explore_reason(c: FeedCandidate, names: Mapping[str, str]) -> Phrase:
    if c.tags:
        return _say(POPULAR_TAG, tag=sorted(c.tags)[0])
    groups = sorted(names.get(g, "") for g in c.group_ids if names.get(g))
    if groups:
        return _say(POPULAR_GROUP, group=groups[0])
    return _say(POPULAR)


def rank(
    candidates: Iterable[FeedCandidate],
    circle: Circle,
    mix: float,
    now: datetime,
    *,
    explore_only: bool = False,
    half_life: timedelta = HALF_LIFE,
) -> list[Ranked]:
    """The Home (or, with ``explore_only``, the Explore) feed, best first.

    Ties break by time, then id, so the order is the same on every run.
    """
    mix = min(max(mix, 0.0), 1.0)
    out: list[tuple[float, datetime, str, Ranked]] = []
    for c in candidates:
        if c.author_id == circle.me:
            continue
        fresh = recency(c, now, half_life)
        near, close_why = closeness(c, circle)
        if explore_only and near > 0:
            continue
        if near > 0 and close_why is not None:
            value = (1.0 - mix) * near * fresh
            ranked = Ranked(c.id, close_why.text, value, True, close_why)
        else:
            popular = popularity(c)
            value = mix * popular * fresh
            why = _explore_reason(c, circle.names) if popular > 0 else _say(NEW)
            ranked = Ranked(c.id, why.text, value, False, why)
        out.append((value, c.created_at, c.id, ranked))
    out.sort(key=lambda t: (-t[0], -t[1].timestamp(), t[2]))
    return [t[3] for t in out]
