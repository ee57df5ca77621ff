"""Turn a score into what a user reads: the person, and why they are listed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kshare.client.experts.aggregates import PersonFacts
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
from kshare.client.views import Expert, ExpertReason
from kshare.domain import expertise as ex

CONTEXT = "ExpertReason"

_MATCH_TEXT = {
    "accepted_answer": QT_TRANSLATE_NOOP("ExpertReason", 'Accepted answer to "{title}"'),
    "answer": QT_TRANSLATE_NOOP("ExpertReason", 'Answered "{title}"'),
    "article": QT_TRANSLATE_NOOP("ExpertReason", 'Wrote "{title}"'),
    "post": QT_TRANSLATE_NOOP("ExpertReason", 'Wrote "{title}"'),
    "document": QT_TRANSLATE_NOOP("ExpertReason", 'Shared "{title}"'),
    "question": QT_TRANSLATE_NOOP("ExpertReason", 'Asked "{title}"'),
    "comment": QT_TRANSLATE_NOOP("ExpertReason", 'Commented on "{title}"'),
}
_DECLARED_TEXT = {
    "confirmed": QT_TRANSLATE_NOOP("ExpertReason", "Confirms expertise in {topic}"),
    "skill": QT_TRANSLATE_NOOP("ExpertReason", "Lists {topic} as a skill"),
    "ask_me_about": QT_TRANSLATE_NOOP("ExpertReason", "Happy to be asked about {topic}"),
}
UNTITLED = QT_TRANSLATE_NOOP("ExpertReason", "untitled")
ACTIVE_IN = QT_TRANSLATE_NOOP("ExpertReason", "Active in {tag}")
ACTIVE_IN_COUNT = (  # one contribution, several
    QT_TRANSLATE_NOOP("ExpertReason", "Active in {tag} ({count} contribution)"),
    QT_TRANSLATE_NOOP("ExpertReason", "Active in {tag} ({count} contributions)"),
)
ALSO_ACTIVE_IN = QT_TRANSLATE_NOOP("ExpertReason", "Also active in {tags}")
ENDORSED = (  # by one colleague, by several
    QT_TRANSLATE_NOOP("ExpertReason", "Endorsed for {skill} by {count} colleague"),
    QT_TRANSLATE_NOOP("ExpertReason", "Endorsed for {skill} by {count} colleagues"),
)


def _say(template: str, /, **args: object) -> Phrase:
    return Phrase.of(CONTEXT, template, **args)


def _reason(kind: str, phrase: Phrase, **fields: Any) -> ExpertReason:
    return ExpertReason(kind=kind, text=phrase.text, phrase=phrase, **fields)


def _match_reason(c: ex.Contribution, weight: float) -> ExpertReason:
    kind = "accepted_answer" if c.kind == "answer" and c.accepted else c.kind
    title: str | Phrase = c.title or _say(UNTITLED)
    phrase = _say(_MATCH_TEXT.get(kind, _MATCH_TEXT["post"]), title=title)
    # The views name five contribution kinds; questions, comments and articles read as posts.
    shown = kind if kind in ("accepted_answer", "answer", "document") else "post"
    return _reason(shown, phrase, item_id=c.item_id, weight=round(weight, 4))


def _counted(forms: tuple[str, str], count: int, **args: object) -> Phrase:
    return _say(forms[0] if count == 1 else forms[1], count=count, **args)


def to_expert(
    person: PersonFacts,
    scored: ex.Scored,
    activity: Mapping[str, float],
    tag_counts: Mapping[str, int],
    *,
    shared_tags: tuple[str, ...] = (),
    tag_items: Mapping[str, tuple[tuple[str, str], ...]] | None = None,
) -> Expert:
    """An ``Expert`` with its reasons: contributions, tags, declared skills, endorsements.

    ``tag_items`` lists, per tag, the contributions a tag reason stands for.
    """
    reasons = [_match_reason(c, w) for c, w in scored.top_matches]
    for tag, weight in scored.top_tags:
        count = tag_counts.get(tag, 0)
        phrase = _counted(ACTIVE_IN_COUNT, count, tag=tag) if count else _say(ACTIVE_IN, tag=tag)
        items = (tag_items or {}).get(tag, ())
        reasons.append(_reason("tag", phrase, weight=round(weight, 4), items=items))
    if shared_tags:
        phrase = _say(ALSO_ACTIVE_IN, tags=", ".join(shared_tags))
        reasons.append(_reason("tag", phrase, weight=scored.score))
    for kind, name, endorsers in scored.declared_hits:
        if kind == "endorsement":
            reasons.append(_reason("endorsement", _counted(ENDORSED, endorsers, skill=name)))
        else:
            reasons.append(_reason("skill", _say(_DECLARED_TEXT[kind], topic=name)))
    return Expert(
        person_id=person.id,
        display_name=person.display_name,
        title=person.title,
        department=person.department,
        score=round(scored.score, 6),
        reasons=tuple(reasons),
        ask_about=ex.ask_about_line(activity, person.declared),
    )
