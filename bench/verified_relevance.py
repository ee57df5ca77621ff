"""Does the lift of verified content help search? nDCG@5 of the judged demo queries, with it
and without it, on the same seeded company, the same person's cache and the same queries.

The lift is applied when an item is indexed (``client/index/ranking.py``,
``VERIFIED_BOOST``), so the demo company is seeded once and its reader's feed pulled into
two caches and indexes: one built as the app builds it, one with the lift set to 0 (the
reference). Both answer every query of ``tests/relevance/demo_company.json``; the table
gives each mean nDCG@5, how many queries have a verified item among the expected ones,
and the queries whose score changed.

    python bench/verified_relevance.py
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the relevance set and its helpers live in tests/

from tests.relevance.test_relevance import CUTOFF, _judged, desktop_of, ndcg  # noqa: E402

from kshare.client.index import ranking  # noqa: E402
from kshare.demo_seed import build_demo_org  # noqa: E402
from kshare.server.app import create_app  # noqa: E402
from kshare.server.seed import demo_id, seed_org  # noqa: E402
from kshare.server.settings import HashParams, Settings  # noqa: E402


def verified_ids(root: Path) -> set[str]:
    with sqlite3.connect(root / "cache.sqlite3") as conn:
        rows = conn.execute("SELECT id FROM items WHERE verification IS NOT NULL").fetchall()
    return {row[0] for row in rows}


def scores(root: Path, judged: dict[str, Any], user: str, password: str) -> dict[str, float]:
    with desktop_of(root, user, password) as index:
        out = {}
        for case in judged["queries"]:
            expected = {demo_id("item", key) for key in case["expect"]}
            found = [hit.id for hit in index.search(case["query"], limit=CUTOFF).hits]
            out[case["query"]] = ndcg(found, expected)
        return out


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    judged = _judged("demo_company.json")
    org = build_demo_org()
    with tempfile.TemporaryDirectory(prefix="kshare-verified-") as tmp:
        server = Path(tmp) / "seeded"
        app = create_app(Settings(data_dir=server / "server", hash_params=HashParams.fast()))
        try:
            assert seed_org(app.state.services.db, app.state.services.passwords, org)
        finally:
            app.state.services.db.dispose()
        lifted = scores(server, judged, org.demo_user, org.demo_password)
        verified = verified_ids(server)
        # the same server again, a second cache and index built without the lift
        for name in ("cache.sqlite3", "index"):
            target = server / name
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)
        kept = ranking.VERIFIED_BOOST
        ranking.VERIFIED_BOOST = 0.0
        try:
            plain = scores(server, judged, org.demo_user, org.demo_password)
        finally:
            ranking.VERIFIED_BOOST = kept
    mean_lifted = sum(lifted.values()) / len(lifted)
    mean_plain = sum(plain.values()) / len(plain)
    changed = [q for q in lifted if abs(lifted[q] - plain[q]) > 1e-9]
    print(f"{'what':<44}{'with lift':>10}{'without':>10}{'ratio':>8}")
    ratio = mean_lifted / mean_plain if mean_plain else float("nan")
    print(f"{'mean nDCG@5, demo company':<44}{mean_lifted:>10.3f}{mean_plain:>10.3f}{ratio:>8.3f}")
    print(f"{'queries':<44}{len(lifted):>10}{len(plain):>10}")
    judging_verified = sum(
        1
        for case in judged["queries"]
        if {demo_id("item", key) for key in case["expect"]} & verified
    )
    print(f"verified items in the reader's cache: {len(verified)}")
    print(f"queries expecting a verified item: {judging_verified}")
    print(f"queries whose score changed: {len(changed)}")
    for q in changed:
        print(f"  {lifted[q]:.2f} <- {plain[q]:.2f}  {q}")
    lift = ranking.VERIFIED_BOOST
    print(f"verified_lift={lift} ndcg_with={mean_lifted:.3f} ndcg_without={mean_plain:.3f}")


if __name__ == "__main__":
    main()
