"""Time expert queries on a big cache: ``bench/expertise_speed.py --dump DIR [--queries N]``.

``--only warm`` stops after the warm calls (and their index-only reference);
``--cpu`` adds the processor time of each warm call beside its wall time, which
moves less on a machine others are using.

Loads the whole dump into a temporary cache and index (as a fully synced
profile), then times ``ExpertFinder.rank`` on question texts and short topics:
the first call (which reads only what it needs, through the tag counts kept
in the cache), the warm-up that holds the aggregates in memory, warm calls, a
call right after a small sync page (incremental refresh), one after the
background warm-up the app runs after each sync page, and the related
features. Then a one-shot ``kshare experts`` in a fresh process, first
without the tag counts on disk (as before they were kept in the cache: it
counts them from every item), then with them. Prints figures; asserts nothing
(timings depend on the machine).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

# Run as a script, this folder is on sys.path: the same loader as the evaluation.
from expertise_eval import Replay, load
from sqlalchemy import delete

from kshare.client.experts import profile_terms
from kshare.client.experts.finder import ExpertFinder
from kshare.client.store.models import ExpertItem, ExpertTagPerson, SyncState
from kshare.stackexchange import StackExchangeDump

FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


def timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return 1000 * (time.perf_counter() - started)


def timed_both(call: Callable[[], Any]) -> tuple[float, float]:
    """Wall and processor milliseconds of one call."""
    started, cpu = time.perf_counter(), time.process_time()
    call()
    return 1000 * (time.perf_counter() - started), 1000 * (time.process_time() - cpu)


def figures(values: list[float]) -> str:
    values = sorted(values)
    return (
        f"median={statistics.median(values):.0f} ms "
        f"p95={values[int(0.95 * (len(values) - 1))]:.0f} ms n={len(values)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--only", choices=["warm"], help="stop after the warm calls")
    parser.add_argument("--cpu", action="store_true", help="processor time of the warm calls")
    args = parser.parse_args()
    people, events, cases = load(StackExchangeDump(args.dump))
    head, tail = events[:-20], events[-20:]
    with tempfile.TemporaryDirectory(prefix="kshare-speed-") as tmp:
        started = time.perf_counter()
        replay = Replay(Path(tmp), people, head)
        replay.advance(FAR_FUTURE)
        print(
            f"loaded {len(replay.items)} items, {len(people)} people "
            f"in {time.perf_counter() - started:.0f} s"
        )
        started = time.perf_counter()
        profile_terms.catch_up_engine(replay.writer)  # what sync's hook does after each page
        print(f"expert data on disk for every item: {time.perf_counter() - started:.0f} s")
        finder = ExpertFinder(replay.reader, replay.index, lazy=True)
        texts = [c.text for c in cases[-args.queries :]]
        topics = sorted({t for c in cases[-args.queries :] for t in c.question.tags})
        print(f"first query (from the cache): {timed(lambda: finder.rank(texts[0])):.0f} ms")
        print(f"warm-up (aggregates into memory): {timed(finder.warm):.0f} ms")
        # A warm desktop keeps what is long-lived out of full collections
        # (kshare.ui.app.QuietCollections): so does this process, or a collection walking
        # the aggregates (a tenth of a second) lands in one of the questions timed
        gc.freeze()
        runs = {
            "question": [timed_both(partial(finder.rank, t)) for t in texts],
            "topic": [timed_both(partial(finder.rank, t)) for t in topics],
            "index only": [
                timed_both(partial(replay.index.matching_documents, t, limit=300)) for t in texts
            ],
        }
        for name, both in runs.items():
            print(f"{name:<11} {figures([wall for wall, _ in both])}")
        if args.cpu:
            for name, both in runs.items():
                print(f"{name + ' cpu':<15} {figures([cpu for _, cpu in both])}")
        if args.only == "warm":
            replay.close()
            return 0
        replay.events = iter(tail[:10])
        replay.pending = next(replay.events, None)
        replay.advance(FAR_FUTURE)
        print(f"after a small sync page: {timed(lambda: finder.rank(texts[0])):.0f} ms")
        # the app warms the index and the finder in a worker after each sync page
        replay.events = iter(tail[10:])
        replay.pending = next(replay.events, None)
        replay.advance(FAR_FUTURE)
        warm = timed(replay.index.warm) + timed(finder.warm)
        print(
            f"after another page and the background warm-up ({warm:.0f} ms): "
            f"{timed(lambda: finder.rank(texts[1])):.0f} ms"
        )
        someone = max(replay.answers, key=replay.answers.__getitem__)
        print(f"similar_experts: {timed(lambda: finder.similar_experts(someone)):.0f} ms")
        first = timed(lambda: finder.profile(someone))
        print(
            f"profile: first {first:.0f} ms, again {timed(lambda: finder.profile(someone)):.0f} ms"
        )
        replay.close()
        one_shot(Path(tmp), topics[0] if topics else "python")
    return 0


def one_shot(profile: Path, topic: str) -> None:
    """``kshare experts TOPIC`` in a new process: without the tag counts on disk, then with."""
    from kshare.client.experts import item_facts
    from kshare.client.store.db import create_writer_engine

    writer = create_writer_engine(profile / "cache.sqlite3")
    with writer.begin() as conn:
        for table in (ExpertItem, ExpertTagPerson):
            conn.execute(delete(table))
        conn.execute(delete(SyncState).where(SyncState.key == item_facts.STATE_KEY))
    writer.dispose()
    command = [sys.executable, "-m", "kshare", "experts", topic, "--profile", str(profile)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

    def run() -> float:
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env, timeout=600)
        return time.perf_counter() - started

    without = run()  # reads every item to count the tags, and keeps the counts
    with_saved = sorted(run() for _ in range(3))
    print(
        f"one-shot `kshare experts {topic}`: without the tag counts {without:.2f} s, "
        f"with them median {with_saved[1]:.2f} s (best {with_saved[0]:.2f} s)"
    )


if __name__ == "__main__":
    sys.exit(main())
