"""How long the inbox and the Home feed take to work out on a large cache.

Usage: ``python bench/inbox_bench.py [--items N]``

Fills a temporary cache (through the repository, as sync writes it) with N
items over the last 90 days from 200 colleagues — a fifth of them questions
with answers, some mentioning the reader — makes the reader follow a few
people and tags, and prints the time of a cold and a warm inbox, the unread
count, and the time of the Home feed and a weekly digest:

``items=<n> inbox_cold_s=<v> inbox_warm_s=<v> entries=<n> home_s=<v> digest_s=<v>``
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from kshare.client.home_feed.service import HomeFeed
from kshare.client.notifications.follows import queue_change
from kshare.client.notifications.service import Notifications
from kshare.client.store import repository
from kshare.client.store.db import create_writer_engine, open_cache
from kshare.clock import SYSTEM
from kshare.protocol.schemas import AudienceView, ItemOut, ItemUpsert, PersonOut, PersonUpsert

ME = "reader"


def fill(path: Path, count: int) -> None:
    rng = random.Random(11)
    now = SYSTEM.now()
    people = [f"p{n}" for n in range(200)]
    tags = [f"tag{n}" for n in range(60)]
    engine = create_writer_engine(path)
    with engine.begin() as conn:
        repository.upsert(
            conn,
            [PersonUpsert(data=PersonOut(id=p, username=p, display_name=p.upper(), version=1))
             for p in [*people, ME]],
        )  # fmt: skip
    batch: list[ItemUpsert] = []
    questions: list[str] = []
    for n in range(count):
        at = now - timedelta(minutes=rng.randrange(90 * 24 * 60))
        author = ME if n % 97 == 0 else rng.choice(people)
        if questions and n % 3 == 0:
            kind, parent = "answer", rng.choice(questions)
        else:
            kind, parent = ("question" if n % 5 == 0 else "post"), None
        item = ItemOut(
            id=f"i{n}",
            kind=kind,  # type: ignore[arg-type]
            parent_id=parent,
            author_id=author,
            title="" if parent else f"Item {n}",
            body="text " * 40,
            tags=[] if parent else rng.sample(tags, 2),
            created_at=at,
            updated_at=at,
            version=1,
            mentions=[ME] if n % 53 == 0 else [],
            audience=AudienceView(org=True),
        )
        if kind == "question":
            questions.append(item.id)
        batch.append(ItemUpsert(data=item))
        if len(batch) == 1000:
            with engine.begin() as conn:
                repository.upsert(conn, batch)
            batch = []
    with engine.begin() as conn:
        if batch:
            repository.upsert(conn, batch)
        for person in people[:5]:
            queue_change(conn, "person", person, True, now)
        for tag in tags[:3]:
            queue_change(conn, "tag", tag, True, now)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cache.sqlite3"
        open_cache(path).dispose()
        fill(path, args.items)
        reader, writer = open_cache(path), create_writer_engine(path)
        notes = Notifications(reader, writer, lambda: ME)
        started = time.perf_counter()
        entries = notes.inbox()
        cold = time.perf_counter() - started
        started = time.perf_counter()
        notes.inbox()
        warm = time.perf_counter() - started
        feed = HomeFeed(reader, lambda: ME, notes.follow_set, lambda: ["tag7"])
        started = time.perf_counter()
        feed.home(0.3)
        home = time.perf_counter() - started
        started = time.perf_counter()
        feed.digest(SYSTEM.now() - timedelta(days=7))
        digest = time.perf_counter() - started
        print(
            f"items={args.items} inbox_cold_s={cold:.3f} inbox_warm_s={warm:.3f} "
            f"entries={len(entries)} home_s={home:.3f} digest_s={digest:.3f}"
        )
        reader.dispose()
        writer.dispose()


if __name__ == "__main__":
    main()
