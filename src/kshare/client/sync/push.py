"""Push the outbox: each write once, in order, with its idempotency key.

A passing fault stops the push (later writes may depend on earlier ones) and
leaves everything pending. A 412 keeps both sides: the server's version goes
into the cache, the user's edit stays as a conflicted draft. A 403/404 moves
the write to "could not publish", where the user can copy their text; it is
never retried on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, update

from kshare.client.curation import outbox_ops as curation_ops
from kshare.client.notifications.follows import store_follows
from kshare.client.notifications.read_point import store_read_point
from kshare.client.store import declared, outbox, repository
from kshare.client.store.outbox import OutboxOp
from kshare.client.store.repository import ITEMS, ChangeSet
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import (
    AccountDisabled,
    ApiError,
    AuthRequired,
    NotFound,
    Transient,
    VersionConflict,
)
from kshare.client.sync.reconcile import FULL, RECONCILE_NEEDED
from kshare.protocol.schemas import (
    EndorsementCreate,
    FollowChange,
    FollowList,
    InboxState,
    ItemCreate,
    ItemOut,
    ItemUpdate,
    PersonOut,
    PersonUpsert,
    ProfileUpdate,
    ReactionCreate,
    ReactionOut,
    ReactionUpsert,
)

log = logging.getLogger(__name__)


@dataclass
class PushResult:
    changes: ChangeSet = field(default_factory=ChangeSet)
    pushed: int = 0
    conflicts: int = 0
    failed: int = 0


class OutboxPusher:
    def __init__(
        self,
        api: ApiClient,
        writer: Engine,
        *,
        blob_path: Callable[[str], Path] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.api = api
        self.writer = writer
        self.blob_path = blob_path
        self.on_progress = on_progress

    def run(self) -> PushResult:
        result = PushResult()
        with self.writer.connect() as conn:
            entries = outbox.pending(conn)
        for done, entry in enumerate(entries):
            if self.on_progress is not None:
                self.on_progress(done, len(entries))
            try:
                answer = self._send(entry)
            except Transient as exc:
                with self.writer.begin() as conn:
                    outbox.mark_attempt(conn, entry.id, str(exc))
                raise
            except (AuthRequired, AccountDisabled):
                raise
            except VersionConflict as exc:
                self._conflict(entry, exc, result)
                continue
            except NotFound as exc:
                if entry.operation in ("delete_item", "delete_reaction"):
                    answer = None  # already gone: that is what the user wanted
                else:
                    self._refused(entry, exc, result)
                    continue
            except ApiError as exc:
                self._refused(entry, exc, result)
                continue
            with self.writer.begin() as conn:
                outbox.mark_done(conn, entry.id)
                result.changes.merge(self._apply_answer(conn, entry, answer))
            result.pushed += 1
        return result

    def _send(self, entry: OutboxOp) -> Any:
        payload, key = entry.payload, entry.key
        if entry.operation == "create_item":
            return self.api.create_item(ItemCreate.model_validate(payload["create"]), key)
        if entry.operation == "update_item":
            update = ItemUpdate.model_validate(payload["update"])
            return self.api.update_item(entry.target_id, update, key)
        if entry.operation == "delete_item":
            return self.api.delete_item(entry.target_id, key)
        if entry.operation == "create_reaction":
            reaction = ReactionCreate.model_validate(payload["reaction"])
            return self.api.create_reaction(payload["item_id"], reaction, key)
        if entry.operation == "delete_reaction":
            return self.api.delete_reaction(entry.target_id, key)
        if entry.operation == "update_profile":
            return self.api.update_profile(ProfileUpdate.model_validate(payload["profile"]), key)
        if entry.operation == "endorse":
            body = EndorsementCreate(skill=payload["skill"])
            return self.api.endorse(entry.target_id, body, key)
        if entry.operation == "accept_answer":
            return self.api.accept_answer(entry.target_id, key)
        if entry.operation in curation_ops.OPERATIONS:
            return curation_ops.send(self.api, entry)
        if entry.operation == "set_follow":
            return self.api.set_follow(FollowChange.model_validate(payload["change"]), key)
        if entry.operation == "set_inbox_read":
            return self.api.set_inbox_state(InboxState.model_validate(payload["state"]), key)
        if entry.operation == "upload_blob":
            if self.blob_path is None:
                raise RuntimeError("no blob folder to upload from")
            data = self.blob_path(entry.target_id).read_bytes()
            return self.api.put_blob(entry.target_id, data, key)
        raise ValueError(f"unknown outbox operation {entry.operation!r}")

    def _apply_answer(self, conn: Any, entry: OutboxOp, answer: Any) -> ChangeSet:
        if isinstance(answer, ItemOut):
            return repository.upsert_items(conn, [answer])
        if isinstance(answer, ReactionOut):
            return repository.upsert(conn, [ReactionUpsert(data=answer)])
        if isinstance(answer, PersonOut):
            return repository.upsert(conn, [PersonUpsert(data=answer)])
        if isinstance(answer, FollowList):
            store_follows(conn, answer)
            return ChangeSet()
        if isinstance(answer, InboxState):
            store_read_point(conn, answer)
            return ChangeSet()
        if entry.operation == "delete_item":
            return repository.purge(conn, [("item", entry.target_id)])
        if entry.operation == "delete_reaction":
            return repository.purge(conn, [("reaction", entry.target_id)])
        return ChangeSet()

    def _conflict(self, entry: OutboxOp, exc: VersionConflict, result: PushResult) -> None:
        log.info("outbox %s: conflict on %s", entry.operation, entry.target_id)
        with self.writer.begin() as conn:
            outbox.mark_conflict(conn, entry.id, str(exc), exc.current)
            if exc.current:
                try:
                    current = ItemOut.model_validate(exc.current)
                except ValueError:
                    log.warning("the conflict answer did not hold a readable item")
                else:
                    result.changes.merge(repository.upsert_items(conn, [current]))
        result.conflicts += 1

    def _refused(self, entry: OutboxOp, exc: ApiError, result: PushResult) -> None:
        log.info("outbox %s refused with %s (%s)", entry.operation, exc.status, exc.code)
        with self.writer.begin() as conn:
            outbox.mark_failed(conn, entry.id, str(exc))
            result.changes.merge(self._undo_optimistic(conn, entry))
        result.failed += 1

    def _undo_optimistic(self, conn: Any, entry: OutboxOp) -> ChangeSet:
        """Take back what the desktop showed before the server agreed; the text stays in the
        outbox entry for the user to copy."""
        if entry.operation == "create_item":
            return repository.purge(conn, [("item", entry.target_id)])
        if entry.operation == "create_reaction":
            return repository.purge(conn, [("reaction", entry.payload["reaction"]["id"])])
        if entry.operation == "update_item" and entry.payload.get("base"):
            base = {**entry.payload["base"], "local_seq": repository.take_local_seqs(conn, 1)}
            conn.execute(update(ITEMS).where(ITEMS.c.id == entry.target_id).values(**base))
            changes = ChangeSet()
            changes.items.add(entry.target_id)
            return changes
        if entry.operation == "delete_item":
            # The item was hidden at once; ask the server for the truth on the next sync.
            repository.set_state(conn, RECONCILE_NEEDED, FULL)
        if entry.operation == "update_profile" and entry.payload.get("base"):
            # The choices as they were, with any later queued change still shown over them.
            return repository.update_person(
                conn, entry.target_id, entry.payload["base"], reapply_queued=True
            )
        if entry.operation == "endorse":
            row = repository.person_columns(conn, entry.target_id)
            if row is not None:
                endorsements = declared.without_endorsement(
                    row["endorsements"], entry.payload["skill"], entry.payload["endorser_id"]
                )
                return repository.update_person(
                    conn, entry.target_id, {"endorsements": endorsements}, reapply_queued=True
                )
        return ChangeSet()
