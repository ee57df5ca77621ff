"""The employees of Northwind Analytics, from ``resources/demo/people.yaml``."""

from __future__ import annotations

from kshare.demo_seed import data
from kshare.demo_seed.model import DemoPerson

DEMO_PASSWORD = "demo-password"

DEPARTMENTS = tuple(department.name for department in data.groups().departments)
(
    LEADERSHIP,
    ENGINEERING,
    DATA,
    SECURITY,
    PRODUCT,
    SALES,
    FINANCE,
    PEOPLE,
    LEGAL,
    SUCCESS,
) = DEPARTMENTS


def build_people() -> list[DemoPerson]:
    """Everyone at Northwind Analytics, managers first."""
    return [
        DemoPerson(
            username=entry.username,
            display_name=entry.name,
            title=entry.title,
            department=entry.department,
            location=entry.location,
            manager=entry.manager,
            skills=list(entry.skills),
            ask_me_about=list(entry.ask_me_about),
            password=DEMO_PASSWORD,
        )
        for entry in data.people().people
    ]
