"""PATCH of a Group's members, applied one member at a time.

Directories add and remove members with PATCH (``add members [..]``,
``remove members[value eq "ID"]``); applying those directly never loads the
member list, so a group of any size is changed exactly where asked.
"""

from __future__ import annotations

import re
from typing import Any

from scim2_models import InvalidValueException, PatchOp, PatchOperation
from sqlalchemy.orm import Session

from kshare.server.identity import membership
from kshare.server.identity.scim.models import MAX_MEMBERS
from kshare.server.tables import Group, Person

ONE_MEMBER = re.compile(r'members\[\s*value\s+eq\s+"([^"]{1,100})"\s*\]', re.IGNORECASE)


def normalise(body: dict[str, Any]) -> dict[str, Any]:
    """Entra ID removes members as ``Remove``, path ``members``, the members in ``value``:
    the same request as RFC 7644 spells it, one ``members[value eq "ID"]`` path each."""
    operations = body.get("Operations")
    if not isinstance(operations, list):
        return body
    spelled: list[Any] = []
    for operation in operations:
        if not isinstance(operation, dict):
            spelled.append(operation)
            continue
        op = str(operation.get("op", "")).lower()
        path = str(operation.get("path", ""))
        if op == "remove" and path.lower() == "members" and operation.get("value") is not None:
            for ref in _ids(operation["value"]):
                escaped = ref.replace("\\", "\\\\").replace('"', '\\"')
                spelled.append({"op": "remove", "path": f'members[value eq "{escaped}"]'})
        else:
            spelled.append({**operation, "op": op} if "op" in operation else operation)
    return {**body, "Operations": spelled}


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items[: MAX_MEMBERS + 1]:
        ref = item.get("value") if isinstance(item, dict) else getattr(item, "value", None)
        if not isinstance(ref, str) or not ref:
            raise InvalidValueException(detail="Group members are users, named by their id.")
        out.append(ref)
    if len(out) > MAX_MEMBERS:
        raise InvalidValueException(detail=f"At most {MAX_MEMBERS} members a request.")
    return out


def _plan(operation: PatchOperation[Any]) -> tuple[str, list[str]] | None:
    path = str(operation.path) if operation.path is not None else ""
    op = str(getattr(operation.op, "value", operation.op)).lower()
    if op == "add" and path.lower() == "members":
        return "add", _ids(operation.value)
    if op == "remove":
        one = ONE_MEMBER.fullmatch(path)
        if one:
            return "remove", [one.group(1)]
    return None


def patch_members_only(session: Session, group: Group, asked: PatchOp[Any], by: str) -> bool:
    """Apply ``asked`` when it only adds or removes named members; False to patch in full."""
    plans = [_plan(operation) for operation in asked.operations or []]
    if not plans or any(plan is None for plan in plans):
        return False
    if group.external_id is None:
        group.external_id = group.id  # the directory's group from now on
    for plan in plans:
        assert plan is not None
        verb, ids = plan
        for person_id in ids:
            person = session.get(Person, person_id)
            if person is None or person.deprovisioned_at is not None:
                if verb == "remove":
                    continue  # already not a member: removing is idempotent
                raise InvalidValueException(detail=f"No user {person_id[:100]}.")
            if verb == "add":
                membership.add_member(session, group, person, by=by)
            else:
                membership.remove_member(session, group, person, by=by)
    return True
