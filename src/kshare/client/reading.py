"""Reading a profile's cache: the feed, one item with its notes, a document's local file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine

from kshare.client.account.service import Sessions
from kshare.client.curation.service import Curation
from kshare.client.errors import UserFacingError, say
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.search import Searching
from kshare.client.store import queries
from kshare.client.store.writes import LocalWrites
from kshare.client.sync.blobs import BlobStore
from kshare.client.sync.errors import SyncError
from kshare.client.views import Choice, ItemDetail, ItemSummary

THE_FILE = QT_TRANSLATE_NOOP("Errors", "the file")


class Reading:
    """What the feed and the item pane show; ``blobs`` is the sync engine's blob store."""

    def __init__(
        self,
        reader: Engine,
        writes: LocalWrites,
        sessions: Sessions,
        searching: Searching,
        *,
        curation: Callable[[], Curation],
        blobs: Callable[[], BlobStore | None],
    ) -> None:
        self.reader = reader
        self.writes = writes
        self.sessions = sessions
        self.policy = sessions.policy
        self.searching = searching
        self._curation = curation
        self._blobs = blobs

    def feed_count(self, kind: str | None = None) -> int:
        return queries.feed_count(self.reader, kind)

    def feed_page(self, offset: int, limit: int, kind: str | None = None) -> list[ItemSummary]:
        return queries.feed_page(self.reader, offset, limit, kind)

    def item(self, item_id: str) -> ItemDetail | None:
        detail = queries.item_detail(self.reader, item_id)
        if detail is not None and detail.attachment_name:
            detail = replace(detail, attachment_note=self.searching.attachment_note(item_id))
        if detail is not None:
            note = self._curation().note_phrase_for(item_id)
            detail = replace(
                detail, verification_note=note.text if note else "", verification_phrase=note
            )
        return detail

    def audience_choices(self) -> list[Choice]:
        return queries.audience_choices(self.reader, self.sessions.my_id())

    def attachment_path(self, item_id: str) -> Path | None:
        """The local file of a document, downloading it now if needed (the "lazy" policy).

        It carries the document's own file name (a read-only copy of the verified
        content), so the desktop opens it with the right application.
        """
        detail = self.item(item_id)
        if detail is None:
            return None
        with self.reader.connect() as conn:
            ref = self.writes.attachment_of(conn, item_id)
        if ref is None:
            return None
        self.policy.require_feature("downloads_enabled", "Downloading shared documents")
        blobs = self._blobs()
        assert blobs is not None
        try:
            return blobs.named_copy(ref)
        except SyncError as exc:
            raise UserFacingError(
                QT_TRANSLATE_NOOP("Errors", "Cannot download {name}: {cause}"),
                name=ref.filename or say(THE_FILE),
                cause=exc.phrase,
            ) from exc
