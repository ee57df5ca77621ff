"""Writing from a profile: publish, share a file, edit, react, and the unpublished drafts.

Every write shows in the cache at once and is queued in the outbox for the next
sync (:mod:`kshare.client.store.writes`); the policy's rules are checked first.
"""

from __future__ import annotations

import mimetypes
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from kshare.client.account.service import Sessions
from kshare.client.audiences import KEEP, TimeChange, audience_change, new_item_spec
from kshare.client.errors import NotSignedIn, UserFacingError
from kshare.client.paths import ProfilePaths
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.store import outbox, repository
from kshare.client.store.outbox import OutboxOp
from kshare.client.store.writes import LocalWrites
from kshare.client.sync.blobs import BlobStore
from kshare.protocol.schemas import BlobRef

# The reference server's default upload limit; refusing here says so before anything is queued.
MAX_UPLOAD_BYTES = 100 * 1024 * 1024


class Writing:
    """The person's writes on one profile."""

    def __init__(
        self,
        paths: ProfilePaths,
        reader: Engine,
        writer: Engine,
        writes: LocalWrites,
        sessions: Sessions,
    ) -> None:
        self.paths = paths
        self.reader = reader
        self.writer = writer
        self.writes = writes
        self.sessions = sessions
        self.policy = sessions.policy

    def publish(
        self,
        *,
        title: str,
        body: str,
        tags: Sequence[str] = (),
        audience: Sequence[str] = ("org",),
        kind: str = "post",
        parent_id: str | None = None,
        editors: Sequence[str] = (),
        publish_at: datetime | None = None,
        visible_until: datetime | None = None,
    ) -> str:
        """Queue a new item in the outbox and show it in the cache at once, as pending.

        ``editors`` (``group:NAME``, ``person:USERNAME``) may change its text too and must
        be among its audience; ``publish_at`` and ``visible_until`` bound when others see
        it (a time without a zone is local time).
        """
        self.policy.check_audience(audience)
        spec = new_item_spec(
            kind=kind,
            parent_id=parent_id,
            audience=audience,
            editors=editors,
            publish_at=publish_at,
            visible_until=visible_until,
            now=self.writes.clock.now(),
        )
        return self.writes.publish(
            item_id=str(uuid.uuid4()),
            title=title,
            body=body,
            tags=tags,
            audience=spec,
            kind=kind,
            parent_id=parent_id,
        )

    def share_file(
        self,
        path: Path | str,
        *,
        title: str = "",
        body: str = "",
        tags: Sequence[str] = (),
        audience: Sequence[str] = ("org",),
        parent_id: str | None = None,
        editors: Sequence[str] = (),
        publish_at: datetime | None = None,
        visible_until: datetime | None = None,
    ) -> str:
        """Publish a file as a document: kept locally, uploaded, then announced, via the outbox.

        The upload is queued before the document that refers to it, in the same
        transaction and only once the document passed its checks, so the server
        always has the bytes when the document arrives; either survives a restart.
        ``editors`` and the window are as for :meth:`publish`.
        """
        self.policy.check_audience(audience)
        source = Path(path)
        ref, queue_upload = self._local_file(source)
        spec = new_item_spec(
            kind="document",
            parent_id=parent_id,
            audience=audience,
            editors=editors,
            publish_at=publish_at,
            visible_until=visible_until,
            now=self.writes.clock.now(),
        )
        return self.writes.publish(
            item_id=str(uuid.uuid4()),
            title=title or source.stem,
            body=body,
            tags=tags,
            audience=spec,
            kind="document",
            parent_id=parent_id,
            attachment=ref,
            queue_first=queue_upload,
        )

    def replace_file(self, item_id: str, path: Path | str) -> None:
        """A new version of a shared document's file: uploaded, then announced, via the
        outbox (like :meth:`share_file`); the document keeps its title, text and audience."""
        ref, queue_upload = self._local_file(Path(path))
        self.writes.edit(
            item_id, title=None, body=None, tags=None, attachment=ref, queue_first=queue_upload
        )

    def _local_file(self, source: Path) -> tuple[BlobRef, Callable[[Any], None]]:
        """Keep a file to upload; returns its reference and what queues its upload."""
        try:
            size = source.stat().st_size
            if size > MAX_UPLOAD_BYTES:
                raise UserFacingError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "{name} is {size} MB; files up to {limit} MB can be shared."
                    ),
                    name=source.name,
                    size=f"{size / 1024**2:.0f}",
                    limit=MAX_UPLOAD_BYTES // 1024**2,
                )
            data = source.read_bytes()
        except OSError as exc:
            raise UserFacingError(
                QT_TRANSLATE_NOOP("Errors", "Cannot read {name}: {cause}"),
                name=source.name,
                cause=exc.strerror or exc,
            ) from exc
        mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        sha256 = BlobStore(self.paths.blobs_dir, None).add_local(data)
        ref = BlobRef(sha256=sha256, size=len(data), mime=mime, filename=source.name)

        def queue_upload(conn: Any) -> None:
            if not outbox.has_pending(conn, sha256, "upload_blob"):
                outbox.add(conn, "upload_blob", sha256, {"size": len(data)})

        return ref, queue_upload

    def edit(
        self,
        item_id: str,
        *,
        title: str | None = None,
        body: str | None = None,
        tags: Sequence[str] | None = None,
        audience: Sequence[str] | None = None,
        editors: Sequence[str] | None = None,
        publish_at: TimeChange = KEEP,
        visible_until: TimeChange = KEEP,
    ) -> None:
        """Change an item; what is not given stays as it is.

        ``audience``, ``editors`` and the times change who may see and edit one's own
        item (``publish_at=None`` / ``visible_until=None`` clear a time). The cache shows
        the change at once; people who lose access lose the item at their next sync.
        """
        self.policy.check_audience(audience)
        change = audience_change(audience, editors, publish_at, visible_until, self.writes.clock)
        self.writes.edit(item_id, title=title, body=body, tags=tags, audience=change)

    def delete(self, item_id: str) -> None:
        self.writes.delete(item_id)

    def accept_answer(self, answer_id: str) -> None:
        """Accept an answer to one's own question: shown here at once, sent at the next sync."""
        self.writes.accept_answer(answer_id)

    # --- reactions -----------------------------------------------------------------------

    def react(self, item_id: str, emoji: str) -> str:
        return self.writes.react(item_id, emoji)

    def my_reactions(self, item_id: str) -> frozenset[str]:
        """The emoji the signed-in person has put on an item."""
        account = self.sessions.current
        if account is None:
            return frozenset()
        table = repository.REACTIONS
        with self.reader.connect() as conn:
            rows = conn.execute(
                select(table.c.emoji).where(
                    table.c.item_id == item_id, table.c.author_id == account.user_id
                )
            )
            return frozenset(rows.scalars())

    def unreact(self, item_id: str, emoji: str) -> None:
        """Take back the person's reaction; one the server never received is just forgotten."""
        account = self.sessions.current
        if account is None:
            raise NotSignedIn(QT_TRANSLATE_NOOP("Errors", "Sign in first."))
        table = repository.REACTIONS
        with self.writer.begin() as conn:
            ids = list(
                conn.execute(
                    select(table.c.id).where(
                        table.c.item_id == item_id,
                        table.c.author_id == account.user_id,
                        table.c.emoji == emoji,
                    )
                ).scalars()
            )
            unsent = {
                e.target_id: e.id for e in outbox.pending(conn) if e.operation == "create_reaction"
            }
            for reaction_id in ids:
                if reaction_id in unsent:
                    outbox.discard(conn, unsent[reaction_id])
                else:
                    outbox.add(conn, "delete_reaction", reaction_id, {"item_id": item_id})
            repository.purge(conn, [("reaction", reaction_id) for reaction_id in ids])

    # --- the outbox ----------------------------------------------------------------------

    def pending_count(self) -> int:
        with self.reader.connect() as conn:
            return outbox.pending_count(conn)

    def unpublished(self) -> list[OutboxOp]:
        """Conflicted drafts and writes the server refused, with the person's own text."""
        with self.reader.connect() as conn:
            return outbox.unpublished(conn)

    def resolve_conflict(self, entry_id: int, keep: str) -> None:
        """``keep="mine"`` sends the draft again over the server's version; "theirs" drops it."""
        self.writes.resolve_conflict(entry_id, keep)

    def discard_unpublished(self, entry_id: int) -> None:
        with self.writer.begin() as conn:
            outbox.discard(conn, entry_id)
