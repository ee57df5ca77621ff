"""A Whoosh segment writer that keeps postings in memory: the same files, written faster.

Whoosh's own writer pickles every posting into sorted runs on disk, reads them
back through a heap merge, and looks each posting's field length up in a file
while writing the segment; together that was most of the indexing time
(profiled). This writer keeps each term's postings in compact arrays instead
(a segment is bounded by ``index.COMMIT_EVERY`` documents, so memory is too),
reads the length columns once per segment, and tokenizes the text fields with
:func:`schema.positions_by_term`, which gives what the Whoosh analyzer gives
without building a Token per word. The segment it writes is an ordinary
Whoosh segment: readers, merges and purges do not know the difference.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import Any

from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length

from .schema import TEXT_ANALYZED, positions_by_term
from .whoosh_private import (
    LENGTHS_COLUMN,
    SegmentWriterHooks,
    W3PostingsWriter,
    fill_blocks,
    length_column,
    postings_writer,
)

# a term's postings: document numbers, weights, encoded values (b"" when the format has none;
# kept per posting all the same, so the three stay aligned)
_Postings = tuple["array[int]", "array[float]", list[bytes]]


class MemoryPool:
    """Postings by field and term, in the order documents were added."""

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, _Postings]] = {}
        self.text: dict[str, dict[str, _Postings]] = {}  # text fields' terms, not yet encoded
        self.unordered = False  # set when merged segments' postings arrive (add())

    def settle(self) -> None:
        """Move the text fields' terms under their UTF-8 bytes, as Whoosh keys terms."""
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


def _in_doc_order(
    docs: array[int], weights: array[float], values: list[bytes], check: bool
) -> list[tuple[int, float, bytes]]:
    rows = list(zip(docs, weights, values, strict=True))
    if check:
        rows.sort(key=lambda row: row[0])
    return rows


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
        pool = self.pool
        perdoc = self.perdocwriter
        names = sorted(fields)
        self.check_fields(schema, names)
        perdoc.start_doc(docnum)
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
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if field.scorable:
                                length += freq
                            docs, weights, values = pool.term(name, tbytes)
                            docs.append(docnum)
                            weights.append(weight)
                            values.append(vbytes or b"")
                perdoc.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdoc.add_column_value(name, column, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self.mark_added()
        self.docnum += 1

    def _add_text(self, name: str, field: Any, value: str, docnum: int) -> int:
        # keyed by str, not bytes, while collecting: encoding each distinct term once at
        # flush time is cheaper than once per document (UTF-8 keeps str order, see flush)
        terms = self.pool.text.get(name)
        if terms is None:
            terms = self.pool.text[name] = {}
        boost = field.format.field_boost
        length = 0
        single = _SINGLE.get
        for term, positions in positions_by_term(value).items():
            postings = terms.get(term)
            if postings is None:
                postings = terms[term] = (array("I"), array("f"), [])
            count = len(positions)
            postings[0].append(docnum)
            postings[1].append(count * boost)
            # most postings are of one word once: their encoding comes from a table
            encoded = single(positions[0]) if count == 1 else None
            postings[2].append(encoded or _encode_positions(positions))
            length += count
        return length if field.scorable else 0

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


_SINGLE: dict[int, bytes] = {}


def _encode_positions(positions: list[int]) -> bytes:
    """``Positions.encode``; one-word positions (most postings) come from a table."""
    if len(positions) == 1:
        pos = positions[0]
        found = _SINGLE.get(pos)
        if found is None:
            found = bytes(_POSITIONS.encode(positions))
            if pos < 100_000:
                _SINGLE[pos] = found
        return found
    return bytes(_POSITIONS.encode(positions))


_POSITIONS = Positions()


_LENGTHS = [None, *(byte_to_length(b) for b in range(1, 256))]


def _field_lengths(perdoc: Any, fieldname: str) -> list[int | None] | None:
    """Every document's length of a field, as Whoosh's writer would look each one up."""
    column = length_column(fieldname)
    if not perdoc.has_column(column):
        return None  # Whoosh then writes a length of 0
    values = perdoc.column_reader(column, LENGTHS_COLUMN)
    table = _LENGTHS
    return [table[b] for b in values]
