"""Read a Stack Exchange data dump (the extracted XML files of one site), streaming.

The dump is one folder with ``Posts.xml`` and, optionally, ``Users.xml``,
``Tags.xml``, ``Comments.xml`` and ``Votes.xml``. Each file is a ``<rows>``
element of ``<row .../>`` elements whose attributes carry the data. Files of
large sites run to tens of gigabytes, so every reader streams with
``iterparse`` and frees each row once read.

This module imports nothing of kshare: the expertise benchmark and the
server's ``admin import-stackexchange`` both read dumps through it.
"""

from __future__ import annotations

import html
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

QUESTION = 1
ANSWER = 2

VOTE_ACCEPTED = 1  # AcceptedByOriginator
VOTE_UP = 2
VOTE_DOWN = 3


@dataclass(frozen=True)
class SEUser:
    id: int
    display_name: str
    reputation: int = 0
    created_at: datetime | None = None
    location: str = ""
    about: str = ""


@dataclass(frozen=True)
class SEPost:
    """A question (post_type 1), an answer (2) or another post kind (tag wikis and such)."""

    id: int
    post_type: int
    created_at: datetime
    owner_user_id: int | None = None
    owner_display_name: str = ""
    parent_id: int | None = None
    accepted_answer_id: int | None = None  # the final state, as of the dump's date
    score: int = 0  # the final score, as of the dump's date
    title: str = ""
    body: str = ""  # HTML, as in the dump
    tags: tuple[str, ...] = ()

    @property
    def is_question(self) -> bool:
        return self.post_type == QUESTION

    @property
    def is_answer(self) -> bool:
        return self.post_type == ANSWER


@dataclass(frozen=True)
class SETag:
    id: int
    name: str
    count: int = 0


@dataclass(frozen=True)
class SEComment:
    id: int
    post_id: int
    created_at: datetime
    text: str = ""
    user_id: int | None = None
    user_display_name: str = ""
    score: int = 0


@dataclass(frozen=True)
class SEVote:
    """A vote. Public dumps keep only its day (time 00:00), and no voter for most types."""

    id: int
    post_id: int
    vote_type: int
    created_at: datetime
    user_id: int | None = None

    @property
    def known_from(self) -> datetime:
        """The first moment the vote is certainly in the past: the end of its day."""
        return self.created_at + timedelta(days=1)


def parse_time(text: str) -> datetime:
    """A dump timestamp (``2010-07-20T19:09:27.200``, UTC without a zone) as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


_TAG_ANGLE = re.compile(r"<([^<>]+)>")


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as ``<a><b>`` (older dumps) or ``|a|b|`` (newer dumps)."""
    if not text:
        return ()
    if text.startswith("<"):
        return tuple(_TAG_ANGLE.findall(text))
    return tuple(t for t in text.split("|") if t)


_HTML_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(body: str) -> str:
    """Plain text of a post body: markup dropped, entities decoded, whitespace folded."""
    return _SPACE.sub(" ", html.unescape(_HTML_TAG.sub(" ", body))).strip()


def _int(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def iter_rows(path: Path) -> Iterator[dict[str, str]]:
    """The attributes of each ``<row>`` of one dump file, one at a time, in file order."""
    context = ET.iterparse(path, events=("start", "end"))
    root: ET.Element | None = None
    for event, element in context:
        if event == "start":
            if root is None:
                root = element
            continue
        if element.tag == "row":
            yield dict(element.attrib)
            # Dropping read rows keeps memory flat on multi-gigabyte files.
            element.clear()
            if root is not None:
                root.clear()


def iter_users(path: Path) -> Iterator[SEUser]:
    for row in iter_rows(path):
        created = row.get("CreationDate")
        yield SEUser(
            id=int(row["Id"]),
            display_name=row.get("DisplayName", ""),
            reputation=_int(row.get("Reputation")) or 0,
            created_at=parse_time(created) if created else None,
            location=row.get("Location", ""),
            about=row.get("AboutMe", ""),
        )


def iter_posts(path: Path) -> Iterator[SEPost]:
    for row in iter_rows(path):
        yield SEPost(
            id=int(row["Id"]),
            post_type=int(row["PostTypeId"]),
            created_at=parse_time(row["CreationDate"]),
            owner_user_id=_int(row.get("OwnerUserId")),
            owner_display_name=row.get("OwnerDisplayName", ""),
            parent_id=_int(row.get("ParentId")),
            accepted_answer_id=_int(row.get("AcceptedAnswerId")),
            score=_int(row.get("Score")) or 0,
            title=row.get("Title", ""),
            body=row.get("Body", ""),
            tags=parse_tags(row.get("Tags", "")),
        )


def iter_tags(path: Path) -> Iterator[SETag]:
    for row in iter_rows(path):
        yield SETag(id=int(row["Id"]), name=row["TagName"], count=_int(row.get("Count")) or 0)


def iter_comments(path: Path) -> Iterator[SEComment]:
    for row in iter_rows(path):
        yield SEComment(
            id=int(row["Id"]),
            post_id=int(row["PostId"]),
            created_at=parse_time(row["CreationDate"]),
            text=row.get("Text", ""),
            user_id=_int(row.get("UserId")),
            user_display_name=row.get("UserDisplayName", ""),
            score=_int(row.get("Score")) or 0,
        )


def iter_votes(path: Path) -> Iterator[SEVote]:
    for row in iter_rows(path):
        yield SEVote(
            id=int(row["Id"]),
            post_id=int(row["PostId"]),
            vote_type=int(row["VoteTypeId"]),
            created_at=parse_time(row["CreationDate"]),
            user_id=_int(row.get("UserId")),
        )


def _find(folder: Path, name: str) -> Path | None:
    """``name`` in ``folder``, tolerating lower-case file names some mirrors use."""
    for candidate in (folder / name, folder / name.lower()):
        if candidate.is_file():
            return candidate
    return None


@dataclass
class StackExchangeDump:
    """A dump folder; each ``iter_*`` streams one file, an absent optional file yields nothing."""

    folder: Path

    def __post_init__(self) -> None:
        if _find(self.folder, "Posts.xml") is None:
            raise FileNotFoundError(f"no Posts.xml in {self.folder}: not a Stack Exchange dump")

    def has(self, name: str) -> bool:
        return _find(self.folder, name) is not None

    def posts(self) -> Iterator[SEPost]:
        path = _find(self.folder, "Posts.xml")
        assert path is not None  # checked when the dump was opened
        return iter_posts(path)

    def users(self) -> Iterator[SEUser]:
        """Users.xml when present; otherwise the people named by the posts' owners."""
        path = _find(self.folder, "Users.xml")
        if path is not None:
            return iter_users(path)
        return iter(users_from_posts(self.posts()))

    def tags(self) -> Iterator[SETag]:
        path = _find(self.folder, "Tags.xml")
        return iter_tags(path) if path is not None else iter(())

    def comments(self) -> Iterator[SEComment]:
        path = _find(self.folder, "Comments.xml")
        return iter_comments(path) if path is not None else iter(())

    def votes(self) -> Iterator[SEVote]:
        path = _find(self.folder, "Votes.xml")
        return iter_votes(path) if path is not None else iter(())


def users_from_posts(posts: Iterable[SEPost]) -> list[SEUser]:
    """People known only from posts: by OwnerUserId, named after their latest OwnerDisplayName.

    Posts of deleted accounts carry a display name but no user id; they stay
    anonymous (no stable identity to credit).
    """
    names: dict[int, str] = {}
    first_seen: dict[int, datetime] = {}
    for post in posts:
        if post.owner_user_id is None:
            continue
        uid = post.owner_user_id
        if post.owner_display_name or uid not in names:
            names[uid] = post.owner_display_name or f"user{uid}"
        if uid not in first_seen or post.created_at < first_seen[uid]:
            first_seen[uid] = post.created_at
    return [SEUser(id=uid, display_name=names[uid], created_at=first_seen[uid]) for uid in names]
