"""Markdown to safe HTML for the detail pane: no scripts, no remote loads, only plain links.

markdown-it-py renders (raw HTML in the source is escaped), then nh3 cleans the
result, so even a renderer bug cannot let a script or a tracking image through.
Images become links: showing one would fetch it from a remote host.
"""

from __future__ import annotations

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
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def plain_excerpt(source: str, length: int = 200) -> str:
    """A one-line excerpt of Markdown for lists: markup dropped, whitespace folded."""
    text = nh3.clean(_markdown.render(source[: length * 4]), tags=set())
    text = " ".join(text.split())
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
