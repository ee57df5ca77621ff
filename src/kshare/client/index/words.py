"""A word looked for in several fields, scored from whole posting lists.

The query language turns ``deploy`` into an OR of the word in the title, the
body and the tags. Whoosh answers that with a tree of union matchers that
scores one document at a time; :class:`WordOr` reads each field's postings in
bulk (:func:`.postings.term_arrays`), sums the fields' scores per document and
hands the result on as one :class:`.postings.ScoredList`, which AND, OR, NOT and
filters combine as they would any matcher. Scores are Whoosh's own BM25F ones
(``tests/unit/index/test_words.py`` holds them equal).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import matching
from whoosh.query import Or, Term

from .postings import term_arrays
from .whoosh_private import ScoredList


class WordTerm(Term):  # type: ignore[misc]
    """A :class:`~whoosh.query.Term` scored from its whole posting list."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        found = self._scored(searcher, context)
        return super().matcher(searcher, context) if found is None else found

    def _scored(self, searcher: Any, context: Any) -> Any:
        found = self.arrays(searcher, context)
        if found is None or found is NOTHING:
            return matching.NullMatcher() if found is NOTHING else None
        return ScoredList(found[0].tolist(), found[1].tolist())

    def arrays(self, searcher: Any, context: Any = None) -> Any:
        """(docnums, scores) in one segment; ``NOTHING`` when it has no such word; None
        when Whoosh must answer."""
        if context is not None and context.weighting is not searcher.weighting:
            return None  # unscored (boolean) or another model: Whoosh's own way
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return NOTHING
        try:
            text = searcher.schema[fieldname].to_bytes(self.text)
        except ValueError:
            return NOTHING
        if (fieldname, text) not in searcher.reader():
            return NOTHING
        return term_arrays(searcher, fieldname, text, self.boost)


class WordOr(Or):  # type: ignore[misc]
    """An OR of :class:`WordTerm` (a word in several fields, or its typo corrections)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        found = self.arrays(searcher, context)
        if found is None:
            return super().matcher(searcher, context)
        if found is NOTHING:
            return matching.NullMatcher()
        return ScoredList(found[0].tolist(), found[1].tolist())

    def arrays(self, searcher: Any, context: Any = None) -> Any:
        """(docnums, scores) in one segment, each document's parts summed in the order of
        the parts as Whoosh's union matcher sums them; ``NOTHING`` when no part has a
        match; None when Whoosh must answer."""
        subs = self.subqueries
        if self.minmatch or self.scale or not all(isinstance(s, WordTerm) for s in subs):
            return None
        parts = []
        for sub in subs:
            found = sub.arrays(searcher, context)
            if found is None:
                return None
            if found is not NOTHING:
                parts.append(found)
        if not parts:
            return NOTHING
        if len(parts) == 1:
            ids, scores = parts[0]
        else:
            # over the segment's document numbers: which documents any part has, and
            # their sums; a document's parts are added one after another (0.0 + a is a
            # exactly); a part's documents are distinct, so each addition touches a
            # document once. (Sorting the joined parts for the union cost more.)
            size = max(int(part_ids[-1]) for part_ids, _ in parts) + 1
            present = np.zeros(size, dtype=bool)
            sums = np.zeros(size)
            for part_ids, part_scores in parts:
                present[part_ids] = True
                sums[part_ids] += part_scores
            ids = np.flatnonzero(present)
            scores = sums[ids]
        if self.boost != 1.0:
            scores = scores * self.boost
        return ids, scores


class _Nothing:
    """No document in the segment has the word (an empty match, not a reason to fall back)."""


NOTHING = _Nothing()
