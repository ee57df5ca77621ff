"""Start-up time and memory of the desktop side, on a profile synced from the demo company.

Each figure is the median of several cold process starts, next to the bare
interpreter's start-up in the same run (the ratio shows kshare's own cost).
Prints a table and ends with one line:
``python_ms=<v> help_ms=<v> status_ms=<v> search_ms=<v> gui_window_ms=<v> gui_rss_mb=<v>``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GUI_PROBE = r"""
import resource, sys, time
start = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kshare.client.services import Workspace
from kshare.ui.app import run_app
app = QApplication(sys.argv[:1])
def shown():
    window = [w for w in app.topLevelWidgets() if w.isVisible()]
    if not window:
        QTimer.singleShot(5, shown)
        return
    elapsed = (time.perf_counter() - start) * 1000
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"GUI {elapsed:.1f} {rss:.1f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
run_app(sys.argv[1], auto_sync=False)
"""


def timed(args: list[str], env: dict[str, str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True, timeout=120)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def prepare_profile(root: Path, env: dict[str, str]) -> Path:
    """Sync the demo company into a fresh profile, through a real server process."""
    from kshare.demo import _ensure_keyring
    from kshare.demo_seed import build_demo_org
    from kshare.local_server import LocalServer

    _ensure_keyring()
    org = build_demo_org()
    server = LocalServer(root / "server", demo=True)
    url = server.start(timeout=300).url
    profile = root / "profile"
    try:
        from kshare.client.services import Workspace

        workspace = Workspace.open(profile)
        workspace.login(url, org.demo_user, org.demo_password)
        workspace.sync()
        workspace.close()
    finally:
        server.stop()
    return profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="an existing synced profile to measure")
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as tmp:
        profile = args.profile or prepare_profile(Path(tmp), env)
        kshare = [sys.executable, "-m", "kshare"]
        python_ms = timed([sys.executable, "-c", "pass"], env, args.runs)
        help_ms = timed([*kshare, "--help"], env, args.runs)
        status_ms = timed([*kshare, "status", "--profile", str(profile)], env, args.runs)
        search_ms = timed(
            [*kshare, "search", "postgres failover", "--profile", str(profile)], env, args.runs
        )
        windows, rss = [], []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, "-c", GUI_PROBE, str(profile)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
                timeout=120,
            ).stdout
            line = next(x for x in out.splitlines() if x.startswith("GUI "))
            windows.append(float(line.split()[1]))
            rss.append(float(line.split()[2]))
        with sqlite3.connect(profile / "cache.sqlite3") as cache:
            items = cache.execute("SELECT count(*) FROM items").fetchone()[0]
            people = cache.execute("SELECT count(*) FROM people").fetchone()[0]
    gui_ms, gui_rss = statistics.median(windows), statistics.median(rss)
    print(
        f"profile: demo company, {items} items and {people} people; "
        f"median of {args.runs} cold starts"
    )
    print(f"{'what':<34}{'ms':>10}{'x python':>10}")
    for label, value in (
        ("bare python -c pass", python_ms),
        ("kshare --help", help_ms),
        ("kshare status (open cache)", status_ms),
        ("kshare search (open index, query)", search_ms),
        ("desktop window shown (in process)", gui_ms),
    ):
        print(f"{label:<34}{value:>10.0f}{value / python_ms:>10.1f}")
    print(f"desktop peak RSS: {gui_rss:.0f} MB")
    print(
        f"python_ms={python_ms:.0f} help_ms={help_ms:.0f} status_ms={status_ms:.0f} "
        f"search_ms={search_ms:.0f} gui_window_ms={gui_ms:.0f} gui_rss_mb={gui_rss:.0f}"
    )


if __name__ == "__main__":
    main()
