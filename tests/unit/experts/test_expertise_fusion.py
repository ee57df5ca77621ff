"""The learned-fusion bench: its features reproduce the app's ranking, and its fit learns."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kshare.domain.expertise import Weights
from tests.support.bench import bench_module

ROOT = Path(__file__).resolve().parents[3]
DUMP = ROOT / "tests" / "fixtures" / "stackexchange" / "synthetic"


def test_the_current_setting_over_the_features_ranks_as_the_app_does() -> None:
    features, fusion = bench_module("expertise_features"), bench_module("expertise_fusion")
    recorded = features.record(DUMP, limit_cases=20)
    table = features.rescore({DUMP.name: recorded}, Weights()).splitlines()
    _, _, mrr, p1 = table[1].split()
    w = Weights()
    start = fusion.current_setting(w)
    cases = [
        (*fusion.features(c, recorded["authors"], w), c["answerer"]) for c in recorded["cases"]
    ]
    ranks = [fusion.rank_of(x @ start, b, i, y) for x, b, i, y in cases]
    assert fusion.figures(ranks) == pytest.approx((float(mrr), float(p1)), abs=1e-4)
    # an overwhelming penalty keeps the learned weights at the current setting
    base = [fusion.COL[n] for n in ("own", "profile", "lift", "prior")]
    assert fusion.prequential(cases, start, base, 1e9, warmup=5) == ranks


@pytest.mark.parametrize("loss", ["softmax", "pairwise"])
def test_the_fit_learns_a_feature_that_picks_the_answerer(loss: str) -> None:
    fusion = bench_module("expertise_fusion")
    rng = np.random.default_rng(7)
    past = []
    for _ in range(40):
        x = rng.normal(size=(6, 2))
        t = int(np.argmax(x[:, 1]))  # the second feature names who answers
        past.append((x, t))
    start = np.zeros(2)
    w = fusion.fit(past, start, [0, 1], penalty=0.01, loss=loss)
    assert w[1] > 1.0 > abs(w[0])
    # a strong penalty holds the weights near where they started
    held = fusion.fit(past, start, [0, 1], penalty=1e6, loss=loss)
    assert np.abs(held).max() < 1e-3
