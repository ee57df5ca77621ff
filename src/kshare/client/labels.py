"""How replies are named where a title is expected: "Comment on “Title”", never "(untitled)"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase

QUOTE_LIMIT = 80


CONTEXT = "ReplyTitle"
ANSWER = QT_TRANSLATE_NOOP("ReplyTitle", "Answer")
COMMENT = QT_TRANSLATE_NOOP("ReplyTitle", "Comment")
COMMENT_ON = QT_TRANSLATE_NOOP("ReplyTitle", "Comment on “{title}”")
COMMENT_ON_ANSWER = QT_TRANSLATE_NOOP("ReplyTitle", "Comment on an answer to “{title}”")
ATTACHED = QT_TRANSLATE_NOOP("ReplyTitle", "File attached to “{title}”")
SHARED_FILE = QT_TRANSLATE_NOOP("ReplyTitle", "Shared file")
WITHOUT_TITLE = QT_TRANSLATE_NOOP("ReplyTitle", "{kind} without a title")
UNTITLED = QT_TRANSLATE_NOOP("ReplyTitle", "Untitled")
KINDS = {
    "post": QT_TRANSLATE_NOOP("ReplyTitle", "Post"),
    "article": QT_TRANSLATE_NOOP("ReplyTitle", "Article"),
    "question": QT_TRANSLATE_NOOP("ReplyTitle", "Question"),
}


def _short(title: str) -> str:
    title = " ".join(title.split())
    if len(title) > QUOTE_LIMIT:
        title = title[: QUOTE_LIMIT - 1].rstrip() + "…"
    return title


def _say(template: str, /, **args: object) -> Phrase:
    return Phrase.of(CONTEXT, template, **args)


def reply_title_phrase(kind: str, root_title: str, *, on_answer: bool = False) -> Phrase:
    """:func:`reply_title` for translation."""
    if kind == "answer":  # an answer reads as part of its question: it shows that title
        return Phrase.verbatim(root_title) if root_title else _say(ANSWER)
    if kind == "comment":
        if not root_title:
            return _say(COMMENT)
        return _say(COMMENT_ON_ANSWER if on_answer else COMMENT_ON, title=_short(root_title))
    if kind == "document":
        return _say(ATTACHED, title=_short(root_title)) if root_title else _say(SHARED_FILE)
    if not kind:
        return _say(UNTITLED)
    named = _say(KINDS[kind]) if kind in KINDS else Phrase.verbatim(kind.capitalize())
    return _say(WITHOUT_TITLE, kind=named)


def reply_title(kind: str, root_title: str, *, on_answer: bool = False) -> str:
    """The label of an item without a title of its own, after the thread it belongs to."""
    return reply_title_phrase(kind, root_title, on_answer=on_answer).text


def title_of(row: Mapping[str, Any] | Any, rows_by_id: Mapping[str, Any]) -> str:
    """An item's title, or a label naming its thread (parents looked up in ``rows_by_id``)."""
    return title_phrase_of(row, rows_by_id).text


def title_phrase_of(row: Mapping[str, Any] | Any, rows_by_id: Mapping[str, Any]) -> Phrase:
    """:func:`title_of` for translation (an item's own title is shown as it is)."""
    own = str(row.get("title") or "")
    if own:
        return Phrase.verbatim(own)
    parent_id = row.get("parent_id")
    parent = rows_by_id.get(str(parent_id)) if parent_id else None
    on_answer = parent is not None and parent.get("kind") == "answer"
    root = parent
    if on_answer and parent is not None and parent.get("parent_id"):
        root = rows_by_id.get(str(parent.get("parent_id")))
    root_title = str(root.get("title") or "") if root is not None else ""
    return reply_title_phrase(str(row.get("kind") or ""), root_title, on_answer=on_answer)
