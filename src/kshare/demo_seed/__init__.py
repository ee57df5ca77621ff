"""The demo organisation: Northwind Analytics, a 54-person data company.

:func:`build_demo_org` returns people, groups, items (posts, articles, questions, answers,
comments) and skill endorsements, the same for the same seed. The server's demo seed loads
it into an empty database; tests use it as a realistic fixture.

Every demo account has the password ``demo-password`` (:data:`DEMO_PASSWORD`); the demo
signs in as ``jonas.weber``, a backend engineer who belongs to several groups but not to
the two secret ones, so a demo shows that confidential posts stay hidden.

The threads are hand-written per department as Markdown files under
``resources/demo/threads`` (read by :mod:`.threads`); only short comments are generated
(see :mod:`.chatter`), each naming something specific from its thread. The server never
imports this package: the demo and seed commands build the organisation and hand it over.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from kshare.clock import SYSTEM, Clock
from kshare.demo_seed import data
from kshare.demo_seed.builder import ItemWriter
from kshare.demo_seed.curation import build_curation
from kshare.demo_seed.endorsements import build_endorsements
from kshare.demo_seed.groups import FALCON, REORG, SECRET_GROUPS, build_groups
from kshare.demo_seed.model import (
    DemoDocument,
    DemoFile,
    DemoGroup,
    DemoItem,
    DemoOrg,
    DemoPerson,
    Thread,
)
from kshare.demo_seed.people import DEMO_PASSWORD, DEPARTMENTS, build_people
from kshare.demo_seed.threads import history_threads, open_question_threads

ORGANISATION = "Northwind Analytics"
DEMO_USER = "jonas.weber"


__all__ = [
    "DEMO_PASSWORD",
    "DEMO_USER",
    "DEPARTMENTS",
    "FALCON",
    "ORGANISATION",
    "REORG",
    "SECRET_GROUPS",
    "DemoGroup",
    "DemoItem",
    "DemoOrg",
    "DemoPerson",
    "all_threads",
    "build_demo_org",
    "open_questions",
]


def open_questions() -> list[Thread]:
    """Questions of the last days that nobody has settled: no answer, or none accepted."""
    return list(open_question_threads())


def all_threads() -> list[Thread]:
    """Every hand-written thread, department by department, then the open questions."""
    return list(history_threads()) + open_questions()


def build_demo_org(seed: int = 7, *, now: datetime | None = None, clock: Clock = SYSTEM) -> DemoOrg:
    """Build the demo organisation; the same ``seed`` and ``now`` give the same result.

    Items are dated over the ~18 months before ``now`` (default: midnight UTC of ``clock``'s
    today, so repeated calls on one day agree).
    """
    if now is None:
        now = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    elif now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    rng = random.Random(seed)
    people = build_people()
    groups = build_groups(people)
    writer = ItemWriter(rng, now, people, groups)
    writer.add_threads(list(history_threads()))
    history = list(writer.items)
    # Each open question draws from its own stream: adding one changes nothing else.
    for thread in open_questions():
        writer.add_threads([thread], rng=random.Random(f"{seed}/{thread.key}"))
    items = sorted(writer.items, key=lambda item: (item.created_at, item.key))
    return DemoOrg(
        organisation=ORGANISATION,
        people=people,
        groups=groups,
        items=items,
        # Endorsements grow from past conversations, not from this week's open questions.
        endorsements=build_endorsements(rng, people, history),
        demo_user=DEMO_USER,
        demo_password=DEMO_PASSWORD,
        documents=build_documents(now),
        curation=build_curation(now),
    )


def build_documents(now: datetime) -> list[DemoDocument]:
    """The shared PDF and DOCX files, each with its versions, oldest first."""
    documents = []
    for index, entry in enumerate(data.documents().documents):
        versions = []
        for name in entry.versions:
            mime, content = data.document_file(name)
            versions.append(DemoFile(filename=name, mime=mime, data=content))
        documents.append(
            DemoDocument(
                key=entry.key,
                author=entry.author,
                title=entry.title,
                body=entry.body,
                tags=list(entry.tags),
                audience=list(entry.audience),
                created_at=now - timedelta(days=120 - 20 * index),
                versions=versions,
            )
        )
    return documents
