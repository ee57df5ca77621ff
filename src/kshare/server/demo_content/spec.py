"""Small constructors the topic modules use to write threads readably."""

from __future__ import annotations

import re
import textwrap

from kshare.server.demo_content.model import Reply, Thread

_BLOCK_START = re.compile(r"^(#{1,6} |[-*+] |\d+\. |\||> |```|<!--)")


def md(text: str) -> str:
    """Dedent hand-wrapped Markdown and join soft-wrapped lines of a paragraph or list item.

    The source stays within the line-length limit while the stored body has one
    line per paragraph, as an editor would save it. Code blocks are kept verbatim.
    """
    lines = textwrap.dedent(text).strip("\n").splitlines()
    out: list[str] = []
    in_code = False
    for raw in lines:
        line = raw.rstrip()
        stripped = line.lstrip()
        if stripped.startswith("```"):
            in_code = not in_code
            out.append(line)
            continue
        if in_code or not stripped:
            out.append(line)
            continue
        prev = out[-1] if out else ""
        joinable = (
            prev.strip()
            and not prev.lstrip().startswith(("#", "|", "```"))
            and not _BLOCK_START.match(stripped)
        )
        if joinable:
            out[-1] = f"{prev} {stripped}"
        else:
            out.append(line)
    return "\n".join(out).strip()


def answer(author: str, body: str, *, accepted: bool = False) -> Reply:
    """An answer to a question."""
    return Reply(author=author, body=md(body), accepted=accepted)


def comment(author: str, body: str, *, on: int | None = None) -> Reply:
    """A comment on the thread itself, or on answer number ``on`` (0-based)."""
    return Reply(author=author, body=md(body), on=on)


def _thread(kind: str, key: str, author: str, title: str, body: str, **kw: object) -> Thread:
    tags = tuple(kw.pop("tags", ()))  # type: ignore[arg-type]
    audience = kw.pop("audience", ("org",))
    if isinstance(audience, str):
        audience = (audience,)
    return Thread(
        key=key,
        kind=kind,
        author=author,
        title=title,
        body=md(body),
        tags=tags,
        audience=tuple(audience),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


def post(key: str, author: str, title: str, body: str, **kw: object) -> Thread:
    """A short post: news, a tip, an announcement."""
    return _thread("post", key, author, title, body, **kw)


def article(key: str, author: str, title: str, body: str, **kw: object) -> Thread:
    """A longer document with headings, lists, code or tables."""
    return _thread("article", key, author, title, body, **kw)


def question(key: str, author: str, title: str, body: str, **kw: object) -> Thread:
    """A question; its answers go in ``answers=``."""
    return _thread("question", key, author, title, body, **kw)
