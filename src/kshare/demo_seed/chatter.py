"""Short comments colleagues leave under posts, articles, questions and answers.

The templates are data, in ``resources/demo/chatter.yaml``.

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

from kshare.demo_seed import data


@dataclass(frozen=True)
class Pools:
    """Templates for one tone."""

    writing: tuple[str, ...]  # on a post or article
    question: tuple[str, ...]  # on a question itself (no hook: the hooks are about answers)
    accepted: tuple[str, ...]  # on the accepted answer, naming the first hook
    answer: tuple[str, ...]  # on any answer, no hook
    thanks: tuple[str, ...]  # the asker on the accepted answer, naming the first hook


def _tones() -> dict[str, Pools]:
    return {
        tone: Pools(
            writing=tuple(pools.writing),
            question=tuple(pools.question),
            accepted=tuple(pools.accepted),
            answer=tuple(pools.answer),
            thanks=tuple(pools.thanks),
        )
        for tone, pools in data.chatter().tones.items()
    }


TONES = _tones()
HOWTO, POLICY, SOCIAL, CONFIDENTIAL = (
    TONES["howto"],
    TONES["policy"],
    TONES["social"],
    TONES["confidential"],
)


def render(template: str, *, first: str, hook: str, dept: str, author_dept: str) -> str | None:
    """Fill a template, or None when it does not fit (asking one's own department)."""
    if "{author_dept}" in template and dept == author_dept:
        return None
    return template.format(first=first, hook=hook, dept=dept, author_dept=author_dept)


def pick(rng: random.Random, pool: tuple[str, ...]) -> str:
    """One template from ``pool``."""
    return pool[rng.randrange(len(pool))]
