"""Change-feed pages per second for N concurrent simulated clients against a real server.

Starts ``kshare serve`` on 127.0.0.1 (SQLite, then PostgreSQL if reachable),
loads a synthetic organisation with the admin tools, then has each client
pull the whole feed page by page, repeatedly, for a fixed time. On PostgreSQL
the same clients run again against two server processes sharing the database
and the blob folder, and the scaling ratio is printed. Prints figures; asserts
nothing about speed. Clients are bounded (64) and talk only to 127.0.0.1.

    .venv/bin/python bench/server_bench.py [--clients 8] [--items 2000] [--seconds 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.support.server import ServerProcess  # noqa: E402
from tests.unit.server.support import ThrowawayPostgres, postgres_reason  # noqa: E402

from kshare.server.admin import AdminTools  # noqa: E402
from kshare.server.settings import HashParams  # noqa: E402


def load_org(data: Path, url: str | None, clients: int, items: int) -> list[str]:
    with AdminTools(data, url, hash_params=HashParams.fast()) as admin:
        for team in range(4):
            admin.add_group(f"team-{team}")
        for n in range(clients):
            admin.add_user(f"user{n}", f"User {n}", "pw", groups=[f"team-{n % 4}"])
        tokens = [admin.issue_token(f"user{n}") for n in range(clients)]
    return tokens


def publish(base: str, tokens: list[str], items: int) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        for n in range(items):
            audience = {"org": True} if n % 3 else {"groups": [f"team-{n % 4}"]}
            client.post(
                "/api/v1/items",
                headers={"Authorization": f"Bearer {tokens[n % len(tokens)]}"},
                json={
                    "id": str(uuid.uuid4()),
                    "title": f"item {n}",
                    "body": "text " * 50,
                    "tags": ["bench"],
                    "audience": audience,
                },
            )


def pull(base: str, token: str, seconds: float, limit: int, out: list[float]) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        while time.monotonic() < deadline:
            since = None
            while time.monotonic() < deadline:
                params = {"limit": limit, **({"since": since} if since else {})}
                began = time.monotonic()
                page = client.get("/api/v1/feed", params=params).json()
                out.append(time.monotonic() - began)
                since = page["cursor"]
                if not page["more"]:
                    break


def measure(bases: list[str], tokens: list[str], args: argparse.Namespace) -> tuple[int, float]:
    """Every client pulls for ``args.seconds``; clients are dealt round-robin to ``bases``."""
    timings: list[list[float]] = [[] for _ in tokens]
    threads = [
        threading.Thread(
            target=pull, args=(bases[i % len(bases)], t, args.seconds, args.limit, timings[i])
        )
        for i, t in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = sorted(x for per in timings for x in per)
    return len(every), every[int(0.95 * (len(every) - 1))] if every else float("nan")


def report(name: str, servers: int, pages: int, p95: float, args: argparse.Namespace) -> float:
    rate = pages / float(args.seconds)
    print(
        f"[{name}] {servers} server(s), {args.clients} clients, limit {args.limit}: "
        f"{pages} pages in {args.seconds:.0f} s = {rate:.1f} pages/s, p95 {p95 * 1000:.0f} ms"
    )
    return rate


def run(name: str, url: str | None, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="kshare-bench-") as tmp:
        data = Path(tmp)
        tokens = load_org(data, url, args.clients, args.items)
        extra = ["--database-url", url] if url else []
        first = ServerProcess(data, extra_args=extra)
        base = first.start().url
        second = None
        try:
            began = time.monotonic()
            publish(base, tokens, args.items)
            print(f"[{name}] published {args.items} items in {time.monotonic() - began:.1f} s")
            one = report(name, 1, *measure([base], tokens, args), args)
            if url is None:
                return  # SQLite is one machine's database: no second server to add
            # A second server on the same database and blob folder, as behind a load balancer.
            second = ServerProcess(data, extra_args=extra)
            two = report(name, 2, *measure([base, second.start().url], tokens, args), args)
            print(
                f"[{name}] scaling 1 -> 2 servers: x{two / one:.2f} "
                f"(same clients, same pages; bounded by this machine's {os.cpu_count()} cores, "
                "which also run the clients and the database)"
            )
        finally:
            first.stop()
            if second is not None:
                second.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, 64))
    args.items = max(1, min(args.items, 20_000))
    args.seconds = max(1.0, min(args.seconds, 120.0))
    run("sqlite", None, args)
    reason = postgres_reason()
    if reason:
        print(f"[postgresql] skipped: {reason}")
        return 0
    pg = ThrowawayPostgres()
    try:
        run("postgresql", pg.url, args)
    finally:
        pg.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
