"""The desktop's responsiveness with a large cache: first paint, GUI-thread stalls, memory.

Seeds N items (default 100,000) into a local server process, then measures, each in a
fresh process so nothing is warm:

1. **first paint**: from starting ``kshare``'s desktop on a profile already holding the
   N synced items to the first paint of feed cards (the feed model has rows and its
   view has painted them). Reference from the same run: the same start on an empty
   profile (the same window with nothing to load), so the ratio is the cost of the data.
2. **stalls**: the desktop signed in to a fresh profile runs its initial sync of the N
   items (fetching, writing and indexing in the background) while a 10 ms timer on the
   GUI thread records the longest gap between its ticks, until the first sync ends.
   Reference: the same heartbeat in an idle window for as long.
3. **memory**: the peak resident set of the stall run (the heavier of the two).

The probes start from compiled bytecode, as an installed desktop does (an install
compiles it): the bench compiles into a bytecode folder of its own, so neither the
sources nor the environment's packages get ``__pycache__`` folders, and one untimed
start before the cold starts fills that folder. ``--no-bytecode`` measures without it
(every start compiles kshare's sources again, as when bytecode writing is turned off).

    python bench/ui_bench.py --items 100000

Targets: first paint under 1.5 s, no stall over 100 ms, resident memory under 400 MB.
The last line is machine-readable:
``first_paint_s=<v> max_stall_ms=<v> rss_mb=<v> items=<n>``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the seeding helper and the server runner live in tests/

os.environ.setdefault("KSHARE_TEST_FAST_HASH", "1")

PASSWORD = "bench-password"

# The probes run in fresh processes; they find the token the bench stored through the
# test keyring backend named in their environment (a file in the bench folder).
FIRST_PAINT_PROBE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from kshare.client.services import Workspace
from kshare.ui.app import DesktopApp, configure_application

app = QApplication(sys.argv[:1])
configure_application(app)
workspace = Workspace.open(sys.argv[1])
desktop = DesktopApp(workspace, auto_sync=False)
expect_rows = sys.argv[2] == "rows"


class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            feed = desktop.window.feed
            ready = feed.model.rowCount() > 0 if expect_rows else feed.model.loaded_once
            if ready:
                QTimer.singleShot(0, done)
        return False


def done():
    print("PAINTED", flush=True)
    import resource
    print(f"RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}", flush=True)
    app.quit()


painted = Painted()
desktop.start()
desktop.window.resize(1280, 800)
desktop.window.feed.list.viewport().installEventFilter(painted)
desktop.window.feed.empty.installEventFilter(painted)
app.exec()
"""

STALL_PROBE = r"""
import resource, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kshare.client.services import Workspace
from kshare.ui.app import DesktopApp, configure_application

app = QApplication(sys.argv[:1])
configure_application(app)
workspace = Workspace.open(sys.argv[1])
mode = sys.argv[2]  # "sync": run the first sync; "idle:<seconds>": sit for that long
desktop = DesktopApp(workspace, auto_sync=(mode == "sync"))
gaps = []
last = [time.perf_counter()]


def tick():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now


def finish(*_args):
    worst = max(gaps[1:] or [0.0]) * 1000 - 10
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    took = time.perf_counter() - began
    print(f"STALL {worst:.1f} {rss:.1f} {took:.1f} {workspace.feed_count()}", flush=True)
    app.quit()


heartbeat = QTimer()
heartbeat.setInterval(10)
heartbeat.timeout.connect(tick)
began = time.perf_counter()
desktop.start()
desktop.window.resize(1280, 800)
heartbeat.start()
if mode == "sync":
    desktop.sync.sync_finished.connect(lambda _r: QTimer.singleShot(50, finish))
    desktop.sync.sync_failed.connect(lambda f: (print("FAILED", f.message, flush=True), finish()))
else:
    QTimer.singleShot(int(float(mode.split(":")[1]) * 1000), finish)
app.exec()
"""


def run_probe(code: str, args: list[str], env: dict[str, str], timeout: float) -> tuple[float, str]:
    """Seconds from spawning the probe to its first line of output, and all it printed."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    elapsed = time.perf_counter() - started
    try:
        rest, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        rest, err = proc.communicate()
    if proc.returncode not in (0, None) and not first:
        raise RuntimeError(f"probe failed ({proc.returncode}): {err[-2000:]}")
    return elapsed, first + rest


def signed_in_profile(folder: Path, name: str, url: str) -> Path:
    from kshare.client.services import Workspace

    profile = folder / name
    workspace = Workspace.open(profile)
    workspace.login(url, "reader", PASSWORD)
    workspace.close()
    return profile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="cold starts per first-paint figure")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--no-bytecode", action="store_true", help="start without compiled bytecode"
    )
    args = parser.parse_args()

    import keyring
    from tests.integration.sync.seeding import seed_items
    from tests.support.file_keyring import FileKeyring
    from tests.support.server import ServerProcess

    from kshare.server.admin import AdminTools

    folder = Path(tempfile.mkdtemp(prefix="kshare-ui-bench-"))
    os.environ["KSHARE_TEST_KEYRING"] = str(folder / "keyring.json")
    keyring.set_keyring(FileKeyring())
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "KSHARE_TEST_FAST_HASH": "1",
        "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    if not args.no_bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
        import kshare

        compiled = subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(Path(kshare.__file__).parent)],
            env=env,
            capture_output=True,
            text=True,
        )
        if compiled.returncode:
            print(f"compiling failed:\n{compiled.stdout}{compiled.stderr}", file=sys.stderr)
            return 1
    probe_args: list[str] = []
    server = ServerProcess(folder / "server").start()
    try:
        admin = AdminTools(server.data_dir)
        admin.add_user("author", "Author", PASSWORD)
        admin.add_user("reader", "Reader", PASSWORD)
        started = time.perf_counter()
        seed_items(server.data_dir, "author", args.items, body_size=600)
        admin.close()
        print(f"seeded {args.items} items in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)  # fmt: skip

        # 2 and 3: the first sync inside the desktop, with the heartbeat running.
        fresh = signed_in_profile(folder, "fresh", server.url)
        _, out = run_probe(STALL_PROBE, [*probe_args, str(fresh), "sync"], env, timeout=3600)
        line = next((x for x in out.splitlines() if x.startswith("STALL ")), None)
        if line is None or "FAILED" in out:
            print(f"the sync run failed:\n{out}", file=sys.stderr)
            return 1
        _, stall_ms, rss_mb, sync_s, synced = line.split()
        idle = signed_in_profile(folder, "idle", server.url)  # signed in, never synced
        _, idle_out = run_probe(
            STALL_PROBE,
            [*probe_args, str(idle), "idle:5"],
            env,
            timeout=120,
        )
        idle_line = next(x for x in idle_out.splitlines() if x.startswith("STALL "))
        idle_stall_ms = float(idle_line.split()[1])

        # 1: cold starts on the synced profile, and on an empty one for reference.
        def first_paint(profile: Path, expect: str) -> tuple[float, float]:
            samples, rss = [], []
            for _ in range(args.runs):
                seconds, printed = run_probe(
                    FIRST_PAINT_PROBE, [*probe_args, str(profile), expect], env, timeout=120
                )
                if not printed.startswith("PAINTED"):
                    raise RuntimeError(f"no paint: {printed}")
                samples.append(seconds)
                rss += [float(x.split()[1]) for x in printed.splitlines() if x.startswith("RSS")]
            return statistics.median(samples), max(rss or [0.0])

        if not args.no_bytecode:  # the first start after an install: fills the bytecode
            run_probe(FIRST_PAINT_PROBE, [*probe_args, str(fresh), "rows"], env, timeout=120)
        paint_s, paint_rss = first_paint(fresh, "rows")
        empty_s, _ = first_paint(idle, "empty")
    finally:
        pipe = server.process.stdout if server.process else None
        server.stop()
        if pipe is not None:
            pipe.close()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    rss = max(float(rss_mb), paint_rss)
    took = float(sync_s)
    print(f"items synced by the desktop: {synced} of {args.items} (first sync {took:.0f} s)")
    print(f"{'what':<46}{'value':>10}{'reference':>11}{'ratio':>8}")
    print(f"{'first paint of feed cards (s, median)':<46}{paint_s:>10.2f}{empty_s:>11.2f}"
          f"{paint_s / empty_s:>8.2f}")  # fmt: skip
    print(f"{'longest GUI stall during first sync (ms)':<46}{float(stall_ms):>10.0f}"
          f"{idle_stall_ms:>11.0f}{float(stall_ms) / max(idle_stall_ms, 1.0):>8.1f}")  # fmt: skip
    print(f"{'peak resident memory (MB)':<46}{rss:>10.0f}")
    print("reference: first paint on an empty profile; the stall of an idle window for 5 s")
    print("started " + ("without bytecode" if args.no_bytecode else "from compiled bytecode"))
    print(
        f"first_paint_s={paint_s:.2f} max_stall_ms={float(stall_ms):.0f} "
        f"rss_mb={rss:.0f} items={synced}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
