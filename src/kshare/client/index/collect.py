"""Every match of a query with its score, worked out a posting list at a time.

Whoosh's collector walks a tree of matchers one document at a time, several
Python calls per document and per tree node; for a word with thousands of
matches that was most of a search. Here the query tree is evaluated bottom-up:
words and phrases come scored in bulk from :mod:`.words` and :mod:`.phrases`,
AND intersects, OR unites and AND NOT removes whole sets at once, with the
scores Whoosh gives (a sum over the parts that match; the excluded side adds
nothing). Parts this module does not know (prefixes, date ranges) are asked of
their own Whoosh matcher, and a query it cannot evaluate at all (an ``Every`` of
one field) gives None, so the caller falls back to Whoosh's collector.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import query as q

from .phrases import ExactPhrase
from .postings import Docnums
from .postings import Scores as ScoreArray
from .whoosh_private import ScoredList
from .words import NOTHING, WordOr, WordTerm

Scores = dict[int, float]


def scored_matches(
    searcher: Any, query: Any, *, ordered: bool = True
) -> tuple[list[int], list[float]] | None:
    """Every live match and its score, in docnum order unless ``ordered`` is False.

    None if Whoosh must answer.
    """
    docnums: list[int] = []
    scores: list[float] = []
    single = isinstance(query, (WordOr, WordTerm, ExactPhrase))
    for sub, offset in searcher.leaf_searchers():
        if single:  # one word (or phrase): its scored list is in docnum order already
            matcher = query.matcher(sub, sub.context())
            if isinstance(matcher, ScoredList):
                ids, found_scores = matcher.ids_and_scores()
                docnums.extend([d + offset for d in ids] if offset else ids)
                scores.extend(found_scores)
                continue
            found: Scores | None = _from_matcher(matcher)
        else:
            found = _evaluate(query, sub)
        if found is None:
            return None
        ids = sorted(found) if ordered else list(found)
        docnums.extend([d + offset for d in ids] if offset else ids)
        scores.extend(map(found.__getitem__, ids))
    return docnums, scores


def scored_arrays(searcher: Any, query: Any) -> tuple[Docnums, ScoreArray] | None:
    """:func:`scored_matches` in docnum order, as arrays (docnums, scores).

    A word (in its fields) is summed up in arrays segment by segment, never as a
    Python list; anything else is evaluated as :func:`scored_matches` does.
    """
    if isinstance(query, (WordOr, WordTerm)):
        ids: list[Docnums] = []
        scores: list[ScoreArray] = []
        for sub, offset in searcher.leaf_searchers():
            found = query.arrays(sub, sub.context())
            if found is None:
                break  # Whoosh's own matcher, below
            if found is not NOTHING:
                ids.append(found[0] + offset if offset else found[0])
                scores.append(found[1])
        else:
            if not ids:
                return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float64)
            return np.concatenate(ids), np.concatenate(scores)
    listed = scored_matches(searcher, query)
    if listed is None:
        return None
    return np.array(listed[0], dtype=np.intp), np.array(listed[1], dtype=np.float64)


def _evaluate(node: Any, sub: Any) -> Scores | None:
    if isinstance(node, (WordOr, WordTerm, ExactPhrase)):
        return _from_matcher(node.matcher(sub, sub.context()))
    if isinstance(node, q.Term):  # a filter such as type:question, scored as Whoosh does
        return _from_matcher(WordTerm(node.fieldname, node.text, boost=node.boost).matcher(sub))
    if node is q.NullQuery or isinstance(node, type(q.NullQuery)):
        return {}
    if isinstance(node, q.AndNot):
        kept = _evaluate(node.a, sub)
        if kept is None:
            return None
        if kept:
            dropped = _evaluate(node.b, sub)
            removed = set(node.b.docs(sub)) if dropped is None else dropped.keys()
            kept = {d: s for d, s in kept.items() if d not in removed}
        return _boosted(kept, node.boost)
    if isinstance(node, q.And) and type(node) is q.And:
        return _boosted(_intersection(node.subqueries, sub), node.boost)
    if type(node) is q.Or and not node.minmatch and not node.scale:
        return _boosted(_union(node.subqueries, sub), node.boost)
    if isinstance(node, q.Every):
        if node.fieldname not in (None, "", "*"):
            return None  # every document with some word in a field: Whoosh's own walk
        # "everything but ...": each live document, scored as Whoosh's ListMatcher
        # scores it (the boost, or 1.0 when the boost is 0)
        score = node.boost or 1.0
        return dict.fromkeys(sub.reader().all_doc_ids(), score)
    return _from_matcher(node.matcher(sub, sub.context()))


def _from_matcher(matcher: Any) -> Scores:
    if isinstance(matcher, ScoredList):
        return dict(zip(*matcher.ids_and_scores(), strict=True))
    if not matcher.is_active():
        return {}
    found = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


def _intersection(parts: list[Any], sub: Any) -> Scores | None:
    known: list[Scores] = []
    others = []
    for part in parts:
        if isinstance(part, (q.NumericRange, q.Prefix, q.Wildcard, q.TermRange)):
            others.append(part)  # walked only over the documents the rest allow
            continue
        scores = _evaluate(part, sub)
        if scores is None:
            return None
        known.append(scores)
    if not known:  # only ranges and prefixes: the first is walked whole
        known.append(_from_matcher(others.pop(0).matcher(sub, sub.context())))
    smallest = min(known, key=len)
    candidates = [d for d in smallest if all(d in k for k in known)]
    totals = {d: 0.0 for d in candidates}
    for part in others:
        matcher = part.matcher(sub, sub.context())
        present: Scores = {}
        for docnum in sorted(totals):
            if not matcher.is_active():
                break
            matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                present[docnum] = matcher.score()
        totals = {d: t + present[d] for d, t in totals.items() if d in present}
    for scores in known:
        for docnum in totals:
            totals[docnum] += scores[docnum]
    return totals


def _union(parts: list[Any], sub: Any) -> Scores | None:
    totals: Scores = {}
    for part in parts:
        scores = _evaluate(part, sub)
        if scores is None:
            return None
        get = totals.get
        for docnum, score in scores.items():
            totals[docnum] = get(docnum, 0.0) + score
    return totals


def _boosted(scores: Scores | None, boost: float) -> Scores | None:
    if scores is None or boost == 1.0:
        return scores
    return {d: s * boost for d, s in scores.items()}
