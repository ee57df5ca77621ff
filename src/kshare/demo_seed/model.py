"""The shape of the demo organisation: people, groups, items and endorsements."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class DemoPerson:
    """One employee of the demo company."""

    username: str
    display_name: str
    title: str
    department: str
    location: str
    manager: str | None
    skills: list[str]
    ask_me_about: list[str]
    password: str


@dataclass(frozen=True)
class DemoGroup:
    """A team, department or community, with its members and owners."""

    name: str
    kind: str  # 'team' | 'department' | 'community'
    visibility: str  # 'open' | 'closed' | 'secret'
    description: str
    members: list[str]
    owners: list[str]


@dataclass(frozen=True)
class DemoItem:
    """A post, article, question, answer or comment.

    ``audience`` uses the command-line forms of
    :meth:`kshare.domain.audience.Principal.parse`; it is empty for answers and
    comments, which inherit the audience of their parent.
    """

    key: str
    kind: str  # 'post' | 'article' | 'question' | 'answer' | 'comment'
    author: str
    title: str
    body: str
    tags: list[str]
    audience: list[str]
    parent: str | None
    accepted: bool
    created_at: datetime
    score: int


@dataclass(frozen=True)
class DemoFile:
    """One version of a shared document's file."""

    filename: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class DemoDocument:
    """A shared document: the first version is shared, each later one replaces it."""

    key: str
    author: str
    title: str
    body: str
    tags: list[str]
    audience: list[str]
    created_at: datetime
    versions: list[DemoFile]


@dataclass(frozen=True)
class DemoOrg:
    """Everything the demo seed loads into a fresh server."""

    organisation: str
    people: list[DemoPerson]
    groups: list[DemoGroup]
    items: list[DemoItem]
    endorsements: list[tuple[str, str, str]]  # (endorser, endorsee, skill)
    demo_user: str
    demo_password: str
    documents: list[DemoDocument] = field(default_factory=list)
    curation: Any = None  # kshare.demo_seed.curation.DemoCuration


# What the topic modules write: a thread is a post, article or question together with
# the answers and comments that colleagues wrote under it.


@dataclass(frozen=True)
class Reply:
    """A hand-written answer or comment. ``on`` is the index of the answer it comments on."""

    author: str
    body: str
    accepted: bool = False
    on: int | None = None


@dataclass(frozen=True)
class Thread:
    """A top-level item and what hangs below it.

    ``hooks`` are short noun phrases from the item that generated comments may
    refer to ("the pgbouncer pool size"); the first one of a question is about its accepted
    answer. ``tone`` picks the kind of generated comment (see :mod:`.chatter`); ``days_ago``
    pins the thread to a window.
    """

    key: str
    kind: str
    author: str
    title: str
    body: str
    tags: tuple[str, ...]
    audience: tuple[str, ...] = ("org",)
    answers: tuple[Reply, ...] = ()
    comments: tuple[Reply, ...] = ()
    hooks: tuple[str, ...] = ()
    days_ago: tuple[int, int] | None = None
    extra_comments: int | None = None
    tone: str = ""
