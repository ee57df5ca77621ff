"""A Whoosh segment writer that keeps postings in memory: the same files, written faster.

Whoosh's own writer pickles every posting into sorted runs on disk, reads them
back through a heap merge, and looks each posting's field length up in a file
while writing the segment; together that was most of the indexing time
(profiled). This writer keeps each term's postings in compact arrays instead
(a segment is bounded by ``index.COMMIT_EVERY`` documents, so memory is too),
reads the length columns once per segment, and does not run the Whoosh analyzer
on the text fields (a Token built and updated per word): it keeps each
document's words as term numbers and inverts them all when the segment is
written (:class:`TextColumn`), with the positions the analyzer gives. The
segment it writes is an ordinary Whoosh segment: readers, merges and purges do
not know the difference.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from pickle import dumps
from typing import Any

import numpy as np
from whoosh.formats import Positions
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length

from .schema import TEXT_ANALYZED, index_term, lowered_words
from .whoosh_private import (
    LENGTHS_COLUMN,
    SegmentWriterHooks,
    W3PostingsWriter,
    fill_blocks,
    length_column,
    postings_writer,
    stored_fields_adder,
    write_term,
    writes_terms,
)

# a term's postings: document numbers, weights, encoded values (b"" when the format has none;
# kept per posting all the same, so the three stay aligned)
_Postings = tuple["array[int]", "array[float]", list[bytes]]


class TermIds(dict[str, int]):
    """A lower-cased word's term number in one segment (-1 for a stop word), with the
    terms by number; words with the same stem share a number."""

    def __init__(self) -> None:
        super().__init__()
        self.terms: list[str] = []
        self._numbers: dict[str, int] = {}

    def __missing__(self, word: str) -> int:
        term = index_term(word)
        if not term:
            number = -1
        else:
            found = self._numbers.get(term)
            if found is None:
                found = self._numbers[term] = len(self.terms)
                self.terms.append(term)
            number = found
        self[word] = number
        return number


class TextColumn:
    """A text field's words as term numbers, document after document, not yet inverted."""

    def __init__(self, boost: float) -> None:
        self.boost = boost
        self.numbers = array("i")  # every word's term number (-1: a stop word)
        self.docs = array("I")  # the documents that have the field, in the order added
        self.counts = array("I")  # how many words each of those has

    def add(self, docnum: int, numbers: list[int]) -> None:
        self.numbers.fromlist(numbers)
        self.docs.append(docnum)
        self.counts.append(len(numbers))

    def invert(self, terms: list[str]) -> dict[str, _Postings]:
        """Each term's postings in document order, as :func:`schema.positions_by_term` and
        Whoosh's ``Positions`` format give them, computed for all documents at once."""
        numbers = np.frombuffer(self.numbers, dtype=np.int32)
        kept = np.flatnonzero(numbers >= 0)  # the words that are not stop words
        if not len(kept):
            return {}
        counts = np.frombuffer(self.counts, dtype=np.uint32).astype(np.int64)
        ndocs = len(counts)
        starts = np.zeros(ndocs, dtype=np.int64)
        np.cumsum(counts[:-1], out=starts[1:])
        kept_doc = np.repeat(np.arange(ndocs, dtype=np.int64), counts)[kept]
        # StopFilter's positions: a document's first kept word keeps its own position,
        # each later kept word takes the next one
        first = _group_starts(kept_doc)
        sizes = np.diff(np.append(first, len(kept)))
        rank = np.arange(len(kept), dtype=np.int64) - np.repeat(first, sizes)
        positions = np.repeat(kept[first] - starts[kept_doc[first]], sizes) + rank
        # by term, then document; a stable sort keeps each document's positions in order
        key = numbers[kept].astype(np.int64) * ndocs + kept_doc
        order = np.argsort(key, kind="stable")
        key = key[order]
        positions = positions[order]
        posting_start = _group_starts(key)
        freqs = np.diff(np.append(posting_start, len(key)))
        deltas = positions.copy()
        deltas[1:] -= positions[:-1]
        deltas[posting_start] = positions[posting_start]
        posting_key = key[posting_start]
        posting_term = posting_key // ndocs
        docs = array("I")
        docs.frombytes(
            np.frombuffer(self.docs, dtype=np.uint32)[posting_key % ndocs]
            .astype(np.uint32)
            .tobytes()
        )
        weights = array("f")
        weights.frombytes((freqs * self.boost).astype(np.float32).tobytes())
        values = _encoded_positions(
            deltas.tolist(), posting_start.tolist(), freqs.tolist(), int(positions.max())
        )
        term_start = _group_starts(posting_term)
        term_end = [*term_start[1:].tolist(), len(posting_term)]
        found: dict[str, _Postings] = {}
        for number, start, end in zip(
            posting_term[term_start].tolist(), term_start.tolist(), term_end, strict=True
        ):
            found[terms[number]] = (docs[start:end], weights[start:end], values[start:end])
        return found


def _group_starts(sorted_keys: Any) -> Any:
    """Where each run of equal values begins in a sorted array."""
    change = np.empty(len(sorted_keys), dtype=bool)
    change[:1] = True
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=change[1:])
    return np.flatnonzero(change)


def _encoded_positions(
    deltas: list[int], starts: list[int], freqs: list[int], highest: int
) -> list[bytes]:
    """``Positions.encode`` of each posting (its position deltas from ``starts``); most
    postings are of one word once, whose encoding comes from a table."""
    table = _single_table(highest)
    if highest < len(table):
        return [
            table[deltas[start]] if freq == 1 else _encode_deltas(deltas[start : start + freq])
            for start, freq in zip(starts, freqs, strict=True)
        ]
    return [
        _encode_deltas(deltas[start : start + freq])
        if freq > 1 or deltas[start] >= len(table)
        else table[deltas[start]]
        for start, freq in zip(starts, freqs, strict=True)
    ]


def _encode_deltas(deltas: list[int]) -> bytes:
    # what Positions.encode makes of the positions these deltas lead to
    return bytes(pack_uint(len(deltas)) + dumps(deltas, 2))


_SINGLE_TABLE: list[bytes] = []
_SINGLE_LIMIT = 100_000  # positions past it (rare, long files) are encoded one by one


def _single_table(highest: int) -> list[bytes]:
    table = _SINGLE_TABLE
    upto = min(highest, _SINGLE_LIMIT - 1)
    if len(table) <= upto:
        table.extend(_encode_deltas([pos]) for pos in range(len(table), upto + 1))
    return table


class MemoryPool:
    """Postings by field and term, in the order documents were added."""

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, _Postings]] = {}
        self.text: dict[str, dict[str, _Postings]] = {}  # text fields' terms, not yet encoded
        self.columns: dict[str, TextColumn] = {}  # text fields' words, not yet inverted
        self.term_ids = TermIds()
        self.unordered = False  # set when merged segments' postings arrive (add())

    def settle(self) -> None:
        """Invert the text fields' words, and move their terms under their UTF-8 bytes, as
        Whoosh keys terms."""
        for fieldname, column in self.columns.items():
            self.text[fieldname] = column.invert(self.term_ids.terms)
        self.columns = {}
        for fieldname, terms in self.text.items():
            for term, postings in terms.items():
                btext = term.encode("utf-8")
                merged = self.fields.get(fieldname, {}).get(btext)
                if merged is None:
                    self.term(fieldname, btext)  # creates the entry
                    self.fields[fieldname][btext] = postings
                else:  # a merged segment brought the same term
                    merged[0].extend(postings[0])
                    merged[1].extend(postings[1])
                    merged[2].extend(postings[2])
                    self.unordered = True
        self.text = {}

    def term(self, fieldname: str, btext: bytes) -> _Postings:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        postings = terms.get(btext)
        if postings is None:
            postings = terms[btext] = (array("I"), array("f"), [])
        return postings

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        # Whoosh's interface, used when a merge copies an old segment into this one
        fieldname, btext, docnum, weight, vbytes = item
        docs, weights, values = self.term(fieldname, btext)
        docs.append(docnum)
        weights.append(weight)
        values.append(vbytes or b"")
        self.unordered = True

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        self.settle()
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for btext in sorted(terms):
                for docnum, weight, value in _in_doc_order(*terms[btext], self.unordered):
                    yield fieldname, btext, docnum, weight, value

    def cleanup(self) -> None:
        self.fields = {}
        self.text = {}
        self.columns = {}
        self.term_ids = TermIds()


def _in_doc_order(
    docs: array[int], weights: array[float], values: list[bytes], check: bool
) -> list[tuple[int, float, bytes]]:
    rows = list(zip(docs, weights, values, strict=True))
    if check:
        rows.sort(key=lambda row: row[0])
    return rows


_TERMS_OF_LIMIT = 50_000  # values whose terms are kept; a long tail must not grow it for ever


class FastSegmentWriter(SegmentWriterHooks):
    """``SegmentWriter`` with an in-memory posting pool and a fast path for the text fields."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool.cleanup()
        self.pool: MemoryPool = MemoryPool()
        schema = self.schema
        # which fields take the fast path: text fields with positions and our analyzer
        self._fast = {
            name
            for name in TEXT_ANALYZED
            if name in schema and isinstance(schema[name].format, Positions)
        }
        # a field's terms by value (see _add_terms), and the stored fields' fast path
        self._terms_of: dict[tuple[str, Any], tuple[list[tuple[bytes, float, bytes]], int]] = {}
        self._store = stored_fields_adder(self.perdocwriter)
        self._plain = all(
            not schema[name].vector and not schema[name].separate_spelling()
            for name in schema.names()
        )

    def add_document(self, **fields: Any) -> None:
        if not self._plain or any(name.startswith("_") for name in fields):
            super().add_document(**fields)  # boosts, vectors, spelling: Whoosh's own path
            return
        self.check_state()
        schema = self.schema
        docnum = self.docnum
        perdoc = self.perdocwriter
        names = sorted(fields)
        self.check_fields(schema, names)
        perdoc.start_doc(docnum)
        store = self._store
        stored: dict[str, Any] = {}
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    if name in self._fast:
                        length = self._add_text(name, field, value, docnum)
                    else:
                        length = self._add_terms(name, field, value, docnum)
                if field.stored and store is not None:
                    stored[name] = value
                    perdoc.add_field(name, field, None, length)
                else:
                    perdoc.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdoc.add_column_value(name, column, field.to_column_value(value))
            if stored and store is not None:
                store(docnum, stored)
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self.mark_added()
        self.docnum += 1

    def _add_terms(self, name: str, field: Any, value: Any, docnum: int) -> int:
        """A field Whoosh analyzes (ids, keywords, numbers), as ``field.index`` gives it;
        its terms are worked out once per value and field in a segment (kinds, authors,
        groups and days repeat from one document to the next), except for unique fields."""
        kept = not field.unique and isinstance(value, (str, int))
        found = self._terms_of.get((name, value)) if kept else None
        if found is None:
            postings = []
            length = 0
            for tbytes, freq, weight, vbytes in field.index(value):
                if field.scorable:
                    length += freq
                postings.append((tbytes, weight, vbytes or b""))
            found = (postings, length)
            if kept:
                if len(self._terms_of) >= _TERMS_OF_LIMIT:
                    self._terms_of.clear()
                self._terms_of[name, value] = found
        term = self.pool.term
        for tbytes, weight, vbytes in found[0]:
            docs, weights, values = term(name, tbytes)
            docs.append(docnum)
            weights.append(weight)
            values.append(vbytes)
        return found[1]

    def _add_text(self, name: str, field: Any, value: str, docnum: int) -> int:
        # only the words' term numbers are kept here; all documents' postings are worked
        # out together when the segment is written (TextColumn.invert)
        pool = self.pool
        column = pool.columns.get(name)
        if column is None:
            column = pool.columns[name] = TextColumn(field.format.field_boost)
        numbers = list(map(pool.term_ids.__getitem__, lowered_words(value)))
        if not numbers:
            return 0
        column.add(docnum, numbers)
        return len(numbers) - numbers.count(-1) if field.scorable else 0

    def flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader()
        try:
            self._write_postings(reader)
        finally:
            reader.close()
        self.fieldwriter.close()

    def _write_postings(self, perdoc: Any) -> None:
        schema = self.schema
        writer = self.fieldwriter
        pool = self.pool
        pool.settle()
        for fieldname in sorted(pool.fields):
            fieldobj = schema[fieldname]
            lengths = _field_lengths(perdoc, fieldname)
            writer.start_field(fieldname, fieldobj)
            terms = pool.fields[fieldname]
            if not pool.unordered and writes_terms(writer):
                for btext in sorted(terms):
                    write_term(writer, btext, *terms[btext], lengths)
                writer.finish_field()
                continue
            for btext in sorted(terms):
                writer.start_term(btext)
                docs, weights, values = terms[btext]
                postings = postings_writer(writer)
                if pool.unordered or type(postings) is not W3PostingsWriter:
                    add = postings.add_posting
                    for docnum, weight, value in _in_doc_order(docs, weights, values, True):
                        add(docnum, weight, value, lengths[docnum] if lengths is not None else 0)
                else:
                    fill_blocks(postings, docs, weights, values, lengths)
                writer.finish_term()
            writer.finish_field()


_LENGTHS = [None, *(byte_to_length(b) for b in range(1, 256))]


def _field_lengths(perdoc: Any, fieldname: str) -> list[int | None] | None:
    """Every document's length of a field, as Whoosh's writer would look each one up."""
    column = length_column(fieldname)
    if not perdoc.has_column(column):
        return None  # Whoosh then writes a length of 0
    values = perdoc.column_reader(column, LENGTHS_COLUMN)
    table = _LENGTHS
    return [table[b] for b in values]
