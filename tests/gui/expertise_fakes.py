"""A small in-memory stand-in for the workspace's expertise methods.

It keeps real state: hiding a topic moves it to the hidden ones, an endorsement adds one
to the count, so a test sees what the next read returns. Every call records whether it
ran on the GUI thread, which none may.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from kshare.client.errors import UserFacingError
from kshare.client.views import Expert, ExpertiseProfile, ExpertiseTopic, ExpertReason

ME = "u-ana"


@dataclass
class Person:
    name: str
    title: str
    department: str
    topics: dict[str, tuple[float, str]] = field(default_factory=dict)  # name: (strength, state)
    skills: tuple[str, ...] = ()
    endorsements: dict[str, int] = field(default_factory=dict)
    hidden: list[str] = field(default_factory=list)
    ask_about: str = ""
    opt_out: bool = False
    similar: tuple[str, ...] = ()


def people() -> dict[str, Person]:
    return {
        ME: Person(
            "Ana Souza",
            "SRE",
            "Platform Engineering",
            topics={
                "kubernetes": (1.0, "confirmed"),
                "terraform": (0.6, "mined"),
                "expenses": (0.2, "mined"),
            },
            skills=("Kubernetes",),
            endorsements={"Kubernetes": 2},
            similar=("p-priya",),
        ),
        "p-priya": Person(
            "Priya Raman",
            "Staff Site Reliability Engineer",
            "Platform Engineering",
            topics={"postgres": (1.0, "confirmed"), "on-call": (0.45, "mined")},
            skills=("PostgreSQL", "Alerting"),
            endorsements={"Alerting": 3},
            ask_about="On-call; Alerting",
            similar=("p-kwame", ME),
        ),
        "p-kwame": Person(
            "Kwame Mensah",
            "SRE",
            "Platform Engineering",
            topics={"networking": (1.0, "mined")},
            opt_out=True,
        ),
    }


def expert(person_id: str, person: Person, reason: str = "") -> Expert:
    reasons = (ExpertReason("answer", reason, "item-1", 1.0),) if reason else ()
    return Expert(person_id, person.name, person.title, person.department, 1.0, reasons)


class FakeExpertise:
    def __init__(self) -> None:
        self.people = people()
        self.endorsed: list[tuple[str, str]] = []
        self.updates: list[dict[str, object]] = []
        self.suggested_for: list[str] = []
        self.suggestions: dict[str, list[str]] = {}  # item id: person ids
        self.hold_suggestions = threading.Event()
        self.hold_suggestions.set()  # cleared by a test to keep a result back
        self.fail_next: str | None = None
        self.on_gui_thread = False

    def _called(self) -> None:
        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread = True
        if self.fail_next is not None:
            message, self.fail_next = self.fail_next, None
            raise UserFacingError(message)

    # -- the workspace's methods ---------------------------------------------------

    def expertise_profile(self, person_id: str | None = None) -> ExpertiseProfile | None:
        self._called()
        person_id = person_id or ME
        person = self.people.get(person_id)
        if person is None:
            return None
        is_me = person_id == ME
        topics = tuple(
            ExpertiseTopic(name, strength, state)
            for name, (strength, state) in person.topics.items()
            if name not in person.hidden
        )
        endorsements = tuple(
            sorted(person.endorsements.items(), key=lambda pair: (-pair[1], pair[0]))
        )
        return ExpertiseProfile(
            person_id=person_id,
            display_name=person.name,
            title=person.title,
            department=person.department,
            ask_about=person.ask_about,
            topics=topics,
            skills=person.skills,
            endorsements=endorsements,
            endorsed_by_me=tuple(s for p, s in self.endorsed if p == person_id),
            hidden=tuple(person.hidden) if is_me else (),
            opt_out=person.opt_out,
            is_me=is_me,
            similar=tuple(expert(p, self.people[p]) for p in person.similar),
        )

    def update_expertise(
        self, *, confirm=(), hide=(), unhide=(), remove=(), opt_out=None
    ) -> ExpertiseProfile:
        self._called()
        self.updates.append(
            {
                "confirm": confirm,
                "hide": hide,
                "unhide": unhide,
                "remove": remove,
                "opt_out": opt_out,
            }
        )
        me = self.people[ME]
        for name in confirm:
            me.topics[name] = (me.topics[name][0], "confirmed")
        for name in hide:
            me.hidden.append(name)
        for name in unhide:
            me.hidden.remove(name)
        for name in remove:
            if me.topics[name][1] == "confirmed":
                del me.topics[name]  # declared: dropped
            else:
                me.hidden.append(name)  # only mined: hidden, so it does not come back
        if opt_out is not None:
            me.opt_out = opt_out
        profile = self.expertise_profile()
        assert profile is not None
        return profile

    def endorse(self, person_id: str, skill: str) -> None:
        self._called()
        person = self.people[person_id]
        person.endorsements[skill] = person.endorsements.get(skill, 0) + 1
        self.endorsed.append((person_id, skill))

    def suggested_experts(self, item_id: str, *, limit: int = 5) -> list[Expert]:
        self._called()
        self.suggested_for.append(item_id)
        assert self.hold_suggestions.wait(30), "the test never let the suggestions go"
        found = [
            expert(p, self.people[p], f"Answered “A question like {item_id}”")
            for p in self.suggestions.get(item_id, [])
        ]
        return found[:limit]

    def experts(self, topic: str, *, limit: int = 10) -> list[Expert]:
        self._called()
        if topic != "postgres":
            return []
        return [expert("p-priya", self.people["p-priya"], "Lists PostgreSQL as a skill")]
