"""The query language people already know, turned into a Whoosh query. It never raises.

Words (all must match; when no item has them all, those with most of them are
shown), ``"exact phrases"``, ``AND``/``OR``/``NOT``, ``-word``,
parentheses, ``prefix*``, ``word~`` (typo-tolerant), and filters: ``tag:``,
``author:``, ``type:``, ``group:``, ``title:``, ``before:``/``after:`` (a day,
month or year: ``before:2024-03`` means created before March 2024 began,
``after:2024`` means created in 2024 or later). Odd input (unbalanced quotes or
parentheses, a lone ``:``, unknown fields, huge queries) is read as well as it
can be, and :attr:`ParsedQuery.notes` says what was set aside.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .schema import ITEM_KINDS, TEXT_FIELDS, day_number

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 40
MAX_DEPTH = 12
SYNONYM_WEIGHT = 0.9  # "k8s" finds "kubernetes" in the texts, a little below "k8s" itself
FILTERS = frozenset({"tag", "tags", "author", "type", "kind", "group", "title", "before", "after"})
KIND_ALIASES = {
    **{kind: kind for kind in (*ITEM_KINDS, "person", "group")},
    **{f"{kind}s": kind for kind in (*ITEM_KINDS, "person", "group")},
    "people": "person",
    "doc": "document",
    "docs": "document",
    "file": "document",
    "files": "document",
    "q": "question",
}
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")


@dataclass
class QueryContext:
    """What the parser needs to know about the index and the cache."""

    analyze: Callable[[str], list[str]]  # text -> index terms (lower-cased, stemmed)
    known: Callable[[str], bool]  # is this index term in any text field?
    corrections: Callable[[str], list[str]]  # an index term -> close terms the index holds
    surface: Callable[[str], str | None]  # an index term (a stem) -> a word as people write it
    authors: Callable[[str], list[str]]  # a name, username or id -> person ids
    groups: Callable[[str], list[str]]  # a group name or id -> group ids
    # a tag as typed -> the tag it stands for, then its other names ("postgres" ->
    # ("postgresql", "postgres")); a tag with no aliases gives itself alone
    tag_names: Callable[[str], tuple[str, ...]] = lambda tag: (tag.lower(),)
    # an index term -> longer index terms that begin with it ("autosc" -> "autoscal")
    completions: Callable[[str], list[str]] = lambda _term: []


@dataclass
class ParsedQuery:
    query: Any | None  # a whoosh.query.Query, or None when nothing searchable was asked
    has_text: bool = False  # words or phrases (not only filters): relevance means something
    notes: list[str] = field(default_factory=list)
    corrected: dict[str, str] = field(default_factory=dict)  # unknown word -> suggestion


@dataclass
class _Token:
    kind: str  # word, phrase, field, lparen, rparen, and, or, not
    text: str = ""
    name: str = ""  # field name for kind == "field"
    quoted: bool = False
    negated: bool = False


def tokenize(text: str) -> tuple[list[_Token], list[str]]:
    notes: list[str] = []
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            tokens.append(_Token("lparen" if ch == "(" else "rparen"))
            i += 1
            continue
        negated = False
        if ch in "-+!" and i + 1 < n and not text[i + 1].isspace():
            negated = ch in "-!"
            i += 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            if end < 0:
                notes.append("A quotation mark was not closed; the phrase runs to the end.")
                end = n
            tokens.append(_Token("phrase", text[i + 1 : end], negated=negated))
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] not in '()"':
            i += 1
        word = text[start:i]
        name, colon, value = word.partition(":")
        if colon and name.lower() in FILTERS:
            quoted = False
            if not value and i < n and text[i] == '"':
                end = text.find('"', i + 1)
                if end < 0:
                    notes.append("A quotation mark was not closed; the phrase runs to the end.")
                    end = n
                value, quoted, i = text[i + 1 : end], True, end + 1
            tokens.append(_Token("field", value, name.lower(), quoted, negated))
        elif word in ("AND", "&&") and not negated:
            tokens.append(_Token("and"))
        elif word in ("OR", "||") and not negated:
            tokens.append(_Token("or"))
        elif word == "NOT" and not negated:
            tokens.append(_Token("not"))
        else:
            # an unknown "field:" is just words (URLs, "error: timeout", a lone ":")
            for part in re.split(r":+", word):
                if part:
                    tokens.append(_Token("word", part, negated=negated))
    return tokens, notes


class _Parser:
    def __init__(self, tokens: list[_Token], context: QueryContext) -> None:
        from whoosh import query as q

        self.q = q
        self.tokens = tokens
        self.pos = 0
        self.context = context
        self.notes: list[str] = []
        self.corrected: dict[str, str] = {}
        self.clauses = 0
        self.has_text = False
        self.relaxed = False

    # --- grammar: or := and (OR and)* ; and := unary+ ; unary := NOT unary | atom
    def parse(self) -> Any | None:
        result = self._or(0)
        while self.pos < len(self.tokens):  # a stray ")" ends a group early; read the rest too
            self.pos += 1
            rest = self._or(0)
            result = self._combine("and", [result, rest])
        return result

    def _peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _or(self, depth: int) -> Any | None:
        parts = [self._and(depth)]
        while (token := self._peek()) is not None and token.kind == "or":
            self.pos += 1
            parts.append(self._and(depth))
        return self._combine("or", parts)

    def _and(self, depth: int) -> Any | None:
        parts: list[Any | None] = []
        words: list[Any | None] = []  # plain words, when any of them may match (relaxed)
        while (token := self._peek()) is not None and token.kind not in ("or", "rparen"):
            if token.kind == "and":
                self.pos += 1
                continue
            plain = self.relaxed and token.kind == "word" and not token.negated
            (words if plain else parts).append(self._unary(depth))
        if words:
            parts.append(self._combine("or", words))
        return self._combine("and", parts)

    def _unary(self, depth: int) -> Any | None:
        token = self.tokens[self.pos]
        if token.kind == "not":
            self.pos += 1
            if self._peek() is None:
                return None
            inner = self._unary(depth)
            return self.q.Not(inner) if inner is not None else None
        self.pos += 1
        if token.kind == "lparen":
            inner = self._or(depth + 1) if depth < MAX_DEPTH else None
            if depth >= MAX_DEPTH:
                self.notes.append("Parentheses nest too deeply; the innermost were ignored.")
                while (t := self._peek()) is not None and t.kind != "rparen":
                    self.pos += 1
            if (t := self._peek()) is not None and t.kind == "rparen":
                self.pos += 1
            return inner
        if self.clauses >= MAX_CLAUSES:
            if self.clauses == MAX_CLAUSES:
                self.notes.append(f"Only the first {MAX_CLAUSES} words of the query were used.")
            self.clauses += 1
            return None
        self.clauses += 1
        atom = self._atom(token)
        if atom is not None and token.negated:
            return self.q.Not(atom)
        return atom

    def _combine(self, how: str, parts: list[Any | None]) -> Any | None:
        q = self.q
        present = [p for p in parts if p is not None]
        if not present:
            return None
        if how == "or":
            return present[0] if len(present) == 1 else q.Or(present)
        positive = [p for p in present if not isinstance(p, q.Not)]
        negative = [p.query for p in present if isinstance(p, q.Not)]
        if not negative:
            return positive[0] if len(positive) == 1 else q.And(positive)
        base = q.And(positive) if len(positive) > 1 else (positive[0] if positive else q.Every())
        exclude = negative[0] if len(negative) == 1 else q.Or(negative)
        return q.AndNot(base, exclude)

    # --- leaves
    def _atom(self, token: _Token) -> Any | None:
        if token.kind == "phrase":
            return self._text(token.text, phrase=True)
        if token.kind == "field":
            return self._filter(token)
        if token.kind == "word":
            return self._text(token.text, phrase=False)
        return None  # a stray ")" or operator

    def _text(self, text: str, *, phrase: bool, fields: tuple[str, ...] = ()) -> Any | None:
        q = self.q
        fields = fields or tuple(TEXT_FIELDS)
        word = text.strip()
        if not phrase and word.endswith("*") and len(word.rstrip("*")) >= 2:
            stem = word.rstrip("*").lower()
            self.has_text = True
            return q.Or([q.Prefix(f, stem, boost=TEXT_FIELDS[f]) for f in fields])
        fuzzy = not phrase and word.endswith("~")
        word = word.rstrip("~*")
        terms = self.context.analyze(word)
        if not terms:
            return None  # only common words such as "the"
        self.has_text = True
        from .phrases import ExactPhrase  # Whoosh loads with the first search, not at start-up
        from .words import WordTerm

        text_fields = [f for f in fields if f != "tags"]
        lowered = word.lower()
        names = self.context.tag_names(lowered) if "tags" in fields else (lowered,)
        tag_options = [WordTerm("tags", n, boost=TEXT_FIELDS["tags"]) for n in names]
        synonyms = self._synonyms(lowered, names, text_fields)
        if len(terms) > 1:
            options = [ExactPhrase(f, terms, boost=TEXT_FIELDS[f]) for f in text_fields]
            return _any([*options, *tag_options, *synonyms])
        term = terms[0]
        options = [WordTerm(f, term, boost=TEXT_FIELDS[f]) for f in text_fields]
        options += tag_options
        # a word that is another name of a tag is known, whatever the texts call it
        unknown = not phrase and not synonyms and not self.context.known(term)
        if unknown and not fuzzy:
            # The start of longer words ("autosc" of "autoscaling" when the texts say
            # "autoscaler", "postgr" of "postgresql") is what the person meant: those
            # words are looked for, and nothing is offered instead
            longer = self.context.completions(term)
            if longer:
                every = [*text_fields, "tags"] if "tags" in fields else text_fields
                options += [WordTerm(f, t, boost=0.8) for t in longer for f in every]
                return _any(options)
        if fuzzy or unknown:
            # Forgiving typos: stems the index holds within an edit or two are looked for
            # too, and a word the index has never seen is offered back as "did you mean"
            for rank, alternative in enumerate(self.context.corrections(term)):
                if alternative != term:
                    options += [WordTerm(f, alternative, boost=0.8) for f in text_fields]
                if rank == 0 and unknown and not fuzzy:
                    surface = self.context.surface(alternative)
                    if surface:
                        self.corrected[word] = surface
        return _any([*options, *synonyms])

    def _synonyms(self, word: str, names: tuple[str, ...], fields: list[str]) -> list[Any]:
        """The other names of a tag, looked for in the texts a little below the word typed."""
        from .phrases import ExactPhrase
        from .words import WordTerm

        found: list[Any] = []
        for name in names:
            if name == word:
                continue
            terms = self.context.analyze(name.replace("-", " "))
            for f in fields:
                boost = TEXT_FIELDS[f] * SYNONYM_WEIGHT
                if len(terms) == 1:
                    found.append(WordTerm(f, terms[0], boost=boost))
                elif terms:
                    found.append(ExactPhrase(f, terms, boost=boost))
        return found

    def _filter(self, token: _Token) -> Any | None:
        q = self.q
        name, value = token.name, token.text.strip()
        if not value:
            self.notes.append(f"“{name}:” needs a value, e.g. {name}:{_example(name)}.")
            return None
        if name in ("tag", "tags"):
            if value.endswith("*") and len(value) > 2:
                return q.Prefix("tags", value.rstrip("*").lower())
            # tag:postgres finds what is tagged postgresql, and the other way round
            names = self.context.tag_names(value.lower())
            if len(names) == 1:
                return q.Term("tags", names[0])
            return q.Or([q.Term("tags", n) for n in names])
        if name in ("type", "kind"):
            kind = KIND_ALIASES.get(value.lower())
            if kind is None:
                self.notes.append(
                    f"Unknown type “{value}”; use one of: {', '.join(ITEM_KINDS)}, person, group."
                )
                return q.NullQuery
            return q.Term("kind", kind)
        if name == "author":
            ids = self.context.authors(value)
            if not ids:
                self.notes.append(f"No one called “{value}” is known here.")
                return q.NullQuery
            return (
                q.Or([q.Term("author", i) for i in ids])
                if len(ids) > 1
                else q.Term("author", ids[0])
            )
        if name == "group":
            terms = [value.lower(), *self.context.groups(value)]
            return q.Or([q.Term("groups", t) for t in dict.fromkeys(terms)])
        if name == "title":
            return self._text(value, phrase=token.quoted, fields=("title",))
        start = parse_date(value)
        if start is None:
            self.notes.append(
                f"“{name}:{value}” is not a date from 1970 to 9999; write e.g. {name}:2024-03-31."
            )
            return None
        day = day_number(int(start.timestamp()))  # start is a midnight UTC: exact in days
        if name == "before":
            # from 1, not None: people and groups carry 0 (no date) and are not "before" anything
            return q.NumericRange("day", 1, day, endexcl=True)
        return q.NumericRange("day", day, None)


def _any(options: list[Any]) -> Any:
    from whoosh import query as q

    from .words import WordOr, WordTerm

    if len(options) == 1:
        return options[0]
    if all(isinstance(o, WordTerm) for o in options):
        return WordOr(options)
    return q.Or(options)


def _example(name: str) -> str:
    return {"before": "2024-01-31", "after": "2024-01", "type": "question"}.get(name, "word")


def parse_date(value: str) -> datetime | None:
    """The first moment (UTC) of a year, month or day written like 2024, 2024-03 or 2024-03-31."""
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    if not 1970 <= year <= 9999:  # the range every kshare date lies in (kshare.client.dates)
        return None
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def can_relax(text: str) -> bool:
    """Whether ``text`` is two or more plain words and filters: no operators, phrases or groups."""
    tokens, _notes = tokenize(text[:MAX_QUERY_CHARS])
    words = [t for t in tokens if t.kind == "word" and not t.negated]
    return len(words) >= 2 and all(t.kind in ("word", "field") for t in tokens)


def parse(text: str, context: QueryContext, *, relaxed: bool = False) -> ParsedQuery:
    """Read ``text`` as a query; odd input gives the best reading plus notes, never an exception.

    ``relaxed``: plain words need not all match (any of them does; the more of them an
    item has, the higher it scores), filters still must.
    """
    notes: list[str] = []
    text = text.replace("\x00", " ")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notes.append(f"The query was cut to its first {MAX_QUERY_CHARS} characters.")
    tokens, token_notes = tokenize(text)
    parser = _Parser(tokens, context)
    parser.relaxed = relaxed
    whoosh_query = parser.parse()
    if whoosh_query is not None and isinstance(whoosh_query, parser.q.Not):
        whoosh_query = parser.q.AndNot(parser.q.Every(), whoosh_query.query)
    return ParsedQuery(
        query=whoosh_query,
        has_text=parser.has_text,
        notes=notes + token_notes + parser.notes,
        corrected=parser.corrected,
    )
