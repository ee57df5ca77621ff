"""Record what the expert ranking sees for each replayed question, to re-score it offline.

Usage: ``python bench/expertise_features.py --dump DIR [DIR ...] --out FILE.pickle``,
then ``python bench/expertise_features.py --rescore FILE.pickle [--weights k=v ...]``

Runs the replay of ``bench/expertise_eval.py`` and, for each case, keeps the
candidates, topic and moment that ``kshare.domain.expertise.rank`` was given,
with the case's answerer, and each candidate's answers known at the time
(when, accepted, score, which question). The texts of every post go in once,
with who asked each question.
Measuring a variant of the scoring then takes seconds instead of a replay
(``--rescore`` ranks the recorded candidates again with other weights; with
the defaults it prints the figures of ``expertise_eval.py``). Only what
``rank`` scores can change this way: a change to how candidates are gathered
or to what the finder computes for them needs a new recording. The figures
that count still come from ``expertise_eval.py``.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

if str(Path(__file__).resolve().parent) not in sys.path:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import expertise_eval as harness

from kshare.client.experts.finder import ExpertFinder
from kshare.domain import expertise as ex
from kshare.stackexchange import StackExchangeDump


def replayed(
    people: Any,
    events: Any,
    cases: Any,
    finder_type: type[ExpertFinder] = ExpertFinder,
    prefix: str = "kshare-features-",
) -> Iterator[tuple[Any, ExpertFinder, harness.Replay, list[ex.Candidate], ex.Topic, Any]]:
    """Each case replayed as the harness does, with the candidates, topic and moment that
    ``rank`` was given for it (and the finder and replay, to read more from them)."""
    seen: list[tuple[list[ex.Candidate], ex.Topic, Any]] = []
    original = ex.rank

    def capture(candidates: Any, topic: ex.Topic, now: Any, w: ex.Weights) -> list[ex.Scored]:
        candidates = list(candidates)
        seen.append((candidates, topic, now))
        return original(candidates, topic, now, w)

    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        replay = harness.Replay(Path(tmp), people, events)
        ex.rank = capture
        try:
            finder = finder_type(replay.reader, replay.index)
            for case in cases:
                replay.advance(case.question.created_at)
                finder.rank(
                    case.text,
                    limit=harness.DEPTH,
                    before=case.question.created_at,
                    exclude={case.asker},
                )
                candidates, topic, now = seen.pop()
                yield case, finder, replay, candidates, topic, now
        finally:
            ex.rank = original
            replay.close()


def record(dump_dir: Path, limit_cases: int | None = None) -> dict[str, Any]:
    """Replay ``dump_dir`` as the harness does, keeping what each case was ranked from."""
    dump = StackExchangeDump(dump_dir)
    people, events, cases = harness.load(dump)
    if limit_cases is not None:
        cases = cases[:limit_cases]
    rows = []
    for case, _finder, replay, candidates, topic, now in replayed(people, events, cases):
        wanted = {c.person_id for c in candidates}
        answers: dict[str, list[tuple[Any, bool, int, str]]] = {}
        for item in replay.items.values():
            if item.kind == "answer" and item.author_id in wanted and item.parent_id:
                answers.setdefault(item.author_id, []).append(
                    (item.created_at, item.is_accepted, item.score, item.parent_id)
                )
        rows.append(
            {
                "question": harness.post_id(case.question.id),
                "answerer": case.answerer,
                "asker": case.asker,
                "text": case.text,
                "tags": tuple(case.question.tags),
                "now": now,
                "topic": topic,
                "candidates": candidates,
                "answers": answers,
            }
        )
    texts = {
        i.id: (i.kind, i.title or "", i.body or "", tuple(i.tags), i.parent_id, i.created_at)
        for i in (e.payload for e in events if e.kind == "item")
        if i.kind in ("question", "answer")
    }
    authors = {
        i.id: i.author_id
        for i in (e.payload for e in events if e.kind == "item")
        if i.kind == "question"
    }
    return {"cases": rows, "texts": texts, "authors": authors}


def rescore(data: dict[str, Any], weights: ex.Weights) -> str:
    """The recorded cases ranked again with ``weights``: MRR and P@1 per site."""
    lines = [f"{'site':<18} {'cases':>5} {'MRR':>7} {'P@1':>7}"]
    for site, recorded in data.items():
        score = harness.Score()
        for case in recorded["cases"]:
            ranked = ex.rank(case["candidates"], case["topic"], case["now"], weights)
            ids = [s.person_id for s in ranked[: harness.DEPTH]]
            score.add(ids.index(case["answerer"]) + 1 if case["answerer"] in ids else None)
        fig = score.figures()
        lines.append(f"{site:<18} {len(score.ranks):>5} {fig['MRR']:7.4f} {fig['P@1']:7.4f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, nargs="+")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--limit-cases", type=int, default=None, metavar="N")
    parser.add_argument("--rescore", type=Path, metavar="FILE")
    parser.add_argument("--weights", nargs="*", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    if args.rescore is not None:
        with args.rescore.open("rb") as f:
            print(rescore(pickle.load(f), harness.parse_weights(args.weights)))
        return 0
    if not args.dump or args.out is None:
        parser.error("--dump and --out are needed to record")
    data = {d.name: record(d, args.limit_cases) for d in args.dump}
    with args.out.open("wb") as f:
        pickle.dump(data, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
