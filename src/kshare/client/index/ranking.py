"""Ordering matches, counting facets and marking snippets: the work behind one search.

Whoosh scores with BM25F (title and tags weigh more, see the query). Its
top-N collector skips blocks that cannot reach the top, which keeps plain
queries fast; recency and the per-item factor (accepted answers, votes) are
then applied to a pool of the best candidates instead of to every match,
because a factor of at most about 1.7 rarely lifts anything from far below.
"""

from __future__ import annotations

import functools
import heapq
import html
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from .schema import SEP, TOKEN_PATTERN, stem_word
from .store import Reading

POOL = 200  # candidates re-ranked per block of pages
RECENCY_HALF_LIFE_DAYS = 180.0
RECENCY_WEIGHT = 0.3
DATE_BUCKETS = (("past week", 7), ("past month", 31), ("past year", 366))
FACET_SIZE = 15
SNIPPET_SOURCE_CHARS = 60_000  # a snippet is looked for in the first part of a long document
# Verified by a curator or its author: a small lift, added to the per-item factor.
VERIFIED_BOOST = 0.1

# every match of a query, in document order: a list, or an array from the bulk path
Matches = Sequence[int] | npt.NDArray[np.intp]


def with_verified(boost: float, verified: bool) -> float:
    """The per-item factor with the small additive lift of verified content."""
    return boost + VERIFIED_BOOST if verified else boost


def matching_docnums(reading: Reading, query: Any) -> list[int]:
    """Every live document the query matches (for the total and the facets)."""
    return list(reading.searcher.docs_for_query(query))


ONE_PASS_MAX = 10_000  # estimated matches up to which every match is scored in one pass


def matched_and_ranked(
    reading: Reading, query: Any, *, sort: str, upto: int, now: float
) -> tuple[Matches, list[tuple[int, float]]]:
    """Every match (for the total and the facets) and the first ``upto`` in display order.

    ``now`` (seconds since the epoch) is what recency is measured against.

    Most queries are evaluated a posting list at a time (:mod:`.collect`): every
    match and its score at once, in a fraction of the time Whoosh's collector takes
    to walk them. The rest take Whoosh's way: up to ONE_PASS_MAX estimated matches,
    every match scored in one pass (cheaper than finding them all and then searching
    again for the best, measured at 20k posts); very broad queries keep two passes.
    """
    from .collect import scored_arrays

    found = scored_arrays(reading.searcher, query)
    if found is not None:
        matched, scores = found
        if sort != "relevance":
            return matched, ranked(reading, query, matched.tolist(), sort=sort, upto=upto, now=now)
        return matched, _rescored(reading, _best(matched, scores, _pool(upto)), upto, now)
    if sort == "relevance":
        try:
            estimate = query.estimate_size(reading.searcher.reader())
        except Exception:  # an estimate is only a hint
            estimate = ONE_PASS_MAX + 1
        if estimate <= ONE_PASS_MAX:
            results = reading.searcher.search(query, limit=None)
            scored = [(d, s) for s, d in results.top_n]
            # in document order, as docs_for_query gives them: facet ties keep their order
            return sorted(d for d, _ in scored), _rescored(reading, scored, upto, now)
    matched_list = matching_docnums(reading, query)
    return matched_list, ranked(reading, query, matched_list, sort=sort, upto=upto, now=now)


def _best(
    docnums: npt.NDArray[np.intp], scores: npt.NDArray[np.float64], count: int
) -> list[tuple[int, float]]:
    """The ``count`` best (docnum, score), Whoosh's order: best score first, the lower
    document number on a tie."""
    if len(scores) > count:
        # every score up to the count-th best, ties at its value included
        least = np.partition(scores, len(scores) - count)[len(scores) - count]
        chosen = np.flatnonzero(scores >= least)
    else:
        chosen = np.arange(len(scores))
    order = chosen[np.lexsort((docnums[chosen], -scores[chosen]))][:count]
    return list(zip(docnums[order].tolist(), scores[order].tolist(), strict=True))


def recency(created: int, now: float) -> float:
    if created <= 0:
        return 1.0
    age_days = max(now - created, 0) / 86400.0
    return 1.0 + RECENCY_WEIGHT * math.pow(0.5, age_days / RECENCY_HALF_LIFE_DAYS)


def ranked(
    reading: Reading, query: Any, matched: list[int], *, sort: str, upto: int, now: float
) -> list[tuple[int, float]]:
    """The first ``upto`` matches in display order, each with its score."""
    columns = reading.columns()
    created = columns["created"]
    if sort in ("newest", "oldest"):
        key = created.__getitem__
        chooser = heapq.nlargest if sort == "newest" else heapq.nsmallest
        return [(d, 0.0) for d in chooser(upto, matched, key=key)]
    results = reading.searcher.search(query, limit=_pool(upto))
    return _rescored(reading, [(d, s) for s, d in results.top_n], upto, now)


def _pool(upto: int) -> int:
    return POOL * math.ceil(max(upto, 1) * 1.5 / POOL)


def _rescored(
    reading: Reading, scored: list[tuple[int, float]], upto: int, now: float
) -> list[tuple[int, float]]:
    """The best ``upto`` of a pool of (docnum, score) by score, with recency and boost applied.

    ``scored`` is in Whoosh's order (best first); only its first pool is re-ranked.
    """
    if not scored:
        return []
    columns = reading.columns()
    created = columns["created"]
    boost = columns["c_boost"]
    rescored = [(d, s * boost[d] * recency(created[d], now)) for d, s in scored[: _pool(upto)]]
    rescored.sort(key=lambda pair: -pair[1])
    return rescored[:upto]


def facet_counts(
    reading: Reading,
    matched: Matches,
    now: float,
    tag_aliases: Mapping[str, str] | None = None,
) -> dict[str, list[tuple[str, int]]]:
    """Counts per type, tag, author (id), group (id) and date range among all matches.

    Each document's values are coded once per segment and its date range once an
    hour (:mod:`.facets`), so counting is a few array operations over the matches.
    Tags are counted under the tag they stand for (``tag_aliases``: alias -> tag), once
    per document even when it carries both names.
    """
    from . import facets as codes

    docnums = codes.as_docnums(matched)
    found: dict[str, list[tuple[str, int]]] = {
        "type": codes.count(reading, "kind", _kinds, docnums)
    }
    for name, column in (("tag", "c_tags"), ("author", "c_author"), ("group", "c_groups")):
        key: Any = ("values", column)
        values_of: Callable[[dict[str, list[Any]]], list[tuple[str, ...]]] = functools.partial(
            _split_column, column
        )
        if name == "tag" and tag_aliases:
            key = ("canonical tags", tuple(sorted(tag_aliases.items())))
            values_of = functools.partial(_canonical, dict(tag_aliases))
        found[name] = codes.count(reading, key, values_of, docnums, FACET_SIZE)
    hour = int(now // 3600)  # the ranges' edges move on at most an hour late

    def ranges(columns: dict[str, list[Any]]) -> list[tuple[str, ...]]:
        return codes.per_document(_date_buckets(columns["created"], now))

    dates = dict(codes.count(reading, ("date buckets", hour), ranges, docnums))
    labels = [label for label, _ in DATE_BUCKETS] + ["older"]
    found["date"] = [(label, dates[label]) for label in labels if dates.get(label)]
    return found


def _kinds(columns: dict[str, list[Any]]) -> list[tuple[str, ...]]:
    from .facets import per_document

    return per_document(columns["kind"])


def _split_column(column: str, columns: dict[str, list[Any]]) -> list[tuple[str, ...]]:
    return _split(columns[column])


def facet_values(reading: Reading, column: str) -> list[tuple[str, ...]]:
    """Each document's values of a joined facet column, split once per commit."""
    return reading.index.per_segment(reading, ("values", column), lambda c: _split(c[column]))


def _canonical(aliases: Mapping[str, str], columns: dict[str, list[Any]]) -> list[tuple[str, ...]]:
    """A segment's documents' tags with aliases replaced by their tag."""
    done: dict[tuple[str, ...], tuple[str, ...]] = {}
    out = []
    for tags in _split(columns["c_tags"]):
        canonical = done.get(tags)
        if canonical is None:
            canonical = tuple(dict.fromkeys(aliases.get(t, t) for t in tags))
            done[tags] = canonical
        out.append(canonical)
    return out


def _split(column: list[Any]) -> list[tuple[str, ...]]:
    """Each document's distinct values of a joined column (a few distinct joins repeat)."""
    parsed: dict[bytes, tuple[str, ...]] = {}
    out = []
    for combo in column:
        combo = bytes(combo or b"")
        values = parsed.get(combo)
        if values is None:
            values = tuple(v for v in dict.fromkeys(combo.decode().split(SEP)) if v)
            parsed[combo] = values
        out.append(values)
    return out


def _date_buckets(created: list[int], now: float) -> list[str | None]:
    """Each document's date range label (None for people and groups, which have no date)."""
    limits = [(label, now - days * 86400) for label, days in DATE_BUCKETS]
    out: list[str | None] = []
    for stamp in created:
        if stamp <= 0:
            out.append(None)
            continue
        for label, limit in limits:
            if stamp >= limit:
                out.append(label)
                break
        else:
            out.append("older")
    return out


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


def snippet(text: str, terms: Iterable[str], fallback_chars: int = 200) -> str:
    """Escaped HTML of up to two passages of ``text`` that match, with ``<b>`` around matches.

    Whoosh's highlighter re-analyzes the whole text through its filter chain, which
    costs more than the search itself; here a word is stemmed only when its first
    letters could make one of the matched stems.
    """
    text = text[:SNIPPET_SOURCE_CHARS]
    termset = frozenset(terms)
    heads = frozenset(t[:3] for t in termset)
    spans: list[tuple[int, int]] = []
    bounds: list[tuple[int, int]] = []  # the passages, at most two
    cursor = 0
    if termset:
        # the text is read only as far as the second passage reaches: a long document's
        # first matches are all a snippet shows
        for match in _candidates(heads).finditer(text):
            word = match.group().lower()
            if word[:3] not in heads or stem_word(word) not in termset:
                continue
            start = match.start()
            if start >= cursor and len(bounds) == 2:
                break
            spans.append(match.span())
            if start < cursor:
                continue  # inside the passage already begun
            begin = _word_start(text, max(start - SNIPPET_BEFORE, cursor))
            finish = _word_end(text, min(begin + SNIPPET_WIDTH, len(text)))
            bounds.append((begin, finish))
            cursor = finish
    if not spans:
        plain = " ".join(text[: fallback_chars * 2].split())
        cut = plain[:fallback_chars]
        return sanitize(html.escape(cut + ("…" if len(plain) > fallback_chars else "")))
    passages = [
        _mark(text, begin, finish, [(a, b) for a, b in spans if a >= begin and b <= finish])
        for begin, finish in bounds
    ]
    return sanitize(" … ".join(passages))


@functools.lru_cache(maxsize=64)
def _candidates(heads: frozenset[str]) -> re.Pattern[str]:
    """The tokens of ``_WORD`` that could start with one of ``heads``, found by the regex engine.

    Looking at every word in Python cost more than the search; the lookbehinds make a
    match start exactly where a ``_WORD`` token starts (not inside "a.b"), so the same
    tokens come out. Heads that are not plain ASCII fall back to every token.
    """
    if not heads or not all(h.isascii() and h.isalnum() for h in heads):
        return _WORD
    options = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?<!\w\.)(?=(?i:{options})){TOKEN_PATTERN}")


SNIPPET_WIDTH = 200
SNIPPET_BEFORE = 60
_WORD = re.compile(TOKEN_PATTERN)


def _word_start(text: str, at: int) -> int:
    while 0 < at < len(text) and not text[at - 1].isspace():
        at -= 1
    return at


def _word_end(text: str, at: int) -> int:
    while at < len(text) and not text[at].isspace():
        at += 1
    return at


def _mark(text: str, begin: int, finish: int, spans: list[tuple[int, int]]) -> str:
    out = ["…" if begin > 0 else ""]
    cursor = begin
    for start, end in spans:
        out.append(html.escape(text[cursor:start]))
        out.append(f"<b>{html.escape(text[start:end])}</b>")
        cursor = end
    out.append(html.escape(text[cursor:finish]))
    out.append("…" if finish < len(text) else "")
    return " ".join("".join(out).split())


def sanitize(fragment: str) -> str:
    """Only ``<b>`` survives, whatever the text held (the UI renders this as HTML)."""
    import nh3

    return nh3.clean(fragment, tags={"b"}, attributes={}, strip_comments=True)
