"""Short comments colleagues leave under posts, articles, questions and answers.

Each template names something specific from the thread (one of its ``hooks``, a noun
phrase used as an object), so generated comments read like replies to that thread and
rarely repeat each other. Templates naming ``{author_dept}`` are only used by people from
another department.
"""

from __future__ import annotations

import random

ON_WRITING = (
    "Great write-up, {first}. The part about {hook} alone is worth bookmarking.",
    "I had no idea about {hook}. Is there a recording or a longer doc somewhere?",
    "We tried something similar last year but never got {hook} right. "
    "Would you have 20 minutes next week to walk me through it?",
    "+1 to {hook}. Could we turn this into a checklist the other teams can reuse?",
    "Sharing this with my team: the bit about {hook} settles an argument we had on Tuesday.",
    "Could you link the ticket or doc behind {hook}? I would like to dig deeper.",
    "Clearest explanation of {hook} I have read here. Thanks for taking the time, {first}.",
    "Following. Please post an update on {hook} in a few months, curious how it holds up.",
    "Read this on the train this morning and added {hook} to our retro notes.",
    "Thanks for sharing, {first}. We have been discussing {hook} in {dept} too, so this is timely.",
    "Thanks {first}! Adding this, and especially {hook}, to the onboarding notes for our "
    "next new joiner.",
    "Honest question from outside {author_dept}: does {hook} change anything for the rest of "
    "us day to day?",
    "Would you present {hook} at the next all-hands demo slot? Five minutes would be plenty.",
    "Printed this and pinned it by the coffee machine. Finally someone explained {hook}.",
    "Bookmarked. The context on {hook} is what our team was missing.",
    "Nice one, {first}. I forwarded the section on {hook} to two people who asked me about it "
    "last week.",
)

ON_QUESTION = (
    "Same question here, especially about {hook}.",
    "Following: we need clarity on {hook} before our planning session next week.",
    "Bumping this one, I am stuck on {hook} as well.",
    "I looked in the handbook and found nothing about {hook}, so good that you asked.",
    "Good question. Whoever answers, please also cover {hook} for people outside {author_dept}.",
    "I asked something similar in a DM last month and got two different answers about "
    "{hook}. Would be great to settle it here in public.",
)

ON_ANSWER = (
    "Thanks {first}, confirmed this works. I would add a line about {hook} to the handbook.",
    "This is the answer. I had not thought about {hook} at all.",
    "Helpful. Could you say a bit more about {hook}? I want to get it right the first time.",
    "Tried it this morning and it worked first time. Thank you, {first}!",
    "Is this written down anywhere official? The bit about {hook} deserves a permanent home.",
    "Nice, {first}. For others reading: it took me about ten minutes end to end.",
)

THANKS_FROM_ASKER = (
    "Thank you {first}, that solves it. I had completely misunderstood {hook}.",
    "Perfect, thanks {first}! Accepted. I will update our team page about {hook}.",
    "That did it. Thanks a lot, {first}, and sorry for not finding {hook} myself.",
    "Brilliant, thanks. Went with your suggestion; {hook} makes sense to me now.",
)


def render(template: str, *, first: str, hook: str, dept: str, author_dept: str) -> str | None:
    """Fill a template, or None when it does not fit (asking one's own department)."""
    if "{author_dept}" in template and dept == author_dept:
        return None
    return template.format(first=first, hook=hook, dept=dept, author_dept=author_dept)


def pick(rng: random.Random, pool: tuple[str, ...]) -> str:
    """One template from ``pool``."""
    return pool[rng.randrange(len(pool))]
