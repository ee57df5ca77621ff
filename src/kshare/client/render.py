"""Markdown to safe HTML for the detail pane: no scripts, no remote loads, only plain links.

markdown-it-py renders (raw HTML in the source is escaped), then nh3 cleans the
result, so even a renderer bug cannot let a script or a tracking image through.
Images become links: showing one would fetch it from a remote host.
"""

from __future__ import annotations

import re
from typing import Any

import nh3
from markdown_it import MarkdownIt

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"align"}, "th": {"align"}}
_URL_SCHEMES = {"http", "https", "mailto"}


def _image_as_link(_renderer: Any, tokens: Any, idx: int, _options: Any, _env: Any) -> str:
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = token.content or "image"
    return f'<a href="{nh3.clean_text(src)}">[image: {nh3.clean_text(alt)}]</a>'


_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_markdown.enable("strikethrough")
_markdown.add_render_rule("image", _image_as_link)


def render_markdown(source: str) -> str:
    """Sanitized HTML for ``source``; safe to show in a rich-text widget."""
    html = _markdown.render(source)
    return link_mentions(
        nh3.clean(
            html,
            tags=_ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes=_URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


# The server's mention rule (kshare.server.writes.MENTION); a username holds only these
# characters, so the link made from one needs no escaping.
_MENTION = re.compile(r"(?<![\w@.&/])@([A-Za-z0-9][A-Za-z0-9_.\-]{0,149})")
_TAG = re.compile(r"(<[^>]*>)")
_NO_LINKS_INSIDE = {"a", "code", "pre"}
MENTION_LINK = "kshare:person/"


def _mention_link(match: re.Match[str]) -> str:
    name = match.group(1).rstrip(".")
    rest = match.group(1)[len(name) :]
    return f'<a href="{MENTION_LINK}{name}" title="@{name}">@{name}</a>{rest}'


def link_mentions(html: str) -> str:
    """``@username`` in text (not in code or existing links) as a link to the person."""
    parts = _TAG.split(html)
    inside = 0
    for n, part in enumerate(parts):
        if n % 2:  # a tag
            name = part.strip("</>").split()[0].casefold() if part.strip("</>") else ""
            if name in _NO_LINKS_INSIDE:
                inside += -1 if part.startswith("</") else 1
        elif inside <= 0 and "@" in part:
            parts[n] = _MENTION.sub(_mention_link, part)
    return "".join(parts)


def plain_excerpt(source: str, length: int = 200) -> str:
    """A one-line excerpt of Markdown for lists: markup dropped, whitespace folded."""
    text = nh3.clean(_markdown.render(source[: length * 4]), tags=set())
    text = " ".join(text.split())
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
