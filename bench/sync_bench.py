"""Benchmark the desktop's initial and incremental sync against a local server process.

Seeds N posts (about 1 KB each) and 2,000 documents straight into the server's
tables, signs a fresh profile in, and times the first sync end to end, split
into network (waiting for pages), SQLite (writing pages) and indexing. A raw
SQLite bulk insert of the same rows runs in the same process for reference.
Then one new post is made and the incremental sync is timed.

    python bench/sync_bench.py --posts 100000

The last line is machine-readable:
``posts_per_s=<v> raw_sqlite_posts_per_s=<v> incremental_ms=<v> posts=<n>``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for the seeding helper and the server runner in tests/

os.environ.setdefault("KSHARE_TEST_FAST_HASH", "1")

import keyring  # noqa: E402
from tests.integration.sync.seeding import seed_items  # noqa: E402
from tests.support.file_keyring import MemoryKeyring  # noqa: E402
from tests.support.server import ServerProcess  # noqa: E402

from kshare.client.services import Workspace  # noqa: E402
from kshare.client.sync.api import ApiClient  # noqa: E402
from kshare.protocol.schemas import AudienceSpec, ItemCreate  # noqa: E402
from kshare.server.admin import AdminTools  # noqa: E402

PASSWORD = "bench-password"


def raw_sqlite_reference(cache: Path, scratch: Path) -> tuple[float, int]:
    """Seconds to bulk-insert the synced item rows into an empty copy of the table."""
    source = sqlite3.connect(cache)
    schema = source.execute("SELECT sql FROM sqlite_master WHERE name='items'").fetchone()[0]
    rows = source.execute("SELECT * FROM items").fetchall()
    source.close()
    target = sqlite3.connect(scratch)
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("PRAGMA synchronous=NORMAL")
    target.execute(schema)
    marks = ",".join("?" * len(rows[0]))
    started = time.perf_counter()
    for start in range(0, len(rows), 500):  # the same page size the sync commits
        with target:
            target.executemany(f"INSERT INTO items VALUES ({marks})", rows[start : start + 500])
    elapsed = time.perf_counter() - started
    target.close()
    return elapsed, len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=2_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    folder = Path(tempfile.mkdtemp(prefix="kshare-sync-bench-"))
    server = ServerProcess(folder / "server").start()
    try:
        admin = AdminTools(server.data_dir)
        admin.add_user("author", "Author", PASSWORD)
        admin.add_user("reader", "Reader", PASSWORD)
        started = time.perf_counter()
        seed_items(server.data_dir, "author", args.posts, body_size=1000)
        seed_items(server.data_dir, "author", args.documents, body_size=300, kind="document",
                   documents=True)  # fmt: skip
        print(f"seeded {args.posts} posts + {args.documents} documents "
              f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)  # fmt: skip

        workspace = Workspace.open(folder / "profile")
        workspace.login(server.url, "reader", PASSWORD)
        started = time.perf_counter()
        report = workspace.sync()
        wall = time.perf_counter() - started
        if report.status.state != "idle":
            print(f"sync failed: {report.status.message}", file=sys.stderr)
            return 1
        synced = workspace.feed_count()
        timings = workspace._engine.timings if workspace._engine else {}
        items = args.posts + args.documents
        posts_per_s = items / wall
        raw_s, raw_rows = raw_sqlite_reference(workspace.paths.cache_db, folder / "raw.sqlite3")
        raw_per_s = raw_rows / raw_s
        print(f"initial sync: {synced} items in {wall:.1f} s = {posts_per_s:.0f} items/s",
              file=sys.stderr)  # fmt: skip
        # The three overlap (fetching, writing and indexing run on their own threads), so
        # they add up to more than the wall time; "index wait" is the part of indexing
        # the sync still had to wait for at its end.
        for part in ("network", "sqlite", "index", "index_wait"):
            label = part.replace("_", " ")
            print(f"  {label:10s} {timings.get(part, 0.0):7.1f} s", file=sys.stderr)
        print(f"  raw SQLite bulk insert of the same {raw_rows} rows: {raw_s:.2f} s = "
              f"{raw_per_s:.0f} rows/s; sync SQLite time is "
              f"{timings.get('sqlite', 0.0) / raw_s:.1f}x that", file=sys.stderr)  # fmt: skip

        author = ApiClient(server.url, admin.issue_token("author"))
        latencies, index_ms = [], []
        for n in range(5):
            author.create_item(
                ItemCreate(id=str(uuid.uuid4()), title=f"fresh {n}", body="one change",
                           audience=AudienceSpec(org=True)),
                key=str(uuid.uuid4()),
            )  # fmt: skip
            started = time.perf_counter()
            report = workspace.sync()
            latencies.append((time.perf_counter() - started) * 1000)
            if workspace._engine:
                index_ms.append(workspace._engine.timings.get("index", 0.0) * 1000)
        author.close()
        incremental_ms = sorted(latencies)[len(latencies) // 2]
        if index_ms:
            middle = sorted(index_ms)[len(index_ms) // 2]
            print(f"  of which index catch-up: median {middle:.0f} ms", file=sys.stderr)
        print(f"incremental sync of one change: median {incremental_ms:.0f} ms "
              f"(runs: {', '.join(f'{v:.0f}' for v in latencies)})", file=sys.stderr)  # fmt: skip
        workspace.close()
        admin.close()
    finally:
        pipe = server.process.stdout if server.process else None
        server.stop()
        if pipe is not None:
            pipe.close()
        if not args.keep:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
    print(
        f"posts_per_s={posts_per_s:.0f} raw_sqlite_posts_per_s={raw_per_s:.0f} "
        f"incremental_ms={incremental_ms:.0f} posts={args.posts}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
