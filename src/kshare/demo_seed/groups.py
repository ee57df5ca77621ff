"""Groups of the demo company, from ``resources/demo/groups.yaml``: departments, teams,
communities and two confidential projects."""

from __future__ import annotations

from kshare.demo_seed import data
from kshare.demo_seed.model import DemoGroup, DemoPerson
from kshare.demo_seed.people import DEPARTMENTS

FALCON = "Project Falcon acquisition"
REORG = "Reorg 2027 planning"
SECRET_GROUPS = (FALCON, REORG)


def build_groups(people: list[DemoPerson]) -> list[DemoGroup]:
    """One group per department, then the teams and communities."""
    managers = {p.manager for p in people if p.manager}
    content = data.groups()
    blurbs = {department.name: department.description for department in content.departments}
    groups = []
    for department in DEPARTMENTS:
        members = [p.username for p in people if p.department == department]
        heads = [
            p.username
            for p in people
            if p.department == department and (p.manager is None or p.manager not in members)
        ]
        groups.append(
            DemoGroup(
                name=department,
                kind="department",
                visibility="closed",
                description=blurbs[department],
                members=members,
                owners=heads,
            )
        )
    for entry in content.groups:
        owners = list(entry.owners)
        if entry.members == "every manager":
            members = [p.username for p in people if p.username in managers]
        else:
            members = list(entry.members)
        members += [o for o in owners if o not in members]
        groups.append(
            DemoGroup(
                name=entry.name,
                kind=entry.kind,
                visibility=entry.visibility,
                description=entry.description,
                members=members,
                owners=owners,
            )
        )
    return groups
