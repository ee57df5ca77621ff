"""Ordering matches, counting facets and marking snippets: the work behind one search.

Whoosh scores with BM25F (title and tags weigh more, see the query). Its
top-N collector skips blocks that cannot reach the top, which keeps plain
queries fast; recency and the per-item factor (accepted answers, votes) are
then applied to a pool of the best candidates instead of to every match,
because a factor of at most about 1.7 rarely lifts anything from far below.
"""

from __future__ import annotations

import heapq
import html
import math
import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .schema import SEP
from .store import Reading

POOL = 200  # candidates re-ranked per block of pages
RECENCY_HALF_LIFE_DAYS = 180.0
RECENCY_WEIGHT = 0.3
DATE_BUCKETS = (("past week", 7), ("past month", 31), ("past year", 366))
FACET_SIZE = 15
SNIPPET_SOURCE_CHARS = 60_000  # a snippet is looked for in the first part of a long document


def matching_docnums(reading: Reading, query: Any) -> list[int]:
    """Every live document the query matches (for the total and the facets)."""
    return list(reading.searcher.docs_for_query(query))


def recency(created: int, now: float) -> float:
    if created <= 0:
        return 1.0
    age_days = max(now - created, 0) / 86400.0
    return 1.0 + RECENCY_WEIGHT * math.pow(0.5, age_days / RECENCY_HALF_LIFE_DAYS)


def ranked(
    reading: Reading, query: Any, matched: list[int], *, sort: str, upto: int
) -> list[tuple[int, float]]:
    """The first ``upto`` matches in display order, each with its score."""
    columns = reading.columns()
    created = columns["created"]
    if sort in ("newest", "oldest"):
        key = created.__getitem__
        chooser = heapq.nlargest if sort == "newest" else heapq.nsmallest
        return [(d, 0.0) for d in chooser(upto, matched, key=key)]
    pool = POOL * math.ceil(max(upto, 1) * 1.5 / POOL)
    results = reading.searcher.search(query, limit=pool)
    boost = columns["c_boost"]
    now = time.time()
    rescored = [
        (d, s * boost[d] * recency(created[d], now))
        for d, s in ((hit.docnum, hit.score) for hit in results)
    ]
    rescored.sort(key=lambda pair: -pair[1])
    return rescored[:upto]


def facet_counts(
    columns: dict[str, list[Any]], matched: list[int], now: float
) -> dict[str, list[tuple[str, int]]]:
    """Counts per type, tag, author (id), group (id) and date range among all matches."""
    kinds = Counter(map(columns["kind"].__getitem__, matched))
    facets: dict[str, list[tuple[str, int]]] = {
        "type": [(str(k), n) for k, n in kinds.most_common() if k]
    }
    for name, column in (("tag", "c_tags"), ("author", "c_author"), ("group", "c_groups")):
        # count the distinct joined values first: far fewer than the matches
        combos = Counter(map(columns[column].__getitem__, matched))
        counts: Counter[str] = Counter()
        for combo, n in combos.items():
            if combo:
                for value in dict.fromkeys(bytes(combo).decode().split(SEP)):
                    if value:
                        counts[value] += n
        facets[name] = counts.most_common(FACET_SIZE)
    created = columns["created"]
    limits = [(label, now - days * 86400) for label, days in DATE_BUCKETS]
    dates: Counter[str] = Counter()
    for stamp in map(created.__getitem__, matched):
        if stamp <= 0:
            continue
        for label, limit in limits:
            if stamp >= limit:
                dates[label] += 1
                break
        else:
            dates["older"] += 1
    facets["date"] = [(label, dates[label]) for label, _ in [*DATE_BUCKETS, ("older", 0)]]
    facets["date"] = [(label, n) for label, n in facets["date"] if n]
    return facets


def highlight_terms(reading: Reading, query: Any) -> frozenset[str]:
    """The index terms (stems) the query matched in the text fields, prefixes and typos expanded.

    Whoosh's own ``existing_terms`` reuses a variable and only reports the first
    field's terms, so the query tree is walked here; excluded words are skipped.
    """
    reader = reading.searcher.reader()
    terms: set[str] = set()
    for leaf in _positive_leaves(query):
        if leaf.field() not in ("title", "body"):
            continue
        for fieldname, text in leaf.expanded_terms(reader, phrases=True):
            word = text.decode("utf-8") if isinstance(text, bytes) else str(text)
            if (fieldname, word) in reader:
                terms.add(word)
    return frozenset(terms)


def _positive_leaves(query: Any) -> Iterable[Any]:
    from whoosh import query as q

    if isinstance(query, q.Not):
        return
    if isinstance(query, q.AndNot):
        yield from _positive_leaves(query.a)
    elif query.is_leaf():
        yield query
    else:
        for child in query.children():
            yield from _positive_leaves(child)


def snippet(text: str, terms: Iterable[str], analyzer: Any, fallback_chars: int = 200) -> str:
    """Escaped HTML of the passages of ``text`` that match, with ``<b>`` around matches."""
    from whoosh import highlight

    text = text[:SNIPPET_SOURCE_CHARS]
    termset = frozenset(terms)
    marked = ""
    if termset and text:
        marked = highlight.highlight(
            text,
            termset,
            analyzer,
            highlight.ContextFragmenter(maxchars=200, surround=60),
            _BoldFormatter(),
            top=2,
        )
    if not marked:
        plain = " ".join(text[: fallback_chars * 2].split())
        cut = plain[:fallback_chars]
        marked = html.escape(cut + ("…" if len(plain) > fallback_chars else ""))
    return sanitize(marked)


def sanitize(fragment: str) -> str:
    """Only ``<b>`` survives, whatever the text held (the UI renders this as HTML)."""
    import nh3

    return nh3.clean(fragment, tags={"b"}, attributes={}, strip_comments=True)


class _BoldFormatter:
    """Whoosh formatter: HTML-escaped text, ``<b>`` around each match, fragments joined by "…"."""

    between = " … "

    def __call__(self, text: str, fragments: list[Any]) -> str:
        return self.between.join(self._fragment(f) for f in fragments)

    def _fragment(self, fragment: Any) -> str:
        out: list[str] = []
        index = fragment.startchar
        source = fragment.text
        ordered = sorted(fragment.matches, key=lambda t: (t.startchar, t.startchar - t.endchar))
        for token in ordered:
            if token.startchar is None or token.startchar < index:
                continue
            out.append(html.escape(source[index : token.startchar]))
            out.append(f"<b>{html.escape(source[token.startchar : token.endchar])}</b>")
            index = token.endchar
        out.append(html.escape(source[index : fragment.endchar]))
        return " ".join("".join(out).split())
