"""The shape of the search index: what is indexed, what is kept per document for facets.

Bump :data:`SCHEMA_VERSION` whenever the fields or the way values are derived
change: an index stamped with another version is rebuilt from the cache.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 6

# Fields a plain word is looked for in, with how much a match there counts.
# Titles and tags say what a thing is about more than a passing mention does.
TEXT_FIELDS: dict[str, float] = {"title": 3.0, "tags": 2.0, "body": 1.0}

# Value columns (one per document) that facets and re-ranking read without
# touching stored fields. Multi-valued ones join values with SEP.
SEP = "\x1f"
FACET_COLUMNS = ("kind", "c_tags", "c_author", "c_groups", "created", "c_boost")

ITEM_KINDS = ("post", "article", "question", "answer", "comment", "document", "collection")
ALL_KINDS = (*ITEM_KINDS, "person", "group")


def text_analyzer() -> Any:
    """Words, lower-cased, common English words dropped, stemmed (``deploying`` -> ``deploy``)."""
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.lang.snowball.english import EnglishStemmer

    # Snowball (Porter2) rather than Whoosh's default Porter: it maps "deployment" and
    # "deploying" to the same stem. minsize=1 keeps the "c" of "c++" and the "5" of "v5".
    # An explicit token pattern: whoosh-reloaded's default keeps "*" inside tokens, so
    # Markdown's **bold** would be indexed as "**bold**". Dots inside words stay ("node.js").
    return StemmingAnalyzer(
        expression=TOKEN_PATTERN,
        minsize=1,
        stemfn=EnglishStemmer().stem,
        cachesize=100_000,
    )


TOKEN_PATTERN = r"\w+(?:\.?\w+)*"


def spelling_analyzer() -> Any:
    """Words as written (not stemmed), so "did you mean" offers real words."""
    from whoosh.analysis import LowercaseFilter, RegexTokenizer, StopFilter

    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | StopFilter(minsize=3, maxsize=30)


def build_schema() -> Any:
    from whoosh import columns, fields, formats

    analyzer = text_analyzer()
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        kind=fields.ID(sortable=True),
        # boosts are applied at query time (TEXT_FIELDS): an index-time boost only scales
        # term frequency, which BM25 saturates
        title=fields.TEXT(analyzer=analyzer),
        body=fields.TEXT(analyzer=analyzer),
        # The spelling list for typo tolerance. An ordinary field with postings, not
        # Whoosh's spelling=True: that list keeps words when their documents are deleted,
        # so a purged document's words would survive in it (and be suggested).
        words=fields.FieldType(formats.Existence(), spelling_analyzer()),
        tags=fields.KEYWORD(lowercase=True, commas=True, scorable=True),
        author=fields.ID(),
        groups=fields.KEYWORD(lowercase=True, commas=True),
        # seconds since 1970 (UTC); 0 for people and groups, which have no date
        created=fields.NUMERIC(numtype=int, bits=64, signed=True, sortable=True),
        c_tags=fields.COLUMN(columns.VarBytesColumn()),
        c_author=fields.COLUMN(columns.VarBytesColumn()),
        c_groups=fields.COLUMN(columns.VarBytesColumn()),
        # relevance factor that does not depend on the query (accepted answer, votes)
        c_boost=fields.COLUMN(columns.NumericColumn("f", default=1.0)),
    )
