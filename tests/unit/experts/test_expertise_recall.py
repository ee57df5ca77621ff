"""The recall bench: the app's gathering rule over its widest pool ranks as the app does."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kshare.domain import expertise as ex
from tests.support.bench import bench_module

ROOT = Path(__file__).resolve().parents[3]
DUMP = ROOT / "tests" / "fixtures" / "stackexchange" / "synthetic"


def test_the_app_rule_over_the_widest_pool_gives_the_harness_figures() -> None:
    harness, recall = bench_module("expertise_eval"), bench_module("expertise_recall")
    live = harness.evaluate(DUMP, 20, ex.Weights())["figures"]["kshare"]
    recorded = recall.record(DUMP, limit_cases=20)
    score = harness.Score()
    for case in recorded["cases"]:
        app = recall.app_rule(case, case["candidates"])
        assert case["asker"] not in {c.person_id for c in case["candidates"]}
        ranked = ex.rank(app, case["topic"], case["now"], ex.Weights())
        score.add(recall.rank_of(ranked, case["answerer"]))
    assert score.figures()["MRR"] == pytest.approx(live["MRR"], abs=1e-4)
    assert score.figures()["P@1"] == pytest.approx(live["P@1"], abs=1e-4)


def test_a_wider_rule_adds_people_the_app_did_not_gather() -> None:
    recall = bench_module("expertise_recall")
    when = datetime(2024, 1, 1, tzinfo=UTC)

    def person(pid: str, tags: dict[str, float], profile: float = 0.0) -> ex.Candidate:
        return ex.Candidate(pid, (), tags, 1.0, recent=(1.0,) * 4, profile=profile)

    wide = [
        person("gathered", {"qubits": 1.0}),
        person("on-topic", {"qubits": 1.0}),
        person("off-topic", {"cooking": 1.0}, profile=2.0),
    ]
    case = {
        "topic": ex.Topic(frozenset({"qubits"}), {"qubits": 1.0}),
        "now": when,
        "sources": {"text": {"gathered"}, "tag": set(), "declared": set(), "recent": set()},
    }
    names = {r: [c.person_id for c in rule(case, wide)] for r, rule in _rules(recall).items()}
    assert names["app"] == ["gathered"]
    assert names["tag"] == ["gathered", "on-topic"]
    assert names["profile"] == ["gathered", "off-topic"]
    assert names["everyone"] == ["gathered", "on-topic", "off-topic"]


def _rules(recall: Any) -> dict[str, Any]:
    return {
        "app": recall.app_rule,
        "tag": recall.any_topic_tag,
        "profile": recall.profile_top(1),
        "everyone": recall.everyone,
    }
