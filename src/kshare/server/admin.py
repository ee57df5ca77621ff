"""Administration of a server's data, in-process: the ``kshare admin`` command and tests.

It writes the same database a running server uses; every change takes a
fresh ``seq`` (and bumps membership epochs where visibility changes
wholesale), so running servers and devices pick it up through the feed.
"""

from __future__ import annotations

import getpass
import logging
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.orm import Session

from kshare.domain.audience import Audience, Principal, PrincipalKind
from kshare.server.audience_io import audience_rows, name_key
from kshare.server.audit import audit
from kshare.server.auth import Passwords, issue_token
from kshare.server.changes import (
    bump_epoch,
    current_former,
    former_audience,
    item_access_changed,
    set_membership,
    tombstone,
    touch,
)
from kshare.server.db import Database, next_seq
from kshare.server.identity import membership
from kshare.server.identity.leavers import devices_of, hand_over
from kshare.server.identity.password_policy import WeakPassword, check_password
from kshare.server.identity.sessions import end_all_sessions, end_session
from kshare.server.settings import HashParams, Settings
from kshare.server.tables import (
    AudienceRow,
    AuditEntry,
    DeviceSession,
    Group,
    Item,
    JoinRequest,
    Membership,
    Person,
    ServerMeta,
)
from kshare.server.writes import mark_deleted

log = logging.getLogger(__name__)

GROUP_KINDS = ("team", "department", "community")
VISIBILITIES = ("open", "closed", "secret")


class AdminError(Exception):
    """An admin operation cannot be done; the message says why."""


class AdminTools:
    """The admin operations on a server's data folder (or database URL)."""

    def __init__(
        self,
        data_dir: Path,
        database_url: str | None = None,
        *,
        hash_params: HashParams | None = None,
        actor: str | None = None,
    ) -> None:
        self.settings = Settings(data_dir=Path(data_dir), database_url=database_url)
        self.db = Database(self.settings.resolved_database_url, self.settings.clock)
        self.db.migrate()
        self.passwords = Passwords(hash_params or self.settings.hash_params)
        # Who is running the admin command; written on every audit entry it makes.
        self.actor = actor or f"admin-cli:{_os_user()}"

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> AdminTools:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- lookups -----------------------------------------------------------------

    @staticmethod
    def _person(session: Session, ref: str) -> Person:
        person = (
            session.get(Person, ref)
            or session.scalars(
                select(Person).where(Person.username_key == name_key(ref))
            ).one_or_none()
        )
        if person is None:
            raise AdminError(f"no such user: {ref}")
        return person

    @staticmethod
    def _group(session: Session, ref: str) -> Group:
        group = (
            session.get(Group, ref)
            or session.scalars(select(Group).where(Group.name_key == name_key(ref))).one_or_none()
        )
        if group is None:
            raise AdminError(f"no such group: {ref}")
        return group

    # --- groups and people -------------------------------------------------------

    def add_group(
        self, name: str, kind: str = "team", visibility: str = "open", description: str = ""
    ) -> str:
        if kind not in GROUP_KINDS or visibility not in VISIBILITIES:
            raise AdminError(f"kind must be one of {GROUP_KINDS}, visibility one of {VISIBILITIES}")
        clean = " ".join(name.split())
        if not clean:
            raise AdminError("a group needs a name")
        with self.db.write() as session:
            if session.scalars(select(Group).where(Group.name_key == name_key(clean))).first():
                raise AdminError(f"a group named {clean!r} already exists")
            group = Group(
                id=str(uuid.uuid4()),
                name=clean,
                name_key=name_key(clean),
                kind=kind,
                visibility=visibility,
                description=description,
                version=1,
                seq=next_seq(session),
            )
            session.add(group)
            audit(
                session,
                "group_created",
                target=group.id,
                admin=True,
                by=self.actor,
                name=clean,
                visibility=visibility,
            )
            return group.id

    def set_group_visibility(self, group: str, visibility: str) -> None:
        if visibility not in VISIBILITIES:
            raise AdminError(f"visibility must be one of {VISIBILITIES}")
        with self.db.write() as session:
            row = self._group(session, group)
            if row.visibility == visibility:
                return
            dropped = 0
            if visibility == "secret":
                tombstone(session, "group", row.id, "access_revoked", ["org"])
                # a secret group takes no requests; pending ones would come back to life,
                # unasked, if it were ever made closed again
                result = cast(
                    "CursorResult[Any]",
                    session.execute(delete(JoinRequest).where(JoinRequest.group_id == row.id)),
                )
                dropped = int(result.rowcount or 0)
            row.visibility = visibility
            touch(session, row)
            audit(
                session,
                "group_visibility_changed",
                target=row.id,
                admin=True,
                by=self.actor,
                visibility=visibility,
                join_requests_dropped=dropped,
            )

    def add_user(
        self,
        username: str,
        display_name: str,
        password: str,
        *,
        groups: Iterable[str] = (),
        title: str = "",
        department: str = "",
        location: str = "",
        manager: str | None = None,
        skills: Iterable[str] = (),
        ask_me_about: Iterable[str] = (),
        is_admin: bool = False,
    ) -> str:
        clean = username.strip()
        if not clean or any(c.isspace() for c in clean) or len(clean) > 150:
            raise AdminError("a username is 1-150 characters without spaces")
        if not password:
            raise AdminError("a password is required")
        password_hash = self.passwords.hash(password)
        with self.db.write() as session:
            if session.scalars(
                select(Person).where(Person.username_key == name_key(clean))
            ).first():
                raise AdminError(f"a user named {clean!r} already exists")
            person = Person(
                id=str(uuid.uuid4()),
                username=clean,
                username_key=name_key(clean),
                display_name=display_name.strip() or clean,
                title=title,
                department=department,
                location=location,
                skills=list(skills),
                ask_me_about=list(ask_me_about),
                expertise_confirmed=[],
                expertise_hidden=[],
                expert_opt_out=False,
                active=True,
                is_admin=is_admin,
                password_hash=password_hash,
                membership_epoch=0,
                version=1,
                seq=next_seq(session),
            )
            if manager:
                person.manager_id = self._person(session, manager).id
            session.add(person)
            session.flush()
            for group in groups:
                set_membership(session, self._group(session, group), person, member=True)
            audit(
                session, "user_created", target=person.id, admin=True, by=self.actor, username=clean
            )
            return person.id

    def add_member(self, group: str, user: str, *, owner: bool = False) -> bool:
        with self.db.write() as session:
            row, person = self._group(session, group), self._person(session, user)
            return membership.add_member(session, row, person, by=self.actor, owner=owner)

    def remove_member(self, group: str, user: str) -> bool:
        with self.db.write() as session:
            row, person = self._group(session, group), self._person(session, user)
            return membership.remove_member(session, row, person, by=self.actor)

    def _set_active(self, user: str, active: bool) -> None:
        with self.db.write() as session:
            person = self._person(session, user)
            membership.set_active(session, person, active, self.settings.clock.now(), by=self.actor)

    def disable_user(self, user: str) -> None:
        self._set_active(user, False)

    def enable_user(self, user: str) -> None:
        self._set_active(user, True)

    def set_admin(self, user: str, is_admin: bool = True) -> None:
        with self.db.write() as session:
            person = self._person(session, user)
            person.is_admin = is_admin
            bump_epoch(session, [person.id])
            audit(
                session,
                "role_changed",
                target=person.id,
                admin=True,
                by=self.actor,
                is_admin=is_admin,
            )

    def check_new_password(self, username: str, password: str) -> None:
        """Raise AdminError when ``password`` breaks the password policy."""
        try:
            check_password(
                password, min_length=self.settings.password_min_length, username=username
            )
        except WeakPassword as exc:
            raise AdminError(str(exc)) from exc

    def set_password(self, user: str, password: str, *, revoke_tokens: bool = True) -> None:
        if not password:
            raise AdminError("a password is required")
        password_hash = self.passwords.hash(password)
        with self.db.write() as session:
            person = self._person(session, user)
            person.password_hash = password_hash
            if revoke_tokens:
                end_all_sessions(session, person.id, "password_set", self.settings.clock.now())
            audit(session, "password_set", target=person.id, admin=True, by=self.actor)

    def issue_token(self, username: str, ttl: timedelta = timedelta(days=1)) -> str:
        """A bearer token for ``username`` without a password (tests only)."""
        with self.db.write() as session:
            person = self._person(session, username)
            token = issue_token(session, person, ttl, self.settings.clock.now(), "admin-issued")
            audit(session, "token_issued", target=person.id, admin=True, by=self.actor)
            return token.plain  # type: ignore[attr-defined,no-any-return]

    # --- devices and leavers --------------------------------------------------------------

    def devices(self, user: str) -> list[dict[str, Any]]:
        """A person's device sessions, newest contact first, with where each stands."""
        with self.db.read() as session:
            return devices_of(session, self._person(session, user).id)

    def _end_device(self, session_id: str, *, wipe: bool) -> None:
        with self.db.write() as session:
            row = session.get(DeviceSession, session_id)
            if row is None:
                raise AdminError(f"no such device session: {session_id}")
            reason = "wiped by an administrator" if wipe else "revoked by an administrator"
            end_session(session, row, reason, self.settings.clock.now(), wipe=wipe)
            audit(
                session,
                "device_wiped" if wipe else "device_revoked",
                target=row.id,
                admin=True,
                by=self.actor,
                person=row.person_id,
            )

    def revoke_device(self, session_id: str) -> None:
        """Sign one device out: its tokens stop working at once."""
        self._end_device(session_id, wipe=False)

    def wipe_device(self, session_id: str) -> None:
        """Sign one device out and have it remove its cache, index and files at next contact."""
        self._end_device(session_id, wipe=True)

    def transfer(self, source: str, target: str) -> dict[str, int]:
        """Hand a leaver's items and groups to ``target`` (see :func:`hand_over`)."""
        with self.db.write() as session:
            old, new = self._person(session, source), self._person(session, target)
            if old.id == new.id:
                raise AdminError("transfer needs two different people")
            moved = hand_over(session, old, new)
            counts: dict[str, Any] = dict(moved)
            audit(
                session,
                "ownership_transferred",
                target=old.id,
                admin=True,
                by=self.actor,
                to=new.id,
                **counts,
            )
            return moved

    def create_scim_token(self, name: str) -> str:
        """A new SCIM bearer token named ``name``, shown this once (only its hash is kept)."""
        from kshare.server.identity.scim import tokens

        try:
            with self.db.write() as session:
                plain = tokens.create(session, name, self.settings.clock.now(), self.actor)
                audit(session, "scim_token_created", target=name, admin=True, by=self.actor)
                return plain
        except tokens.ScimTokenError as exc:
            raise AdminError(str(exc)) from exc

    def revoke_scim_token(self, name: str) -> None:
        from kshare.server.identity.scim import tokens

        try:
            with self.db.write() as session:
                tokens.revoke(session, name)
                audit(session, "scim_token_revoked", target=name, admin=True, by=self.actor)
        except tokens.ScimTokenError as exc:
            raise AdminError(str(exc)) from exc

    def user_id(self, username: str) -> str:
        with self.db.read() as session:
            return self._person(session, username).id

    def group_id(self, name: str) -> str:
        with self.db.read() as session:
            return self._group(session, name).id

    # --- items ---------------------------------------------------------------------

    def set_item_audience(
        self, item_id: str, audience_specs: Iterable[str], editors: Iterable[str] = ()
    ) -> None:
        """Replace an item's audience, e.g. ``["group:sre", "person:ana"]`` (names or ids)."""
        with self.db.write() as session:
            item = session.get(Item, item_id)
            if item is None or item.root_id != item.id:
                raise AdminError(f"no such top-level item: {item_id}")

            def resolve(specs: Iterable[str]) -> frozenset[Principal]:
                out = set()
                for spec in specs:
                    principal = Principal.parse(spec)
                    if principal.kind is PrincipalKind.GROUP:
                        principal = Principal(
                            principal.kind, self._group(session, principal.ref).id
                        )
                    elif principal.kind is PrincipalKind.PERSON:
                        principal = Principal(
                            principal.kind, self._person(session, principal.ref).id
                        )
                    out.add(principal)
                return frozenset(out)

            audience = Audience(
                viewers=resolve(audience_specs) or frozenset({Principal(PrincipalKind.AUTHOR)}),
                editors=resolve(editors),
                publish_at=item.publish_at,
                visible_until=item.visible_until,
            )
            before = current_former(session, item)
            session.query(AudienceRow).filter(AudienceRow.item_id == item.id).delete()
            session.add_all(audience_rows(item.id, audience))
            session.flush()
            touch(session, item)
            item_access_changed(session, item, before)
            audit(
                session,
                "audience_changed",
                target=item.id,
                admin=True,
                by=self.actor,
                before=before,
                after=former_audience(item.author_id, audience),
            )

    def set_item_window(
        self, item_id: str, publish_at: datetime | None, visible_until: datetime | None
    ) -> None:
        with self.db.write() as session:
            item = session.get(Item, item_id)
            if item is None or item.root_id != item.id:
                raise AdminError(f"no such top-level item: {item_id}")
            before = current_former(session, item)
            item.publish_at, item.visible_until = publish_at, visible_until
            touch(session, item)
            item_access_changed(session, item, before)
            audit(
                session, "audience_changed", target=item.id, admin=True, by=self.actor, window=True
            )

    def delete_item(self, item_id: str) -> None:
        with self.db.write() as session:
            item = session.get(Item, item_id)
            if item is None:
                raise AdminError(f"no such item: {item_id}")
            if not item.deleted:
                mark_deleted(session, item, actor_id=None)
                audit(session, "item_deleted_by_admin", target=item.id, admin=True, by=self.actor)

    # --- listings ----------------------------------------------------------------

    def list_users(self) -> list[dict[str, Any]]:
        with self.db.read() as session:
            groups = {g.id: g.name for g in session.scalars(select(Group))}
            member_of: dict[str, list[str]] = {}
            for row in session.scalars(select(Membership)):
                member_of.setdefault(row.person_id, []).append(groups[row.group_id])
            return [
                {
                    "id": p.id,
                    "username": p.username,
                    "display_name": p.display_name,
                    "active": p.active,
                    "is_admin": p.is_admin,
                    "groups": sorted(member_of.get(p.id, [])),
                }
                for p in session.scalars(select(Person).order_by(Person.username_key))
            ]

    def list_groups(self) -> list[dict[str, Any]]:
        with self.db.read() as session:
            counts: dict[str, int] = {}
            for row in session.scalars(select(Membership)):
                counts[row.group_id] = counts.get(row.group_id, 0) + 1
            return [
                {
                    "id": g.id,
                    "name": g.name,
                    "kind": g.kind,
                    "visibility": g.visibility,
                    "members": counts.get(g.id, 0),
                }
                for g in session.scalars(select(Group).order_by(Group.name_key))
            ]

    def audit_log(self, since: datetime | None = None) -> list[dict[str, Any]]:
        with self.db.read() as session:
            query = select(AuditEntry).order_by(AuditEntry.id)
            if since is not None:
                query = query.where(AuditEntry.at >= since)
            return [
                {
                    "at": e.at.isoformat(),
                    "action": e.action,
                    "actor_id": e.actor_id,
                    "target": e.target,
                    "address": e.address,
                    "detail": e.detail,
                }
                for e in session.scalars(query)
            ]

    def set_tag_alias(self, alias: str, tag: str) -> str:
        """Make ``alias`` another name of ``tag``; returns the tag it stands for."""
        from kshare.server import tag_aliases

        try:
            with self.db.write() as session:
                return tag_aliases.set_alias(session, alias, tag)
        except tag_aliases.TagAliasError as exc:
            raise AdminError(str(exc)) from exc

    def remove_tag_alias(self, alias: str) -> bool:
        from kshare.server import tag_aliases

        try:
            with self.db.write() as session:
                return tag_aliases.remove_alias(session, alias)
        except tag_aliases.TagAliasError as exc:
            raise AdminError(str(exc)) from exc

    def tag_aliases(self) -> dict[str, str]:
        from kshare.server import tag_aliases

        with self.db.read() as session:
            return tag_aliases.current(session)

    def grant_curator(
        self, user: str, groups: Iterable[str] = (), tags: Iterable[str] = ()
    ) -> dict[str, Any]:
        """Make ``user`` a curator: everywhere, or for the named groups and tags."""
        from kshare.server.curation import roles

        with self.db.write() as session:
            person = self._person(session, user)
            group_ids = [self._group(session, g).id for g in groups]
            row = roles.grant(session, person, group_ids, list(tags), actor=self.actor)
            return {"everywhere": row.everywhere, "groups": row.group_ids, "tags": row.tags}

    def revoke_curator(
        self, user: str, groups: Iterable[str] = (), tags: Iterable[str] = ()
    ) -> bool:
        """Take the curator role back, whole or for the named groups and tags."""
        from kshare.server.curation import roles

        with self.db.write() as session:
            person = self._person(session, user)
            group_ids = [self._group(session, g).id for g in groups]
            return roles.revoke(session, person, group_ids, list(tags), actor=self.actor)

    def merge_tags(self, source: str, target: str) -> int:
        """Retag everything tagged ``source`` as ``target``, leaving ``source`` as an alias."""
        from kshare.server import tag_aliases
        from kshare.server.curation import tags

        try:
            with self.db.write() as session:
                return tags.merge(session, source, target, actor=self.actor)
        except tag_aliases.TagAliasError as exc:
            raise AdminError(str(exc)) from exc

    def set_organisation(self, name: str) -> None:
        with self.db.write() as session:
            row = session.get(ServerMeta, "organisation")
            if row is None:
                session.add(ServerMeta(name="organisation", text=name))
            else:
                row.text = name
            audit(session, "organisation_named", admin=True, by=self.actor, name=name[:200])


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return "unknown"
