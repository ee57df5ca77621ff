"""Read the demo's hand-written threads from ``resources/demo/threads``.

Each thread is one Markdown file: YAML front matter for who wrote what, where and
with which replies, then the body. Folders and file names carry a number so the
order (and so the dates the seed draws) stays the same. Every file is checked on
load; a mistake names the file and the field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kshare.demo_seed.model import Reply, Thread

MAX_FILE_BYTES = 256 * 1024  # the longest hand-written article is a few kilobytes
THREADS_DIR = Path(__file__).resolve().parents[1] / "resources" / "demo" / "threads"


class DemoContentError(ValueError):
    """A demo content file is malformed; the message names the file."""


class _Reply(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    author: str = Field(min_length=1)
    body: str = Field(min_length=1)
    accepted: bool = False
    on: int | None = Field(default=None, ge=0)


class _FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["post", "article", "question"]
    author: str = Field(min_length=1)
    title: str = Field(min_length=1, max_length=300)
    tags: list[str] = []
    audience: list[str] = ["org"]
    hooks: list[str] = []
    days_ago: tuple[int, int] | None = None
    extra_comments: int | None = Field(default=None, ge=0)
    tone: str = Field(min_length=1)
    answers: list[_Reply] = []
    comments: list[_Reply] = []


def parse_thread(text: str, *, source: str = "<text>") -> Thread:
    """One thread from the text of its file."""
    if not text.startswith("---\n"):
        raise DemoContentError(f"{source}: a demo thread starts with '---' front matter")
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise DemoContentError(f"{source}: the front matter is not closed with '---'")
    try:
        raw = yaml.safe_load(head)
        meta = _FrontMatter.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise DemoContentError(f"{source}: {exc}") from exc
    body = body.strip()
    if not body:
        raise DemoContentError(f"{source}: the thread has no body")
    if meta.kind != "question" and meta.answers:
        raise DemoContentError(f"{source}: only a question has answers")

    def replies(items: list[_Reply]) -> tuple[Reply, ...]:
        return tuple(Reply(r.author, r.body.strip(), r.accepted, r.on) for r in items)

    return Thread(
        key=meta.key,
        kind=meta.kind,
        author=meta.author,
        title=meta.title,
        body=body,
        tags=tuple(meta.tags),
        audience=tuple(meta.audience),
        answers=replies(meta.answers),
        comments=replies(meta.comments),
        hooks=tuple(meta.hooks),
        days_ago=meta.days_ago,
        extra_comments=meta.extra_comments,
        tone=meta.tone,
    )


def load_threads(folder: Path) -> list[Thread]:
    """Every thread under ``folder``, in the order of the numbered folders and files."""
    if not folder.is_dir():
        raise DemoContentError(f"{folder}: the demo content folder is missing")
    threads: list[Thread] = []
    for path in sorted(folder.glob("*/*.md")):
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DemoContentError(f"{path}: larger than {MAX_FILE_BYTES} bytes")
        threads.append(parse_thread(path.read_text(encoding="utf-8"), source=str(path)))
    keys = [thread.key for thread in threads]
    if len(set(keys)) != len(keys):
        raise DemoContentError(f"{folder}: two threads share a key")
    return threads


@cache
def history_threads() -> tuple[Thread, ...]:
    """The conversations of the last ~18 months, department by department."""
    return tuple(load_threads(THREADS_DIR / "history"))


@cache
def open_question_threads() -> tuple[Thread, ...]:
    """This week's questions nobody has settled yet."""
    return tuple(load_threads(THREADS_DIR / "open"))
