"""A word looked for in several fields, scored from whole posting lists.

The query language turns ``deploy`` into an OR of the word in the title, the
body and the tags. Whoosh answers that with a tree of union matchers that
scores one document at a time; :class:`WordOr` reads each field's postings in
bulk (:func:`.postings.term_scores`), sums the fields' scores per document and
hands the result on as one :class:`.postings.ScoredList`, which AND, OR, NOT and
filters combine as they would any matcher. Scores are Whoosh's own BM25F ones
(``tests/unit/index/test_words.py`` holds them equal).
"""

from __future__ import annotations

from typing import Any

from whoosh import matching
from whoosh.query import Or, Term

from .postings import term_scores
from .whoosh_private import ScoredList


class WordTerm(Term):  # type: ignore[misc]
    """A :class:`~whoosh.query.Term` scored from its whole posting list."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        found = self._scored(searcher, context)
        return super().matcher(searcher, context) if found is None else found

    def _scored(self, searcher: Any, context: Any) -> Any:
        if context is not None and context.weighting is not searcher.weighting:
            return None  # unscored (boolean) or another model: Whoosh's own way
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return matching.NullMatcher()
        try:
            text = searcher.schema[fieldname].to_bytes(self.text)
        except ValueError:
            return matching.NullMatcher()
        if (fieldname, text) not in searcher.reader():
            return matching.NullMatcher()
        return term_scores(searcher, fieldname, text, self.boost)


class WordOr(Or):  # type: ignore[misc]
    """An OR of :class:`WordTerm` (a word in several fields, or its typo corrections)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        subs = self.subqueries
        if self.minmatch or self.scale or not all(isinstance(s, WordTerm) for s in subs):
            return super().matcher(searcher, context)
        parts = []
        for sub in subs:
            found = sub._scored(searcher, context)
            if found is None:
                return super().matcher(searcher, context)
            if isinstance(found, ScoredList):
                parts.append(found)
        if not parts:
            return matching.NullMatcher()
        if len(parts) == 1:
            ids, scores = parts[0].ids_and_scores()
        else:
            # a document's total adds its parts' scores in the order of the parts; the
            # first two may swap (a + b == b + a exactly), so the longest of them is
            # taken whole in C and only the others are added one posting at a time
            if len(parts[1]) > len(parts[0]):
                parts[0], parts[1] = parts[1], parts[0]
            total: dict[int, float] = dict(zip(*parts[0].ids_and_scores(), strict=True))
            for part in parts[1:]:
                get = total.get
                for docnum, score in zip(*part.ids_and_scores(), strict=True):
                    total[docnum] = get(docnum, 0.0) + score
            ids = sorted(total)
            scores = list(map(total.__getitem__, ids))
        if self.boost != 1.0:
            scores = [s * self.boost for s in scores]
        return ScoredList(ids, scores)
