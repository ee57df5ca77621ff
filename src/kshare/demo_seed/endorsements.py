"""Colleagues vouching for each other's skills."""

from __future__ import annotations

import random

from kshare.demo_seed.model import DemoItem, DemoPerson


def build_endorsements(
    rng: random.Random, people: list[DemoPerson], items: list[DemoItem]
) -> list[tuple[str, str, str]]:
    """(endorser, endorsee, skill) triples from people who work or talk with the endorsee.

    Candidates are the endorsee's department and everyone who answered or commented on
    their writing; people are endorsed mostly for their first (strongest) skills.
    """
    by_key = {item.key: item for item in items}
    talked_to: dict[str, set[str]] = {p.username: set() for p in people}
    for item in items:
        if item.parent is not None:
            parent_author = by_key[item.parent].author
            if parent_author != item.author:
                talked_to[parent_author].add(item.author)
                talked_to[item.author].add(parent_author)
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for person in people:
        same_department = {p.username for p in people if p.department == person.department}
        colleagues = sorted((same_department | talked_to[person.username]) - {person.username})
        if not colleagues:
            continue
        for rank, skill in enumerate(person.skills):
            count = max(0, rng.randint(1, 4) - rank)
            for endorser in rng.sample(colleagues, min(count, len(colleagues))):
                triple = (endorser, person.username, skill)
                if triple not in seen:
                    seen.add(triple)
                    out.append(triple)
    return out
