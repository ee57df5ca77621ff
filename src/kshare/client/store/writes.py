"""Writes made on this desktop: queued in the outbox and shown in the cache in one transaction.

What the person sees at once (a pending post, an edit, a reaction) and the
outbox entry that will tell the server commit together, so a crash can never
show a change that will not be sent, nor send one that was never shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, select, update

from kshare.client.audiences import AudienceChange
from kshare.client.errors import InvalidWrite, NotInCache, NotPermitted, NotSignedIn
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.store import declared, outbox, repository
from kshare.client.store.db import clock_of
from kshare.client.store.repository import GROUPS, ITEMS, PEOPLE
from kshare.clock import Clock
from kshare.protocol.schemas import (
    AudienceSpec,
    AudienceView,
    BlobRef,
    EndorsementCreate,
    GroupRef,
    ItemCreate,
    ItemOut,
    ItemUpdate,
    PersonRef,
    ProfileUpdate,
    ReactionCreate,
    ReactionOut,
    ReactionUpsert,
)


class _Account(Protocol):
    @property
    def user_id(self) -> str: ...


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg"))


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class LocalWrites:
    def __init__(
        self,
        writer: Engine,
        account: Callable[[], _Account | None],
        clock: Clock | None = None,
    ) -> None:
        self.writer = writer
        self._account = account
        self.clock = clock or clock_of(writer)

    def _me(self) -> str:
        account = self._account()
        if account is None:
            raise NotSignedIn(
                QT_TRANSLATE_NOOP("Errors", "Sign in first: kshare needs to know who is writing.")
            )
        return account.user_id

    @staticmethod
    def _group(conn: Connection, ref: str) -> Any:
        return conn.execute(
            select(GROUPS).where((GROUPS.c.name == ref) | (GROUPS.c.id == ref))
        ).first()

    @staticmethod
    def _person(conn: Connection, ref: str) -> Any:
        return conn.execute(
            select(PEOPLE).where((PEOPLE.c.username == ref) | (PEOPLE.c.id == ref))
        ).first()

    def _audience_view(self, conn: Connection, spec: AudienceSpec) -> AudienceView:
        """What the cache shows until the server answers: names resolved where we can."""

        def groups(refs: list[str]) -> list[GroupRef]:
            rows = (self._group(conn, ref) for ref in refs)
            return [GroupRef(id=r.id, name=r.name, kind=r.kind) for r in rows if r is not None]

        def people(refs: list[str]) -> list[PersonRef]:
            rows = (self._person(conn, ref) for ref in refs)
            return [
                PersonRef(id=r.id, username=r.username, display_name=r.display_name)
                for r in rows
                if r is not None
            ]

        return AudienceView(
            org=spec.org,
            private=spec.private,
            groups=groups(spec.groups),
            people=people(spec.people),
            editor_groups=groups(spec.editor_groups),
            editor_people=people(spec.editor_people),
            publish_at=spec.publish_at,
            visible_until=spec.visible_until,
        )

    def _check_editors(self, conn: Connection, spec: AudienceSpec) -> None:
        """An editor must be someone the item is shown to.

        The server lets every editor see the item; asking for the editors to be in the
        audience keeps the audience the author chose the one that is shown to them.
        """
        if spec.org or not (spec.editor_groups or spec.editor_people):
            return
        group_rows = [(ref, self._group(conn, ref)) for ref in spec.groups]
        group_keys = {_key(ref) for ref, _ in group_rows}
        group_keys |= {_key(r.id) for _, r in group_rows if r is not None}
        group_keys |= {_key(r.name) for _, r in group_rows if r is not None}
        members = {m for _, r in group_rows if r is not None for m in (r.member_ids or [])}
        person_keys = {_key(ref) for ref in spec.people}
        for ref in spec.people:
            if (row := self._person(conn, ref)) is not None:
                person_keys |= {_key(row.id), _key(row.username)}
        outside: list[str] = []
        for ref in spec.editor_groups:
            row = self._group(conn, ref)
            names = {_key(ref)} | ({_key(row.id), _key(row.name)} if row is not None else set())
            if not names & group_keys:
                outside.append(row.name if row is not None else ref)
        for ref in spec.editor_people:
            row = self._person(conn, ref)
            names = {_key(ref)} | ({_key(row.id), _key(row.username)} if row is not None else set())
            if not names & person_keys and (row is None or row.id not in members):
                outside.append(row.display_name if row is not None else ref)
        if outside:
            raise InvalidWrite("editors_outside", names=tuple(outside))

    def publish(
        self,
        *,
        item_id: str,
        title: str,
        body: str,
        tags: Sequence[str],
        audience: AudienceSpec | None,
        kind: str,
        parent_id: str | None,
        attachment: BlobRef | None = None,
        queue_first: Callable[[Connection], None] | None = None,
    ) -> str:
        """Queue a new item and show it at once; ``queue_first`` adds what must reach the
        server before it (a file's upload) in the same transaction, once all is checked.

        ``audience`` is None for an answer or comment: they follow their parent's.
        """
        me = self._me()
        reply = bool(parent_id and kind in ("answer", "comment"))
        spec = None if reply else audience
        try:
            create = ItemCreate(
                id=item_id,
                kind=kind,  # type: ignore[arg-type]
                parent_id=parent_id,
                title=title,
                body=body,
                tags=list(tags),
                audience=spec,
                attachment=attachment,
            )
        except ValidationError as exc:
            raise InvalidWrite("publish_field", field=_first_error(exc)) from exc
        now = self.clock.now()
        with self.writer.begin() as conn:
            if spec is not None:
                self._check_editors(conn, spec)
            view = self._audience_view(conn, spec) if spec else AudienceView()
            local = ItemOut(
                id=item_id,
                kind=create.kind,
                parent_id=parent_id,
                author_id=me,
                title=title,
                body=body,
                tags=list(tags),
                created_at=now,
                updated_at=now,
                version=0,  # not on the server yet
                audience=view,
                can_edit=True,
                attachment=attachment,
            )
            if queue_first is not None:
                queue_first(conn)
            outbox.add(conn, "create_item", item_id, {"create": create.model_dump(mode="json")})
            repository.upsert_items(conn, [local])
        return item_id

    def _row(self, conn: Connection, item_id: str) -> Any:
        row = conn.execute(select(ITEMS).where(ITEMS.c.id == item_id)).first()
        if row is None:
            raise NotInCache("item")
        return row

    def edit(
        self,
        item_id: str,
        *,
        title: str | None,
        body: str | None,
        tags: Sequence[str] | None,
        audience: AudienceChange | None = None,
        attachment: BlobRef | None = None,
        queue_first: Callable[[Connection], None] | None = None,
    ) -> None:
        """Queue a change of an item and show it at once; ``None`` leaves a part as is.

        Who may see or edit the item, and when, is the author's alone to change:
        ``audience`` makes the new audience from the one the cache shows
        (:func:`kshare.client.audiences.audience_change`). ``attachment`` is a new
        version of a document's file; ``queue_first`` queues its upload in the same
        transaction, once the change passed its checks.
        """
        changes_audience = audience is not None
        with self.writer.begin() as conn:
            row = self._row(conn, item_id)
            account = self._account()
            mine = account is not None and row.author_id == account.user_id
            if account is not None and not mine and not row.can_edit:
                raise NotPermitted("not_an_editor")
            spec: AudienceSpec | None = None
            if changes_audience:
                if row.parent_id is not None:
                    raise InvalidWrite("reply_audience")
                if not mine:
                    raise NotPermitted("not_the_author")
                assert audience is not None
                spec = audience(AudienceView.model_validate(row.audience or {}))
                self._check_editors(conn, spec)
            try:
                change = ItemUpdate(
                    base_version=max(row.version, 1),  # a pending create becomes version 1
                    title=title,
                    body=body,
                    tags=list(tags) if tags is not None else None,
                    audience=spec,
                    attachment=attachment,
                )
            except ValidationError as exc:
                raise InvalidWrite("edit_field", field=_first_error(exc)) from exc
            if attachment is not None and row.kind != "document":
                raise InvalidWrite("not_a_document")
            base: dict[str, Any] = {
                "title": row.title,
                "body": row.body,
                "tags": list(row.tags or []),
            }
            payload: dict[str, Any] = {
                "update": change.model_dump(mode="json", exclude_none=True),
                "base": base,
            }
            shown: dict[str, Any] | None = None
            if spec is not None:
                base["audience"] = row.audience
                shown = self._audience_view(conn, spec).model_dump(mode="json")
                payload["shown_audience"] = shown
            if attachment is not None:
                base["attachment"] = row.attachment
            if queue_first is not None:
                queue_first(conn)
            outbox.add(conn, "update_item", item_id, payload)
            self._show_edit(conn, item_id, title, body, tags, shown, attachment)

    def _show_edit(
        self,
        conn: Connection,
        item_id: str,
        title: str | None,
        body: str | None,
        tags: Sequence[str] | None,
        audience: dict[str, Any] | None = None,
        attachment: BlobRef | None = None,
    ) -> None:
        values: dict[str, Any] = {"local_seq": repository.take_local_seqs(conn, 1)}
        if audience is not None:
            values["audience"] = audience
        if attachment is not None:
            values["attachment"] = attachment.model_dump(mode="json")
        if title is not None:
            values["title"] = title
        if body is not None:
            values["body"] = body
        if tags is not None:
            values["tags"] = list(tags)
        conn.execute(update(ITEMS).where(ITEMS.c.id == item_id).values(**values))

    def accept_answer(self, answer_id: str) -> None:
        """Mark an answer as the accepted one of the signed-in person's question."""
        me = self._me()
        with self.writer.begin() as conn:
            answer = self._row(conn, answer_id)
            question = (
                conn.execute(select(ITEMS).where(ITEMS.c.id == answer.parent_id)).first()
                if answer.parent_id
                else None
            )
            if answer.kind != "answer" or question is None or question.kind != "question":
                raise InvalidWrite("not_an_answer")
            if question.author_id != me:
                raise NotPermitted("not_the_asker")
            if question.accepted_answer_id == answer_id:
                return  # already the accepted one: nothing to send
            outbox.add(conn, "accept_answer", answer_id, {"question_id": question.id})
            # three rows change: the old accepted answer, the question and the new one
            first = repository.take_local_seqs(conn, 3)
            seqs = iter((first, first + 1, first + 2))
            previous = question.accepted_answer_id
            if previous:
                conn.execute(
                    update(ITEMS)
                    .where(ITEMS.c.id == previous)
                    .values(is_accepted=False, local_seq=next(seqs))
                )
            conn.execute(
                update(ITEMS)
                .where(ITEMS.c.id == question.id)
                .values(accepted_answer_id=answer_id, local_seq=next(seqs))
            )
            conn.execute(
                update(ITEMS)
                .where(ITEMS.c.id == answer_id)
                .values(is_accepted=True, local_seq=next(seqs))
            )

    def delete(self, item_id: str) -> None:
        with self.writer.begin() as conn:
            self._row(conn, item_id)
            unsent = [e for e in outbox.pending(conn) if e.target_id == item_id]
            if any(e.operation == "create_item" for e in unsent):
                # Never reached the server: forget it here and tell nobody.
                for entry in unsent:
                    outbox.discard(conn, entry.id)
            else:
                outbox.add(conn, "delete_item", item_id, {})
            repository.purge(conn, [("item", item_id)])

    def react(self, item_id: str, emoji: str) -> str:
        me = self._me()
        reaction_id = str(uuid.uuid4())
        try:
            body = ReactionCreate(id=reaction_id, emoji=emoji)
        except ValidationError as exc:
            raise InvalidWrite("reaction_field", field=_first_error(exc)) from exc
        with self.writer.begin() as conn:
            self._row(conn, item_id)
            payload = {"item_id": item_id, "reaction": body.model_dump(mode="json")}
            outbox.add(conn, "create_reaction", reaction_id, payload)
            local = ReactionOut(
                id=reaction_id,
                item_id=item_id,
                author_id=me,
                emoji=emoji,
                created_at=self.clock.now(),
            )
            repository.upsert(conn, [ReactionUpsert(data=local)])
        return reaction_id

    def update_choices(
        self, change: Callable[[declared.Choices], declared.Choices]
    ) -> declared.Choices:
        """Apply a change to the signed-in person's expertise choices and queue it.

        The outbox entry carries the full resulting lists (the server replaces each
        list it is given), and the person row shows them at once, in one transaction.
        """
        me = self._me()
        with self.writer.begin() as conn:
            row = repository.person_columns(conn, me)
            if row is None:
                # Full lists built from nothing would erase what the server knows.
                raise NotInCache("profile")
            before = declared.Choices.from_row(row)
            try:
                after = change(before)
                body = ProfileUpdate(**after.columns())
            except declared.ChoiceError as exc:
                raise InvalidWrite("choice", detail=str(exc)) from exc
            except ValidationError as exc:
                raise InvalidWrite("profile_field", field=_first_error(exc)) from exc
            if after.columns() == before.columns():
                return after  # nothing changes: nothing to tell the server
            payload = {
                "profile": body.model_dump(mode="json", exclude_none=True),
                "base": before.columns(),
            }
            outbox.add(conn, "update_profile", me, payload)
            repository.update_person(conn, me, after.columns())
        return after

    def endorse(self, person_id: str, skill: str) -> bool:
        """Queue an endorsement and show it at once; False when it was already there."""
        me = self._me()
        if person_id == me:
            raise NotPermitted("endorse_yourself")
        name = declared.clean_topic(skill)
        try:
            body = EndorsementCreate(skill=name)
        except ValidationError as exc:
            raise InvalidWrite("no_skill") from exc
        with self.writer.begin() as conn:
            row = repository.person_columns(conn, person_id)
            if row is None:
                raise NotInCache("person")
            if declared.endorsed_by(row["endorsements"], name, me):
                return False
            payload = {"skill": body.skill, "endorser_id": me}
            outbox.add(conn, "endorse", person_id, payload)
            endorsements = declared.with_endorsement(row["endorsements"], name, me)
            repository.update_person(conn, person_id, {"endorsements": endorsements})
        return True

    def resolve_conflict(self, entry_id: int, keep: str) -> None:
        if keep not in ("mine", "theirs"):
            raise ValueError("keep must be 'mine' or 'theirs'")
        with self.writer.begin() as conn:
            entry = outbox.get(conn, entry_id)
            if entry is None or entry.state != outbox.CONFLICT:
                raise NotInCache("draft")
            if keep == "theirs":
                outbox.discard(conn, entry_id)
                return
            server = entry.payload.get("server") or {}
            change = dict(entry.payload["update"])
            # Sending "mine" again means: based on the version the server has now.
            change["base_version"] = int(server.get("version") or change["base_version"])
            payload = {k: v for k, v in entry.payload.items() if k != "server"}
            payload["update"] = change
            outbox.requeue(conn, entry_id, payload)
            self._show_edit(
                conn,
                entry.target_id,
                change.get("title"),
                change.get("body"),
                change.get("tags"),
                payload.get("shown_audience"),
            )

    @staticmethod
    def attachment_of(conn: Connection, item_id: str) -> BlobRef | None:
        raw = conn.execute(select(ITEMS.c.attachment).where(ITEMS.c.id == item_id)).scalar()
        return BlobRef.model_validate(raw) if raw else None
