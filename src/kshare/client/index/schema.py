"""The shape of the search index: what is indexed, what is kept per document for facets.

Bump :data:`SCHEMA_VERSION` whenever the fields or the way values are derived
change: an index stamped with another version is rebuilt from the cache.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Any

SCHEMA_VERSION = 8

# Fields a plain word is looked for in, with how much a match there counts.
# Titles and tags say what a thing is about more than a passing mention does.
TEXT_FIELDS: dict[str, float] = {"title": 3.0, "tags": 2.0, "body": 1.0}

# Value columns (one per document) that facets and re-ranking read without
# touching stored fields. Multi-valued ones join values with SEP.
SEP = "\x1f"
FACET_COLUMNS = ("kind", "c_tags", "c_author", "c_groups", "created", "c_boost")

ITEM_KINDS = ("post", "article", "question", "answer", "comment", "document", "collection")
ALL_KINDS = (*ITEM_KINDS, "person", "group")


TOKEN_PATTERN = r"\w+(?:\.?\w+)*"
_TOKEN = re.compile(TOKEN_PATTERN, re.UNICODE)

# fields analyzed by text_analyzer(), with positions (phrases); bulk.py tokenizes them itself
TEXT_ANALYZED = ("title", "body")


@functools.lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """Snowball (Porter2) stem, cached: indexing stems every word of every document."""
    return str(_stemmer().stem(word))


@functools.cache
def _stemmer() -> Any:
    from whoosh.lang.snowball.english import EnglishStemmer

    return EnglishStemmer()


def text_analyzer() -> Any:
    """Words, lower-cased, common English words dropped, stemmed (``deploying`` -> ``deploy``)."""
    from whoosh.analysis import StemmingAnalyzer

    # Snowball rather than Whoosh's default Porter: it maps "deployment" and "deploying"
    # to the same stem. minsize=1 keeps the "c" of "c++" and the "5" of "v5". An explicit
    # token pattern: whoosh-reloaded's default keeps "*" inside tokens, so Markdown's
    # **bold** would be indexed as "**bold**". Dots inside words stay ("node.js").
    # cachesize=None: stem_word has a faster cache than Whoosh's pure-Python one.
    return StemmingAnalyzer(expression=TOKEN_PATTERN, minsize=1, stemfn=stem_word, cachesize=None)


def day_number(seconds: int) -> int:
    """The ``day`` field of a document created at ``seconds``: 0 means no date.

    Day ``n`` holds the moments of ``[(n - 1) * 86400, n * 86400)``, so for a
    boundary at midnight UTC (the only kind the query language makes),
    ``t < boundary`` exactly when ``day_number(t) < day_number(boundary)``.
    """
    return seconds // 86400 + 1 if seconds else 0


def positions_by_term(text: str) -> dict[str, list[int]]:
    """Each index term of ``text`` with its positions, exactly as text_analyzer() gives them.

    One document at a time, what the segment writer (``bulk.TextColumn``) works out for
    many at once; both stand in for the analyzer, whose generator chain builds and
    updates a Token for each word, several times slower for the same result.
    Positions follow Whoosh's StopFilter: the first kept word keeps its own position,
    each later kept word takes the next one (dropped words leave no gap after it).
    """
    terms = list(map(_TERMS.__getitem__, lowered_words(text)))  # "" for a stop word
    if not terms:
        return {}
    found: defaultdict[str, list[int]] = defaultdict(list)
    if all(terms):  # no stop word: every word keeps its own position
        for pos, term in enumerate(terms):
            found[term].append(pos)
        return found
    first = next(index for index, term in enumerate(terms) if term) if any(terms) else 0
    for pos, term in enumerate(filter(None, terms), first):
        found[term].append(pos)
    return found


def lowered_words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, as the analyzer's tokenizer and filter give them."""
    if text.isascii():  # lower-casing ASCII first leaves the same tokens, lower-cased in C
        return _TOKEN.findall(text.lower())
    # elsewhere lower-casing can change what the pattern sees ("İ"): token by token
    return [word.lower() for word in _TOKEN.findall(text)]


def index_term(word: str) -> str:
    """The index term of a lower-cased word (its stem); "" for a stop word."""
    return _TERMS[word]


class _WordTerms(dict[str, str]):
    """A lower-cased word's index term ("" for a stop word), worked out once per word."""

    def __missing__(self, word: str) -> str:
        term = "" if word in _stop_words() else stem_word(word)
        if len(self) >= 200_000:  # a long tail of rare words must not grow it for ever
            self.clear()
        self[word] = term
        return term


_TERMS = _WordTerms()


@functools.cache
def _stop_words() -> frozenset[str]:
    from whoosh.analysis import STOP_WORDS

    return frozenset(STOP_WORDS)


def build_schema() -> Any:
    from whoosh import columns, fields

    analyzer = text_analyzer()
    schema = fields.Schema(
        id=fields.ID(unique=True, stored=True),
        kind=fields.ID(sortable=True),
        # boosts are applied at query time (TEXT_FIELDS): an index-time boost only scales
        # term frequency, which BM25 saturates
        # No spelling=True: Whoosh's spelling list keeps the words of deleted documents
        # (a purge must leave nothing) and doubles indexing work; typos are matched
        # against the stems instead (see searching.corrections).
        title=fields.TEXT(analyzer=analyzer),
        body=fields.TEXT(analyzer=analyzer),
        tags=fields.KEYWORD(lowercase=True, commas=True, scorable=True),
        author=fields.ID(),
        groups=fields.KEYWORD(lowercase=True, commas=True),
        # seconds since 1970 (UTC); 0 for people and groups, which have no date. A column
        # only: sorting and recency read it per document, nothing looks it up as a term.
        created=fields.COLUMN(columns.NumericColumn("q", default=0)),
        # before:/after: take whole days, so the range filter indexes day numbers (see
        # day_number): a few hundred distinct terms where seconds made one or more new
        # terms per document on each of 16 tiers, half the words of a whole segment
        day=fields.NUMERIC(numtype=int, bits=32, signed=True, shift_step=8),
        c_tags=fields.COLUMN(columns.VarBytesColumn()),
        c_author=fields.COLUMN(columns.VarBytesColumn()),
        c_groups=fields.COLUMN(columns.VarBytesColumn()),
        # relevance factor that does not depend on the query (accepted answer, votes)
        c_boost=fields.COLUMN(columns.NumericColumn("f", default=1.0)),
    )
    for name in ("id", "kind", "author", "groups"):
        # Whoosh looks up every posting's field length while writing a segment; for a
        # field without a length column each lookup is a file-exists check on disk (about
        # half of all indexing time). A length column (one byte a document) avoids that.
        schema[name].scorable = True
    return schema
