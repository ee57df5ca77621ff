"""Admin operations IT runs on the directory: renaming and deleting groups, naming owners,
granting the admin role, and feeding the audit log to a SIEM.

Each change takes a fresh ``seq`` through the same helpers as the rest of the admin
tools, so running servers and desktops pick it up through the feed, and each is audited.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kshare.clock import SYSTEM, Clock
from kshare.server.admin import AdminError, AdminTools
from kshare.server.audience_io import name_key
from kshare.server.audit import audit
from kshare.server.changes import (
    bump_epoch,
    current_former,
    item_access_changed,
    set_membership,
    tombstone,
    touch,
)
from kshare.server.tables import AudienceRow, AuditEntry, Group, Item, JoinRequest, Membership

log = logging.getLogger(__name__)
MAX_GROUP_NAME = 200


def rename_group(tools: AdminTools, group: str, new_name: str) -> None:
    clean = " ".join(new_name.split())
    if not clean or len(clean) > MAX_GROUP_NAME:
        raise AdminError(f"a group name is 1-{MAX_GROUP_NAME} characters")
    with tools.db.write() as session:
        row = tools._group(session, group)
        taken = session.scalars(select(Group).where(Group.name_key == name_key(clean))).first()
        if taken is not None and taken.id != row.id:
            raise AdminError(f"a group named {clean!r} already exists")
        old = row.name
        row.name, row.name_key = clean, name_key(clean)
        touch(session, row)
        audit(
            session, "group_renamed", target=row.id, admin=True, by=tools.actor, old=old, new=clean
        )


def delete_group(tools: AdminTools, group: str) -> int:
    """Delete a group; returns how many items lost it from their audience.

    Its members lose what they saw only through it, exactly as if each had been removed
    (their desktops purge it at the next sync). Items shared with the group keep the rest
    of their audience (at least their author), so nothing is deleted with it.
    """
    with tools.db.write() as session:
        return delete_group_row(session, tools._group(session, group), by=tools.actor)


def delete_group_row(session: Session, row: Group, *, by: str) -> int:
    """:func:`delete_group` inside the caller's transaction (the SCIM DELETE uses it too)."""
    members = list(
        session.scalars(select(Membership.person_id).where(Membership.group_id == row.id))
    )
    item_ids = sorted(
        set(
            session.scalars(
                select(AudienceRow.item_id).where(
                    AudienceRow.kind == "group", AudienceRow.ref == row.id
                )
            )
        )
    )
    for item in session.scalars(select(Item).where(Item.id.in_(item_ids))):
        former = current_former(session, item)
        session.execute(
            delete(AudienceRow).where(
                AudienceRow.item_id == item.id,
                AudienceRow.kind == "group",
                AudienceRow.ref == row.id,
            )
        )
        touch(session, item)
        item_access_changed(session, item, former)
    session.execute(delete(JoinRequest).where(JoinRequest.group_id == row.id))
    session.execute(delete(Membership).where(Membership.group_id == row.id))
    former_group = ["org"] if row.visibility != "secret" else [f"person:{m}" for m in members]
    tombstone(session, "group", row.id, "deleted", former_group)
    bump_epoch(session, members)
    audit(
        session,
        "group_deleted",
        target=row.id,
        admin=True,
        by=by,
        name=row.name,
        members=len(members),
        items=len(item_ids),
    )
    session.delete(row)
    return len(item_ids)


def set_owner(tools: AdminTools, group: str, user: str, *, owner: bool = True) -> None:
    """Make a person an owner of a group (a member too) or no longer an owner.

    Closed groups created by IT need someone to approve join requests; the last owner of
    a group with members can only be replaced, not removed, so requests never go unanswered.
    """
    with tools.db.write() as session:
        row, person = tools._group(session, group), tools._person(session, user)
        if not owner:
            current = session.get(Membership, (row.id, person.id))
            if current is None or not current.is_owner:
                return
            owners = session.scalars(
                select(Membership).where(Membership.group_id == row.id, Membership.is_owner)
            ).all()
            if len(owners) == 1:
                raise AdminError(
                    f"{person.username} is the only owner of {row.name}: name another first"
                )
        if set_membership(session, row, person, member=True, owner=owner):
            audit(
                session,
                "owner_added" if owner else "owner_removed",
                target=row.id,
                admin=True,
                by=tools.actor,
                person=person.id,
            )


def set_admin(tools: AdminTools, user: str, *, is_admin: bool) -> None:
    with tools.db.write() as session:
        person = tools._person(session, user)
        if person.is_admin == is_admin:
            return
        person.is_admin = is_admin
        touch(session, person)
        bump_epoch(session, [person.id])
        audit(
            session,
            "role_changed",
            target=person.id,
            admin=True,
            by=tools.actor,
            is_admin=is_admin,
        )


def _entries(tools: AdminTools, after_id: int, limit: int) -> list[dict[str, Any]]:
    with tools.db.read() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.id > after_id).order_by(AuditEntry.id).limit(limit)
        ).all()
        return [
            {
                "id": e.id,
                "at": e.at.isoformat(),
                "action": e.action,
                "actor_id": e.actor_id,
                # who did it: the person signed in, or the operator of an admin command
                "actor": e.actor_id or str((e.detail or {}).get("by", "")) or "system",
                "target": e.target,
                "address": e.address,
                "detail": e.detail,
            }
            for e in rows
        ]


def audit_since(tools: AdminTools, after_id: int, limit: int = 1000) -> Iterator[dict[str, Any]]:
    """Every audit entry after ``after_id``, oldest first, read in batches."""
    while batch := _entries(tools, after_id, limit):
        yield from batch
        after_id = batch[-1]["id"]


class AuditExport:
    """Append new audit entries as JSON lines to a file or send them to syslog.

    A state file beside the output remembers the last entry sent, so a SIEM collector that
    runs this from cron or a timer gets each entry exactly once, even across restarts.
    """

    def __init__(self, tools: AdminTools, state_file: Path) -> None:
        self.tools = tools
        self.state_file = state_file

    def _last(self) -> int:
        try:
            return int(self.state_file.read_text("utf-8").strip() or 0)
        except FileNotFoundError:
            return 0
        except ValueError as exc:
            raise AdminError(
                f"{self.state_file} is damaged; delete it to export everything"
            ) from exc

    def _remember(self, last: int) -> None:
        partial = self.state_file.with_suffix(".partial")
        partial.write_text(str(last), "utf-8")
        partial.replace(self.state_file)

    def to_file(self, output: Path) -> int:
        last, sent = self._last(), 0
        with output.open("a", encoding="utf-8") as handle:
            for entry in audit_since(self.tools, last):
                handle.write(json.dumps(entry, sort_keys=True) + "\n")
                last, sent = entry["id"], sent + 1
            handle.flush()
        self._remember(last)
        return sent

    def follow(
        self,
        output: Path | None,
        syslog: str | None,
        interval: float,
        stop: threading.Event,
        clock: Clock = SYSTEM,
    ) -> int:
        """Send new entries every ``interval`` seconds until ``stop`` is set; the count sent."""
        sent = 0
        while True:
            sent += self.to_file(output) if output else self.to_syslog(syslog or "/dev/log")
            if stop.is_set():
                return sent
            clock.sleep(max(0.5, interval))

    def to_syslog(self, address: str = "/dev/log") -> int:
        target: str | tuple[str, int] = address
        if ":" in address and not address.startswith("/"):
            host, _, port = address.rpartition(":")
            target = (host, int(port))
        handler = logging.handlers.SysLogHandler(
            address=target, facility=logging.handlers.SysLogHandler.LOG_AUTH
        )
        last, sent = self._last(), 0
        try:
            for entry in audit_since(self.tools, last):
                record = logging.LogRecord(
                    "kshare.audit",
                    logging.INFO,
                    __file__,
                    0,
                    "kshare: %s",
                    (json.dumps(entry, sort_keys=True),),
                    None,
                )
                handler.emit(record)
                last, sent = entry["id"], sent + 1
        finally:
            handler.close()
        self._remember(last)
        return sent


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or Ctrl+C, so a following export ends after its current round."""
    stop = threading.Event()

    def _stop(_signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    return stop
