"""The benchmark end to end on the synthetic dump: its output, and kshare beating activity."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DUMP = ROOT / "tests" / "fixtures" / "stackexchange" / "synthetic"
LAST_LINE = re.compile(
    r"^MRR=(?P<mrr>[0-9.]+) P@1=(?P<p1>[0-9.]+) P@5=(?P<p5>[0-9.]+) "
    r"baseline_MRR=(?P<base>[0-9.]+) cases=(?P<cases>\d+)$"
)


@pytest.mark.slow
def test_the_eval_replays_the_dump_and_beats_the_activity_baseline() -> None:
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "expertise_eval.py"),
            "--dump",
            str(DUMP),
            "--limit-cases",
            "80",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    found = LAST_LINE.match(lines[-1])
    assert found, lines[-1]
    assert int(found["cases"]) == 80
    figures = {line.split()[0]: line.split()[1:] for line in lines[1:4]}
    kshare_mrr, activity_mrr = float(figures["kshare"][0]), float(figures["activity"][0])
    assert float(found["mrr"]) == pytest.approx(kshare_mrr, abs=1e-4)
    assert kshare_mrr > activity_mrr
    assert float(found["base"]) >= activity_mrr
    assert 0 < float(found["p5"]) <= 0.2  # precision at 5 with one relevant person


def test_a_missing_dump_is_reported_plainly(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "expertise_eval.py"), "--dump", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1 and "Posts.xml" in run.stderr
