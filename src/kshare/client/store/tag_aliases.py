"""Other names of tags (``k8s`` for ``kubernetes``), as synced from the server.

The server keeps the aliases; the cache holds the latest full list (the feed sends it
whole whenever it changes). Search, facets and expert finding read tags through
:meth:`TagAliases.canonical`, so a question tagged ``postgres`` and one tagged
``postgresql`` are about the same thing everywhere on this desktop.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, delete, insert, select

from .models import CachedTagAlias

MAX_TAG = 64


def tag_key(tag: str) -> str:
    """A tag as the server spells it: Unicode-normalised, case-folded, inner spaces as hyphens."""
    return "-".join(unicodedata.normalize("NFKC", tag).casefold().split())


@dataclass(frozen=True)
class TagAliases:
    """alias -> canonical tag, both lower-case."""

    to_tag: Mapping[str, str] = field(default_factory=dict)

    def canonical(self, tag: str) -> str:
        key = tag_key(tag)
        return self.to_tag.get(key, key)

    def names(self, tag: str) -> tuple[str, ...]:
        """The canonical tag of ``tag`` first, then every alias of it (sorted)."""
        canonical = self.canonical(tag)
        others = sorted(a for a, t in self.to_tag.items() if t == canonical)
        return (canonical, *others)

    def __bool__(self) -> bool:
        return bool(self.to_tag)


def read(bind: Connection | Engine) -> TagAliases:
    """The aliases the cache holds now."""
    statement = select(CachedTagAlias.alias, CachedTagAlias.tag)
    if isinstance(bind, Engine):
        with bind.connect() as conn:
            rows = conn.execute(statement).all()
    else:
        rows = bind.execute(statement).all()
    return TagAliases(_resolved({str(a): str(t) for a, t in rows}))


def replace(conn: Connection, aliases: Mapping[str, str]) -> None:
    """Keep exactly ``aliases`` (the server's whole list), in the caller's transaction."""
    cleaned = {
        tag_key(a): tag_key(t)
        for a, t in aliases.items()
        if 0 < len(tag_key(a)) <= MAX_TAG and 0 < len(tag_key(t)) <= MAX_TAG
    }
    conn.execute(delete(CachedTagAlias))
    rows = [{"alias": a, "tag": t} for a, t in _resolved(cleaned).items()]
    if rows:
        conn.execute(insert(CachedTagAlias), rows)


def canonical_tags(bind: Connection | Engine) -> Callable[[str], str]:
    """One function from a tag as written to the tag it stands for, read from the cache now."""
    return read(bind).canonical


def _resolved(raw: Mapping[str, str]) -> dict[str, str]:
    """Each alias straight to its final tag; an alias that leads back to itself is dropped.

    The server never stores chains, but a list that arrives with one still reads sensibly.
    """
    out: dict[str, str] = {}
    for alias, tag in raw.items():
        seen = {alias}
        while tag in raw and tag not in seen:
            seen.add(tag)
            tag = raw[tag]
        if tag not in seen:
            out[alias] = tag
    return out
