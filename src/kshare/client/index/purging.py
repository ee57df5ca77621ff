"""A Whoosh merge policy for purges: rewrite every segment that holds deleted documents.

Whoosh deletes by marking: the words of a deleted document stay in the
segment's files until that segment is merged. For content the user may no
longer see that is not good enough, so after a purge each segment with
deletions is copied without them (``add_reader`` skips deleted documents) and
the old files are removed by the commit. Other segments merge as usual.
"""

from __future__ import annotations

from typing import Any


def rewrite_segments_with_deletions(writer: Any, segments: list[Any]) -> list[Any]:
    from whoosh.reading import SegmentReader
    from whoosh.writing import MERGE_SMALL

    clean = [segment for segment in segments if not segment.has_deletions()]
    for segment in segments:
        if segment.has_deletions():
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
    return list(MERGE_SMALL(writer, clean))
