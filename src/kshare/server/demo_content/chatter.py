"""Short comments colleagues leave under posts, articles, questions and answers.

Templates are grouped by the tone of a thread: ``howto`` (engineering, data, security),
``policy`` (how the company works), ``social`` (clubs and communities) and
``confidential`` (the secret groups). Most name one of the thread's ``hooks``, a noun
phrase used as an object, so a comment reads like a reply to that thread. Comments on an
accepted answer use the thread's first hook, which the topic modules keep about that
answer. Templates naming ``{author_dept}`` are only used by people from another department.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Pools:
    """Templates for one tone."""

    writing: tuple[str, ...]  # on a post or article
    question: tuple[str, ...]  # on a question itself (no hook: the hooks are about answers)
    accepted: tuple[str, ...]  # on the accepted answer, naming the first hook
    answer: tuple[str, ...]  # on any answer, no hook
    thanks: tuple[str, ...]  # the asker on the accepted answer, naming the first hook


_QUESTION = (
    "Following, I would like to know this too.",
    "Good question, {first}. I have wondered the same for a while.",
    "Same here. Thanks for asking in public, {first}, instead of in a DM.",
    "Following. We have a similar case in {dept} right now.",
)

_THANKS = (
    "Thank you {first}, that solves it. I had completely misunderstood {hook}.",
    "Perfect, thanks {first}! Accepted. I will update our team page about {hook}.",
    "That did it. Thanks a lot, {first}, and sorry for not finding {hook} myself.",
    "Brilliant, thanks {first}. Went with your suggestion; {hook} makes sense to me now.",
)

HOWTO = Pools(
    writing=(
        "Great write-up, {first}. The part about {hook} alone is worth bookmarking.",
        "I had no idea about {hook}. Is there a recording or a longer doc somewhere?",
        "+1 to {hook}. Could we turn this into a checklist the other teams can reuse?",
        "Sharing this with my team: the bit about {hook} settles an argument we had on Tuesday.",
        "Could you link the ticket or doc behind {hook}? I would like to dig deeper.",
        "Clearest explanation of {hook} I have read here. Thanks for taking the time, {first}.",
        "Following. Please post an update on {hook} in a few months, curious how it holds up.",
        "Bookmarked. The context on {hook} is what our team was missing.",
        "Nice one, {first}. I forwarded the section on {hook} to two people who asked me about "
        "it last week.",
        "We ran into the same thing last year. Wish we had known about {hook} back then.",
        "Honest question from outside {author_dept}: does {hook} change anything for the rest "
        "of us day to day?",
        "Would you present this at the next all-hands demo slot? Five minutes on {hook} would "
        "be plenty.",
    ),
    question=_QUESTION,
    accepted=(
        "Thanks {first}, confirmed this works. I would add a line about {hook} to the runbook.",
        "This is the answer. I had not thought about {hook} at all.",
        "Helpful. Could you say a bit more about {hook}? I want to get it right the first time.",
        "Is this written down anywhere official? The bit about {hook} deserves a permanent home.",
    ),
    answer=(
        "Tried it this morning and it worked first time. Thank you, {first}!",
        "Nice, {first}. For others reading: it took me about ten minutes end to end.",
        "Good addition, {first}. That one caught me out once too.",
        "Useful detail, thanks {first}. Adding it to my notes.",
    ),
    thanks=_THANKS,
)

POLICY = Pools(
    writing=(
        "Thanks {first}, this is much clearer than what I found in the handbook about {hook}.",
        "Good to know about {hook}. Is this already in the material for new joiners?",
        "Thank you for writing this down, {first}. Questions about {hook} reach me every few "
        "weeks, now I can link here.",
        "Appreciate the clarity on {hook}. Sharing it with my team.",
        "Saved for later. The part about {hook} is what I will point people to from now on.",
        "Question from outside {author_dept}: who should we contact with edge cases around {hook}?",
        "This answers the question I was about to ask about {hook}. Thanks, {first}!",
        "Helpful summary. Could you pin it in the department channel? Questions about {hook} "
        "come up every month.",
    ),
    question=_QUESTION,
    accepted=(
        "Thanks {first}, that is clear. Could the part about {hook} go into the handbook?",
        "Very helpful. I did not know about {hook}.",
        "Good to have this in writing, especially the part about {hook}.",
    ),
    answer=(
        "Thanks {first}, that matches what I was told last year.",
        "Helpful, thank you {first}.",
        "Good point, {first}. I would not have thought of that.",
    ),
    thanks=_THANKS,
)

SOCIAL = Pools(
    writing=(
        "Count me in! Thanks for organising, {first}.",
        "Love this. Sharing it with the remote crowd.",
        "Can't make it this time, but please do this again, {first}!",
        "Great idea, {first}. The part about {hook} sold me.",
        "I'm in. First time, so please be gentle.",
        "Thank you for setting this up, {first}. It's the kind of thing that makes this place "
        "nice.",
        "This made my week, {first}.",
        "Yes please! Anyone else from {dept} joining?",
    ),
    question=(
        "Following, I would love some tips too.",
        "Great question, {first}. Wondering the same.",
    ),
    accepted=(
        "Saving this. The advice about {hook} is gold.",
        "Great tips, {first}. I'll remember {hook}.",
    ),
    answer=(
        "Thanks {first}, really helpful!",
        "Great tip, {first}, thank you!",
        "Saving this, thanks {first}.",
    ),
    thanks=(
        "Thank you so much, {first}! I'll start with {hook} this week.",
        "This is exactly what I needed, {first}. Thanks for the advice on {hook}!",
    ),
)

CONFIDENTIAL = Pools(
    writing=(
        "Agree with the direction. My main worry is {hook}; can we take 15 minutes on it on "
        "Thursday?",
        "Noted. I'll keep anything about {hook} out of wider documents until this is announced.",
        "Thanks {first}. Let's make sure {hook} is covered in the board memo.",
        "Supportive. Before we decide, I would like to see the numbers behind {hook}.",
        "Good summary, {first}. I have a few edits on {hook}, will send them to you directly.",
        "One risk to add: anything about {hook} will leak if the circle grows. Let's keep it "
        "small.",
    ),
    question=(
        "Good question, {first}. Let's settle it before the next leadership meeting.",
        "Adding this to Thursday's agenda, {first}.",
    ),
    accepted=(
        "Agree with {first}. Let's go with that and revisit {hook} after the next meeting.",
        "Makes sense. I can draft the part about {hook} by Monday.",
    ),
    answer=(
        "+1 to {first}'s point.",
        "Fine by me, {first}.",
    ),
    thanks=(
        "Thanks {first}, agreed. Let's write {hook} into the plan.",
        "Clear, thank you {first}. I'll bring {hook} to the leadership meeting on Monday.",
    ),
)

TONES = {"howto": HOWTO, "policy": POLICY, "social": SOCIAL, "confidential": CONFIDENTIAL}


def render(template: str, *, first: str, hook: str, dept: str, author_dept: str) -> str | None:
    """Fill a template, or None when it does not fit (asking one's own department)."""
    if "{author_dept}" in template and dept == author_dept:
        return None
    return template.format(first=first, hook=hook, dept=dept, author_dept=author_dept)


def pick(rng: random.Random, pool: tuple[str, ...]) -> str:
    """One template from ``pool``."""
    return pool[rng.randrange(len(pool))]
