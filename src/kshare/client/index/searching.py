"""One search from query text to :class:`SearchResults`, and topic matching for the expert finder.

Every hit is joined against the live cache tables before it is shown: a row
the cache no longer holds is never returned, even if the index lags behind.
"""

from __future__ import annotations

import heapq
import logging
import re
from collections.abc import Collection
from datetime import datetime
from itertools import compress
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, or_, select

from kshare.client.labels import title_phrase_of
from kshare.client.store import tag_aliases
from kshare.client.store.models import SyncState
from kshare.client.store.tag_aliases import TagAliases
from kshare.client.views import DocumentMatch, SearchHit, SearchResults

from . import source, spelling
from .query import QueryContext, can_relax, parse
from .ranking import (
    SNIPPET_SOURCE_CHARS,
    facet_counts,
    highlight_terms,
    matched_and_ranked,
    snippet,
)
from .schema import ITEM_KINDS, stem_word, text_analyzer
from .store import Reading

if TYPE_CHECKING:
    from .index import SearchIndex
    from .words import WordTerm

log = logging.getLogger(__name__)

SORTS = ("relevance", "newest", "oldest")
MAX_PAGE_SIZE = 100
RELAX_BELOW = 1  # no item has every word: items with most of them are shown instead
_ANALYZER = text_analyzer()
_WORD = re.compile(r"\w+", re.UNICODE)


def analyze(text: str) -> list[str]:
    return [token.text for token in _ANALYZER(text)]


def _context(index: SearchIndex, reading: Reading, aliases: TagAliases) -> QueryContext:
    from whoosh.query import Term

    reader = reading.searcher.reader()

    def known(term: str) -> bool:
        return any(reader.doc_frequency(f, term) for f in ("title", "body", "tags"))

    def completions(term: str) -> list[str]:
        if len(term) < 3 or not term.isalnum():
            return []
        return spelling.completions(reading, term)

    def corrections(term: str) -> list[str]:
        if not 3 <= len(term) <= 30 or not term.isalpha():  # long "words" are not typos
            return []
        return spelling.suggest(reading, term, maxdist=2 if len(term) > 5 else 1)

    def surface(stem: str) -> str | None:
        # the index holds stems ("certif"); "did you mean" needs a word as written, so
        # read it from one cached item that contains the stem
        for fieldname in ("title", "body"):
            for hit in reading.searcher.search(Term(fieldname, stem), limit=3):
                row = source.rows_by_id(index.engine, source.ITEMS, [hit["id"]]).get(hit["id"])
                text = f"{row['title']} {row['body']}" if row is not None else ""
                for word in _WORD.findall(text[:200_000]):
                    if stem_word(word.lower()) == stem:
                        return str(word).lower()
        return None

    def authors(value: str) -> list[str]:
        people = source.PEOPLE
        lowered = value.lower()
        exact = or_(
            people.c.id == value,
            func.lower(people.c.username) == lowered,
            func.lower(people.c.display_name) == lowered,
        )
        with index.engine.connect() as conn:
            ids = list(conn.execute(select(people.c.id).where(exact)).scalars())
            if not ids:  # "author:smith" finds Jane Smith
                like = func.lower(people.c.display_name).contains(lowered, autoescape=True)
                ids = list(conn.execute(select(people.c.id).where(like).limit(20)).scalars())
        return [str(i) for i in ids]

    def groups(value: str) -> list[str]:
        table = source.GROUPS
        match = or_(table.c.id == value, func.lower(table.c.name) == value.lower())
        with index.engine.connect() as conn:
            return [str(i) for i in conn.execute(select(table.c.id).where(match)).scalars()]

    return QueryContext(
        analyze, known, corrections, surface, authors, groups, aliases.names, completions
    )


def run_search(
    index: SearchIndex, text: str, *, limit: int = 20, page: int = 1, sort: str = "relevance"
) -> SearchResults:
    limit = min(max(int(limit), 1), MAX_PAGE_SIZE)
    page = max(int(page), 1)
    notes: list[str] = []
    if sort not in SORTS:
        notes.append(f"Unknown sort “{sort}”; sorted by relevance.")
        sort = "relevance"
    empty = SearchResults(query=text, hits=(), total=0, page=page, page_size=limit)
    current = index._reading_index()
    if current is None:
        done = index.progress
        state = f" ({done[0]} of {done[1]})" if done else ""
        return _with_error(empty, f"The search index is being built{state}; try again shortly.")
    try:
        with current.searcher() as reading:
            return _search(index, reading, text, limit, page, sort, notes)
    except Exception as exc:
        # damaged index files surface as assorted decoder errors deep in Whoosh; the user
        # gets a plain message and the next catch-up rebuilds the index
        index.mark_damaged(exc)
        return _with_error(empty, "The search index is damaged and is being rebuilt.")


def _with_error(results: SearchResults, error: str) -> SearchResults:
    return SearchResults(
        query=results.query,
        hits=results.hits,
        total=results.total,
        page=results.page,
        page_size=results.page_size,
        facets=results.facets,
        suggestion=results.suggestion,
        error=error,
    )


def _search(
    index: SearchIndex,
    reading: Reading,
    text: str,
    limit: int,
    page: int,
    sort: str,
    notes: list[str],
) -> SearchResults:
    aliases = tag_aliases.read(index.engine)
    parsed = parse(text, _context(index, reading, aliases))
    notes += parsed.notes
    suggestion = _suggestion(text, parsed.corrected)
    nothing = SearchResults(text, (), 0, page, limit, {}, suggestion, " ".join(notes) or None)
    if parsed.query is None:
        return nothing
    if not parsed.has_text and sort == "relevance":
        sort = "newest"  # only filters: nothing to rank by but time
    offset = (page - 1) * limit
    # a few extra candidates stand in for any the cache has dropped since they were indexed
    upto = offset + limit + 10
    now = index.clock.now().timestamp()  # one instant for recency and the date facets
    matched, order = matched_and_ranked(reading, parsed.query, sort=sort, upto=upto, now=now)
    if len(matched) < RELAX_BELOW and can_relax(text):
        # A question in a person's own words rarely has every word of the item it is
        # after: when no item has them all, the items with most of them are shown
        # (words must all match whenever some item has them all)
        relaxed = parse(text, _context(index, reading, aliases), relaxed=True)
        if relaxed.query is not None:
            matched, loose = matched_and_ranked(
                reading, relaxed.query, sort=sort, upto=upto, now=now
            )
            strict = {d for d, _ in order}
            order = order + [(d, s) for d, s in loose if d not in strict]
    if not len(matched):  # nothing to count or show: no need to read the columns
        return nothing
    facets_raw = facet_counts(reading, matched, now, aliases.to_tag)
    window = order[offset:]
    terms = highlight_terms(reading, parsed.query)
    with index.engine.connect() as conn:
        hits, gone = _hits(index, conn, reading, window, terms, limit)
        facets = _named_facets(reading, conn, facets_raw)
    return SearchResults(
        query=text,
        hits=tuple(hits),
        total=max(len(matched) - gone, 0),
        page=page,
        page_size=limit,
        facets=facets,
        suggestion=suggestion,
        error=" ".join(notes) or None,
    )


def _suggestion(text: str, corrected: dict[str, str]) -> str | None:
    if not corrected:
        return None
    fixed = text
    for word, better in corrected.items():
        fixed = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", better, fixed, flags=re.IGNORECASE)
    return fixed if fixed != text else None


def _hits(
    index: SearchIndex,
    conn: Connection,
    reading: Reading,
    window: list[tuple[int, float]],
    terms: frozenset[str],
    limit: int,
) -> tuple[list[SearchHit], int]:
    """The page's hits, and how many candidates the cache no longer holds."""
    from .extract import strip_markdown  # with the document extractor: not for expert queries

    searcher = reading.searcher
    kinds = reading.columns()["kind"]
    ids = [(searcher.stored_fields(d)["id"], kinds[d], score) for d, score in window]
    item_ids = [i for i, k, _ in ids if k not in ("person", "group")]
    items = source.rows_by_id(conn, source.ITEMS, item_ids, HIT_COLUMNS)
    people = source.rows_by_id(conn, source.PEOPLE, [i for i, k, _ in ids if k == "person"])
    groups = source.rows_by_id(conn, source.GROUPS, [i for i, k, _ in ids if k == "group"])
    live = [(i, k, s) for i, k, s in ids if i in items or i in people or i in groups]
    chosen = live[:limit]
    parent_ids = [str(items[i]["parent_id"]) for i, _, _ in chosen if i in items]
    parents = source.rows_by_id(
        conn,
        source.ITEMS,
        [p for p in parent_ids if p != "None"],
        PARENT_COLUMNS,
    )
    grandparents = [
        str(p["parent_id"])
        for p in parents.values()
        if p["parent_id"] and p["parent_id"] not in parents
    ]
    if grandparents:
        parents.update(
            source.rows_by_id(
                conn, source.ITEMS, grandparents, ("id", "title", "kind", "parent_id")
            )
        )
    names = {pid: display for pid, (display, _username) in _directory(reading, conn)[0].items()}
    hits = []
    for item_id, kind, score in chosen:
        if item_id in people:
            row = people[item_id]
            body = "\n".join(
                [row["title"] or "", row["department"] or "", ", ".join(row["skills"] or [])]
            )
            hits.append(
                SearchHit(
                    item_id,
                    "person",
                    str(row["display_name"]),
                    snippet(body, terms),
                    score=score,
                    tags=tuple(row["skills"] or ()),
                )
            )
            continue
        if item_id in groups:
            row = groups[item_id]
            hits.append(
                SearchHit(
                    item_id,
                    "group",
                    str(row["name"]),
                    snippet(row["description"] or "", terms),
                    score=score,
                )
            )
            continue
        row = items[item_id]
        title = title_phrase_of(row, parents)
        # the snippet looks at the first SNIPPET_SOURCE_CHARS of the text; Markdown marks
        # take little room, so twice that is plenty and a huge body is not stripped whole
        body = strip_markdown((row["body"] or "")[: 2 * SNIPPET_SOURCE_CHARS])
        if kind == "document":
            extracted = index.texts.text_of(row)
            body = f"{body}\n{extracted.text}" if body else extracted.text
        hits.append(
            SearchHit(
                id=item_id,
                kind=str(row["kind"]),
                title=title.text,
                snippet_html=snippet(body, terms),
                author_name=names.get(str(row["author_id"]), ""),
                created_at=source.as_utc(row["created_at"]),
                tags=tuple(str(t) for t in row["tags"] or ()),
                score=float(score),
                parent_id=str(row["parent_id"]) if row["parent_id"] else None,
                title_phrase=title if title.context else None,
            )
        )
    return hits, len(ids) - len(live)


def _named_facets(
    reading: Reading, conn: Connection, raw: dict[str, list[tuple[str, int]]]
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Author and group facets by the names people type into ``author:`` and ``group:``."""
    people, groups = _directory(reading, conn)
    named = dict(raw)
    named["author"] = [(people[v][1], n) for v, n in raw.get("author", []) if v in people]
    named["group"] = [(groups[v], n) for v, n in raw.get("group", []) if v in groups]
    return {key: tuple(values) for key, values in named.items()}


def _directory(
    reading: Reading, conn: Connection
) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Everyone's (display name, username) and every group's name, as the cache has them now.

    Read whole (a company's people and groups are a few thousand rows) and kept until
    the cache's change counter moves, so names of people and groups the cache no
    longer has are never shown; two look-ups a search fewer.
    """
    # here, not at the top: the repository loads the wire schemas, which an expert
    # query (the other way in, through matching_documents) never needs
    from kshare.client.store import repository

    seq = conn.execute(
        select(SyncState.value).where(SyncState.key == repository.LOCAL_SEQ)
    ).scalar()

    def load() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
        people, groups = source.PEOPLE, source.GROUPS
        rows = conn.execute(select(people.c.id, people.c.display_name, people.c.username))
        named = {str(i): (str(d or u), str(u)) for i, d, u in rows}
        return named, {str(i): str(n) for i, n in conn.execute(select(groups.c.id, groups.c.name))}

    return reading.index.memo(reading, ("directory", seq), load)  # type: ignore[no-any-return]


# what the page of hits and DocumentMatch read from the cache (not the JSON they do not need)
PARENT_COLUMNS = ("id", "title", "kind", "parent_id")
HIT_COLUMNS = (
    *("id", "kind", "title", "body", "parent_id", "author_id", "created_at", "tags"),
    "attachment",
)
MATCH_COLUMNS = (
    *("id", "kind", "author_id", "created_at", "parent_id", "tags", "is_accepted", "title"),
)
MAX_TOPIC_TERMS = 12  # the rarest words of a question; more only add postings to score
MIN_TOPIC_TERMS = 4
# postings read for a question's words, at most (after the first MIN_TOPIC_TERMS): about
# 100 ms of scoring; only questions of everyday words at 100k posts come near it
MAX_TOPIC_POSTINGS = 40_000
# how people phrase a question, not what it is about (the analyzer's stop list misses these)
QUESTION_WORDS = frozenset(
    {
        *("how", "what", "why", "where", "who", "whom", "which", "do", "doe", "did"),
        *("i", "me", "my", "our", "anyone", "someon", "know", "want", "need", "gett", "us"),
        *("get", "got", "use", "someth", "anyth", "pleas", "thank", "hi", "hello", "best", "way"),
    }
)
COMMON_SHARE = 0.05  # a term in more than 1 in 20 documents says little about a topic


def allowed_documents(reading: Reading, kinds: frozenset[str], cutoff: int | None) -> set[int]:
    """Documents of these kinds created before ``cutoff`` (seconds), worked out once per commit.

    The expert finder asks about many topics with the same kinds and date.
    """

    def allowed(columns: dict[str, list[object]]) -> list[bool]:
        return [
            kind in kinds and (cutoff is None or 0 < created < cutoff)  # type: ignore[operator]
            for kind, created in zip(columns["kind"], columns["created"], strict=True)
        ]

    def documents() -> set[int]:
        if cutoff is None:  # kinds only: the few documents of the other kinds say it
            by_kind = _of_kinds(reading, kinds)
            if by_kind is not None:
                return by_kind
        # each segment's part is kept while the segment lives: after a commit only the
        # new segment is looked at. A set, not a frozenset: Whoosh takes only those as
        # a filter (never changed)
        flags = reading.index.per_segment(reading, ("allow", kinds, cutoff), allowed)
        return set(compress(range(len(flags)), flags))

    return reading.index.memo(reading, ("allow", kinds, cutoff), documents)  # type: ignore[no-any-return]


def _of_kinds(reading: Reading, kinds: frozenset[str]) -> set[int] | None:
    """The documents of these kinds, through the postings of the ``kind`` terms: those of
    ``kinds``, or (when fewer) every document but those of the other kinds (the people
    and groups, for the expert finder: a few thousand documents).

    A process that asks once (``kshare experts``) would otherwise decode the facet
    columns of every document first, most of its time at 100,000 items. Documents
    deleted from a segment may be in the set; no search finds them. None when some
    document has no ``kind`` term (the counts of its terms fall short of the documents),
    which the columns then decide.
    """
    from whoosh.query import Term

    reader = reading.searcher.reader()
    total = reader.doc_count_all()
    # a term's document count includes its deleted documents, as the total does
    counts = {k: reader.doc_frequency("kind", k) for k in reader.field_terms("kind")}
    if sum(counts.values()) != total:
        return None
    wanted = sum(n for k, n in counts.items() if k in kinds)
    if wanted <= total - wanted:
        found: set[int] = set()
        for kind in counts.keys() & kinds:
            found.update(reading.searcher.docs_for_query(Term("kind", kind)))
        return found
    allowed = set(range(total))
    for kind in counts.keys() - kinds:
        allowed.difference_update(reading.searcher.docs_for_query(Term("kind", kind)))
    return allowed


def run_matching_documents(
    index: SearchIndex,
    text: str,
    *,
    before: datetime | None = None,
    limit: int = 500,
    kinds: Collection[str] | None = None,
) -> list[DocumentMatch]:
    from .collect import scored_matches
    from .words import WordOr

    current = index._reading_index()
    if current is None or not text.strip():
        return []
    wanted = [k for k in (kinds or ITEM_KINDS) if k in ITEM_KINDS]
    if not wanted:
        return []
    aliases = tag_aliases.read(index.engine)
    try:
        with current.searcher() as reading:
            options = topic_options(reading, text, aliases)
            if not options:
                return []
            # Kinds and date are checked against the per-document columns: the expert
            # finder asks about many topics with the same kinds and date, so the set of
            # allowed documents is worked out once per commit
            cutoff = int(source.as_utc(before).timestamp()) if before is not None else None  # type: ignore[union-attr]
            allow = allowed_documents(reading, frozenset(wanted), cutoff)
            limit = max(1, min(limit, 5000))
            query = WordOr(options) if len(options) > 1 else options[0]
            every = scored_matches(reading.searcher, query, ordered=False)
            if every is None:  # not evaluable in bulk: Whoosh's own walk
                results = reading.searcher.search(query, limit=limit, filter=allow)
                found = [(hit["id"], hit.score) for hit in results]
            else:
                # every match scored at once (a dozen words' postings read whole); the best
                # of the allowed ones, ties to the lower document number as Whoosh orders them
                docnums, scores = every
                kept = [(s, -d) for d, s in zip(docnums, scores, strict=True) if d in allow]
                if len(kept) > 8 * limit:  # a few best of many: a heap
                    best = heapq.nlargest(limit, kept)
                else:  # many of them: one sort in C
                    best = sorted(kept, reverse=True)[:limit]
                stored = reading.searcher.stored_fields
                found = [(stored(-d)["id"], score) for score, d in best]
    except Exception as exc:  # see run_search: damaged files mean a rebuild, not a crash
        index.mark_damaged(exc)
        return []
    rows = source.rows_by_id(index.engine, source.ITEMS, [i for i, _ in found], MATCH_COLUMNS)
    matches = []
    for item_id, score in found:
        row = rows.get(item_id)
        if row is None:
            continue  # gone from the cache since it was indexed
        matches.append(
            DocumentMatch(
                id=item_id,
                kind=str(row["kind"]),
                author_id=str(row["author_id"]),
                score=float(score),
                created_at=source.as_utc(row["created_at"]),  # type: ignore[arg-type]
                parent_id=str(row["parent_id"]) if row["parent_id"] else None,
                tags=tuple(str(t) for t in row["tags"] or ()),
                is_accepted=bool(row["is_accepted"]),
                title=str(row["title"] or ""),
            )
        )
    return matches


def topic_options(reading: Reading, text: str, aliases: TagAliases) -> list[WordTerm]:
    """The words of a topic or question worth looking for, each in its fields: the rarest
    few of its meaningful words in titles and bodies, and the tags it names (by any of
    their names); empty when none of them is in the index."""
    from .words import WordTerm

    reader = reading.searcher.reader()
    docs = max(reader.doc_count(), 1)
    # a commit's document frequencies, asked again by every question with the same words
    known: dict[tuple[str, str], int] = reading.index.memo(reading, ("topic df",), dict)

    def frequency(fieldname: str, term: str) -> int:
        found = known.get((fieldname, term))
        if found is None:
            found = known[(fieldname, term)] = reader.doc_frequency(fieldname, term)
        return found

    frequencies: dict[str, int] = {}
    for term in analyze(text[:20_000]):
        if term in QUESTION_WORDS:
            continue
        frequencies[term] = frequencies.get(term, 0) + 1
    scored: list[tuple[float, str]] = []
    common: list[tuple[float, str]] = []
    postings: dict[str, int] = {}
    for term, count in frequencies.items():
        in_body = frequency("body", term)
        in_title = frequency("title", term)
        df = max(in_body, in_title)
        if not df:
            continue
        postings[term] = in_body + in_title
        weight = (count * (1.0 + (docs / df)) ** 0.5, term)
        # small caches have no "common" words; in big ones they only add noise
        (common if df > COMMON_SHARE * docs and df > 10 else scored).append(weight)
    scored = scored or common  # a topic made only of common words still finds something
    terms: list[str] = []
    budget = 0
    for _, term in sorted(scored, reverse=True)[:MAX_TOPIC_TERMS]:
        # a question made of everyday words would read a large share of the index;
        # past the first few words, one that would overrun the budget is left out
        if len(terms) >= MIN_TOPIC_TERMS and budget + postings[term] > MAX_TOPIC_POSTINGS:
            continue
        terms.append(term)
        budget += postings[term]
    words = {w.lower() for w in _WORD.findall(text[:20_000])}
    # a tag is asked about by any of its names ("k8s" finds what is tagged kubernetes)
    names = dict.fromkeys(n for w in sorted(words) for n in aliases.names(w))
    tag_terms = [n for n in names if frequency("tags", n)][:MAX_TOPIC_TERMS]
    options = [WordTerm("title", t, boost=1.5) for t in terms]
    options += [WordTerm("body", t) for t in terms]
    options += [WordTerm("tags", t, boost=2.0) for t in tag_terms]
    return options
