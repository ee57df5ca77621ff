"""Who an item is for: the audience of a post, question, document or collection."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class PrincipalKind(StrEnum):
    """The kinds of principal an audience can name."""

    ORG = "org"  # everyone in the organisation with an active account
    GROUP = "group"  # members of one group (team, department, community)
    PERSON = "person"  # one named person
    AUTHOR = "author"  # only the author ("only me")


@dataclass(frozen=True, order=True)
class Principal:
    """One entry of an audience. ``ref`` is a group or person id (or name, before resolution)."""

    kind: PrincipalKind
    ref: str = ""

    @classmethod
    def parse(cls, text: str) -> Principal:
        """Parse the command-line form: ``org``, ``private``, ``group:NAME``, ``person:NAME``."""
        raw = text.strip()
        lowered = raw.lower()
        if lowered in ("org", "organisation", "organization", "everyone"):
            return cls(PrincipalKind.ORG)
        if lowered in ("private", "me", "only-me", "author"):
            return cls(PrincipalKind.AUTHOR)
        kind, sep, ref = raw.partition(":")
        if not sep or not ref.strip():
            raise ValueError(
                f"unknown audience {text!r}: use org, private, group:NAME or person:NAME"
            )
        kind = kind.strip().lower()
        if kind == "group":
            return cls(PrincipalKind.GROUP, ref.strip())
        if kind in ("person", "user"):
            return cls(PrincipalKind.PERSON, ref.strip())
        raise ValueError(f"unknown audience kind {kind!r}: use org, private, group: or person:")

    def __str__(self) -> str:
        if self.kind is PrincipalKind.ORG:
            return "org"
        if self.kind is PrincipalKind.AUTHOR:
            return "private"
        return f"{self.kind.value}:{self.ref}"


ORG = Principal(PrincipalKind.ORG)
ONLY_AUTHOR = Principal(PrincipalKind.AUTHOR)


@dataclass(frozen=True)
class Audience:
    """Viewers and editors of an item, plus an optional publication window.

    The author can always view and edit. ``editors`` may view too. An empty
    ``viewers`` set means "only the author".
    """

    viewers: frozenset[Principal] = field(default_factory=frozenset)
    editors: frozenset[Principal] = field(default_factory=frozenset)
    publish_at: datetime | None = None
    visible_until: datetime | None = None

    @classmethod
    def of(cls, *specs: str, editors: tuple[str, ...] = ()) -> Audience:
        """Build from command-line forms, e.g. ``Audience.of("group:sre", "person:ana")``."""
        return cls(
            viewers=frozenset(Principal.parse(s) for s in specs),
            editors=frozenset(Principal.parse(s) for s in editors),
        )

    @property
    def is_private(self) -> bool:
        everyone = self.viewers | self.editors
        return not everyone or everyone == {ONLY_AUTHOR}

    @property
    def is_org_wide(self) -> bool:
        return ORG in self.viewers

    def groups(self) -> frozenset[str]:
        return frozenset(
            p.ref for p in self.viewers | self.editors if p.kind is PrincipalKind.GROUP
        )

    def people(self) -> frozenset[str]:
        return frozenset(
            p.ref for p in self.viewers | self.editors if p.kind is PrincipalKind.PERSON
        )

    def narrowed_to(self, other: Audience) -> Audience:
        """The audience of something derived from an item with audience ``other``.

        A share, quote or link can never widen who sees the original, so the
        result is at most the intersection of both audiences. The caller must
        still evaluate both rules at view time when principals overlap only
        through membership (a group inside the org, a person inside a group):
        see :func:`kshare.domain.visibility.can_view_derived`.
        """
        start = max(filter(None, (self.publish_at, other.publish_at)), default=None)
        end = min(filter(None, (self.visible_until, other.visible_until)), default=None)
        if other.is_org_wide:
            viewers = self.viewers
        elif self.is_org_wide:
            viewers = other.viewers
        else:
            viewers = self.viewers & other.viewers
        return Audience(
            viewers=viewers,
            editors=self.editors & other.editors,
            publish_at=start,
            visible_until=end,
        )
