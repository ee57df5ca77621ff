"""``kshare search`` and ``kshare reindex``.

Registration must stay cheap (``kshare --help`` imports every part), so Whoosh,
SQLAlchemy and the index are imported only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any

from kshare.client.paths import ProfilePaths, add_profile_option

log = logging.getLogger(__name__)

QUERY_HELP = """\
query language:
  words               all must match (stemmed: "deploying" finds "deploy")
  "exact phrase"      words next to each other
  a OR b, a AND b     either / both; NOT word or -word leaves it out
  (a OR b) c          parentheses group
  kube*  vpn~         prefix; typo-tolerant word
  tag:T author:NAME type:question group:NAME title:WORD
  before:2024-03-01 after:2023   created before / on or after that day, month or year
"""


def register(subparsers: Any) -> None:
    search = subparsers.add_parser(
        "search",
        help="search what this profile has cached (works offline)",
        description="Search posts, questions, answers, comments, documents, people and groups.",
        epilog=QUERY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")
    search.add_argument("--json", action="store_true", help="print a JSON document")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="hits per page")
    search.add_argument("--page", type=int, default=1, metavar="P", help="page number (from 1)")
    search.add_argument(
        "--sort", choices=("relevance", "newest", "oldest"), default="relevance", help="order"
    )
    add_profile_option(search)
    search.set_defaults(func=run_search)

    reindex = subparsers.add_parser(
        "reindex",
        help="rebuild the search index from the cache",
        description="Rebuild this profile's search index from its cache (nothing is downloaded).",
    )
    add_profile_option(reindex)
    reindex.set_defaults(func=run_reindex)


def _open(profile: str | None) -> tuple[Any, Any]:
    from kshare.client.index import SearchIndex
    from kshare.client.store.db import open_cache

    paths = ProfilePaths.at(profile).ensure()
    engine = open_cache(paths.cache_db)
    return engine, SearchIndex(paths.index_dir, engine, blobs_dir=paths.blobs_dir)


def _progress_printer(label: str) -> Any:
    last = [-1]

    def progress(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent != last[0] and sys.stderr.isatty():
            last[0] = percent
            print(f"\r{label}: {done}/{total} ({percent}%)", end="", file=sys.stderr, flush=True)

    return progress


def run_search(args: argparse.Namespace) -> int:
    from kshare.client.store.db import CacheError

    text = " ".join(args.query)
    try:
        engine, index = _open(args.profile)
    except CacheError as exc:
        print(f"kshare search: {exc}", file=sys.stderr)
        return 1
    try:
        applied = index.catch_up(_progress_printer("indexing"))
        if applied and sys.stderr.isatty():
            print(file=sys.stderr)
        results = index.search(text, limit=args.limit, page=args.page, sort=args.sort)
    finally:
        index.close()
        engine.dispose()
    if args.json:
        print(json.dumps(results_as_json(results), ensure_ascii=False, indent=2))
        return 0
    print_results(results)
    return 0


def results_as_json(results: Any) -> dict[str, Any]:
    return {
        "query": results.query,
        "total": results.total,
        "page": results.page,
        "page_size": results.page_size,
        "suggestion": results.suggestion,
        "error": results.error,
        "facets": {name: [[v, n] for v, n in values] for name, values in results.facets.items()},
        "hits": [
            {
                "id": hit.id,
                "kind": hit.kind,
                "title": hit.title,
                "snippet_html": hit.snippet_html,
                "author": hit.author_name,
                "created_at": hit.created_at.isoformat() if hit.created_at else None,
                "tags": list(hit.tags),
                "score": round(hit.score, 4),
                "parent_id": hit.parent_id,
            }
            for hit in results.hits
        ],
    }


def print_results(results: Any) -> None:
    import html
    import re

    if results.error:
        print(f"note: {results.error}")
    if results.suggestion:
        print(f"did you mean: {results.suggestion}")
    if not results.hits:
        print("no results")
        return
    first = (results.page - 1) * results.page_size + 1
    last = first + len(results.hits) - 1
    print(f"{first}-{last} of {results.total}")
    for number, hit in enumerate(results.hits, start=first):
        when = hit.created_at.date().isoformat() if hit.created_at else ""
        by = f" by {hit.author_name}" if hit.author_name else ""
        print(f"\n{number}. [{hit.kind}] {hit.title or '(untitled)'}{by} {when}".rstrip())
        # the terminal shows matches in *stars* instead of <b> tags
        snippet = re.sub(r"</?b>", "*", hit.snippet_html)
        if snippet:
            print(f"   {html.unescape(snippet)}")
        print(f"   id: {hit.id}" + (f"  tags: {', '.join(hit.tags)}" if hit.tags else ""))


def run_reindex(args: argparse.Namespace) -> int:
    from kshare.client.store.db import CacheError

    try:
        engine, index = _open(args.profile)
    except CacheError as exc:
        print(f"kshare reindex: {exc}", file=sys.stderr)
        return 1
    try:
        count = index.rebuild(_progress_printer("rebuilding the search index"))
    finally:
        index.close()
        engine.dispose()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"search index rebuilt: {count} entries from the cache")
    return 0
