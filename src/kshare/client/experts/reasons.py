"""Turn a score into what a user reads: the person, and why they are listed."""

from __future__ import annotations

from collections.abc import Mapping

from kshare.client.experts.aggregates import PersonFacts
from kshare.client.views import Expert, ExpertReason
from kshare.domain import expertise as ex

_MATCH_TEXT = {
    "accepted_answer": 'Accepted answer to "{}"',
    "answer": 'Answered "{}"',
    "article": 'Wrote "{}"',
    "post": 'Wrote "{}"',
    "document": 'Shared "{}"',
    "question": 'Asked "{}"',
    "comment": 'Commented on "{}"',
}
_DECLARED_TEXT = {
    "confirmed": "Confirms expertise in {}",
    "skill": "Lists {} as a skill",
    "ask_me_about": "Happy to be asked about {}",
}


def _match_reason(c: ex.Contribution, weight: float) -> ExpertReason:
    kind = "accepted_answer" if c.kind == "answer" and c.accepted else c.kind
    text = _MATCH_TEXT.get(kind, 'Wrote "{}"').format(c.title or "untitled")
    # The views name five contribution kinds; questions, comments and articles read as posts.
    shown = kind if kind in ("accepted_answer", "answer", "document") else "post"
    return ExpertReason(kind=shown, text=text, item_id=c.item_id, weight=round(weight, 4))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


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
        text = f"Active in {tag}" + (f" ({_plural(count, 'contribution')})" if count else "")
        items = (tag_items or {}).get(tag, ())
        reasons.append(ExpertReason(kind="tag", text=text, weight=round(weight, 4), items=items))
    if shared_tags:
        reasons.append(
            ExpertReason(
                kind="tag", text="Also active in " + ", ".join(shared_tags), weight=scored.score
            )
        )
    for kind, name, endorsers in scored.declared_hits:
        if kind == "endorsement":
            text = f"Endorsed for {name} by {_plural(endorsers, 'colleague')}"
            reasons.append(ExpertReason(kind="endorsement", text=text))
        else:
            reasons.append(ExpertReason(kind="skill", text=_DECLARED_TEXT[kind].format(name)))
    return Expert(
        person_id=person.id,
        display_name=person.display_name,
        title=person.title,
        department=person.department,
        score=round(scored.score, 6),
        reasons=tuple(reasons),
        ask_about=ex.ask_about_line(activity, person.declared),
    )
