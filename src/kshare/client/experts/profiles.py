"""Phrases that set a person apart, mined from the text they wrote in the cache.

A single word is never a topic ("balance", "go", "files" say nothing of what
someone knows); a topic is a run of two or three content words that the
company's writing uses as a term — it recurs in several texts of the corpus —
and that comes back in several separate threads of the person.

Bodies are read only when a profile is asked for, and document frequencies
come from an evenly spread sample of the cache: a profile stays quick on a
large cache, and the rarity of a phrase needs no exact count to rank terms.
"""

from __future__ import annotations

import logging
from collections import Counter

from sqlalchemy import Engine, func, literal_column, select

from kshare.client.experts.aggregates import Aggregates, current_seq
from kshare.client.store.models import CachedItem
from kshare.domain import expertise as ex

log = logging.getLogger(__name__)

SAMPLE = 4000  # items read to estimate how common a word is
PERSON_ITEMS = 400  # a person's most recent items mined for their words
MAX_CHARS = 4000  # of one body: the opening says what a text is about
CORPUS_MIN = 2  # texts of the sample a phrase must appear in to count as a term


class ProfileMiner:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._df: dict[str, int] = {}
        self._n_docs = 0
        self._df_seq = -1

    def item_text(self, item_id: str) -> str:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(CachedItem.title, CachedItem.body).where(CachedItem.id == item_id)
            ).first()
        return f"{row.title}\n{row.body}" if row else ""

    def _doc_freq(self) -> tuple[dict[str, int], int]:
        with self._engine.connect() as conn:
            seq = current_seq(conn)
            if seq == self._df_seq:
                return self._df, self._n_docs
            total = conn.execute(select(func.count()).select_from(CachedItem)).scalar_one()
            step = max(1, total // SAMPLE)
            # rowid spacing gives an even spread without sorting the whole table.
            rows = conn.execute(
                select(CachedItem.title, CachedItem.body).where(literal_column("rowid") % step == 0)
            ).all()
        df: Counter[str] = Counter()
        for title, body in rows:
            df.update(ex.phrases(f"{title}. {body[:MAX_CHARS]}"))
        sampled = max(len(rows), 1)
        # Scale the sample back to the whole cache so idf has the right magnitude.
        scale = total / sampled
        # a phrase seen once in the sample is a chance pairing of words, not a term
        self._df = {t: max(1, round(c * scale)) for t, c in df.items() if c >= CORPUS_MIN}
        self._n_docs = total
        self._df_seq = seq
        return self._df, self._n_docs

    def salient_terms(
        self, agg: Aggregates, person_id: str, *, limit: int
    ) -> list[tuple[str, float]]:
        mine = sorted(
            (agg.items[i] for i in agg.by_person.get(person_id, ()) if i in agg.items),
            key=lambda f: f.created_at,
            reverse=True,
        )[:PERSON_ITEMS]
        if not mine:
            return []
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(CachedItem.id, CachedItem.title, CachedItem.body).where(
                    CachedItem.id.in_([f.id for f in mine])
                )
            ).all()
        # in how many of their threads a word appears, not how often: one long text that
        # repeats a word ("stored", "byte" in a how-to), or one conversation that keeps
        # coming back to it, says less than a word that recurs across separate threads
        threads: dict[str, set[str]] = {}
        for item_id, title, body in rows:
            facts = agg.items.get(item_id)
            thread = agg.root(facts).id if facts is not None else item_id
            threads.setdefault(thread, set()).update(ex.phrases(f"{title}. {body[:MAX_CHARS]}"))
        counts: Counter[str] = Counter()
        for found in threads.values():
            counts.update(found)
        # colleagues' names (thanks, mentions) and bare numbers are not topics
        names = {w for p in agg.people.values() for w in ex.words(p.display_name)}
        for term in list(counts):
            if names.intersection(term.split()):
                del counts[term]
        df, n_docs = self._doc_freq()
        # someone who wrote a lot repeats everyday words by chance: ask more of a topic
        least = max(ex.MIN_THREADS, len(threads) // 10)
        return ex.salient_terms(counts, df, n_docs, limit, min_count=least)
