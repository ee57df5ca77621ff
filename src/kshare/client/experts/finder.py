"""Who knows about this? Experts ranked from the local cache and its search index, with reasons.

The finder reads only the cache (what the server let this user see) and the
index built from it; an index hit for an item the cache no longer holds is
ignored, so nothing purged can lend anyone credit. Scoring itself lives in
``kshare.domain.expertise``; this module gathers the evidence for it.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from typing import Concatenate, NamedTuple, ParamSpec, Protocol, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from kshare.client.experts import item_facts, profile_terms
from kshare.client.experts.aggregates import Aggregates, ItemFacts
from kshare.client.experts.profiles import ProfileMiner
from kshare.client.experts.reasons import to_expert
from kshare.client.experts.stored import StoredAggregates
from kshare.client.store.db import clock_of
from kshare.client.views import Expert
from kshare.clock import Clock
from kshare.domain import expertise as ex

log = logging.getLogger(__name__)

MATCH_LIMIT = 100  # index hits read per query: 300 measured no better, and cost ~50 ms more
TAG_CANDIDATES = 40  # most active people per topic tag considered besides text matches
TOPIC_TAGS = 6  # topic tags used to find candidates
TAG_ITEMS = 5  # contributions listed behind an "Active in <tag>" reason
ASKING_INTEREST = 0.2  # a question's weight as interest, for people with similar topics
RECENT_ITEMS = 200  # latest contributions whose authors are considered as still active


class DocumentSource(Protocol):
    """What the finder needs from the search index (``kshare.client.index.SearchIndex``)."""

    def matching_scores(
        self,
        text: str,
        *,
        before: datetime | None = None,
        limit: int = 500,
        kinds: Collection[str] | None = None,
    ) -> list[tuple[str, float]]:
        """(id, score) of the items matching a topic or question, best first."""
        ...


class Hit(NamedTuple):
    """An item the index matched, and how well."""

    id: str
    score: float


P = ParamSpec("P")
R = TypeVar("R")


def _serialised(
    method: Callable[Concatenate[ExpertFinder, P], R],
) -> Callable[Concatenate[ExpertFinder, P], R]:
    @functools.wraps(method)
    def locked(finder: ExpertFinder, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with finder._lock:
            return method(finder, *args, **kwargs)

    return locked


class ExpertFinder:
    """Ranks people for a topic or question from the cache, honouring their own choices."""

    def __init__(
        self,
        cache_engine: Engine,
        index: DocumentSource,
        weights: ex.Weights | None = None,
        *,
        match_limit: int = MATCH_LIMIT,
        clock: Clock | None = None,
        lazy: bool = False,
    ) -> None:
        """``lazy``: read the cache as queries need it (a process that asks once or twice)
        until :meth:`warm` holds everything in memory; otherwise read it all at the first."""
        self._engine = cache_engine
        self._clock = clock or clock_of(cache_engine)  # "now" for recency
        self._index = index
        self.weights = weights or ex.Weights()
        self.match_limit = match_limit
        kinds = {**self.weights.kinds, "question": ASKING_INTEREST}
        self._interest_weights = dataclasses.replace(self.weights, kinds=kinds)
        self._agg: Aggregates = StoredAggregates(cache_engine) if lazy else Aggregates()
        # Per-person activity for one (before, day): kept across sync pages, except for
        # the people a page touched, so a query after a small page stays quick.
        self._activity: dict[str, tuple[dict[str, float], float, tuple[float, ...]]] = {}
        self._activity_key: tuple[datetime | None, int] | None = None
        self._newest: dict[str, list[ItemFacts]] = {}  # a person's items, newest first
        # a tag's most active people, kept until the aggregates change
        self._tag_top: dict[str, list[str]] = {}
        self._profiles = ProfileMiner(cache_engine)
        self._profile_scores = profile_terms.KeptProfiles()
        # The in-memory aggregates are shared; a worker pool may ask from several threads.
        self._lock = threading.RLock()

    # --- public API -------------------------------------------------------------------

    @_serialised
    def warm(self) -> None:
        """Hold the aggregates in memory and bring them up to date now (after a sync, in a
        worker), not at a query."""
        self._in_memory()
        self._refresh()
        # everyone's activity as of now (kept for the hour, but for the people a sync
        # page touches): the questions asked next find it worked out
        now = self._clock.now()
        for person_id in list(self._agg.by_person):
            self._person_activity(person_id, None, now)
        with self._engine.connect() as conn:  # and the profiles' words, if they fit
            self._profile_scores.warm(conn)

    @_serialised
    def rank(
        self,
        topic: str,
        *,
        limit: int = 10,
        before: datetime | None = None,
        exclude: Collection[str] = (),
    ) -> list[Expert]:
        """People who know about ``topic`` (a few words or a whole question), best first.

        With ``before``, only what was written before that moment counts, except in the
        profile match, which reads everything the cache holds (a replay of history
        holds only the past).
        """
        return self._rank(topic, limit=limit, before=before, exclude=set(exclude))

    @_serialised
    def suggest_for_question(
        self, item_id: str, *, limit: int = 5, exclude: Collection[str] = ()
    ) -> list[Expert]:
        """People to ask about a question: neither its asker nor anyone who already answered
        (nor anyone in ``exclude``, such as the person asking for suggestions)."""
        self._refresh()
        question = self._agg.items.get(item_id)
        if question is None:
            return []
        text = self._profiles.item_text(item_id)
        tags = " ".join(question.tags)
        already = {question.author_id, *exclude}
        already |= {
            self._agg.items[c].author_id
            for c in self._agg.children.get(item_id, ())
            if c in self._agg.items and self._agg.items[c].kind == "answer"
        }
        return self._rank(f"{text}\n{tags}", limit=limit, exclude=already, skip={item_id})

    @_serialised
    def similar_experts(self, person_id: str, *, limit: int = 5) -> list[Expert]:
        """People whose topics overlap most with this person's (by tag activity, where what
        they asked about counts as interest)."""
        self._refresh()
        # to the hour, so that asking twice gives the same answer
        now = self._clock.now().replace(minute=0, second=0, microsecond=0)
        target = self._interests(person_id, now)
        me = self._agg.people.get(person_id)
        if me is not None:
            target = self._visible_tags(target, me.declared)
        if not target:
            return []
        pool: set[str] = set()
        for tag in sorted(target, key=lambda t: -target[t])[:10]:
            pool |= {p for p, _ in self._agg.tag_people.get(tag, Counter()).most_common(50)}
        pool.discard(person_id)
        self._agg.prefetch_people(pool)
        results = []
        for other in pool:
            facts = self._agg.people.get(other)
            if facts is None or not facts.active or facts.declared.opt_out:
                continue
            theirs = self._visible_tags(self._interests(other, now), facts.declared)
            similarity = ex.cosine(target, theirs)
            if similarity > 0:
                results.append((similarity, other, theirs))
        results.sort(key=lambda r: (-r[0], r[1]))
        experts = []
        for similarity, other, theirs in results[:limit]:
            shared = sorted(set(target) & set(theirs), key=lambda t: -(target[t] * theirs[t]))
            experts.append(self._similar_expert(other, similarity, shared[:3], theirs))
        return experts

    @_serialised
    def profile(self, person_id: str, *, limit: int = 10) -> list[tuple[str, float]]:
        """A person's top topics (tags and salient words of what they wrote), 0..1, best first."""
        self._refresh()
        self._agg.prefetch_people([person_id], threads=True)
        facts = self._agg.people.get(person_id)
        declared = facts.declared if facts else ex.Declared()
        activity = self._person_activity(person_id, None, self._clock.now())[0]
        terms = self._profiles.salient_terms(self._agg, person_id, limit=limit)
        return ex.profile_topics(activity, terms, declared, limit, self._tag_threads(person_id))

    @_serialised
    def mined_topics(self, person_id: str, *, limit: int = 10) -> list[tuple[str, float]]:
        """Like :meth:`profile`, from what the person wrote only: their confirmed topics
        do not count, the ones they hide stay out."""
        self._refresh()
        self._agg.prefetch_people([person_id], threads=True)
        facts = self._agg.people.get(person_id)
        hidden = facts.declared.hidden if facts else ()
        activity = self._person_activity(person_id, None, self._clock.now())[0]
        terms = self._profiles.salient_terms(self._agg, person_id, limit=limit)
        threads = self._tag_threads(person_id)
        return ex.profile_topics(activity, terms, ex.Declared(hidden=hidden), limit, threads)

    def _tag_threads(self, person_id: str) -> dict[str, int]:
        """In how many separate threads the person contributed under each tag."""
        seen: dict[str, set[str]] = {}
        for item_id in self._agg.by_person.get(person_id, ()):
            facts = self._agg.items.get(item_id)
            if facts is None or not facts.counted_tags:
                continue
            root = self._agg.root(facts).id
            for tag in facts.counted_tags:
                seen.setdefault(tag, set()).add(root)
        return {tag: len(roots) for tag, roots in seen.items()}

    # --- evidence ---------------------------------------------------------------------

    def _in_memory(self) -> None:
        if isinstance(self._agg, StoredAggregates):
            self._agg = Aggregates()
            self._activity.clear()
            self._newest.clear()
            self._tag_top.clear()

    def _refresh(self) -> None:
        if not self._refresh_profiles():  # the counts on disk lag behind: read every item
            self._in_memory()
        if self._agg.refresh(self._engine):
            self._tag_top.clear()
            for person_id in self._agg.touched:
                self._activity.pop(person_id, None)
                self._newest.pop(person_id, None)

    def _refresh_profiles(self) -> bool:
        """Sync keeps the profiles and tag counts on disk current; a page not yet applied is
        applied here. False when they could not be brought up to date now."""
        with self._engine.connect() as conn:
            if profile_terms.is_current(conn) and item_facts.is_current(conn):
                return True
        try:
            with self._engine.begin() as conn:
                # This engine's transactions would start only at the first write, so what
                # catch_up reads could change under it (the sync thread catches up too,
                # after each page): take the write lock before reading.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                profile_terms.catch_up(conn)
                item_facts.catch_up(conn)
        except OperationalError as exc:  # sync is writing: it brings them up to date itself
            log.info("expert profiles not brought up to date now: %s", exc)
            return False
        return True

    def _rank(
        self,
        topic: str,
        *,
        limit: int,
        before: datetime | None = None,
        exclude: set[str],
        skip: Collection[str] = (),
    ) -> list[Expert]:
        self._refresh()
        if not topic.strip():
            return []
        now = before or self._clock.now()
        found = self._index.matching_scores(topic, before=before, limit=self.match_limit)
        self._agg.prefetch_threads([i for i, _ in found])
        hits = [
            Hit(i, score) for i, score in found if i in self._agg.items and i not in skip
        ]  # the cache is the truth
        relevance = ex.sharpen((h.score for h in hits), self.weights.relevance_power)
        threads = self._thread_relevance(hits, relevance)
        own = {h.id: r for h, r in zip(hits, relevance, strict=True) if r > 0}
        terms = frozenset(ex.words(topic))
        named = [c for c in map(self._agg.canonical, terms) if c in self._agg.tag_people]
        tags = ex.topic_tags(
            named,
            ((self._agg.thread_tags(self._agg.items[i]), r) for i, r in threads.items()),
            self.weights,
        )
        query = ex.Topic(terms=terms, tags=tags)
        matches = self._thread_contributions(threads, own, before, skip)
        people = set(matches) | self._tag_candidates(tags) | self._declared_candidates(query)
        # the people active lately, whose (weaker) topical evidence the tags may still show
        people |= self._recently_active(now)
        people -= exclude
        # what is kept of each one's activity spares reading all they wrote, where it can
        unread = (
            people if before is not None else self._agg.prefetch_activity(people, now, self.weights)
        )
        self._agg.prefetch_people(unread)
        with self._engine.connect() as conn:
            profiles = self._profile_scores.scores(conn, people, topic, self.weights)
        candidates = []
        for person_id in people:
            facts = self._agg.people.get(person_id)
            if facts is None or not facts.active or facts.declared.opt_out:
                continue  # unknown to this cache, left the company, or asked not to be listed
            activity, total, recent = self._person_activity(person_id, before, now)
            candidates.append(
                ex.Candidate(
                    person_id=person_id,
                    matches=tuple(matches.get(person_id, ())),
                    tag_activity=activity,
                    activity=total,
                    declared=facts.declared,
                    recent=recent,
                    profile=profiles.get(person_id, 0.0),
                )
            )
        ranked = ex.rank(candidates, query, now, self.weights)[:limit]
        return [self._expert(s, before, now) for s in ranked]

    def _thread_relevance(self, hits: list[Hit], relevance: list[float]) -> dict[str, float]:
        """Each matching thread with its best relevance: a good answer makes its thread relevant."""
        threads: dict[str, float] = {}
        for hit, value in zip(hits, relevance, strict=True):
            if value <= 0:
                continue
            root = self._agg.root(self._agg.items[hit.id]).id
            threads[root] = max(threads.get(root, 0.0), value)
        return threads

    def _thread_contributions(
        self,
        threads: dict[str, float],
        own: dict[str, float],
        before: datetime | None,
        skip: Collection[str],
    ) -> dict[str, list[ex.Contribution]]:
        """Everyone who wrote in a matching thread, with that thread's relevance and how
        well their own item matched."""
        found: dict[str, list[ex.Contribution]] = {}
        for root_id, value in threads.items():
            root = self._agg.items[root_id]
            for item_id in (root_id, *self._agg.descendants(root_id)):
                facts = self._agg.items[item_id]
                if item_id in skip or (before is not None and facts.created_at >= before):
                    continue
                found.setdefault(facts.author_id, []).append(
                    self._contribution(
                        facts, value, thread=root.id, title=root.title, own=own.get(item_id, 0.0)
                    )
                )
        return found

    def _contribution(
        self,
        facts: ItemFacts,
        relevance: float,
        *,
        thread: str = "",
        title: str = "",
        own: float = 0.0,
    ) -> ex.Contribution:
        return ex.Contribution(
            item_id=facts.id,
            kind=facts.kind,
            created_at=facts.created_at,
            relevance=relevance,
            accepted=facts.accepted,
            votes=facts.score,
            tags=facts.counted_tags,
            title=title or facts.title,
            thread=thread,
            own_relevance=own,
        )

    def _tag_candidates(self, tags: dict[str, float]) -> set[str]:
        found: set[str] = set()
        for tag in sorted(tags, key=lambda t: -tags[t])[:TOPIC_TAGS]:
            top = self._tag_top.get(tag)
            if top is None:
                counter = self._agg.tag_people.get(tag)
                top = [p for p, _ in counter.most_common(TAG_CANDIDATES)] if counter else []
                self._tag_top[tag] = top
            found.update(top)
        return found

    def _declared_candidates(self, query: ex.Topic) -> set[str]:
        found: set[str] = set()
        for name, holders in self._agg.declared_topics.items():
            if ex.mentions(name, query.terms, query.tags):
                found |= holders
        return found

    def _recently_active(self, now: datetime) -> set[str]:
        """Authors of the latest contributions before ``now`` that show knowledge."""
        return self._agg.recent_authors(now, RECENT_ITEMS)

    def _person_activity(
        self, person_id: str, before: datetime | None, now: datetime
    ) -> tuple[dict[str, float], float, tuple[float, ...]]:
        """Decayed tag activity, total activity and recent activity of a person, cached per
        ``before`` and (without ``before``) per hour."""
        key = (before, int(now.timestamp() // 3600))
        if key != self._activity_key:
            self._activity = {}
            self._activity_key = key
        cached = self._activity.get(person_id)
        if cached is not None:
            return cached
        facts = self._agg.people.get(person_id)
        hidden = facts.declared.hidden if facts else ()
        kept = (
            None
            if before is not None
            else self._agg.kept_activity(person_id, now, self.weights, hidden)
        )
        if kept is not None:
            self._activity[person_id] = kept
            return kept
        items = self._agg.items
        contributions = [
            (f.kind, f.created_at, f.accepted, f.score, f.counted_tags)
            for i in self._agg.by_person.get(person_id, ())
            if (f := items.get(i)) is not None and (before is None or f.created_at < before)
        ]
        found = ex.activity(contributions, now, self.weights, hidden)
        self._activity[person_id] = found
        return found

    def _interests(self, person_id: str, now: datetime) -> dict[str, float]:
        """Tag activity where asking counts too: what a person works on, known or not."""
        w = self._interest_weights
        contributions = [
            self._contribution(self._agg.items[i], 0.0)
            for i in self._agg.by_person.get(person_id, ())
            if i in self._agg.items
        ]
        facts = self._agg.people.get(person_id)
        return ex.tag_activity(contributions, now, w, facts.declared.hidden if facts else ())

    @staticmethod
    def _visible_tags(activity: dict[str, float], declared: ex.Declared) -> dict[str, float]:
        hidden = ex.HiddenTopics(declared.hidden)
        return {t: v for t, v in activity.items() if t not in hidden}

    # --- results ----------------------------------------------------------------------

    def _expert(self, scored: ex.Scored, before: datetime | None, now: datetime) -> Expert:
        facts = self._agg.people[scored.person_id]
        activity = self._person_activity(scored.person_id, before, now)[0]
        counts = {
            tag: self._agg.tag_people.get(tag, Counter())[scored.person_id]
            for tag, _ in scored.top_tags
        }
        tags = {tag for tag, _ in scored.top_tags}
        return to_expert(
            facts,
            scored,
            activity,
            counts,
            tag_items=self._tag_items(scored.person_id, tags, before),
        )

    def _tag_items(
        self, person_id: str, tags: set[str], before: datetime | None
    ) -> dict[str, tuple[tuple[str, str], ...]]:
        """The person's latest contributions under each tag, with their threads' titles."""
        if not tags:
            return {}
        found: dict[str, list[tuple[str, str]]] = {tag: [] for tag in tags}
        wanted = set(tags)
        for facts in self._newest_first(person_id):
            if before is not None and facts.created_at >= before:
                continue
            for tag in wanted.intersection(facts.counted_tags):
                title = facts.title or self._agg.root(facts).title or "untitled"
                found[tag].append((facts.id, title))
                if len(found[tag]) == TAG_ITEMS:
                    wanted.discard(tag)
            if not wanted:
                break  # every tag has its few latest: the older rest need not be read
        return {tag: tuple(items) for tag, items in found.items() if items}

    def _newest_first(self, person_id: str) -> list[ItemFacts]:
        """What a person contributed, newest first; kept until a sync page touches them."""
        kept = self._newest.get(person_id)
        if kept is None:
            items = self._agg.items
            kept = [items[i] for i in self._agg.by_person.get(person_id, ()) if i in items]
            kept.sort(key=lambda f: (f.created_at, f.id), reverse=True)
            self._newest[person_id] = kept
        return kept

    def _similar_expert(
        self, person_id: str, similarity: float, shared: Iterable[str], activity: dict[str, float]
    ) -> Expert:
        facts = self._agg.people[person_id]
        return to_expert(
            facts,
            ex.Scored(person_id, similarity, 0.0, similarity, 0.0, 0.0, (), (), ()),
            activity,
            {},
            shared_tags=tuple(shared),
        )
