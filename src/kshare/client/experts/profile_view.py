"""A person's expertise profile as the viewer's cache shows it, honouring the person's choices.

Pure functions over a cached person row and what the expert finder found: the
façade (:class:`kshare.client.services.Workspace`) gathers, this module decides
what may be shown and to whom.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from kshare.client.store.declared import (
    Choices,
    endorsement_counts,
    skills_endorsed_by,
    topic_key,
)
from kshare.client.views import Expert, ExpertiseProfile, ExpertiseTopic
from kshare.domain import expertise as ex

TOPIC_LIMIT = 10  # topics mined from a person's writing shown on a profile
SIMILAR_LIMIT = 5

CONFIRMED = "confirmed"
MINED = "mined"


def _hidden_keys(hidden: Iterable[str]) -> ex.HiddenTopics:
    # A colleague's hidden topics arrive sealed; HiddenTopics matches both forms.
    return ex.HiddenTopics(hidden)


def is_hidden(name: str, hidden_keys: ex.HiddenTopics) -> bool:
    return name in hidden_keys


def expertise_topics(
    found: Iterable[tuple[str, float]], choices: Choices, limit: int = TOPIC_LIMIT
) -> tuple[ExpertiseTopic, ...]:
    """Topics for a profile: every confirmed one, then the strongest mined ones up to ``limit``.

    ``found`` is what the finder's ``profile`` returned (tags and salient words, 0..1);
    a topic the person confirmed is marked so, and shown even without activity.
    """
    hidden = _hidden_keys(choices.hidden)
    confirmed = {topic_key(c): c for c in choices.confirmed if not is_hidden(c, hidden)}
    topics: dict[str, ExpertiseTopic] = {}
    for name, strength in found:
        key = topic_key(name)
        if not key or is_hidden(name, hidden):
            continue
        state = CONFIRMED if key in confirmed else MINED
        shown = confirmed.get(key, name)
        old = topics.get(key)
        value = max(float(strength), old.strength if old else 0.0)
        topics[key] = ExpertiseTopic(name=shown, strength=round(min(value, 1.0), 4), state=state)
    for key, name in confirmed.items():
        if key not in topics:
            topics[key] = ExpertiseTopic(name=name, strength=1.0, state=CONFIRMED)
        elif topics[key].state != CONFIRMED:
            topics[key] = ExpertiseTopic(name=name, strength=topics[key].strength, state=CONFIRMED)
    ordered = sorted(topics.values(), key=lambda t: (-t.strength, t.name.casefold()))
    kept: list[ExpertiseTopic] = []
    for topic in ordered:
        if topic.state == CONFIRMED or len(kept) < limit:
            kept.append(topic)
    return tuple(kept)


def build_profile(
    row: Any,
    *,
    found: Iterable[tuple[str, float]],
    similar: Sequence[Expert],
    is_me: bool,
    viewer_id: str | None = None,
    limit: int = TOPIC_LIMIT,
) -> ExpertiseProfile:
    """The profile of the person in ``row`` (a cached person row).

    Someone who opted out of expert listings shows no topics and no similar people
    to others (their declared skills and endorsements still show); the topics they
    hide are listed for themselves only.
    """
    choices = Choices.from_row(row)
    listed = is_me or not choices.opt_out
    topics = expertise_topics(found, choices, limit) if listed else ()
    hidden = _hidden_keys(choices.hidden)
    mined = {t.name: t.strength for t in topics if t.state == MINED}
    confirmed = tuple(t.name for t in topics if t.state == CONFIRMED)
    ask_about = ex.ask_about_line(
        mined,
        ex.Declared(
            confirmed=confirmed,
            ask_me_about=tuple(a for a in choices.ask_me_about if not is_hidden(a, hidden)),
            hidden=choices.hidden,
        ),
    )
    counts = endorsement_counts(row.endorsements)
    mine = skills_endorsed_by(row.endorsements, viewer_id) if viewer_id else frozenset()
    return ExpertiseProfile(
        person_id=row.id,
        display_name=row.display_name,
        title=row.title or "",
        department=row.department or "",
        ask_about=ask_about,
        topics=topics,
        skills=tuple(choices.skills),
        ask_me_about=tuple(choices.ask_me_about),
        endorsements=counts,
        endorsed_by_me=tuple(name for name, _ in counts if topic_key(name) in mine),
        hidden=tuple(choices.hidden) if is_me else (),
        opt_out=choices.opt_out,
        is_me=is_me,
        similar=tuple(similar) if listed else (),
    )
