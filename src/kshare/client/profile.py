"""One's own profile: title, location, skills and "ask me about", edited on the desktop.

A change shows on this computer at once and goes to the server through the outbox, as
one profile update (the server replaces each list it is given), so it survives being
offline and a restart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import Engine

from kshare.client.errors import NotSignedIn, UserFacingError
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.store import outbox, repository
from kshare.protocol.schemas import ProfileUpdate

FIELDS = ("title", "location", "skills", "ask_me_about")
MAX_ENTRY = 100  # characters of one skill or topic


NOT_HERE_YET = QT_TRANSLATE_NOOP(
    "Errors", "Your profile is not on this computer yet: sync once first."
)


@dataclass(frozen=True)
class OwnProfile:
    person_id: str
    display_name: str
    department: str
    title: str
    location: str
    skills: tuple[str, ...]
    ask_me_about: tuple[str, ...]


def clean_list(values: Iterable[str]) -> list[str]:
    """Entries trimmed, empty ones dropped, repeats (ignoring case) dropped, in order."""
    seen: dict[str, str] = {}
    for value in values:
        entry = " ".join(str(value).split())
        if len(entry) > MAX_ENTRY:
            raise UserFacingError(
                QT_TRANSLATE_NOOP("Errors", "“{start}…” is longer than {limit} characters."),
                start=entry[:30],
                limit=MAX_ENTRY,
            )
        if entry:
            seen.setdefault(entry.casefold(), entry)
    return list(seen.values())


class ProfileEditor:
    """Reads and changes the signed-in person's own profile."""

    def __init__(self, reader: Engine, writer: Engine, me: Callable[[], str | None]) -> None:
        self._reader = reader
        self._writer = writer
        self._me = me

    def _who(self) -> str:
        me = self._me()
        if me is None:
            raise NotSignedIn(
                QT_TRANSLATE_NOOP(
                    "Errors", "Sign in first: kshare needs to know whose profile this is."
                )
            )
        return me

    def current(self) -> OwnProfile:
        me = self._who()
        with self._reader.connect() as conn:
            row = repository.person_columns(conn, me)
        if row is None:
            raise UserFacingError(NOT_HERE_YET)
        return _profile(row)

    def update(
        self,
        *,
        title: str | None = None,
        location: str | None = None,
        skills: Iterable[str] | None = None,
        ask_me_about: Iterable[str] | None = None,
    ) -> OwnProfile:
        """Change what is given; the rest stays. Queued for the next sync."""
        me = self._who()
        wanted: dict[str, object] = {}
        if title is not None:
            wanted["title"] = " ".join(title.split())
        if location is not None:
            wanted["location"] = " ".join(location.split())
        if skills is not None:
            wanted["skills"] = clean_list(skills)
        if ask_me_about is not None:
            wanted["ask_me_about"] = clean_list(ask_me_about)
        try:
            body = ProfileUpdate.model_validate(wanted)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first.get("loc", ()))
            raise UserFacingError(f"{field}: {first.get('msg', 'not accepted')}") from exc
        with self._writer.begin() as conn:
            row = repository.person_columns(conn, me)
            if row is None:
                raise UserFacingError(NOT_HERE_YET)
            before = {k: row.get(k) for k in FIELDS}
            changed = {k: v for k, v in wanted.items() if before.get(k) != v}
            if changed:
                payload = {
                    "profile": body.model_dump(mode="json", exclude_none=True),
                    "base": before,
                }
                outbox.add(conn, "update_profile", me, payload)
                repository.update_person(conn, me, changed)
            row = repository.person_columns(conn, me)
        assert row is not None
        return _profile(row)


def _profile(row: dict[str, object]) -> OwnProfile:
    return OwnProfile(
        person_id=str(row["id"]),
        display_name=str(row.get("display_name") or ""),
        department=str(row.get("department") or ""),
        title=str(row.get("title") or ""),
        location=str(row.get("location") or ""),
        skills=tuple(str(s) for s in (row.get("skills") or [])),  # type: ignore[attr-defined]
        ask_me_about=tuple(str(s) for s in (row.get("ask_me_about") or [])),  # type: ignore[attr-defined]
    )
