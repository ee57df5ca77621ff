"""Search benchmark: kshare's Whoosh index next to SQLite FTS5 over the same text, in one run.

    python bench/search_bench.py [--posts 100000] [--documents 2000] [--repeat 3]

Generates a company's worth of posts, questions, answers and comments plus
document files (text blobs), from a vocabulary with a Zipf-like distribution
and topic clusters, so queries have realistic selectivity. Fills a real cache,
times ``SearchIndex.rebuild`` (which reads the cache and extracts the files),
then times ``SearchIndex.search`` end to end (parse, match, rank, facets, the
cache join, snippets for the page shown) for single terms, two terms, phrases,
filtered, misspelled and broad (facet-heavy) queries. FTS5 answers the same
queries with the same filters the way kshare does: the top 20 by bm25 with
snippets, the total, and the facets kshare counts for every search (type, tag,
author, date) by GROUP BY; a misspelt word is given to it with the words kshare
looks for in its place (the index's words within an edit or two), as FTS5 has
no edit distance. Each kind prints both engines' mean hit counts,
their ratio and in how many queries they are equal (the stemmers differ:
Snowball here, Porter there). It prints figures; it asserts nothing.

The last line is machine-readable:
``whoosh_p95_ms=<v> fts5_p95_ms=<v> ratio=<v> index_docs_per_s=<v> posts=<n>``
(p95 over every timed query of every kind).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

from kshare.client.index import SearchIndex
from kshare.client.store.db import open_cache
from kshare.client.store.models import CachedGroup, CachedItem, CachedPerson, SyncState
from kshare.client.sync.blobs import BlobStore
from kshare.clock import SYSTEM

SYLLABLES = [
    *("ka", "to", "ri", "mu", "sel", "ver", "dan", "lo", "pi", "nor", "ex", "tra", "gon", "vi"),
    *("sto", "qua", "mel", "fin", "ar", "del", "pro", "cen", "tu", "bri", "zo", "han", "lem"),
]
TOPICS = 60
TOPIC_WORDS = 150
KINDS = ("post", "post", "article", "question", "answer", "answer", "comment")
NOW = datetime(2026, 11, 1, tzinfo=UTC)


class Corpus:
    """Deterministic synthetic text: general words by Zipf, topic words in clusters."""

    def __init__(self, seed: int = 7, vocabulary: int = 30_000) -> None:
        self.rng = random.Random(seed)
        words: dict[str, None] = {}
        while len(words) < vocabulary:
            parts = self.rng.randint(2, 4)
            words["".join(self.rng.choice(SYLLABLES) for _ in range(parts))] = None
        self.words = list(words)
        # rank r is drawn with weight 1/r^1.07: a few very common words, a long tail
        self.cumulative = list(
            itertools.accumulate(1 / (r**1.07) for r in range(1, vocabulary + 1))
        )
        tail = self.words[2_000:]
        self.topics = [self.rng.sample(tail, TOPIC_WORDS) for _ in range(TOPICS)]
        self.topic_cumulative = list(
            itertools.accumulate(1 / (r**0.9) for r in range(1, TOPIC_WORDS + 1))
        )
        self.phrases = [[(t[i], t[i + 1]) for i in range(0, 20, 2)] for t in self.topics]

    def general(self, count: int) -> list[str]:
        total = self.cumulative[-1]
        return [
            self.words[bisect.bisect(self.cumulative, self.rng.random() * total)]
            for _ in range(count)
        ]

    def topical(self, topic: int, count: int) -> list[str]:
        total = self.topic_cumulative[-1]
        words = self.topics[topic]
        return [
            words[bisect.bisect(self.topic_cumulative, self.rng.random() * total)]
            for _ in range(count)
        ]

    def text(self, topic: int, length: int) -> str:
        words = self.general(length)
        for position, word in zip(
            self.rng.sample(range(length), length * 3 // 10),
            self.topical(topic, length * 3 // 10),
            strict=True,
        ):
            words[position] = word
        if self.rng.random() < 0.5:
            first, second = self.rng.choice(self.phrases[topic])
            at = self.rng.randrange(max(length - 1, 1))
            words[at : at + 2] = [first, second]
        return " ".join(words)


def fill_cache(engine: Engine, blobs: Path, corpus: Corpus, posts: int, documents: int) -> None:
    rng = corpus.rng
    seq = itertools.count(1)
    people = [
        {
            "id": f"u{n}",
            "username": f"user{n}",
            "display_name": f"Person {n}",
            "title": "Engineer",
            "department": f"Dept {n % 12}",
            "skills": corpus.topical(n % TOPICS, 3),
            "version": 1,
            "local_seq": next(seq),
        }
        for n in range(500)
    ]
    groups = [
        {
            "id": f"g{n}",
            "name": f"Group {n}",
            "kind": "team",
            "description": corpus.text(n % TOPICS, 20),
            "version": 1,
            "local_seq": next(seq),
        }
        for n in range(30)
    ]
    with engine.begin() as conn:
        conn.execute(insert(CachedPerson), people)
        conn.execute(insert(CachedGroup), groups)
    store = BlobStore(blobs, None)
    batch: list[dict[str, Any]] = []
    questions: list[str] = []
    for n in range(posts + documents):
        topic = rng.randrange(TOPICS)
        kind = "document" if n >= posts else rng.choice(KINDS)
        parent = None
        if kind in ("answer", "comment") and questions:
            parent = rng.choice(questions[-500:])
        created = NOW - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        group = f"g{topic % 30}"
        row: dict[str, Any] = {
            "id": f"i{n}",
            "kind": kind,
            "parent_id": parent,
            "author_id": f"u{rng.randrange(500)}",
            "title": "" if parent else corpus.text(topic, rng.randint(4, 9)),
            "body": corpus.text(topic, rng.randint(40, 220)),
            "tags": list(dict.fromkeys(corpus.topical(topic, rng.randint(1, 3)))),
            "created_at": created.replace(tzinfo=None),
            "updated_at": created.replace(tzinfo=None),
            "version": 1,
            "is_accepted": kind == "answer" and rng.random() < 0.3,
            "score": rng.randrange(20),
            "audience": {"groups": [{"id": group, "name": f"Group {topic % 30}", "kind": "team"}]},
            "local_seq": next(seq),
            "attachment": None,
        }
        if kind == "question":
            questions.append(row["id"])
        if kind == "document":
            text = "\n".join(corpus.text(topic, 120) for _ in range(rng.randint(4, 16)))
            sha = store.add_local(text.encode())
            row["attachment"] = {
                "sha256": sha,
                "size": len(text),
                "mime": "text/plain",
                "filename": f"doc{n}.txt",
            }
            row["body"] = ""
        batch.append(row)
        if len(batch) == 5000:
            with engine.begin() as conn:
                conn.execute(insert(CachedItem), batch)
            batch = []
    with engine.begin() as conn:
        if batch:
            conn.execute(insert(CachedItem), batch)
        conn.execute(insert(SyncState), [{"key": "local_seq", "value": str(next(seq))}])


def build_fts5(engine: Engine, blobs: Path, path: Path) -> tuple[sqlite3.Connection, float, int]:
    """The same text in an FTS5 table (porter stemming); returns the connection and seconds."""
    db = sqlite3.connect(path)
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(title, body, tags, kind UNINDEXED, "
        "author UNINDEXED, created UNINDEXED, tokenize='porter unicode61')"
    )
    store = BlobStore(blobs, None)
    rows: list[tuple[Any, ...]] = []
    with engine.connect() as conn:
        for item in conn.execute(insert(CachedItem).table.select()).mappings():
            body = item["body"]
            if item["attachment"]:
                body = store.path(item["attachment"]["sha256"]).read_text()
            rows.append(
                (
                    item["title"],
                    body,
                    " ".join(item["tags"]),
                    item["kind"],
                    item["author_id"],
                    int(item["created_at"].replace(tzinfo=UTC).timestamp()),
                )
            )
    db.execute("CREATE TABLE doc_tags (doc INTEGER, tag TEXT)")
    started = time.perf_counter()
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", rows)
    # tags one row each, as kshare's facet column keeps them, so both count the same facets
    db.executemany(
        "INSERT INTO doc_tags VALUES (?, ?)",
        [(n, tag) for n, row in enumerate(rows, start=1) for tag in row[2].split()],
    )
    db.execute("CREATE INDEX doc_tags_doc ON doc_tags (doc)")
    db.commit()
    return db, time.perf_counter() - started, len(rows)


def make_queries(corpus: Corpus, per_kind: int) -> dict[str, list[tuple[str, str]]]:
    """(kshare query, FTS5 MATCH expression) pairs by kind."""
    rng = random.Random(11)

    def topic_word(topic: int) -> str:
        return corpus.topics[topic][rng.randrange(3, 40)]

    queries: dict[str, list[tuple[str, str]]] = {k: [] for k in KIND_NAMES}
    for _ in range(per_kind):
        topic = rng.randrange(TOPICS)
        one, two = topic_word(topic), topic_word(topic)
        first, second = rng.choice(corpus.phrases[topic])
        queries["single term"].append((one, one))
        queries["two terms"].append((f"{one} {two}", f"{one} {two}"))
        queries["phrase"].append((f'"{first} {second}"', f'"{first} {second}"'))
        queries["filtered"].append((f"{one} type:question", f"{one} AND kind:question"))
        typo = one[:2] + one[3] + one[2] + one[4:] if len(one) > 4 else one + "x"
        # (FTS5's expression is replaced by kshare's corrections once the index exists)
        queries["fuzzy"].append((typo, f"{typo} OR {one}"))
        broad = corpus.words[rng.randrange(20, 120)]
        queries["faceted"].append((broad, broad))
    return queries


KIND_NAMES = ("single term", "two terms", "phrase", "filtered", "fuzzy", "faceted")
PLAIN_KINDS = ("single term", "two terms", "phrase", "filtered")  # the 50 ms target


def fts5_search(db: sqlite3.Connection, kind: str, match: str) -> int:
    """The query answered as kshare answers it: a page of 20 by rank with snippets, the
    total, and the facets kshare counts for every search (type, tag, author, date)."""
    if kind == "filtered":
        text, _, wanted = match.partition(" AND kind:")
        where, params = "docs MATCH ? AND kind = ?", (text, wanted)
    else:
        where, params = "docs MATCH ?", (match,)  # type: ignore[assignment]
    db.execute(
        f"SELECT rowid, title, snippet(docs, 1, '<b>', '</b>', '…', 12) FROM docs "
        f"WHERE {where} ORDER BY bm25(docs, 3.0, 1.0, 2.0) LIMIT 20",
        params,
    ).fetchall()
    db.execute("CREATE TEMP TABLE IF NOT EXISTS hits (doc INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM hits")
    db.execute(f"INSERT INTO hits SELECT rowid FROM docs WHERE {where}", params)
    total = db.execute("SELECT count(*) FROM hits").fetchone()[0]
    for column in ("kind", "author"):
        db.execute(
            f"SELECT {column}, count(*) FROM docs WHERE rowid IN (SELECT doc FROM hits) "
            f"GROUP BY {column} ORDER BY 2 DESC LIMIT 15"
        ).fetchall()
    db.execute(
        "SELECT tag, count(*) FROM doc_tags JOIN hits USING (doc) GROUP BY tag "
        "ORDER BY 2 DESC LIMIT 15"
    ).fetchall()
    now = SYSTEM.now().timestamp()
    db.execute(
        "SELECT sum(created >= ?), sum(created >= ?), sum(created >= ?), count(*) FROM docs "
        "WHERE rowid IN (SELECT doc FROM hits)",
        (now - 7 * 86400, now - 31 * 86400, now - 366 * 86400),
    ).fetchone()
    return int(total)


def corrected(index: SearchIndex, typo: str) -> str:
    """The FTS5 expression of a typo: the word and the corrections kshare adds to it."""
    from kshare.client.index import spelling
    from kshare.client.index.searching import analyze

    current = index._reading_index()
    terms = analyze(typo)
    if current is None or len(terms) != 1 or not 3 <= len(terms[0]) <= 30:
        return typo
    with current.searcher() as reading:
        fixes = spelling.suggest(reading, terms[0], maxdist=2 if len(terms[0]) > 5 else 1)
    return " OR ".join(dict.fromkeys([typo, *fixes]))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _keep(out: list[Any], call: Callable[[str], Any], text: str) -> None:
    out.append(call(text))


def timed(run: Callable[[], Any], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=40, help="queries per kind")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each query")
    args = parser.parse_args()

    corpus = Corpus()
    with tempfile.TemporaryDirectory(prefix="kshare-bench-") as folder:
        root = Path(folder)
        engine = open_cache(root / "cache.sqlite3")
        started = time.perf_counter()
        fill_cache(engine, root / "blobs", corpus, args.posts, args.documents)
        print(
            f"cache filled: {args.posts} posts, {args.documents} documents "
            f"in {time.perf_counter() - started:.1f} s",
            flush=True,
        )

        index = SearchIndex(root / "index", engine, blobs_dir=root / "blobs")
        started = time.perf_counter()
        indexed = index.rebuild()
        whoosh_build = time.perf_counter() - started
        db, fts_build, fts_rows = build_fts5(engine, root / "blobs", root / "fts.sqlite3")
        print(
            f"\nindex build    whoosh {whoosh_build:8.1f} s "
            f" ({indexed / whoosh_build:8.0f} docs/s)"
            f"   fts5 {fts_build:6.1f} s  ({fts_rows / fts_build:8.0f} docs/s)"
            f"   ratio {whoosh_build / fts_build:6.1f}x"
        )

        queries = make_queries(corpus, args.queries)
        # FTS5 has no edit distance: it is given the typo and the very words kshare looks
        # for in its place (the index's words within one or two edits), the same matches
        queries["fuzzy"] = [(typo, corrected(index, typo)) for typo, _ in queries["fuzzy"]]
        index.warm()  # as the app does in the background after the index catches up
        for text, _ in queries["single term"][:3]:  # and a few searches warm the OS caches
            index.search(text)
        everything: dict[str, list[float]] = {"whoosh": [], "fts5": []}
        plain: dict[str, list[float]] = {"whoosh": [], "fts5": []}
        totals = []
        print(
            f"\n{'kind':12} {'engine':7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
            f"{'mean hits':>10}"
        )
        for kind in KIND_NAMES:
            whoosh: list[float] = []
            fts: list[float] = []
            hits_w: list[int] = []
            hits_f: list[int] = []
            for text, match in queries[kind]:
                results: list[Any] = []
                whoosh += timed(partial(_keep, results, index.search, text), args.repeat)
                hits_w.append(results[-1].total)
                errors = [r.error for r in results if r.error]
                if errors:
                    print(f"  note for {text!r}: {errors[0]}")
                fts += timed(partial(fts5_search, db, kind, match), args.repeat)
                hits_f.append(fts5_search(db, kind, match))
            totals.append(statistics.mean(hits_w))
            everything["whoosh"] += whoosh
            everything["fts5"] += fts
            if kind in PLAIN_KINDS:
                plain["whoosh"] += whoosh
                plain["fts5"] += fts
            for name, samples in (("whoosh", whoosh), ("fts5", fts)):
                print(
                    f"{kind:12} {name:7} {percentile(samples, 0.5):8.1f} "
                    f"{percentile(samples, 0.95):8.1f} {percentile(samples, 0.99):8.1f} "
                    f"{statistics.mean(hits_w if name == 'whoosh' else hits_f):10.0f}"
                )
            same = sum(w == f for w, f in zip(hits_w, hits_f, strict=True))
            hit_ratio = sum(hits_w) / max(sum(hits_f), 1)
            print(
                f"{'':12} {'ratio':7} {percentile(whoosh, 0.95) / percentile(fts, 0.95):17.1f}x"
                f" at p95; hits kshare/fts5 {hit_ratio:.2f}, equal in {same}/{len(hits_w)}"
            )
        topics = [" ".join(corpus.text(t, 25).split()[:25]) for t in range(0, TOPICS, 3)]
        matching = [
            sample
            for text in topics
            for sample in timed(partial(index.matching_documents, text, limit=500), 2)
        ]
        print(
            f"\nmatching_documents (a 25-word question, 500 items): "
            f"p50 {percentile(matching, 0.5):.1f} ms, p95 {percentile(matching, 0.95):.1f} ms"
        )
        index.close()
        db.close()
        engine.dispose()

    p95 = percentile(plain["whoosh"], 0.95)
    print(
        f"\nplain queries ({', '.join(PLAIN_KINDS)}): whoosh p95 {p95:.1f} ms, "
        f"fts5 p95 {percentile(plain['fts5'], 0.95):.1f} ms, "
        f"ratio {p95 / percentile(plain['fts5'], 0.95):.1f}"
    )
    w95 = percentile(everything["whoosh"], 0.95)
    f95 = percentile(everything["fts5"], 0.95)
    print(f"all kinds: whoosh p95 {w95:.1f} ms, fts5 p95 {f95:.1f} ms")
    print(
        f"whoosh_p95_ms={w95:.1f} fts5_p95_ms={f95:.2f} ratio={w95 / f95:.1f} "
        f"index_docs_per_s={indexed / whoosh_build:.0f} posts={args.posts}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
