"""Who an ID token's claims say someone is: the account found, made or updated from them.

The account is found by the provider's subject first (a rename at the provider
keeps the account), then by user name, so accounts made by SCIM or the admin
command are taken over by the same person's first single sign-on. Groups the
claim names drive the membership of the groups the directory manages, through
the same functions as the admin command; a required group the claim no longer
names makes the person a leaver.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kshare.server.audience_io import name_key
from kshare.server.audit import audit
from kshare.server.changes import touch
from kshare.server.db import next_seq
from kshare.server.identity import membership
from kshare.server.settings import OidcSettings
from kshare.server.tables import Group, Membership, Person

log = logging.getLogger(__name__)

MAX_GROUPS = 1000  # a groups claim longer than this is cut (Entra ID sends at most 200)
MAX_NAME = 150


class SignInRefused(Exception):
    """The claims do not let this person in; ``status``/``code``/``message`` go to the desktop."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class Claimed:
    """What kshare reads from the claims."""

    subject: str
    username: str
    display_name: str
    email: str
    groups: tuple[str, ...] | None  # None: the provider sent no groups claim at all


def _text(claims: dict[str, Any], name: str, limit: int) -> str:
    value = claims.get(name) if name else None
    return " ".join(value.split())[:limit] if isinstance(value, str) else ""


def read_claims(claims: dict[str, Any], oidc: OidcSettings) -> Claimed:
    username = _text(claims, oidc.username_claim, 400) or _text(claims, oidc.email_claim, 400)
    if not username or " " in username or len(username) > MAX_NAME:
        raise SignInRefused(
            403,
            "oidc_username",
            "Your company account has no user name kshare can use; ask your IT department.",
        )
    raw = claims.get(oidc.groups_claim) if oidc.groups_claim else None
    groups: tuple[str, ...] | None = None
    if isinstance(raw, list):
        cleaned = [" ".join(g.split())[:300] for g in raw[:MAX_GROUPS] if isinstance(g, str)]
        groups = tuple(dict.fromkeys(g for g in cleaned if g))
    elif isinstance(raw, str):
        groups = (raw[:300],) if raw.strip() else ()
    return Claimed(
        subject=f"{oidc.issuer} {claims['sub']}"[:600],
        username=username,
        display_name=_text(claims, oidc.display_name_claim, 200) or username,
        email=_text(claims, oidc.email_claim, 320),
        groups=groups,
    )


def _find(session: Session, claimed: Claimed) -> Person | None:
    person = session.scalars(
        select(Person).where(Person.oidc_subject == claimed.subject)
    ).one_or_none()
    if person is not None:
        return person
    person = session.scalars(
        select(Person).where(Person.username_key == name_key(claimed.username))
    ).one_or_none()
    if person is not None and person.oidc_subject not in (None, claimed.subject):
        raise SignInRefused(
            409,
            "oidc_username_taken",
            f"The user name {claimed.username} belongs to another company account.",
        )
    return person


def _create(session: Session, claimed: Claimed) -> Person:
    person = Person(
        id=str(uuid.uuid4()),
        username=claimed.username,
        username_key=name_key(claimed.username),
        display_name=claimed.display_name,
        email=claimed.email,
        oidc_subject=claimed.subject,
        skills=[],
        ask_me_about=[],
        expertise_confirmed=[],
        expertise_hidden=[],
        expert_opt_out=False,
        active=True,
        is_admin=False,
        password_hash="",
        membership_epoch=0,
        version=1,
        seq=next_seq(session),
    )
    session.add(person)
    session.flush()
    return person


def _group_for(session: Session, value: str, create: bool, by: str) -> Group | None:
    group = session.scalars(
        select(Group)
        .where(or_(Group.external_id == value, Group.name_key == name_key(value)))
        .order_by(Group.external_id.is_(None))  # a directory id beats a name
    ).first()
    if group is not None or not create:
        return group
    group = Group(
        id=str(uuid.uuid4()),
        name=value[:200],
        name_key=name_key(value[:200]),
        kind="team",
        visibility="closed",
        description="",
        external_id=value,
        version=1,
        seq=next_seq(session),
    )
    session.add(group)
    session.flush()
    audit(session, "group_created", target=group.id, admin=True, by=by, name=group.name)
    return group


def apply_groups(
    session: Session, person: Person, values: tuple[str, ...], *, create: bool, by: str
) -> None:
    """Make ``person``'s membership of directory-managed groups what ``values`` names."""
    wanted: dict[str, Group] = {}
    for value in values:
        group = _group_for(session, value, create, by)
        if group is not None:
            if group.external_id is None:
                # a group the claim names is the directory's from now on
                group.external_id = value
            wanted[group.id] = group
    for group in wanted.values():
        current = session.get(Membership, (group.id, person.id))
        if current is None:
            membership.add_member(session, group, person, by=by)
    held = session.scalars(
        select(Group)
        .join(Membership, Membership.group_id == Group.id)
        .where(Membership.person_id == person.id, Group.external_id.is_not(None))
    ).all()
    for group in held:
        if group.id not in wanted:
            membership.remove_member(session, group, person, by=by)


def person_for_sign_in(
    session: Session, claims: dict[str, Any], oidc: OidcSettings, now: datetime
) -> Person:
    """The account these verified claims sign in to, made or brought up to date."""
    claimed = read_claims(claims, oidc)
    by = f"oidc:{oidc.issuer}"[:200]
    person = _find(session, claimed)
    if oidc.required_group and (
        claimed.groups is None or oidc.required_group not in claimed.groups
    ):
        if person is not None and person.active:
            log.info("%s is no longer in %s: disabling the account", person.username, by)
            membership.set_active(
                session, person, False, now, by=by, why="not in the required group"
            )
        raise SignInRefused(
            403,
            "not_in_required_group",
            "Your company account is not allowed to use kshare; ask your IT department.",
        )
    if person is None:
        person = _create(session, claimed)
        audit(
            session, "user_created", target=person.id, admin=True, by=by, username=person.username
        )
    elif not person.active:
        raise SignInRefused(403, "account_disabled", "This account has been disabled.")
    changed = False
    for name, value in (
        ("oidc_subject", claimed.subject),
        ("display_name", claimed.display_name),
        ("email", claimed.email or person.email),
    ):
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed = True
    if changed:
        touch(session, person)
    if claimed.groups is not None:
        apply_groups(session, person, claimed.groups, create=oidc.create_groups, by=by)
    return person
