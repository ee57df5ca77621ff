"""Candidate recall of the expert ranking: is the answerer among the people it gathers?

Usage: ``python bench/expertise_recall.py --dump DIR [DIR ...] --out FILE.pickle``, then
``python bench/expertise_recall.py --analyse FILE.pickle``

Replays each site as ``bench/expertise_eval.py`` does, with the finder
gathering, besides its own candidates, everyone who contributed anything but a
question before the moment asked (the widest pool a rule could gather), and
records by which of the finder's rules each person was gathered: a matching
thread (``text``), the top people of a topic tag (``tag``), a declared topic
(``declared``), the authors of the latest contributions (``recent``). Only the
candidate list changes; every person's evidence is computed by the app's code,
and ``kshare.domain.expertise.rank`` depends on the pool only through it, so
any gathering rule over the widest pool can be ranked again exactly offline.

``--analyse`` prints, per site: the share of cases whose accepted answerer
(the harness's target) is not gathered, or gathered but not listed (no
evidence ``rank`` accepts), and among those the share who had written
nothing but questions before (``asked``: asking never lists anyone); the MRR
ceiling given the app's candidates (every listed answerer first); how many
answerers tie with someone's score; the harness's figures, and MRR with any
answerer of the question as the target (the best-ranked one); then MRR and
P@1 of wider gathering rules.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, cast

if str(Path(__file__).resolve().parent) not in sys.path:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import expertise_eval as harness
import expertise_features as features

from kshare.client.experts.finder import ExpertFinder
from kshare.domain import expertise as ex
from kshare.stackexchange import StackExchangeDump

RULES = ("text", "tag", "declared", "recent")


class WideFinder(ExpertFinder):
    """The app's finder, gathering everyone who contributed and noting why each was gathered."""

    sources: dict[str, set[str]]

    def _thread_contributions(
        self,
        threads: dict[str, float],
        own: dict[str, float],
        before: datetime | None,
        skip: Collection[str],
    ) -> dict[str, list[ex.Contribution]]:
        found = super()._thread_contributions(threads, own, before, skip)
        self.sources = {"text": set(found)}
        return found

    def _tag_candidates(self, tags: dict[str, float]) -> set[str]:
        found = super()._tag_candidates(tags)
        self.sources["tag"] = set(found)
        return found

    def _declared_candidates(self, query: ex.Topic) -> set[str]:
        found = super()._declared_candidates(query)
        self.sources["declared"] = set(found)
        return found

    def _recently_active(self, now: datetime) -> set[str]:
        found = super()._recently_active(now)
        self.sources["recent"] = set(found)
        return found | self._agg.recent_authors(now, len(self._agg.items) + 1)


def record(dump_dir: Path, limit_cases: int | None = None) -> dict[str, Any]:
    dump = StackExchangeDump(dump_dir)
    people, events, cases = harness.load(dump)
    if limit_cases is not None:
        cases = cases[:limit_cases]
    answers_of: dict[str, list[tuple[datetime, str]]] = {}
    for post in dump.posts():
        if post.is_answer and post.parent_id and post.owner_user_id is not None:
            answers_of.setdefault(harness.post_id(post.parent_id), []).append(
                (post.created_at, harness.person_id(post.owner_user_id))
            )
    rows = []
    replay = features.replayed(people, events, cases, WideFinder, "kshare-recall-")
    for case, finder, _replay, candidates, topic, now in replay:
        qid = harness.post_id(case.question.id)
        rows.append(
            {
                "question": qid,
                "answerer": case.answerer,
                "asker": case.asker,
                "answerers": {p for _, p in answers_of.get(qid, ()) if p != case.asker},
                "now": now,
                "topic": topic,
                "candidates": candidates,
                "sources": {k: set(v) for k, v in cast(WideFinder, finder).sources.items()},
            }
        )
    return {"cases": rows}


def gathered_by_app(case: dict[str, Any]) -> set[str]:
    return set().union(*(case["sources"].get(r, set()) for r in RULES))


def rank_of(ranked: list[ex.Scored], who: str) -> int | None:
    for n, s in enumerate(ranked[: harness.DEPTH], 1):
        if s.person_id == who:
            return n
    return None


Rule = Callable[[dict[str, Any], list[ex.Candidate]], list[ex.Candidate]]


def app_rule(case: dict[str, Any], wide: list[ex.Candidate]) -> list[ex.Candidate]:
    keep = gathered_by_app(case)
    return [c for c in wide if c.person_id in keep]


def everyone(case: dict[str, Any], wide: list[ex.Candidate]) -> list[ex.Candidate]:
    return wide


def any_topic_tag(case: dict[str, Any], wide: list[ex.Candidate]) -> list[ex.Candidate]:
    """The app's, and anyone with activity in one of the topic's tags."""
    keep = gathered_by_app(case)
    tags = set(case["topic"].tags)
    return [c for c in wide if c.person_id in keep or tags.intersection(c.tag_activity)]


def profile_top(n: int) -> Rule:
    def rule(case: dict[str, Any], wide: list[ex.Candidate]) -> list[ex.Candidate]:
        keep = gathered_by_app(case)
        best = sorted((c for c in wide if c.profile > 0), key=lambda c: -c.profile)[:n]
        keep |= {c.person_id for c in best}
        return [c for c in wide if c.person_id in keep]

    rule.__doc__ = f"the app's, and the {n} best profile matches"
    return rule


def prior_top(n: int, w: ex.Weights) -> Rule:
    def rule(case: dict[str, Any], wide: list[ex.Candidate]) -> list[ex.Candidate]:
        keep = gathered_by_app(case)
        tags = set(case["topic"].tags)
        on_topic = [c for c in wide if tags.intersection(c.tag_activity)]
        priors = ex._still_active([c.recent for c in on_topic], w)
        best = sorted(zip(priors, on_topic, strict=True), key=lambda p: -p[0])[:n]
        keep |= {c.person_id for _, c in best}
        return [c for c in wide if c.person_id in keep]

    rule.__doc__ = f"the app's, and the {n} most still-active of the topic's tags"
    return rule


def analyse(data: dict[str, Any], w: ex.Weights) -> str:
    lines = []
    rules: dict[str, Rule] = {
        "app": app_rule,
        "any topic tag": any_topic_tag,
        "profile top 20": profile_top(20),
        "profile top 50": profile_top(50),
        "prior top 20": prior_top(20, w),
        "everyone": everyone,
    }
    head = f"{'site':<18} {'cases':>5} {'asked':>7} {'notgath':>7} {'unlisted':>8} "
    head += f"{'ceiling':>7} {'ties':>5} {'pool':>6} {'MRR':>7} {'P@1':>7} {'anyMRR':>7}"
    lines.append(head)
    table: dict[str, dict[str, tuple[float, float]]] = {}
    for site, recorded in data.items():
        cases = recorded["cases"]
        n = len(cases)
        asked_only = not_gathered = unlisted = ties = 0
        pool = 0
        score, any_score = harness.Score(), harness.Score()
        for case in cases:
            wide = case["candidates"]
            ids = {c.person_id for c in wide}
            app = app_rule(case, wide)
            pool += len(app)
            who = case["answerer"]
            theirs = [c for c in wide if c.person_id == who]
            if not theirs or not any(theirs[0].recent):
                asked_only += 1  # nothing but questions before: asking never lists anyone
            if who not in ids or who not in {c.person_id for c in app}:
                not_gathered += 1
            ranked = ex.rank(app, case["topic"], case["now"], w)
            listed = {s.person_id: s for s in ranked}
            if who in {c.person_id for c in app} and who not in listed:
                unlisted += 1
            if who in listed:
                mine = listed[who].score
                ties += sum(1 for s in ranked if s.score == mine) > 1
            score.add(rank_of(ranked, who))
            others = [rank_of(ranked, p) for p in case["answerers"]]
            any_score.add(min((r for r in others if r), default=None))
        fig, anyfig = score.figures(), any_score.figures()
        reached = n - not_gathered - unlisted
        lines.append(
            f"{site:<18} {n:>5} {asked_only / n:7.3f} {not_gathered / n:7.3f} "
            f"{unlisted / n:8.3f} {reached / n:7.3f} {ties:>5} {pool / n:6.1f} "
            f"{fig['MRR']:7.4f} {fig['P@1']:7.4f} {anyfig['MRR']:7.4f}"
        )
        for name, rule in rules.items():
            s = harness.Score()
            for case in cases:
                chosen = rule(case, case["candidates"])
                s.add(rank_of(ex.rank(chosen, case["topic"], case["now"], w), case["answerer"]))
            f = s.figures()
            table.setdefault(name, {})[site] = (f["MRR"], f["P@1"])
    lines.append("")
    lines.append("gathering rule      " + "  ".join(f"{s:>18}" for s in data))
    for name, per_site in table.items():
        cells = "  ".join(f"{m:7.4f} ({p:.3f})   " for m, p in per_site.values())
        lines.append(f"{name:<19} {cells}")
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, nargs="+")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--limit-cases", type=int, default=None, metavar="N")
    parser.add_argument("--analyse", type=Path, metavar="FILE")
    parser.add_argument("--weights", nargs="*", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.analyse is not None:
        with args.analyse.open("rb") as f:
            print(analyse(pickle.load(f), harness.parse_weights(args.weights)))
        return 0
    if not args.dump or args.out is None:
        parser.error("--dump and --out are needed to record")
    data = {d.name: record(d, args.limit_cases) for d in args.dump}
    with args.out.open("wb") as f:
        pickle.dump(data, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
