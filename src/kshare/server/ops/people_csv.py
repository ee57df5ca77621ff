"""Bulk import of people and groups from CSV files, as IT exports them from a directory.

``kshare admin import-csv groups FILE`` and ``kshare admin import-csv people FILE``. A
file is read whole and checked line by line first; if any line is wrong, every error is
reported with its line number and nothing is changed. Otherwise the whole file is applied
in one transaction. Importing the same file again changes nothing (each row is compared
with what is stored), and ``--dry-run`` reports what would change without changing it.
Every change is audited with who ran the import; one ``csv_imported`` entry names the
file by its SHA-256. Memberships and ownerships are only ever added by an import;
``remove-member`` and ``set-owner --remove`` take them away.

Imported people have no password: they sign in through the company's identity provider,
or an administrator gives them one with ``set-password`` (secrets never sit in files).
"""

from __future__ import annotations

import csv
import hashlib
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kshare.server.admin import GROUP_KINDS, VISIBILITIES, AdminError, AdminTools
from kshare.server.audience_io import name_key
from kshare.server.audit import audit
from kshare.server.changes import bump_epoch, set_membership, touch
from kshare.server.db import next_seq
from kshare.server.tables import Group, Membership, Person

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_FIELD = 1_000  # characters in one cell
MAX_LIST = 200  # entries in one ";"-separated cell
MAX_ERRORS = 200  # reported; past that the count is given
GROUP_COLUMNS = ("name", "kind", "visibility", "description", "owners")
PEOPLE_COLUMNS = (
    "username",
    "display_name",
    "title",
    "department",
    "location",
    "manager",
    "groups",
    "owner_of",
    "admin",
    "active",
)
REQUIRED = {"groups": "name", "people": "username"}
TRUE, FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n", ""}


@dataclass
class ImportReport:
    """What an import did (or, dry, would do), line by line."""

    kind: str
    dry_run: bool
    actor: str = ""  # who ran it, written on every audit entry it makes
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        verb = "would be " if self.dry_run else ""
        return (
            f"{self.kind}: {self.created} {verb}created, {self.updated} {verb}updated, "
            f"{self.unchanged} unchanged"
        )


class _Rollback(Exception):
    """Ends a dry run's transaction without committing it."""


def import_csv(tools: AdminTools, kind: str, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Import ``path`` (``kind`` is "groups" or "people"); errors leave everything unchanged."""
    if kind not in REQUIRED:
        raise AdminError("import-csv takes 'groups' or 'people'")
    data = _read_bounded(path)
    rows, errors = _rows(data, kind)
    report = ImportReport(kind, dry_run, tools.actor, errors=errors)
    if errors:
        return report
    apply: Callable[[Session, int, dict[str, str], ImportReport], None] = (
        _apply_group if kind == "groups" else _apply_person
    )
    try:
        with tools.db.write() as session:
            for number, row in rows:
                apply(session, number, row, report)
            if report.errors or dry_run:
                raise _Rollback
            audit(
                session,
                "csv_imported",
                admin=True,
                by=tools.actor,
                kind=kind,
                file=path.name,
                sha256=hashlib.sha256(data).hexdigest(),
                created=report.created,
                updated=report.updated,
            )
    except _Rollback:
        pass
    if report.errors:  # found while applying (a name no line before defined): nothing kept
        report.created = report.updated = report.unchanged = 0
    return report


def _read_bounded(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AdminError(f"{path} is {size} bytes; the limit is {MAX_FILE_BYTES}")
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)[:MAX_FILE_BYTES]
    except OSError as exc:
        raise AdminError(f"cannot read {path}: {exc.strerror}") from exc


def _rows(data: bytes, kind: str) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [f"the file is not UTF-8 (byte {exc.start})"]
    allowed = GROUP_COLUMNS if kind == "groups" else PEOPLE_COLUMNS
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    errors: list[str] = []
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    unknown = sorted(set(header) - set(allowed))
    if REQUIRED[kind] not in header:
        return [], [f"line 1: the header must name a {REQUIRED[kind]!r} column"]
    if unknown:
        return [], [f"line 1: unknown columns {', '.join(unknown)} (known: {', '.join(allowed)})"]
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            number = reader.line_num
            if len(rows) >= MAX_ROWS:
                errors.append(f"line {number}: more than {MAX_ROWS} rows; split the file")
                break
            if None in row:
                errors.append(f"line {number}: more cells than the header has columns")
                continue
            cells = {k: (v or "").strip() for k, v in row.items()}
            long = [k for k, v in cells.items() if len(v) > MAX_FIELD]
            if long:
                errors.append(f"line {number}: {long[0]} is longer than {MAX_FIELD} characters")
                continue
            key = name_key(cells[REQUIRED[kind]])
            if not key:
                errors.append(f"line {number}: {REQUIRED[kind]} is empty")
                continue
            if key in seen:
                errors.append(
                    f"line {number}: {cells[REQUIRED[kind]]!r} is already on line {seen[key]}"
                )
                continue
            seen[key] = number
            problem = _check_group(cells) if kind == "groups" else _check_person(cells)
            if problem:
                errors.append(f"line {number}: {problem}")
                continue
            rows.append((number, cells))
    except csv.Error as exc:
        errors.append(f"line {reader.line_num}: {exc}")
    if len(errors) > MAX_ERRORS:
        errors = [*errors[:MAX_ERRORS], f"... and {len(errors) - MAX_ERRORS} more errors"]
    return rows, errors


def _list(cell: str) -> list[str]:
    return [" ".join(part.split()) for part in cell.split(";") if part.strip()]


def _check_group(cells: dict[str, str]) -> str:
    if cells.get("kind", "") and cells["kind"] not in GROUP_KINDS:
        return f"kind {cells['kind']!r} is not one of {', '.join(GROUP_KINDS)}"
    if cells.get("visibility", "") and cells["visibility"] not in VISIBILITIES:
        return f"visibility {cells['visibility']!r} is not one of {', '.join(VISIBILITIES)}"
    if len(_list(cells.get("owners", ""))) > MAX_LIST:
        return f"more than {MAX_LIST} owners"
    return ""


def _check_person(cells: dict[str, str]) -> str:
    username = cells["username"]
    if any(c.isspace() for c in username) or len(username) > 150:
        return f"username {username!r} must be 1-150 characters without spaces"
    for flag in ("admin", "active"):
        if cells.get(flag, "").lower() not in TRUE | FALSE:
            return f"{flag} must be true or false, not {cells[flag]!r}"
    for column in ("groups", "owner_of"):
        if len(_list(cells.get(column, ""))) > MAX_LIST:
            return f"more than {MAX_LIST} entries in {column}"
    return ""


def _find_group(session: Session, name: str) -> Group | None:
    return session.scalars(select(Group).where(Group.name_key == name_key(name))).first()


def _find_person(session: Session, username: str) -> Person | None:
    return session.scalars(select(Person).where(Person.username_key == name_key(username))).first()


def _apply_group(
    session: Session, number: int, cells: dict[str, str], report: ImportReport
) -> None:
    name = " ".join(cells["name"].split())
    group = _find_group(session, name)
    wanted: dict[str, Any] = {
        k: cells[k] for k in ("kind", "visibility", "description") if cells.get(k, "")
    }
    changes: list[str] = []
    if group is None:
        group = Group(
            id=str(uuid.uuid4()),
            name=name,
            name_key=name_key(name),
            kind=wanted.get("kind", "team"),
            visibility=wanted.get("visibility", "open"),
            description=wanted.get("description", ""),
            version=1,
            seq=next_seq(session),
        )
        session.add(group)
        session.flush()
        audit(session, "group_created", target=group.id, admin=True, by=report.actor, name=name)
        changes.append("created")
    else:
        for column, value in wanted.items():
            if getattr(group, column) != value:
                if column == "visibility":  # narrowing who knows of a group is its own command
                    report.errors.append(
                        f"line {number}: {name} is {group.visibility}; change that with "
                        "set-group-visibility"
                    )
                    return
                setattr(group, column, value)
                changes.append(column)
        if changes:
            touch(session, group)
            audit(
                session,
                "group_updated",
                target=group.id,
                admin=True,
                by=report.actor,
                fields=changes,
            )
    for username in _list(cells.get("owners", "")):
        person = _find_person(session, username)
        if person is None:
            report.errors.append(f"line {number}: no such user {username!r} (owners)")
            return
        if _make_owner(session, group, person, report):
            changes.append(f"owner {person.username}")
    _count(report, number, f"group {name}", changes)


def _apply_person(
    session: Session, number: int, cells: dict[str, str], report: ImportReport
) -> None:
    username = cells["username"]
    person = _find_person(session, username)
    changes: list[str] = []
    fields = {
        k: cells[k] for k in ("display_name", "title", "department", "location") if k in cells
    }
    if person is None:
        person = Person(
            id=str(uuid.uuid4()),
            username=username,
            username_key=name_key(username),
            display_name=fields.get("display_name", "") or username,
            title=fields.get("title", ""),
            department=fields.get("department", ""),
            location=fields.get("location", ""),
            skills=[],
            ask_me_about=[],
            expertise_confirmed=[],
            expertise_hidden=[],
            expert_opt_out=False,
            active=True,
            is_admin=False,
            password_hash="",  # none: identity provider, or set-password
            membership_epoch=0,
            version=1,
            seq=next_seq(session),
        )
        session.add(person)
        session.flush()
        audit(
            session,
            "user_created",
            target=person.id,
            admin=True,
            by=report.actor,
            username=username,
            source="csv",
        )
        changes.append("created")
    else:
        for column, given in fields.items():
            text = given or (username if column == "display_name" else "")
            if getattr(person, column) != text:
                setattr(person, column, text)
                changes.append(column)
    if cells.get("manager", ""):
        manager = _find_person(session, cells["manager"])
        if manager is None:
            report.errors.append(f"line {number}: no such user {cells['manager']!r} (manager)")
            return
        if person.manager_id != manager.id:
            person.manager_id = manager.id
            changes.append("manager")
    for flag, attribute in (("admin", "is_admin"), ("active", "active")):
        if cells.get(flag, ""):
            value = cells[flag].lower() in TRUE
            if getattr(person, attribute) != value:
                if attribute == "active" and not value:
                    report.errors.append(
                        f"line {number}: disable {username} with disable-user, which also "
                        "ends their sessions"
                    )
                    return
                setattr(person, attribute, value)
                changes.append(attribute)
    if changes and "created" not in changes:
        touch(session, person)
        bump_epoch(session, [person.id])
        audit(
            session, "user_updated", target=person.id, admin=True, by=report.actor, fields=changes
        )
    for list_column, owner in (("groups", False), ("owner_of", True)):
        for name in _list(cells.get(list_column, "")):
            group = _find_group(session, name)
            if group is None:
                report.errors.append(f"line {number}: no such group {name!r} ({list_column})")
                return
            added = (
                _make_owner(session, group, person, report)
                if owner
                else _join(session, group, person, report)
            )
            if added:
                changes.append(f"{'owner of' if owner else 'member of'} {group.name}")
    _count(report, number, f"user {username}", changes)


def _join(session: Session, group: Group, person: Person, report: ImportReport) -> bool:
    if session.get(Membership, (group.id, person.id)) is not None:
        return False  # never demotes an owner to a member
    set_membership(session, group, person, member=True)
    audit(
        session,
        "member_added",
        target=group.id,
        admin=True,
        by=report.actor,
        person=person.id,
        owner=False,
    )
    return True


def _make_owner(session: Session, group: Group, person: Person, report: ImportReport) -> bool:
    row = session.get(Membership, (group.id, person.id))
    if row is not None and row.is_owner:
        return False
    set_membership(session, group, person, member=True, owner=True)
    audit(session, "owner_added", target=group.id, admin=True, by=report.actor, person=person.id)
    return True


def _count(report: ImportReport, number: int, what: str, changes: list[str]) -> None:
    if not changes:
        report.unchanged += 1
        return
    if "created" in changes:
        report.created += 1
    else:
        report.updated += 1
    verb = "would change" if report.dry_run else "changed"
    report.lines.append(f"line {number}: {what}: {verb} ({', '.join(changes)})")
