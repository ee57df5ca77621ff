"""Writes made on this desktop: queued in the outbox and shown in the cache in one transaction.

What the person sees at once (a pending post, an edit, a reaction) and the
outbox entry that will tell the server commit together, so a crash can never
show a change that will not be sent, nor send one that was never shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, select, update

from kshare.client.errors import NotSignedIn, UserFacingError
from kshare.client.store import declared, outbox, repository
from kshare.client.store.repository import GROUPS, ITEMS, PEOPLE
from kshare.domain.audience import Principal, PrincipalKind
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


def audience_spec(choices: Sequence[str]) -> AudienceSpec:
    """Command-line audiences (org, private, group:NAME, person:NAME) as the wire spec."""
    spec = AudienceSpec()
    for text in choices:
        try:
            principal = Principal.parse(text)
        except ValueError as exc:
            raise UserFacingError(str(exc)) from exc
        if principal.kind is PrincipalKind.ORG:
            spec.org = True
        elif principal.kind is PrincipalKind.AUTHOR:
            spec.private = True
        elif principal.kind is PrincipalKind.GROUP:
            spec.groups.append(principal.ref)
        else:
            spec.people.append(principal.ref)
    if spec.private and (spec.org or spec.groups or spec.people):
        raise UserFacingError("'private' cannot be combined with other audiences")
    if not (spec.org or spec.private or spec.groups or spec.people):
        spec.private = True
    return spec


class LocalWrites:
    def __init__(self, writer: Engine, account: Callable[[], _Account | None]) -> None:
        self.writer = writer
        self._account = account

    def _me(self) -> str:
        account = self._account()
        if account is None:
            raise NotSignedIn("Sign in first: kshare needs to know who is writing.")
        return account.user_id

    def _audience_view(self, conn: Connection, spec: AudienceSpec) -> AudienceView:
        """What the cache shows until the server answers: names resolved where we can."""
        groups = []
        for name in spec.groups:
            row = conn.execute(
                select(GROUPS).where((GROUPS.c.name == name) | (GROUPS.c.id == name))
            ).first()
            if row is not None:
                groups.append(GroupRef(id=row.id, name=row.name, kind=row.kind))
        people = []
        for name in spec.people:
            row = conn.execute(
                select(PEOPLE).where((PEOPLE.c.username == name) | (PEOPLE.c.id == name))
            ).first()
            if row is not None:
                people.append(
                    PersonRef(id=row.id, username=row.username, display_name=row.display_name)
                )
        return AudienceView(org=spec.org, private=spec.private, groups=groups, people=people)

    def publish(
        self,
        *,
        item_id: str,
        title: str,
        body: str,
        tags: Sequence[str],
        audience: Sequence[str],
        kind: str,
        parent_id: str | None,
        attachment: BlobRef | None = None,
    ) -> str:
        me = self._me()
        spec = None if parent_id and kind in ("answer", "comment") else audience_spec(audience)
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
            raise UserFacingError(f"This cannot be published: {_first_error(exc)}") from exc
        now = datetime.now(UTC)
        with self.writer.begin() as conn:
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
            outbox.add(conn, "create_item", item_id, {"create": create.model_dump(mode="json")})
            repository.upsert_items(conn, [local])
        return item_id

    def _row(self, conn: Connection, item_id: str) -> Any:
        row = conn.execute(select(ITEMS).where(ITEMS.c.id == item_id)).first()
        if row is None:
            raise UserFacingError("That item is not on this computer (any more).")
        return row

    def edit(
        self,
        item_id: str,
        *,
        title: str | None,
        body: str | None,
        tags: Sequence[str] | None,
    ) -> None:
        with self.writer.begin() as conn:
            row = self._row(conn, item_id)
            try:
                change = ItemUpdate(
                    base_version=max(row.version, 1),  # a pending create becomes version 1
                    title=title,
                    body=body,
                    tags=list(tags) if tags is not None else None,
                )
            except ValidationError as exc:
                raise UserFacingError(f"This edit cannot be saved: {_first_error(exc)}") from exc
            base = {"title": row.title, "body": row.body, "tags": list(row.tags or [])}
            payload = {"update": change.model_dump(mode="json", exclude_none=True), "base": base}
            outbox.add(conn, "update_item", item_id, payload)
            self._show_edit(conn, item_id, title, body, tags)

    def _show_edit(
        self,
        conn: Connection,
        item_id: str,
        title: str | None,
        body: str | None,
        tags: Sequence[str] | None,
    ) -> None:
        values: dict[str, Any] = {"local_seq": repository.take_local_seqs(conn, 1)}
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
                raise UserFacingError("Only an answer to a question can be accepted.")
            if question.author_id != me:
                raise UserFacingError("Only the person who asked may accept an answer.")
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
            raise UserFacingError(f"That reaction cannot be sent: {_first_error(exc)}") from exc
        with self.writer.begin() as conn:
            self._row(conn, item_id)
            payload = {"item_id": item_id, "reaction": body.model_dump(mode="json")}
            outbox.add(conn, "create_reaction", reaction_id, payload)
            local = ReactionOut(
                id=reaction_id,
                item_id=item_id,
                author_id=me,
                emoji=emoji,
                created_at=datetime.now(UTC),
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
                raise UserFacingError(
                    "Your profile is not on this computer yet: sync once, then try again."
                )
            before = declared.Choices.from_row(row)
            try:
                after = change(before)
                body = ProfileUpdate(**after.columns())
            except declared.ChoiceError as exc:
                raise UserFacingError(str(exc)) from exc
            except ValidationError as exc:
                raise UserFacingError(f"This change cannot be saved: {_first_error(exc)}") from exc
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
            raise UserFacingError("You cannot endorse yourself.")
        name = declared.clean_topic(skill)
        try:
            body = EndorsementCreate(skill=name)
        except ValidationError as exc:
            raise UserFacingError("Name the skill you endorse.") from exc
        with self.writer.begin() as conn:
            row = repository.person_columns(conn, person_id)
            if row is None:
                raise UserFacingError("That person is not on this computer (any more).")
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
                raise UserFacingError("That draft is no longer waiting for a decision.")
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
                conn, entry.target_id, change.get("title"), change.get("body"), change.get("tags")
            )

    @staticmethod
    def attachment_of(conn: Connection, item_id: str) -> BlobRef | None:
        raw = conn.execute(select(ITEMS.c.attachment).where(ITEMS.c.id == item_id)).scalar()
        return BlobRef.model_validate(raw) if raw else None
