"""The few changes to people and groups that every door makes the same way.

The admin command, single sign-on (a groups claim, a required group) and SCIM
provisioning all add and remove members and disable people through these
functions, so each leaves the same tombstones, epochs and audit entries and
desktops purge exactly the same things whichever door the change came through.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kshare.server.audit import audit
from kshare.server.changes import bump_epoch, set_membership, touch
from kshare.server.identity.sessions import end_all_sessions
from kshare.server.tables import Group, Person


def add_member(
    session: Session, group: Group, person: Person, *, by: str, owner: bool = False
) -> bool:
    """Make ``person`` a member (or owner) of ``group``; True when that changed anything."""
    changed = set_membership(session, group, person, member=True, owner=owner)
    if changed:
        audit(
            session,
            "member_added",
            target=group.id,
            admin=True,
            by=by,
            person=person.id,
            owner=owner,
        )
    return changed


def remove_member(session: Session, group: Group, person: Person, *, by: str) -> bool:
    """Take ``person`` out of ``group``: their desktops drop what they saw only through it."""
    changed = set_membership(session, group, person, member=False)
    if changed:
        audit(session, "member_removed", target=group.id, admin=True, by=by, person=person.id)
    return changed


def set_active(
    session: Session, person: Person, active: bool, now: datetime, *, by: str, why: str = ""
) -> bool:
    """Enable or disable an account; True when that changed anything.

    Disabling is how a leaver leaves: every token ends at once and every desktop of
    theirs forgets its copy at its next contact. Their content stays, attributed.
    Enabling again brings no old token back.
    """
    if person.active == active:
        return False
    person.active = active
    ended = 0
    if not active:
        ended = end_all_sessions(session, person.id, "account_disabled", now, wipe=True)
    touch(session, person)
    bump_epoch(session, [person.id])
    detail = {"reason": why} if why else {}
    audit(
        session,
        "user_enabled" if active else "user_disabled",
        target=person.id,
        admin=True,
        by=by,
        sessions_ended=ended,
        **detail,
    )
    return True
