"""A person's own choices about how they are shown as an expert, applied on this desktop.

The server keeps what a person declares (skills, "ask me about", topics they
confirm or hide, opting out of expert listings) and who endorsed whom for
what. The desktop applies a change to its cache at once and queues it; these
pure functions hold the rules, so the write, the overlay that protects a
queued choice from an older pulled row, and the undo of a refused write all
agree. Topics compare as the server's ``_clean`` does: collapsed whitespace,
case-insensitively, at most 100 characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

MAX_TOPIC = 100  # the server keeps this many characters of a topic or skill
# Person columns a profile change carries; the same names as ProfileUpdate's fields.
SAID_FIELDS = ("title", "location")  # what a person says about themselves (kshare profile)
CHOICE_FIELDS = (
    "skills",
    "ask_me_about",
    "expertise_confirmed",
    "expertise_hidden",
    "expert_opt_out",
)


class ChoiceError(ValueError):
    """A change that cannot be applied as asked (an empty topic, contradicting options)."""


def clean_topic(text: str) -> str:
    """A topic as the server stores it: whitespace collapsed, at most 100 characters."""
    return " ".join(text.split())[:MAX_TOPIC]


def topic_key(text: str) -> str:
    """What two spellings of one topic have in common: ``" Kubernetes "`` is ``kubernetes``."""
    return clean_topic(text).casefold()


def topic_variants(text: str) -> set[str]:
    """A topic's key with spaces and hyphens taken as the same (tags are ``machine-learning``)."""
    key = topic_key(text)
    return {key, key.replace(" ", "-"), key.replace("-", " ")}


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        text = clean_topic(value)
        if text:
            seen.setdefault(text.casefold(), text)
    return tuple(seen.values())


def _without(values: Iterable[str], key: str) -> tuple[str, ...]:
    return tuple(v for v in values if topic_key(v) != key)


def _has(values: Iterable[str], key: str) -> bool:
    return any(topic_key(v) == key for v in values)


@dataclass(frozen=True)
class Choices:
    """What a person declared about their expertise (the person row's own columns)."""

    skills: tuple[str, ...] = ()
    ask_me_about: tuple[str, ...] = ()
    confirmed: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    opt_out: bool = False

    @classmethod
    def from_row(cls, row: Any) -> Choices:
        """From a cached person row (a SQLAlchemy row or a dict of its columns)."""

        def get(name: str) -> Any:
            return row.get(name) if isinstance(row, Mapping) else getattr(row, name, None)

        return cls(
            skills=tuple(get("skills") or ()),
            ask_me_about=tuple(get("ask_me_about") or ()),
            confirmed=tuple(get("expertise_confirmed") or ()),
            hidden=tuple(get("expertise_hidden") or ()),
            opt_out=bool(get("expert_opt_out")),
        )

    def columns(self) -> dict[str, Any]:
        """The person row's columns, which are also ``ProfileUpdate``'s field names."""
        return {
            "skills": list(self.skills),
            "ask_me_about": list(self.ask_me_about),
            "expertise_confirmed": list(self.confirmed),
            "expertise_hidden": list(self.hidden),
            "expert_opt_out": self.opt_out,
        }

    def declares(self, key: str) -> bool:
        return any(_has(values, key) for values in (self.confirmed, self.skills, self.ask_me_about))


def _topics(values: Iterable[str], option: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in values:
        text = clean_topic(value)
        if not text:
            raise ChoiceError(f"{option} needs a topic name.")
        found.setdefault(text.casefold(), text)
    return found


def apply_choices(
    current: Choices,
    *,
    confirm: Iterable[str] = (),
    hide: Iterable[str] = (),
    unhide: Iterable[str] = (),
    remove: Iterable[str] = (),
    opt_out: bool | None = None,
    mined: Callable[[str], bool] = lambda _key: False,
) -> Choices:
    """The choices after a change; ``mined(key)`` says whether the person's writing shows a topic.

    confirm: the person stands by the topic (it stops being hidden). hide: never list
    them for it (it stops being confirmed). unhide: list them for it again. remove:
    drop it from everything they declared; what their writing shows cannot be deleted,
    so a topic that is mined (or was never declared) is hidden as well.
    """
    to_confirm = _topics(confirm, "confirm")
    to_hide = _topics(hide, "hide")
    to_unhide = _topics(unhide, "unhide")
    to_remove = _topics(remove, "remove")
    for first, second, a, b in (
        ("confirm", "hide", to_confirm, to_hide),
        ("confirm", "remove", to_confirm, to_remove),
        ("unhide", "hide", to_unhide, to_hide),
        ("unhide", "remove", to_unhide, to_remove),
    ):
        both = [a[k] for k in a if k in b]
        if both:
            raise ChoiceError(f"Cannot both {first} and {second} {', '.join(both)}.")
    skills = _unique(current.skills)
    ask = _unique(current.ask_me_about)
    confirmed = _unique(current.confirmed)
    hidden = _unique(current.hidden)
    for key in to_unhide:
        hidden = _without(hidden, key)
    for key, text in to_confirm.items():
        hidden = _without(hidden, key)
        if not _has(confirmed, key):
            confirmed += (text,)
    for key, text in to_hide.items():
        confirmed = _without(confirmed, key)
        if not _has(hidden, key):
            hidden += (text,)
    for key, text in to_remove.items():
        declared = any(_has(values, key) for values in (confirmed, skills, ask))
        confirmed, skills, ask = (_without(v, key) for v in (confirmed, skills, ask))
        if (not declared or mined(key)) and not _has(hidden, key):
            hidden += (text,)
    return replace(
        current,
        skills=skills,
        ask_me_about=ask,
        confirmed=confirmed,
        hidden=hidden,
        opt_out=current.opt_out if opt_out is None else opt_out,
    )


# --- endorsements ----------------------------------------------------------------------


def _endorsers(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple | set) else []


def _endorsement_map(endorsements: object) -> dict[str, list[str]]:
    if not isinstance(endorsements, Mapping):
        return {}
    return {str(k): _endorsers(v) for k, v in endorsements.items()}


def with_endorsement(endorsements: object, skill: str, endorser_id: str) -> dict[str, list[str]]:
    """The cached skill → endorser ids map with one more endorser (under the same spelling)."""
    result = {
        str(k): _endorsers(v)
        for k, v in (endorsements or {}).items()  # type: ignore[attr-defined]
    }
    key = topic_key(skill)
    name = next((k for k in result if topic_key(k) == key), clean_topic(skill))
    holders = result.setdefault(name, [])
    if endorser_id not in holders:
        holders.append(endorser_id)
    return result


def without_endorsement(endorsements: object, skill: str, endorser_id: str) -> dict[str, list[str]]:
    result = {
        str(k): _endorsers(v)
        for k, v in (endorsements or {}).items()  # type: ignore[attr-defined]
    }
    key = topic_key(skill)
    for name in [k for k in result if topic_key(k) == key]:
        result[name] = [e for e in result[name] if e != endorser_id]
        if not result[name]:
            del result[name]
    return result


def endorsed_by(endorsements: object, skill: str, endorser_id: str) -> bool:
    if not isinstance(endorsements, Mapping):
        return False
    key = topic_key(skill)
    return any(
        topic_key(str(k)) == key and endorser_id in _endorsers(v) for k, v in endorsements.items()
    )


def endorsement_counts(endorsements: object) -> tuple[tuple[str, int], ...]:
    """(skill, endorsers), most endorsed first; spellings of one skill count together."""
    merged: dict[str, tuple[str, set[str], int]] = {}
    if isinstance(endorsements, Mapping):
        for skill, value in endorsements.items():
            name = clean_topic(str(skill))
            if not name:
                continue
            key = name.casefold()
            first, ids, bare = merged.get(key, (name, set(), 0))
            if isinstance(value, int) and not isinstance(value, bool):
                bare += value  # a bare count: tolerated, as the expert finder does
            else:
                ids |= set(_endorsers(value))
            merged[key] = (first, ids, bare)
    counts = [(name, len(ids) + bare) for name, ids, bare in merged.values()]
    counts = [(name, n) for name, n in counts if n > 0]
    counts.sort(key=lambda p: (-p[1], p[0].casefold()))
    return tuple(counts)


def skills_endorsed_by(endorsements: object, endorser_id: str) -> frozenset[str]:
    """The skills (by ``topic_key``) that ``endorser_id`` endorsed, from a cached map."""
    return frozenset(
        topic_key(skill)
        for skill, ids in _endorsement_map(endorsements).items()
        if endorser_id in ids
    )


# --- queued choices over a pulled row ------------------------------------------------------


def overlay(row: dict[str, Any], operation: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A person row with one queued write applied, as the server will apply it."""
    if operation == "update_profile":
        change = payload.get("profile") or {}
        fields = (*CHOICE_FIELDS, *SAID_FIELDS)
        return {**row, **{k: change[k] for k in fields if change.get(k) is not None}}
    if operation == "endorse":
        skill, endorser = payload.get("skill"), payload.get("endorser_id")
        if skill and endorser:
            endorsements = with_endorsement(row.get("endorsements"), skill, endorser)
            return {**row, "endorsements": endorsements}
    return row
