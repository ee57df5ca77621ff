"""Learned fusion and short-term activity, measured on recorded expert-finding cases.

Usage: ``python bench/expertise_fusion.py --recorded FILE.pickle`` (a recording
of ``bench/expertise_features.py``; add ``--quick`` for the main lines only)

For every recorded question the candidates the app listed are described by
fixed features: the logs of the parts ``kshare.domain.expertise.rank`` fuses
(own items, profile match, tag lift, declared, the still-active prior), each
time scale of the prior on its own, and new evidence (log1p of: all activity,
hours since the last answer, answers in the last 6 and 24 hours, answers to
this asker before, answers in all; thread evidence; "answered within the last
h hours"). The current setting is the weight vector of the app's exponents,
so it gives the harness's figures exactly.

A learned fusion is then the same procedure on every site: a linear scorer
over the features, fitted *prequentially* on the site's own earlier cases
only (for case i, fitted on cases before i, refitted every 10 cases, the
current setting until 30 cases are known), by Newton's method on a
listwise softmax (or pairwise logistic) loss with an L2 penalty pulling the
weights towards the current setting (so a strong penalty is the current
ranking). The figures printed are MRR and P@1 per site, as the harness
counts them (ranks deeper than 100 count 0; ties go to the busier person).
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kshare.domain import expertise as ex

NAMES = (
    "own",
    "profile",
    "lift",
    "declared",
    "prior",
    "prior_1d",
    "prior_3d",
    "prior_14d",
    "prior_90d",
    "activity",
    "hours_since_answer",
    "answers_6h",
    "answers_24h",
    "answered_asker",
    "answers",
    "thread",
)
COL = {n: i for i, n in enumerate(NAMES)}
DEPTH = 100
Matrix = Any  # numpy arrays; numpy's own stubs say little more here


def current_setting(w: ex.Weights) -> np.ndarray:
    """The app's exponents as a weight vector over ``NAMES``."""
    vec = np.zeros(len(NAMES))
    vec[COL["own"]] = w.own_text
    vec[COL["profile"]] = w.profile
    vec[COL["lift"]] = w.lift
    vec[COL["declared"]] = w.declared
    vec[COL["prior"]] = w.recent
    vec[COL["thread"]] = w.thread
    return vec


def features(
    case: dict[str, Any], authors: dict[str, str], w: ex.Weights
) -> tuple[Matrix, Matrix, list[str]]:
    """Feature rows of the people ``rank`` lists for a case, busier-first tie keys, ids."""
    topic, now = case["topic"], case["now"]
    rows = []
    for cand in case["candidates"]:
        if ex.hides(cand.declared, topic):
            continue
        text, _ = ex.text_evidence(cand.matches, now, w)
        own = ex.own_text_evidence(cand.matches, now, w)
        tags, _ = ex.tag_affinity(cand.tag_activity, topic.tags, w.tag_saturation)
        declared, _ = ex.declared_affinity(cand.declared, topic)
        if text <= 0 and own <= 0 and tags <= 0 and declared <= 0:
            continue
        rows.append((cand, text, own, declared))
    if not rows:
        return np.zeros((0, len(NAMES))), np.zeros(0), []
    top_text = max(r[1] for r in rows) or 1.0
    top_own = max(r[2] for r in rows) or 1.0
    top_profile = max(r[0].profile for r in rows) or 1.0
    prior = ex._still_active([r[0].recent for r in rows], w)
    background = ex._pool_shares((r[0].tag_activity for r in rows), topic.tags)
    scales = len(w.recent_half_lives)
    pseudo = w.recent_pseudo
    totals = [sum(r[0].recent[n] for r in rows) + pseudo * len(rows) for n in range(scales)]
    f = w.floor
    out, busy, ids = [], [], []
    for (cand, text, own, declared), p in zip(rows, prior, strict=True):
        lift = ex.tag_lift(cand.tag_activity, topic.tags, background, w.tag_smoothing)
        answers = [a for a in case["answers"].get(cand.person_id, []) if a[0] < now]
        ages = [(now - a[0]).total_seconds() / 3600.0 for a in answers]
        asker = sum(1 for a in answers if authors.get(a[3]) == case["asker"])
        out.append(
            [
                math.log(f + own / top_own),
                math.log(f + cand.profile / top_profile),
                math.log(max(lift, f)),
                math.log(f + declared),
                math.log(p),
                *(math.log((cand.recent[n] + pseudo) / totals[n]) for n in range(scales)),
                math.log1p(cand.activity),
                math.log1p(min(ages, default=24.0 * 365)),
                math.log1p(sum(1 for a in ages if a < 6)),
                math.log1p(sum(1 for a in ages if a < 24)),
                math.log1p(asker),
                math.log1p(len(answers)),
                math.log(f + text / top_text),
            ]
        )
        busy.append(cand.activity)
        ids.append(cand.person_id)
    return np.array(out), np.array(busy), ids


def rank_of(scores: Matrix, busy: Matrix, ids: list[str], who: str) -> int:
    """The harness's rank of ``who`` (0 if unlisted or deeper than ``DEPTH``)."""
    if who not in ids:
        return 0
    t = ids.index(who)
    order = np.array(ids)
    ahead = (scores > scores[t]) | (
        (scores == scores[t]) & ((busy > busy[t]) | ((busy == busy[t]) & (order < who)))
    )
    r = 1 + int(ahead.sum())
    return r if r <= DEPTH else 0


def fit(
    past: Sequence[tuple[Matrix, int]],
    start: Matrix,
    cols: Sequence[int],
    penalty: float,
    loss: str = "softmax",
) -> Matrix:
    """Weights over ``cols`` fitted on ``past`` (features, answerer's row), L2 towards ``start``."""
    cols = list(cols)
    w0 = start[cols]
    w = w0.copy()
    n = max(len(past), 1)
    for _ in range(30):
        grad = penalty * n * (w - w0)
        hess = penalty * n * np.eye(len(cols))
        for x, t in past:
            z = x[:, cols]
            if loss == "softmax":
                s = z @ w
                e = np.exp(s - s.max())
                p = e / e.sum()
                mean = p @ z
                grad += mean - z[t]
                hess += (z * p[:, None]).T @ z - np.outer(mean, mean)
            else:  # pairwise logistic: the answerer above each other person
                d = z[t] - np.delete(z, t, axis=0)
                if len(d) == 0:
                    continue
                q = 1.0 / (1.0 + np.exp(d @ w))
                grad -= (q[:, None] * d).sum(0) / len(d)
                hess += (d * (q * (1 - q))[:, None]).T @ d / len(d)
        step = np.linalg.solve(hess, grad)
        w = w - step
        if np.abs(step).max() < 1e-7:
            break
    out = start.copy()
    out[cols] = w
    return out


def prequential(
    cases: list[tuple[Matrix, Matrix, list[str], str]],
    start: Matrix,
    cols: Sequence[int],
    penalty: float,
    loss: str = "softmax",
    every: int = 10,
    warmup: int = 30,
) -> list[int]:
    """Ranks when each case is scored with weights fitted on the cases before it only."""
    ranks, w = [], start
    for i, (x, busy, ids, who) in enumerate(cases):
        if i >= warmup and (i - warmup) % every == 0:
            past = [(c[0], c[2].index(c[3])) for c in cases[:i] if c[3] in c[2]]
            w = fit(past, start, cols, penalty, loss)
        ranks.append(rank_of(x @ w, busy, ids, who))
    return ranks


def figures(ranks: list[int]) -> tuple[float, float]:
    n = max(len(ranks), 1)
    return sum(1.0 / r for r in ranks if r) / n, sum(1 for r in ranks if r == 1) / n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recorded", type=Path, required=True)
    parser.add_argument("--quick", action="store_true", help="the main lines only")
    args = parser.parse_args(argv)
    with args.recorded.open("rb") as f:
        data = pickle.load(f)
    w = ex.Weights()
    start = current_setting(w)
    sites = {}
    for site, recorded in data.items():
        authors = recorded.get("authors", {})
        sites[site] = [(*features(c, authors, w), c["answerer"]) for c in recorded["cases"]]

    def line(label: str, ranks_of: Any) -> None:
        parts = []
        for site, cases in sites.items():
            mrr, p1 = figures(ranks_of(cases))
            parts.append(f"{site[:16]:<16} {mrr:.4f} ({p1:.3f})")
        print(f"{label:<44} " + "  ".join(parts), flush=True)

    base = [COL[n] for n in ("own", "profile", "lift", "prior")]
    extra = [COL[n] for n in ("activity", "answers_6h", "answered_asker")]
    scales = [COL[n] for n in ("prior_1d", "prior_3d", "prior_14d", "prior_90d")]
    line("current setting", lambda cs: [rank_of(x @ start, b, i, y) for x, b, i, y in cs])
    penalties = (1.0, 3.0) if args.quick else (0.01, 0.1, 1.0, 3.0, 10.0)
    for loss in ("softmax",) if args.quick else ("softmax", "pairwise"):
        for lam in penalties:
            line(
                f"learned {loss}, parts, L2 {lam}",
                lambda cs, lam=lam, loss=loss: prequential(cs, start, base, lam, loss),
            )
        if not args.quick:
            for lam in (1.0, 3.0, 10.0):
                line(
                    f"learned {loss}, parts + new, L2 {lam}",
                    lambda cs, lam=lam, loss=loss: prequential(cs, start, base + extra, lam, loss),
                )
                line(
                    f"learned {loss}, scales too, L2 {lam}",
                    lambda cs, lam=lam, loss=loss: prequential(cs, start, base + scales, lam, loss),
                )
    hours = COL["hours_since_answer"]
    for within in (0.5, 1.0, 2.0) if args.quick else (0.5, 1.0, 1.5, 2.0, 6.0):
        for beta in (1.0, 1.5):

            def burst(cs: Any, within: float = within, beta: float = beta) -> list[int]:
                cut = math.log1p(within)
                return [
                    rank_of(x @ start + beta * (x[:, hours] < cut), b, i, y) for x, b, i, y in cs
                ]

            line(f"answered within {within:g} h, factor e^{beta:g}", burst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
