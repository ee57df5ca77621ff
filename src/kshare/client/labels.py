"""How replies are named where a title is expected: "Comment on “Title”", never "(untitled)"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

QUOTE_LIMIT = 80


def _quoted(title: str) -> str:
    title = " ".join(title.split())
    if len(title) > QUOTE_LIMIT:
        title = title[: QUOTE_LIMIT - 1].rstrip() + "…"
    return f"“{title}”"


def reply_title(kind: str, root_title: str, *, on_answer: bool = False) -> str:
    """The label of an item without a title of its own, after the thread it belongs to."""
    if kind == "answer":  # an answer reads as part of its question: it shows that title
        return root_title or "Answer"
    if kind == "comment":
        if on_answer:
            return f"Comment on an answer to {_quoted(root_title)}" if root_title else "Comment"
        return f"Comment on {_quoted(root_title)}" if root_title else "Comment"
    if kind == "document":
        return f"File attached to {_quoted(root_title)}" if root_title else "Shared file"
    return f"{kind.capitalize()} without a title" if kind else "Untitled"


def title_of(row: Mapping[str, Any] | Any, rows_by_id: Mapping[str, Any]) -> str:
    """An item's title, or a label naming its thread (parents looked up in ``rows_by_id``)."""
    own = str(row.get("title") or "")
    if own:
        return own
    parent_id = row.get("parent_id")
    parent = rows_by_id.get(str(parent_id)) if parent_id else None
    on_answer = parent is not None and parent.get("kind") == "answer"
    root = parent
    if on_answer and parent is not None and parent.get("parent_id"):
        root = rows_by_id.get(str(parent.get("parent_id")))
    root_title = str(root.get("title") or "") if root is not None else ""
    return reply_title(str(row.get("kind") or ""), root_title, on_answer=on_answer)
