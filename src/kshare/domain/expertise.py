"""Expertise scoring: who knows about a topic, and why. Pure functions over plain data.

Kinds of evidence about each person, fused as a weighted product (a sum of
logs, exponents in brackets):

- profile match [1]: BM25 of the topic against the person's profile, all they
  answered or wrote as one document (Balog's candidate model), with BM25's
  length normalisation so that writing a lot does not match everything, and
  an idf over people (a word most people use tells no one apart);
- own matching items [1/4]: how well their best items found by the search
  index match, item by item (a few strong answers against one long profile);
- tag lift [1/4]: how much more of their decayed activity falls in the
  topic's tags than the pool's does (Dirichlet-smoothed, so a specialist of
  a rare tag stands out and a busy generalist does not);
- what they declare and colleagues endorse [1/2]: cheap to claim, so less
  than what they wrote (nothing to measure it on in the public samples);
- a still-active prior [1]: the probability that the next answer taken up
  is theirs, if people answer at the rate they did lately. At each of four
  time scales (half-lives of 1, 3, 14 and 90 days) the pool's decayed
  activity, with a pseudo-count of 0.1 for everyone, is a distribution over
  the people; the scales are mixed with equal weight (a decay with a long
  tail, rather than one half-life per site). An accepted answer counts
  ``Weights.accepted`` times, as it does in every other part (no new
  knob); votes do not count. A probability needs no scaling: exponent 1.

Thread evidence (Model 2: the threads that match, lent to who answered in
them) is still gathered, and shown as reasons, but weighs 0: with the profile
match it added nothing measurable. Asking is interest, not knowledge: a
question counts for none of these (it counts, as interest, only for "people
with similar topics"). Parts normalised to the best candidate are floored
(``Weights.floor``), so that a missing part costs a bounded amount instead of
vetoing a person; the product means a person must be both on topic and
still around to come first.

One setting for every site, chosen on the Stack Exchange samples replayed by
``bench/expertise_eval.py`` (each question ranked from what existed before
it; P@1 in brackets):

  site               first           fused           now             activity  tags
  quantumcomputing   0.430 (0.272)   0.435 (0.272)   0.440 (0.276)   0.354     0.382
  ai                 0.469 (0.290)   0.507 (0.351)   0.510 (0.351)   0.470     0.425
  coffee             0.235 (0.094)   0.281 (0.156)   0.281 (0.156)   0.222     0.185

("fused": the BM25 profile match with the mixture prior; "now": the prior
also counting acceptance. Coffee's sample has no votes, so no acceptance is
ever known there and it cannot move.) The goals set for these samples (MRR
0.45 / 0.52 / 0.27, P@1 0.30 on the first two) are reached for coffee's MRR
and ai's P@1 only. The last step is within noise (one case's reciprocal
rank varies by about 0.4, so the standard error of a site's MRR is about
0.025 on quantumcomputing, 0.035 on ai, 0.05 on coffee); it is kept because
it adds no parameter and no cost and is worse nowhere, and it gains in
both halves of each replay in time that has votes (quantumcomputing 0.427
-> 0.433 and 0.443 -> 0.446, ai 0.551 -> 0.555 and 0.463 -> 0.466).

What was measured to choose it, and every idea tried and rejected since, with
its figures on the same replays, is in ``docs/expertise-ranking.md``; the
benches ``bench/expertise_features.py``, ``bench/expertise_fusion.py`` and
``bench/expertise_recall.py`` replay them.

Where this leaves the goals: 0.440 (P@1 0.276) against 0.45 (0.30) on
quantumcomputing, 0.510 (0.351) against 0.52 on ai, 0.281 against 0.27 on
coffee; the MRR gaps left are under half a standard error (P@1's on
quantumcomputing, 0.024, about one), and no change measured closes them on
one site without losing on another; neither does a fusion learned on each
site's past, nor evidence of the last hours, nor gathering more people.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import combinations

DEFAULT_KIND_WEIGHTS: Mapping[str, float] = {
    "answer": 1.0,
    "post": 1.0,
    "article": 1.2,  # long-form, curated writing says more than a quick post
    "document": 1.0,
    "question": 0.0,  # asking shows interest, not knowledge: it never makes an expert
    "comment": 0.15,
}


# A tag implied by a topic's matching items counts as "asked about" above these shares.
# Hiding errs on the person's side: a smaller share is enough to leave them out.
HIDDEN_SHARE = 0.15
DECLARED_SHARE = 0.25


@dataclass(frozen=True)
class Weights:
    """Knobs of the model; the defaults are the measured choice."""

    kinds: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_KIND_WEIGHTS))
    accepted: float = 2.0  # multiplier of an accepted answer
    votes: float = 0.2  # per natural-log unit of up-votes known at the time
    half_life_days: float = 180.0  # expertise fades: half the weight after this long
    relevance_power: float = 2.0  # sharpens index scores, so weak OR-matches add little
    per_person: int = 8  # only a person's strongest matching threads count (anti-spam)
    declared: float = 0.5  # exponent of what people declare and colleagues endorse
    tag_saturation: float = 2.0  # activity at which a tag is half "known"
    explicit_tag_share: float = 0.5  # tags named in the text vs tags of matching items
    topic_tags: int = 10  # a topic's strongest tags; the tail is noise and costs time per person
    # --- fusion (see the module docstring): exponents of a weighted product
    thread: float = 0.0  # thread evidence: shown as reasons, subsumed by the two text parts
    own_text: float = 0.25  # the person's own matching items (candidate text, per item)
    profile: float = 1.0  # BM25 of the topic against everything the person answered or wrote
    lift: float = 0.25  # tag lift
    recent: float = 1.0  # the still-active prior (a probability: its exponent is the unit)
    recent_half_lives: tuple[float, ...] = (1.0, 3.0, 14.0, 90.0)  # days, each scale counts alike
    recent_pseudo: float = 0.1  # contributions everyone is credited with at every scale
    tag_smoothing: float = 20.0  # background activity mixed into a person's tag shares
    floor: float = 0.02  # a missing part lowers the score by a bounded amount, never to zero
    bm25_k1: float = 1.2  # term-frequency saturation of the profile match
    bm25_b: float = 0.75  # length normalisation of the profile match


@dataclass(frozen=True)
class Contribution:
    """Something a person wrote, and how well it (or its thread) matches the topic."""

    item_id: str
    kind: str
    created_at: datetime
    relevance: float = 0.0  # 0..1, for the topic at hand; 0 for plain activity
    accepted: bool = False
    votes: int = 0
    tags: tuple[str, ...] = ()
    title: str = ""
    thread: str = ""  # the question or post it belongs to; one thread counts once per person
    own_relevance: float = 0.0  # 0..1, how well this item's own text matches the topic


@dataclass(frozen=True)
class Declared:
    """What a person says about themselves and what colleagues endorse."""

    skills: tuple[str, ...] = ()
    ask_me_about: tuple[str, ...] = ()
    endorsements: Mapping[str, int] = field(default_factory=dict)  # skill -> endorsers
    confirmed: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    opt_out: bool = False


@dataclass(frozen=True)
class Topic:
    """A topic or question as the scorer sees it: its words and the tags it implies."""

    terms: frozenset[str]
    tags: Mapping[str, float]  # weights summing to 1 (or empty)


@dataclass(frozen=True)
class Candidate:
    """All evidence about one person for one topic."""

    person_id: str
    matches: tuple[Contribution, ...]  # contributions to matching items, relevance > 0
    tag_activity: Mapping[str, float]  # decayed, weighted activity per tag
    activity: float  # decayed, weighted count of everything they contributed
    declared: Declared = field(default_factory=Declared)
    recent: tuple[float, ...] = ()  # activity decayed at each of ``Weights.recent_half_lives``
    profile: float = 0.0  # BM25 of the topic against the person's profile (``bm25``)


@dataclass(frozen=True)
class Scored:
    """A ranked person with the parts of the score, for the reasons shown to users."""

    person_id: str
    score: float
    text: float
    tags: float
    declared: float
    prior: float
    top_matches: tuple[tuple[Contribution, float], ...]
    top_tags: tuple[tuple[str, float], ...]
    declared_hits: tuple[tuple[str, str, int], ...]  # (kind, topic, endorsers)


# --- words ---------------------------------------------------------------------------

_WORD = re.compile(r"[\w][\w+#.\-]*[\w+#]|\w", re.UNICODE)
_STOPWORD_TEXT = """
    a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who whom
    why will with would you your yours get got use using used way also any anyone know need want
    one thing like work works working cannot
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, keeping tag-like tokens (``c#``, ``python-3.x``) whole."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in STOPWORDS]


_CLAUSE = re.compile(r"[.!?;:,()\[\]{}\"'\n]+")


def phrases(text: str, longest: int = 3) -> set[str]:
    """Runs of two to ``longest`` content words standing together in a clause.

    Stopwords and punctuation end a run, so "rolling restart of the cluster"
    gives "rolling restart" but never "restart cluster".
    """
    found: set[str] = set()
    for clause in _CLAUSE.split(text.lower()):
        run: list[str] = []
        for match in _WORD.finditer(clause):
            token = match.group(0)
            if token in STOPWORDS or not token.isalpha() or len(token) < 2:
                run = []
                continue
            run.append(token)
            for size in range(2, longest + 1):
                if len(run) >= size:
                    found.add(" ".join(run[-size:]))
    return found


def normalise_topic(topic: str) -> str:
    return " ".join(words(topic)) or topic.strip().lower()


def mentions(
    topic: str, terms: frozenset[str], tags: Mapping[str, float], min_share: float = 0.0
) -> bool:
    """Whether a declared topic (``"machine learning"``) is part of what is asked.

    It is when its words are all in the text, or when it is a tag carrying at
    least ``min_share`` of the topic's tags.
    """
    name = normalise_topic(topic)
    if not name:
        return False
    for tag in (name, name.replace(" ", "-")):
        if tags.get(tag, 0.0) > min_share:
            return True
    if name in terms:
        return True
    parts = name.split()
    return len(parts) > 1 and all(p in terms for p in parts)


# --- hidden topics -----------------------------------------------------------------
#
# What a person hides is theirs to know, yet every colleague's desktop must leave them
# out for it. Colleagues therefore receive each hidden topic sealed: a salted SHA-256
# of its words, which answers "is this person hidden for the topic asked?" (what the
# rankings show anyway) and never names the topic. The salt is the server's own.

SEALED = "sealed:"
_SEALED_TRIPLES_UP_TO = 16  # query words beyond which word triples are not tried


def _seal_key(topic: str) -> str:
    # Order-free and hyphen-free, as mentions() matches words in any order.
    return " ".join(sorted(set(normalise_topic(topic).replace("-", " ").split())))


def _digest(salt: str, key: str) -> str:
    return hashlib.sha256(f"{salt}\n{key}".encode()).hexdigest()


def seal_topic(salt: str, topic: str) -> str:
    """A hidden topic as the person's colleagues receive it."""
    return f"{SEALED}{salt}:{_digest(salt, _seal_key(topic))}"


def _spellings(topic: str) -> set[str]:
    loose = " ".join(topic.split()).casefold()[:100]
    keys = (loose, normalise_topic(topic))
    return {v for k in keys for v in (k, k.replace(" ", "-"), k.replace("-", " ")) if v}


@lru_cache(maxsize=256)
def _asked_digests(salt: str, terms: frozenset[str], tags: frozenset[str]) -> frozenset[str]:
    """Digests of every topic a question mentions: its tags, words, pairs and triples."""
    keys = {_seal_key(t) for t in tags} | {_seal_key(t) for t in terms}
    ordered = sorted(terms)
    keys |= {_seal_key(" ".join(pair)) for pair in combinations(ordered, 2)}
    if len(ordered) <= _SEALED_TRIPLES_UP_TO:
        keys |= {_seal_key(" ".join(three)) for three in combinations(ordered, 3)}
    return frozenset(_digest(salt, k) for k in keys if k)


class HiddenTopics:
    """A person's hidden topics, plain (their own) or sealed (a colleague's), for ``in``."""

    def __init__(self, hidden: Iterable[str]) -> None:
        self.names: list[str] = []
        self._plain: set[str] = set()
        self._sealed: dict[str, set[str]] = {}
        for entry in hidden:
            if entry.startswith(SEALED):
                salt, _, digest = entry[len(SEALED) :].rpartition(":")
                self._sealed.setdefault(salt, set()).add(digest)
            else:
                self.names.append(entry)
                self._plain |= _spellings(entry)

    def __bool__(self) -> bool:
        return bool(self._plain or self._sealed)

    def __contains__(self, topic: object) -> bool:
        if not isinstance(topic, str) or not self:  # nothing hidden: no spelling to work out
            return False
        if self._plain & _spellings(topic):
            return True
        key = _seal_key(topic) if self._sealed else ""
        return bool(key) and any(_digest(s, key) in d for s, d in self._sealed.items())

    def mentioned_in(self, topic: Topic, min_share: float) -> bool:
        """Whether the question asks about any of these topics (see :func:`mentions`)."""
        if any(mentions(h, topic.terms, topic.tags, min_share) for h in self.names):
            return True
        tags = frozenset(t for t, share in topic.tags.items() if share > min_share)
        return any(
            digests & _asked_digests(salt, topic.terms, tags)
            for salt, digests in self._sealed.items()
        )


# --- evidence ------------------------------------------------------------------------


def recency(created_at: datetime, now: datetime, half_life_days: float) -> float:
    """Weight of something written at ``created_at`` seen at ``now``: halves every half-life."""
    age_days = (now - created_at).total_seconds() / 86400.0
    if age_days <= 0 or half_life_days <= 0:
        return 1.0
    return float(0.5 ** (age_days / half_life_days))


def contribution_weight(c: Contribution, now: datetime, w: Weights) -> float:
    """How much a contribution says about its author, regardless of topic."""
    weight = w.kinds.get(c.kind, 0.5)
    if c.accepted:
        weight *= w.accepted
    if c.votes > 0:
        weight *= 1.0 + w.votes * math.log1p(c.votes)
    elif c.votes < 0:
        weight *= 0.5  # the community disagreed; keep some credit for the effort
    return weight * recency(c.created_at, now, w.half_life_days)


def sharpen(scores: Iterable[float], power: float) -> list[float]:
    """Index scores mapped to 0..1 relative to the best, raised to ``power``."""
    values = list(scores)
    top = max(values, default=0.0)
    if top <= 0:
        return [0.0 for _ in values]
    return [(max(v, 0.0) / top) ** power for v in values]


def topic_tags(
    named: Iterable[str], matched: Iterable[tuple[tuple[str, ...], float]], w: Weights
) -> dict[str, float]:
    """Tags a topic implies: those named in it, and those of its matching items, by relevance."""
    named_set = set(named)
    feedback: dict[str, float] = {}
    for tags, relevance in matched:
        for tag in tags:
            feedback[tag] = feedback.get(tag, 0.0) + relevance
    total = sum(feedback.values())
    share = w.explicit_tag_share if named_set else 0.0
    result: dict[str, float] = {}
    for tag in named_set:
        result[tag] = share / len(named_set)
    if total > 0:
        for tag, value in feedback.items():
            result[tag] = result.get(tag, 0.0) + (1.0 - share) * value / total
    elif named_set:
        result = {tag: 1.0 / len(named_set) for tag in named_set}
    kept = sorted(result.items(), key=lambda p: (-p[1], p[0]))[: max(w.topic_tags, 1)]
    total_kept = sum(v for _, v in kept)
    return {tag: v / total_kept for tag, v in kept} if total_kept > 0 else {}


def tag_activity(
    contributions: Iterable[Contribution], now: datetime, w: Weights, hidden: Iterable[str] = ()
) -> dict[str, float]:
    """Decayed, weighted activity per tag; topics a person hides are left out."""
    skip = HiddenTopics(hidden)
    result: dict[str, float] = {}
    for c in contributions:
        if not c.tags:
            continue
        weight = contribution_weight(c, now, w)
        for tag in c.tags:
            result[tag] = result.get(tag, 0.0) + weight
    if skip:  # each tag tried once, not once per contribution
        for tag in [t for t in result if t in skip]:
            del result[tag]
    return result


def tag_affinity(
    activity: Mapping[str, float], tags: Mapping[str, float], saturation: float
) -> tuple[float, list[tuple[str, float]]]:
    """How much of the topic's tags a person is active in, with diminishing returns (0..1)."""
    parts = []
    for tag, share in tags.items():
        value = activity.get(tag, 0.0)
        if value > 0:
            parts.append((tag, share * value / (value + saturation)))
    parts.sort(key=lambda p: -p[1])
    return sum(p for _, p in parts), parts


def declared_affinity(declared: Declared, topic: Topic) -> tuple[float, list[tuple[str, str, int]]]:
    """Declared skills, confirmed topics and endorsements that the topic mentions (0..1)."""
    hits: list[tuple[str, str, int]] = []
    raw = 0.0
    seen: set[str] = set()
    for kind, topics, weight in (
        ("confirmed", declared.confirmed, 1.5),
        ("skill", declared.skills, 1.0),
        ("ask_me_about", declared.ask_me_about, 0.8),
    ):
        for name in topics:
            key = normalise_topic(name)
            if key in seen or not mentions(name, topic.terms, topic.tags, DECLARED_SHARE):
                continue
            seen.add(key)
            raw += weight
            hits.append((kind, name, 0))
    for name, count in declared.endorsements.items():
        if count > 0 and mentions(name, topic.terms, topic.tags, DECLARED_SHARE):
            raw += 0.5 * math.log1p(count)
            hits.append(("endorsement", name, count))
    return raw / (raw + 1.0), hits


def hides(declared: Declared, topic: Topic) -> bool:
    """Whether the person asked never to be listed for this topic (or at all)."""
    if declared.opt_out:
        return True
    # most people hide nothing: no need to read their (empty) list per question
    return bool(declared.hidden) and HiddenTopics(declared.hidden).mentioned_in(topic, HIDDEN_SHARE)


def text_evidence(
    matches: Iterable[Contribution], now: datetime, w: Weights
) -> tuple[float, list[tuple[Contribution, float]]]:
    """Model 2 evidence: relevance times contribution weight, one best per thread, strongest few."""
    best: dict[str, tuple[Contribution, float]] = {}
    for c in matches:
        value = c.relevance * contribution_weight(c, now, w)
        key = c.thread or c.item_id
        # Equal values fall to the smaller item id, so the reasons shown do not
        # depend on the order the matches were gathered in.
        if value > 0 and (
            key not in best
            or value > best[key][1]
            or (value == best[key][1] and c.item_id < best[key][0].item_id)
        ):
            best[key] = (c, value)
    ranked = sorted(best.values(), key=lambda p: (-p[1], p[0].item_id))[: max(w.per_person, 1)]
    return sum(v for _, v in ranked), ranked


def own_text_evidence(matches: Iterable[Contribution], now: datetime, w: Weights) -> float:
    """Model 1 over text: how well the person's own writing matches, strongest few items."""
    values = sorted(
        (c.own_relevance * contribution_weight(c, now, w) for c in matches if c.own_relevance > 0),
        reverse=True,
    )
    return sum(values[: max(w.per_person, 1)])


# what :func:`activity` reads of a contribution: kind, created_at, accepted, votes, tags
Activity = tuple[str, datetime, bool, int, tuple[str, ...]]


def activity(
    contributions: Iterable[Activity], now: datetime, w: Weights, hidden: Iterable[str] = ()
) -> tuple[dict[str, float], float, tuple[float, ...]]:
    """:func:`tag_activity`, the total of :func:`contribution_weight` and
    :func:`recent_activity` of the same contributions, in one pass.

    The same operations in the same order as those three, so the same values to the
    bit; each contribution's age is worked out once instead of once per half-life.
    """
    tags_out: dict[str, float] = {}
    total = 0.0
    scales = w.recent_half_lives
    recent = [0.0] * len(scales)
    kinds, half_life = w.kinds, w.half_life_days
    for kind_name, created_at, accepted, votes, tags in contributions:
        age_days = (now - created_at).total_seconds() / 86400.0
        kind = kinds.get(kind_name, 0.5)
        # contribution_weight
        weight = kind
        if accepted:
            weight *= w.accepted
        if votes > 0:
            weight *= 1.0 + w.votes * math.log1p(votes)
        elif votes < 0:
            weight *= 0.5
        weight *= _decay(age_days, half_life)
        total += weight
        if tags:
            for tag in tags:
                tags_out[tag] = tags_out.get(tag, 0.0) + weight
        # recent_activity
        if kind <= 0:
            continue
        if accepted:
            kind *= w.accepted
        for n, scale in enumerate(scales):
            recent[n] += kind * _decay(age_days, scale)
    skip = HiddenTopics(hidden)
    if skip:
        for tag in [t for t in tags_out if t in skip]:
            del tags_out[tag]
    return tags_out, total, tuple(recent)


def activity_since(
    kept: tuple[Mapping[str, float], float, tuple[float, ...]],
    anchor: datetime,
    now: datetime,
    w: Weights,
    hidden: Iterable[str] = (),
) -> tuple[dict[str, float], float, tuple[float, ...]]:
    """:func:`activity` at ``now`` of contributions whose :func:`activity` at ``anchor``
    (no earlier than any of them, no later than ``now``) is ``kept``.

    Every weight decays by the same factor from ``anchor`` to ``now`` (``0.5 ** (a / h)``
    times ``0.5 ** (b / h)`` is ``0.5 ** ((a + b) / h)``), so the sums need only that
    factor: equal to :func:`activity` but for rounding, whatever the number of
    contributions.
    """
    tags, total, recent = kept
    age_days = (now - anchor).total_seconds() / 86400.0
    factor = _decay(age_days, w.half_life_days)
    tags_out = {tag: value * factor for tag, value in tags.items()}
    skip = HiddenTopics(hidden)
    if skip:
        for tag in [t for t in tags_out if t in skip]:
            del tags_out[tag]
    scales = w.recent_half_lives
    return (
        tags_out,
        total * factor,
        tuple(value * _decay(age_days, scale) for value, scale in zip(recent, scales, strict=True)),
    )


def activity_settings(w: Weights) -> tuple[object, ...]:
    """The knobs :func:`activity` depends on: activity kept under other ones is not reused."""
    return (
        tuple(sorted(w.kinds.items())),
        w.accepted,
        w.votes,
        w.half_life_days,
        tuple(w.recent_half_lives),
    )


def _decay(age_days: float, half_life_days: float) -> float:
    """:func:`recency` of an age in days."""
    if age_days <= 0 or half_life_days <= 0:
        return 1.0
    return float(0.5 ** (age_days / half_life_days))


def recent_activity(
    contributions: Iterable[Contribution], now: datetime, w: Weights
) -> tuple[float, ...]:
    """A person's activity decayed at each half-life of ``w.recent_half_lives``.

    Only what shows knowledge counts (answers, posts, comments by their kind
    weights; asking counts nothing). An accepted answer counts ``w.accepted``
    times, as it does everywhere else: the prior is the chance that the next
    answer the asker accepts is theirs, not only that they answer. Votes do
    not count: they say how good an answer was, not who answers next.
    """
    totals = [0.0] * len(w.recent_half_lives)
    for c in contributions:
        kind = w.kinds.get(c.kind, 0.5)
        if kind <= 0:
            continue
        if c.accepted:
            kind *= w.accepted
        for n, half_life in enumerate(w.recent_half_lives):
            totals[n] += kind * recency(c.created_at, now, half_life)
    return tuple(totals)


def tag_lift(
    activity: Mapping[str, float],
    tags: Mapping[str, float],
    background: Mapping[str, float],
    smoothing: float,
) -> float:
    """How much more of a person's activity falls in the topic's tags than the pool's does.

    Each tag's share of the person's activity, smoothed towards the pool's share
    with ``smoothing`` units of background activity (Dirichlet smoothing), over
    the pool's share: 1 is "as anyone", a specialist of the tags scores far more.
    """
    total = sum(activity.values())
    lift = 0.0
    for tag, weight in tags.items():
        share = background.get(tag, 0.0)
        if share <= 0:
            lift += weight
            continue
        own = (activity.get(tag, 0.0) + smoothing * share) / (total + smoothing)
        lift += weight * own / share
    return lift


def _pool_shares(rows: Iterable[Mapping[str, float]], tags: Iterable[str]) -> dict[str, float]:
    """The share of each tag in the activity of everyone considered."""
    wanted = set(tags)
    sums = dict.fromkeys(wanted, 0.0)
    total = 0.0
    for activity in rows:
        total += sum(activity.values())
        for tag in wanted.intersection(activity):
            sums[tag] += activity[tag]
    return {t: (v + 0.5) / (total + 1.0) for t, v in sums.items()} if total > 0 else {}


def bm25(
    tf: Mapping[str, int],
    length: int,
    idf: Mapping[str, float],
    average_length: float,
    k1: float,
    b: float,
) -> float:
    """Okapi BM25 of a query (its terms' ``idf``) against one document.

    The document here is a person's profile: everything they answered or wrote,
    as one text (Balog's candidate model). Length normalisation (``b``) keeps a
    prolific writer from matching every topic by sheer volume.
    """
    if length <= 0 or average_length <= 0:
        return 0.0
    norm = k1 * (1.0 - b + b * length / average_length)
    # added one after another, in the order of ``tf``: the sum the expert finder's arrays
    # make (kshare.client.experts.profile_terms.KeptProfiles), to the bit
    total = 0.0
    for t, n in tf.items():
        if n > 0 and t in idf:
            total += idf[t] * n * (k1 + 1.0) / (n + norm)
    return total


def bm25_idf(df: int, n_docs: int) -> float:
    """BM25's idf, never negative (Lucene's form)."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def rank(candidates: Iterable[Candidate], topic: Topic, now: datetime, w: Weights) -> list[Scored]:
    """Score and order people for a topic; people who opted out or hide it are never listed.

    Only someone with evidence on the topic (thread, own text, tags or what they
    declared) is listed; how recently they were active orders them, it never
    lists them on its own.
    """
    rows = []
    for cand in candidates:
        if hides(cand.declared, topic):
            continue
        text, top = text_evidence(cand.matches, now, w)
        own = own_text_evidence(cand.matches, now, w)
        tags, tag_parts = tag_affinity(cand.tag_activity, topic.tags, w.tag_saturation)
        declared, hits = declared_affinity(cand.declared, topic)
        if text <= 0 and own <= 0 and tags <= 0 and declared <= 0:
            continue
        rows.append((cand, text, top, own, tags, tag_parts, declared, hits))
    top_text = max((r[1] for r in rows), default=0.0)
    top_own = max((r[3] for r in rows), default=0.0)
    top_profile = max((r[0].profile for r in rows), default=0.0)
    still_active = _still_active([r[0].recent for r in rows], w)
    background = _pool_shares((r[0].tag_activity for r in rows), topic.tags)
    floor = w.floor
    scored = []
    for (cand, text, top, own, tags, tag_parts, declared, hits), prior in zip(
        rows, still_active, strict=True
    ):
        text_n = text / top_text if top_text > 0 else 0.0
        own_n = own / top_own if top_own > 0 else 0.0
        profile_n = cand.profile / top_profile if top_profile > 0 else 0.0
        lift = tag_lift(cand.tag_activity, topic.tags, background, w.tag_smoothing)
        score = (
            w.thread * math.log(floor + text_n)
            + w.own_text * math.log(floor + own_n)
            + w.profile * math.log(floor + profile_n)
            + w.lift * math.log(max(lift, floor))
            + w.declared * math.log(floor + declared)
            + w.recent * math.log(prior)
        )
        scored.append(
            Scored(
                person_id=cand.person_id,
                score=score,
                text=text_n,
                tags=tags,
                declared=declared,
                prior=prior,
                top_matches=tuple(top[:3]),
                top_tags=tuple(tag_parts[:3]),
                declared_hits=tuple(hits),
            )
        )
    # equal scores: the busier person first, then a stable order
    activity = {r[0].person_id: r[0].activity for r in rows}
    scored.sort(key=lambda s: (-s.score, -activity[s.person_id], s.person_id))
    return scored


def _still_active(recent: list[tuple[float, ...]], w: Weights) -> list[float]:
    """How likely each person is to be the next to answer, from recent activity alone (0..1].

    At each time scale the pool's decayed activity, with ``w.recent_pseudo``
    contributions credited to everyone, is a probability distribution over the
    people (who answers next, if people answer at the rate they did lately);
    the scales are mixed with equal weight, which amounts to a decay with a long
    tail, and the mixture is scaled to its largest value. Scale-free: a busy
    site and a quiet one give the same values for the same shares of activity.
    """
    scales = len(w.recent_half_lives)
    known = [r for r in recent if len(r) == scales]
    if not known or len(known) != len(recent):
        return [1.0] * len(recent)  # nothing known about someone's activity: no one is favoured
    pseudo = max(w.recent_pseudo, 1e-9)
    totals = [sum(r[n] for r in known) + pseudo * len(known) for n in range(scales)]
    mixed = [sum((r[n] + pseudo) / totals[n] for n in range(scales)) / scales for r in known]
    top = max(mixed)
    return [m / top for m in mixed]


# --- profiles --------------------------------------------------------------------------


def ask_about_line(tag_activity_: Mapping[str, float], declared: Declared, limit: int = 3) -> str:
    """A short "ask about" line: confirmed and asked-about topics first, then busiest tags."""
    hidden = HiddenTopics(declared.hidden)
    chosen: list[str] = []
    for name in (*declared.confirmed, *declared.ask_me_about):
        if normalise_topic(name) not in hidden and name not in chosen:
            chosen.append(name)
    for tag, _ in sorted(tag_activity_.items(), key=lambda p: -p[1]):
        if len(chosen) >= limit:
            break  # the rest of a busy person's tags would not be shown
        if tag not in chosen and normalise_topic(tag) not in hidden:
            chosen.append(tag)
    return ", ".join(chosen[:limit])


def salient_terms(
    counts: Mapping[str, int],
    doc_freq: Mapping[str, int],
    n_docs: int,
    limit: int,
    min_count: int = 2,
) -> list[tuple[str, float]]:
    """A person's words that set them apart: tf-idf with a log-damped term frequency.

    ``counts`` says in how many of the person's texts each word appears; a word
    in fewer than ``min_count`` of them (at least two) is not taken for a topic.
    """
    scored = []
    for term, tf in counts.items():
        df = doc_freq.get(term, 0)
        if tf < max(min_count, 2) or df == 0 or len(term) < 3 or term.isdigit():
            continue
        scored.append((term, (1.0 + math.log(tf)) * math.log((1 + n_docs) / (1 + df))))
    scored.sort(key=lambda p: (-p[1], p[0]))
    return scored[:limit]


MIN_THREADS = 2  # a topic must come back in this many separate threads: one post never makes it


def profile_topics(
    tag_activity_: Mapping[str, float],
    terms: Iterable[tuple[str, float]],
    declared: Declared,
    limit: int,
    tag_threads: Mapping[str, int] | None = None,
) -> list[tuple[str, float]]:
    """Top topics of a person: tags and salient phrases on one 0..1 scale, hidden ones left out.

    With ``tag_threads`` (in how many separate threads the person used each tag), a
    tag of fewer than ``MIN_THREADS`` threads is not a topic of theirs.
    """
    hidden = HiddenTopics(declared.hidden)
    # Hidden topics leave before scaling, so they cannot shrink what is shown.
    shown = {
        t: v
        for t, v in tag_activity_.items()
        if normalise_topic(t) not in hidden
        and (tag_threads is None or tag_threads.get(t, 0) >= MIN_THREADS)
    }
    merged: dict[str, float] = {}
    top_tag = max(shown.values(), default=0.0)
    for tag, value in shown.items():
        if top_tag > 0:
            merged[tag] = value / top_tag
    term_list = [(t, v) for t, v in terms if normalise_topic(t) not in hidden]
    top_term = max((v for _, v in term_list), default=0.0)
    for term, value in term_list:
        if top_term > 0 and term not in merged:
            merged[term] = 0.6 * value / top_term  # mined phrases are noisier than tags
    for name in declared.confirmed:
        merged[name] = max(merged.get(name, 0.0), 1.0)
    result = [(t, v) for t, v in merged.items() if normalise_topic(t) not in hidden]
    result.sort(key=lambda p: (-p[1], p[0]))
    return result[:limit]


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(v * large.get(k, 0.0) for k, v in small.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm > 0 else 0.0
