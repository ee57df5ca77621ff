"""Finding experts in a profile's cache, and how the signed-in person is listed as one.

The finder (:mod:`kshare.client.experts.finder`) reads the search index; it is
built when first needed (or by the warm-up) and forgotten with the index.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Engine, select

from kshare.client.account.service import Sessions
from kshare.client.errors import FeatureUnavailable, NotSignedIn
from kshare.client.experts.profile_view import SIMILAR_LIMIT, TOPIC_LIMIT, build_profile
from kshare.client.phrases import QT_TRANSLATE_NOOP
from kshare.client.store import repository
from kshare.client.store.declared import Choices, apply_choices, topic_variants
from kshare.client.store.writes import LocalWrites
from kshare.client.views import Expert, ExpertiseProfile
from kshare.clock import Clock

log = logging.getLogger(__name__)


class Experts:
    """Expert rankings, profiles and the person's own expertise choices for one profile."""

    def __init__(
        self,
        reader: Engine,
        writes: LocalWrites,
        sessions: Sessions,
        clock: Clock,
        lock: threading.RLock,
        *,
        index: Callable[[], Any],
    ) -> None:
        self.reader = reader
        self.writes = writes
        self.sessions = sessions
        self.policy = sessions.policy
        self.clock = clock
        self._lock = lock
        self._index = index
        self.current: Any = None  # the ExpertFinder once built

    def finder(self) -> Any:
        """The expert finder (built now if needed); ``FeatureUnavailable`` without one."""
        with self._lock:
            if self.current is None:
                index = self._index()
                try:
                    from kshare.client.experts.finder import ExpertFinder
                except ImportError as exc:
                    log.warning("the expert finder is not available: %s", exc)
                    raise FeatureUnavailable(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "Finding experts is not available in this installation of kshare.",
                        )
                    ) from exc
                # a query before the warm-up reads only what it needs
                self.current = ExpertFinder(self.reader, index, clock=self.clock, lazy=True)
            return self.current

    def forget(self) -> None:
        """The index closes: the finder reading it goes with it."""
        with self._lock:
            self.current = None

    def _finder_or_none(self) -> Any:
        try:
            return self.finder()
        except FeatureUnavailable:
            return None

    def _not_me(self) -> set[str]:
        """The person asking is looking for someone else: never suggest them to themselves."""
        account = self.sessions.current
        return {account.user_id} if account is not None and account.user_id else set()

    def rank(self, topic: str, *, limit: int = 10) -> list[Expert]:
        self.policy.require_feature("experts_enabled", "Finding experts")
        finder = self.finder()
        exclude = self._not_me()
        return finder.rank(topic, limit=limit, exclude=exclude)  # type: ignore[no-any-return]

    def expertise_profile(self, person_id: str | None = None) -> ExpertiseProfile | None:
        """A person's expertise as this cache shows it; without ``person_id``, the signed-in
        person's own. None when the person is not in the cache (or no one is signed in).

        Topics come from what the person wrote and what they confirmed, without what they
        hid. Someone who opted out of expert listings shows no topics and no similar people
        to others; the topics a person hides are listed for that person only.
        """
        me = self.sessions.my_id()
        person_id = person_id or me
        if not person_id:
            return None
        people = repository.PEOPLE
        with self.reader.connect() as conn:
            row = conn.execute(select(people).where(people.c.id == person_id)).first()
        if row is None:
            return None
        is_me = person_id == me
        choices = Choices.from_row(row)
        found: list[tuple[str, float]] = []
        similar: list[Expert] = []
        if is_me or not choices.opt_out:
            finder = self._finder_or_none()
            if finder is not None:
                found = finder.profile(person_id, limit=TOPIC_LIMIT + len(choices.confirmed))
                similar = finder.similar_experts(person_id, limit=SIMILAR_LIMIT)
        return build_profile(row, found=found, similar=similar, is_me=is_me, viewer_id=me)

    def suggested_experts(self, item_id: str, *, limit: int = 5) -> list[Expert]:
        """People to ask about a question in the cache (never its asker, its answerers or
        the person asking for suggestions); [] for anything that is not a cached question."""
        items = repository.ITEMS
        with self.reader.connect() as conn:
            kind = conn.execute(
                select(items.c.kind).where(items.c.id == item_id)
            ).scalar_one_or_none()
        if kind != "question" or not self.policy.settings.feature("experts_enabled"):
            return []
        finder = self.finder()
        exclude = self._not_me()
        return finder.suggest_for_question(  # type: ignore[no-any-return]
            item_id, limit=limit, exclude=exclude
        )

    def update_expertise(
        self,
        *,
        confirm: Iterable[str] = (),
        hide: Iterable[str] = (),
        unhide: Iterable[str] = (),
        remove: Iterable[str] = (),
        opt_out: bool | None = None,
    ) -> ExpertiseProfile:
        """Change how the signed-in person is shown as an expert; returns their new profile.

        - ``confirm``: topics they stand by (shown even without activity; no longer hidden);
        - ``hide``: topics never to list them for (no longer confirmed);
        - ``unhide``: topics to list them for again;
        - ``remove``: drop a topic from everything they declared (confirmed topics, skills,
          "ask me about"). A topic mined from their own writing cannot be deleted, so
          removing it hides it instead (also when it was declared as well);
        - ``opt_out``: True never lists them as an expert at all, False lists them again.

        Topics compare case-insensitively with whitespace collapsed, as the server does.
        The change shows on this desktop at once (profile and rankings, offline too) and is
        queued as one profile update carrying the full resulting lists, published at the
        next sync. Raises ``NotSignedIn`` when no one is signed in.
        """
        account = self.sessions.current
        if account is None:
            raise NotSignedIn(
                QT_TRANSLATE_NOOP("Errors", "Sign in first: kshare needs to know who is writing.")
            )
        me = account.user_id
        confirm, hide, unhide, remove = (list(v) for v in (confirm, hide, unhide, remove))
        mined_keys: set[str] = set()
        finder = self._finder_or_none() if remove else None
        if finder is not None:
            for name, _strength in finder.mined_topics(me, limit=TOPIC_LIMIT):
                mined_keys |= topic_variants(name)
        self.writes.update_choices(
            lambda current: apply_choices(
                current,
                confirm=confirm,
                hide=hide,
                unhide=unhide,
                remove=remove,
                opt_out=opt_out,
                mined=lambda key: bool(topic_variants(key) & mined_keys),
            )
        )
        profile = self.expertise_profile(me)
        assert profile is not None  # the write above found the row
        return profile

    def endorse(self, person_id: str, skill: str) -> None:
        """Vouch for a colleague's skill: shown here at once, sent at the next sync.

        Endorsing yourself, someone not in the cache or an empty skill raises
        ``UserFacingError`` before anything is queued; ``NotSignedIn`` when signed out.
        """
        self.writes.endorse(person_id, skill)
