"""The semantic-evidence bench: it finds each person's earlier answers and scores them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from kshare.domain.expertise import Weights
from tests.support.bench import bench_module

ROOT = Path(__file__).resolve().parents[3]
DUMP = ROOT / "tests" / "fixtures" / "stackexchange" / "synthetic"


def _vectors(recorded: dict[str, Any], semantic: Any) -> tuple[list[str], Any]:
    """Random unit vectors for every text, each case's question made equal to one earlier
    answer of its answerer (so that answer, and only it, matches the question exactly)."""
    names, _ = semantic.texts_of(recorded)
    rng = np.random.default_rng(3)
    vec = rng.normal(size=(len(names), 384))
    vec /= np.linalg.norm(vec, axis=1, keepdims=True)
    row = {n: i for i, n in enumerate(names)}
    answer_at = {(t[4], t[5]): pid for pid, t in recorded["texts"].items() if t[0] == "answer"}
    for case in recorded["cases"]:
        earlier = [a for a in case["answers"].get(case["answerer"], []) if a[0] < case["now"]]
        if earlier:
            first = answer_at[(earlier[0][3], earlier[0][0])]
            vec[row["case:" + case["question"]]] = vec[row[first]]
    return names, vec


def test_the_best_answer_finds_the_answer_that_matches_the_question() -> None:
    features, semantic = bench_module("expertise_features"), bench_module("expertise_semantic")
    fusion = bench_module("expertise_fusion")
    recorded = features.record(DUMP, limit_cases=20)
    vectors = _vectors(recorded, semantic)
    w = Weights()
    cases = semantic.prepared(recorded, vectors, w)
    checked = 0
    for case, (x, busy, ids, answerer, scores) in zip(recorded["cases"], cases, strict=True):
        if answerer not in ids:
            continue
        if not [a for a in case["answers"].get(answerer, []) if a[0] < case["now"]]:
            assert scores["best answer"][ids.index(answerer)] == 0.0
            continue
        checked += 1
        assert np.isclose(scores["best answer"][ids.index(answerer)], 1.0, atol=1e-5)
        assert fusion.rank_of(scores["best answer"], busy, ids, answerer) == 1
        part = semantic.semantic_part(scores["best answer"], w.floor)
        assert np.isclose(part[ids.index(answerer)], np.log(w.floor + 1.0))
        assert len(part) == len(x) == len(ids)
    assert checked > 0


def test_the_semantic_part_is_floored_and_scaled_to_the_best() -> None:
    semantic = bench_module("expertise_semantic")
    part = semantic.semantic_part([0.5, 0.25, -0.3, 0.0], 0.02)
    assert np.allclose(part, np.log([1.02, 0.52, 0.02, 0.02]))
    assert np.allclose(semantic.semantic_part([0.0, 0.0], 0.02), np.log([0.02, 0.02]))
    sims = (np.array([0.1, 0.9, 0.4]), np.array([0.2, 0.3, 0.8]))
    assert semantic.aggregate("best answer", *sims) == 0.9
    assert np.isclose(semantic.aggregate("best 3 answers", *sims), 1.4 / 3)
    assert semantic.aggregate("best answered question", *sims) == 0.8
    assert semantic.aggregate("best answer", np.zeros(0), np.zeros(0)) == 0.0
