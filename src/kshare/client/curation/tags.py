"""Tag stewardship on the desktop: a tag's description, other names, experts and top content.

Experts and content come from the cache and the index (offline); the description and
the count of items under the tag come from the server when it can be reached. Describing
and merging are queued in the outbox, like every other write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine

from kshare.client.errors import UserFacingError
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.store import outbox, tag_descriptions
from kshare.client.store.tag_aliases import read, tag_key
from kshare.client.sync.api import ApiClient
from kshare.protocol.curation import TAGS, TagDescribe, TagMerge, TagOut

log = logging.getLogger(__name__)
Online = Callable[[str, Callable[[ApiClient], Any]], Any]


@dataclass(frozen=True)
class TagView:
    tag: str
    description: str
    aliases: tuple[str, ...]
    experts: tuple[str, ...]  # display names, best first
    top: tuple[tuple[str, str], ...]  # (item id, title)
    online: bool  # whether the description came from the server


class TagStewardship:
    def __init__(self, reader: Engine, writer: Engine, online: Online, workspace: Any) -> None:
        self.reader, self.writer = reader, writer
        self._online = online
        self._workspace = workspace  # for search and expert finding, which it owns

    def show(self, tag: str) -> TagView:
        names = read(self.reader).names(tag)
        key, others = names[0], tuple(names[1:])
        # The synced description first, so the tag reads the same offline; the server's
        # answer, when it can be reached, is newer still.
        description, online = tag_descriptions.description(self.reader, key), False
        try:
            found: TagOut = self._online(
                QT_TRANSLATE_NOOP("TaskLabel", "reading the tag"),
                lambda api: api.request(
                    "GET", f"{TAGS}/{quote(key, safe='')}", parse=api.parser(TagOut)
                ),
            )
            description, online = found.description, True
        except UserFacingError as exc:
            log.info("tag %s shown without its description: %s", key, exc)
        experts = tuple(e.display_name for e in self._workspace.experts(key, limit=5))
        hits = self._workspace.search(f"tag:{key}", limit=5).hits
        return TagView(
            key, description, others, experts, tuple((h.id, h.title) for h in hits), online
        )

    def _queue(self, operation: str, tag: str, body: TagDescribe | TagMerge) -> None:
        with self.writer.begin() as conn:
            outbox.add(conn, operation, tag_key(tag), {"tag": body.model_dump(mode="json")})

    def describe(self, tag: str, text: str) -> None:
        self._queue("describe_tag", tag, TagDescribe(description=text))

    def merge(self, source: str, into: str) -> None:
        if tag_key(source) == tag_key(into):
            raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "Name two different tags to merge."))
        self._queue("merge_tags", source, TagMerge(into=tag_key(into)))
