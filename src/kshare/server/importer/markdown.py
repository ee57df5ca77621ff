"""Stack Exchange post HTML to the Markdown kshare stores, with no HTML left in it.

Dump bodies are the HTML the site rendered. kshare bodies are Markdown that
desktops render with raw HTML switched off, but a body is also indexed,
excerpted and shown by other tools, so nothing here passes markup through:
every tag is either turned into its Markdown form or dropped, scripts and
other active content are dropped with their contents, and a ``<`` left in
prose is written as ``&lt;`` so no renderer can read it as a tag. Code keeps
its text verbatim inside fences or backticks, where Markdown never parses
HTML.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

log = logging.getLogger(__name__)

# Dropped together with everything inside them: active or embedded content. Void
# elements (embed, frame, input) have no inside; like every unknown tag they are ignored.
_DROP = frozenset(
    {
        "script", "style", "iframe", "object", "noscript", "template", "svg", "math",
        "head", "title", "form", "button", "select", "textarea", "canvas", "video",
        "audio", "applet", "frameset",
    }
)  # fmt: skip
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "aside", "header", "footer", "details",
        "summary", "figure", "figcaption", "dl", "dt", "dd", "center", "address",
    }
)  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*", "del": "~~", "s": "~~", "strike": "~~"}
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LANG = re.compile(r"^(?:lang|language)-([A-Za-z0-9+#._-]{1,30})$")
_BLANK_LINES = re.compile(r"\n{3,}")


def escape_prose(text: str) -> str:
    """Make text safe as Markdown prose: nothing in it can open a tag or spell an entity."""
    return _TAG_START.sub("&lt;", _ENTITY.sub("&amp;", text))


def escape_markdown_source(text: str) -> str:
    """Escape prose in Markdown written by a person (comments), leaving code spans as they are."""
    out: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(escape_prose(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(escape_prose(text[last:]))
    return "".join(out)


def escape_inline(text: str) -> str:
    """Text placed inside our own Markdown (names, link text): no markup may come through."""
    text = re.sub(r"([\\`*_\[\]|])", r"\\\1", text)
    return escape_prose(text)


def safe_url(url: str, base: str | None = None) -> str | None:
    """An absolute http(s)/mailto URL usable inside ``(...)``, or None for anything else."""
    url = url.strip()
    if base and url.startswith("/") and not url.startswith("//"):
        url = base.rstrip("/") + url
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in _LINK_SCHEMES:
        return None
    # Characters that would end the link or open markup are percent-encoded.
    return quote(url, safe="/:?#[]@!$&'*+,;=%-._~")


def _fence_for(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _code_span(code: str) -> str:
    code = " ".join(code.split("\n"))
    if not code:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{ticks}{pad}{code}{pad}{ticks}"


@dataclass
class _List:
    number: int | None  # the next number of an ordered list; None for bullets
    width: int  # how far this list's item text is indented


class _Converter(HTMLParser):
    def __init__(self, link_base: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.link_base = link_base
        self.blocks: list[str] = []
        self.block_quotes: list[int] = []  # the quote depth each block was written at
        self.inline: list[str] = []  # the paragraph being built
        self.drop_depth = 0
        self.quote_depth = 0
        self.lists: list[_List] = []
        self.item_open: list[bool] = []  # whether each open <li> still needs its marker
        self.pre: list[str] | None = None
        self.pre_lang = ""
        self.code: list[str] | None = None
        self.links: list[tuple[str | None, list[str], int]] = []
        self.heading = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.table_rows = 0
        self.header_row = False

    # --- output ------------------------------------------------------------------

    def _prefix(self, first: bool) -> str:
        quote_prefix = "> " * self.quote_depth
        if not self.lists:
            return quote_prefix
        outer = " " * sum(lst.width for lst in self.lists[:-1])
        current = self.lists[-1]
        if first and self.item_open and self.item_open[-1]:
            self.item_open[-1] = False
            if current.number is None:
                marker = "- "
            else:
                marker = f"{current.number}. "
                current.number += 1
            current.width = len(marker)
            return quote_prefix + outer + marker
        return quote_prefix + outer + " " * current.width

    def _emit(self, lines: list[str]) -> None:
        if not lines:
            return
        out = [self._prefix(first=True) + lines[0]]
        out += [(self._prefix(first=False) + line).rstrip() for line in lines[1:]]
        self.blocks.append("\n".join(out))
        self.block_quotes.append(self.quote_depth)

    def _flush(self) -> None:
        for _url, target, start in self.links:
            if target is self.inline and start < len(target) and target[start] == "[":
                target[start] = ""  # a link left open at the end of its block: keep its text
        text = "".join(self.inline)
        self.inline = []
        lines = [" ".join(line.split()) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return
        if self.heading:
            lines = ["#" * self.heading + " " + " ".join(lines)]
        self._emit(lines)

    def _target(self) -> list[str]:
        if self.code is not None:
            return self.code
        if self.cell is not None:
            return self.cell
        return self.inline

    def _write(self, text: str) -> None:
        self._target().append(text)

    # --- parser events -----------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.drop_depth += 1
            return
        if self.drop_depth:
            return
        attr = {k: v or "" for k, v in attrs}
        if self.pre is not None:
            if tag == "br":
                self.pre.append("\n")
            elif tag == "code" and not self.pre_lang:
                self.pre_lang = _language(attr.get("class", ""))
            return
        if self.code is not None:
            return  # inline code is verbatim text: markup inside it is not formatting
        if tag == "pre":
            self._flush()
            self.pre = []
            self.pre_lang = _language(attr.get("class", ""))
        elif tag == "code":
            self.code = []
        elif tag in _BLOCKS or tag in ("blockquote", "hr", "ul", "ol", "li", "table"):
            self._flush()
            self._open_block(tag, attr)
        elif tag in _HEADINGS:
            self._flush()
            self.heading = _HEADINGS[tag]
        elif tag == "br":
            self._write("\n")
        elif tag in _EMPHASIS:
            self._write(_EMPHASIS[tag])
        elif tag == "a":
            target = self._target()
            self.links.append((safe_url(attr.get("href", ""), self.link_base), target, len(target)))
            target.append("[")
        elif tag == "img":
            self._image(attr)
        elif tag == "tr":
            self._end_row()
            self.row = []
            self.header_row = False
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []  # a cell outside any row still belongs to one
            self.cell = []
            self.header_row = self.header_row or tag == "th"

    def _open_block(self, tag: str, attr: dict[str, str]) -> None:
        if tag == "blockquote":
            self.quote_depth += 1
        elif tag == "hr":
            self._emit(["* * *"])
        elif tag == "ul":
            self.lists.append(_List(None, 2))
        elif tag == "ol":
            start = attr.get("start", "1")
            number = int(start) if start.isdigit() and len(start) < 9 else 1
            self.lists.append(_List(number, len(f"{number}. ")))
        elif tag == "li":
            if not self.lists:
                self.lists.append(_List(None, 2))  # a stray <li>: still a list item
            self.item_open.append(True)
        elif tag == "table":
            self._end_row()
            self.table_rows = 0

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            return  # self-closing: nothing inside to drop
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.drop_depth = max(0, self.drop_depth - 1)
            return
        if self.drop_depth:
            return
        if self.pre is not None:
            if tag == "pre":
                self._end_pre()
            return
        if self.code is not None:
            if tag == "code":
                span = _code_span("".join(self.code))
                self.code = None
                self._write(span)
            return
        if tag in _BLOCKS or tag in ("blockquote", "ul", "ol", "li", "table"):
            if tag == "table":
                self._end_row()
            self._flush()
            if tag == "blockquote":
                self.quote_depth = max(0, self.quote_depth - 1)
            elif tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            elif tag == "li" and self.item_open:
                self.item_open.pop()
        elif tag in _HEADINGS:
            self._flush()
            self.heading = 0
        elif tag in _EMPHASIS:
            self._write(_EMPHASIS[tag])
        elif tag == "a" and self.links:
            self._end_link()
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self.drop_depth:
            return
        if self.pre is not None:
            self.pre.append(data)
        elif self.code is not None:
            self.code.append(data)
        else:
            self._write(escape_prose(" ".join(data.split("\n"))))

    # --- pieces ------------------------------------------------------------------

    def _image(self, attr: dict[str, str]) -> None:
        alt = escape_inline(" ".join(attr.get("alt", "").split()))
        url = safe_url(attr.get("src", ""), self.link_base)
        # A link, never an embedded image: showing it would load it from a remote host.
        if url and url.startswith("http"):
            self._write(f"[image: {alt or 'image'}]({url})")
        elif alt:
            self._write(f"[image: {alt}]")

    def _end_link(self) -> None:
        url, target, start = self.links.pop()
        if target is not self._target() or start >= len(target) or target[start] != "[":
            return  # the link spanned blocks: its text is already out, as plain text
        text = "".join(target[start + 1 :])
        if not url:
            target[start] = ""  # no usable address: only the text stays
        elif not text.strip():
            target[start] = ""
            target.append(url)
        else:
            target.append(f"]({url})")

    def _end_pre(self) -> None:
        code = "".join(self.pre or []).strip("\n")
        self.pre = None
        lang, self.pre_lang = self.pre_lang, ""
        if not code.strip():
            return
        fence = _fence_for(code)
        self._emit([fence + lang, *code.split("\n"), fence])

    def _end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        text = " ".join("".join(self.cell).split())
        self.row.append(text.replace("|", "\\|"))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        cells, self.row = self.row, None
        if not cells:
            return
        self._flush()
        line = "| " + " | ".join(cells) + " |"
        rule = "| " + " | ".join("---" for _ in cells) + " |"
        if self.table_rows == 0:
            # Markdown tables need a header row; a table without <th> gets an empty one.
            header = line if self.header_row else "|" + " |" * len(cells)
            lines = [header, rule] if self.header_row else [header, rule, line]
            self._emit(lines)
        else:
            self.blocks[-1] += "\n" + self._prefix(first=False) + line
        self.table_rows += 1

    def result(self) -> str:
        if self.pre is not None:
            self._end_pre()
        if self.code is not None:
            span = _code_span("".join(self.code))
            self.code = None
            self._write(span)
        self._end_row()
        self._flush()
        parts: list[str] = []
        for index, block in enumerate(self.blocks):
            if index:
                # Paragraphs of one quotation stay in it: the blank line between them is quoted.
                depth = min(self.block_quotes[index - 1], self.block_quotes[index])
                parts.append("\n" + ">" * depth + "\n")
            parts.append(block)
        return _BLANK_LINES.sub("\n\n", "".join(parts)).strip()


def _language(css_class: str) -> str:
    for name in css_class.split():
        match = _LANG.match(name)
        if match and match.group(1) not in ("none", "default"):
            return match.group(1)
    return ""


def html_to_markdown(body: str, *, link_base: str | None = None) -> str:
    """Markdown for a post body in HTML; ``link_base`` makes site-relative links absolute."""
    converter = _Converter(link_base)
    converter.feed(body)
    converter.close()
    return converter.result()
