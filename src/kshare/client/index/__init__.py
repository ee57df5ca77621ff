"""Full-text search over the cache (Whoosh), kept consistent with it, plus text extraction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .index import SearchIndex

__all__ = ["SearchIndex"]


def __getattr__(name: str) -> Any:
    # lazy, so ``kshare --help`` (which imports .commands) does not load SQLAlchemy and Whoosh
    if name == "SearchIndex":
        from .index import SearchIndex

        return SearchIndex
    raise AttributeError(name)
