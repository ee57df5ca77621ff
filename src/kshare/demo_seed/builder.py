"""Turn the hand-written threads into dated, scored items with colleagues' comments."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime, timedelta

from kshare.demo_seed import chatter
from kshare.demo_seed.model import DemoGroup, DemoItem, DemoPerson, Reply, Thread

HISTORY_DAYS = 540  # about eighteen months of history
NEWEST_THREAD_DAYS = 10  # leaves room for answers and comments before "now"


class Viewers:
    """Who can see a thread, from its audience, so replies come only from people who can."""

    def __init__(self, people: list[DemoPerson], groups: list[DemoGroup]) -> None:
        self._everyone = [p.username for p in people]
        self._members = {g.name: g.members for g in groups}

    def of(self, thread: Thread) -> list[str]:
        """Usernames that may read ``thread``, the author included, in roster order."""
        allowed: set[str] = {thread.author}
        for entry in thread.audience:
            kind, _, ref = entry.partition(":")
            if kind == "org":
                allowed.update(self._everyone)
            elif kind == "group":
                allowed.update(self._members[ref])
            elif kind == "person":
                allowed.add(ref)
        return [u for u in self._everyone if u in allowed]


class ItemWriter:
    """Builds the item list; one instance per :func:`build_demo_org` call."""

    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        people: list[DemoPerson],
        groups: list[DemoGroup],
    ) -> None:
        self._rng = rng
        self._now = now
        self._people = {p.username: p for p in people}
        self._viewers = Viewers(people, groups)
        self._secret_groups = {g.name for g in groups if g.visibility == "secret"}
        self._shared_groups: dict[frozenset[str], bool] = {}
        for group in groups:
            if group.kind != "department":
                for a in group.members:
                    for b in group.members:
                        if a != b:
                            self._shared_groups[frozenset((a, b))] = True
        self._bodies: set[str] = set()
        self.items: list[DemoItem] = []

    def add_threads(self, threads: Iterable[Thread], *, rng: random.Random | None = None) -> None:
        """Add ``threads``; with ``rng`` they draw from that stream instead of the shared one,
        so adding them shifts no dates, scores or comments of any other thread."""
        shared = self._rng
        self._rng = rng or shared
        try:
            for thread in threads:
                self._add_thread(thread)
        finally:
            self._rng = shared

    # -- one thread -------------------------------------------------------------------

    def _add_thread(self, thread: Thread) -> None:
        rng = self._rng
        lo, hi = thread.days_ago or (NEWEST_THREAD_DAYS, HISTORY_DAYS)
        created = self._working_hours(self._now - timedelta(days=rng.uniform(lo, hi)))
        private = thread.audience == ("private",)
        root = self._emit(
            key=thread.key,
            kind=thread.kind,
            author=thread.author,
            title=thread.title,
            body=thread.body,
            tags=list(thread.tags),
            audience=list(thread.audience),
            parent=None,
            created_at=created,
            score=0 if private else self._score(thread.kind),
        )
        answers: list[DemoItem] = []
        when = created
        for index, reply in enumerate(thread.answers, start=1):
            when = self._later(when, hours=(0.3, 30))
            answers.append(
                self._emit(
                    key=f"{thread.key}/a{index}",
                    kind="answer",
                    author=reply.author,
                    body=reply.body,
                    parent=thread.key,
                    accepted=reply.accepted,
                    created_at=when,
                    score=self._score("accepted" if reply.accepted else "answer"),
                )
            )
        comments = list(thread.comments)
        if not private:
            comments += self._generated_comments(thread, answers)
        latest: dict[str, datetime] = {}  # comments under one parent appear in order
        for index, reply in enumerate(comments, start=1):
            parent = root if reply.on is None else answers[reply.on]
            when = self._later(latest.get(parent.key, parent.created_at), hours=(0.2, 60))
            latest[parent.key] = when
            self._emit(
                key=f"{thread.key}/c{index}",
                kind="comment",
                author=reply.author,
                body=reply.body,
                parent=parent.key,
                created_at=when,
                score=self._score("comment"),
            )

    def _generated_comments(self, thread: Thread, answers: list[DemoItem]) -> list[Reply]:
        rng = self._rng
        # Notes to named people stay between them; their replies are hand-written.
        if not thread.hooks or all(a.startswith("person:") for a in thread.audience):
            return []
        viewers = [u for u in self._viewers.of(thread) if u != thread.author]
        if not viewers:
            return []
        pools = chatter.TONES[self._tone(thread)]
        author = self._people[thread.author]
        taken = {r.author for r in thread.comments} | {a.author for a in answers}
        weights = [self._affinity(author, self._people[u], thread) for u in viewers]
        out: list[Reply] = []
        accepted = next((i for i, a in enumerate(answers) if a.accepted), None)
        asker_commented = any(
            r.author == thread.author and r.on == accepted for r in thread.comments
        )
        if accepted is not None and not asker_commented and rng.random() < 0.55:
            body = self._comment_text(
                pools.thanks, thread, answers[accepted].author, thread.author, thread.hooks[0]
            )
            if body:
                out.append(Reply(author=thread.author, body=body, on=accepted))
        wanted = thread.extra_comments
        if wanted is None:
            wanted = {"article": rng.randint(1, 4), "post": rng.randint(1, 3)}.get(
                thread.kind, rng.randint(0, 3)
            )
        for _ in range(wanted):
            who = rng.choices(viewers, weights=weights)[0]
            if who in taken and rng.random() < 0.7:
                continue
            taken.add(who)
            on: int | None = None
            hook: str | None = None
            if thread.kind != "question":
                pool, addressee = pools.writing, thread.author
            elif answers and rng.random() < 0.8:
                on = rng.randrange(len(answers))
                addressee = answers[on].author
                if on == accepted and rng.random() < 0.6:
                    pool, hook = pools.accepted, thread.hooks[0]
                else:
                    pool = pools.answer
            else:
                pool, addressee = pools.question, thread.author
            if addressee == who:
                continue
            body = self._comment_text(pool, thread, addressee, who, hook)
            if body:
                out.append(Reply(author=who, body=body, on=on))
        return out

    def _tone(self, thread: Thread) -> str:
        if any(a.removeprefix("group:") in self._secret_groups for a in thread.audience):
            return "confidential"
        return thread.tone or "howto"

    def _comment_text(
        self,
        pool: tuple[str, ...],
        thread: Thread,
        addressee: str,
        commenter: str,
        hook: str | None = None,
    ) -> str | None:
        """A comment body not used anywhere else yet, or None after a few tries."""
        for _ in range(8):
            text = chatter.render(
                chatter.pick(self._rng, pool),
                first=self._people[addressee].display_name.split()[0],
                hook=hook or self._rng.choice(thread.hooks),
                dept=self._people[commenter].department,
                author_dept=self._people[thread.author].department,
            )
            if text is not None and text not in self._bodies:
                self._bodies.add(text)
                return text
        return None

    def _affinity(self, author: DemoPerson, reader: DemoPerson, thread: Thread) -> int:
        """How likely ``reader`` is to comment: colleagues and people who know the topic first."""
        weight = 1
        if reader.department == author.department:
            weight += 15
        if self._shared_groups.get(frozenset((author.username, reader.username))):
            weight += 6
        known = {s.lower() for s in reader.skills + reader.ask_me_about}
        if known & {t.lower() for t in thread.tags}:
            weight += 10
        return weight

    # -- helpers -----------------------------------------------------------------------

    def _emit(
        self,
        *,
        key: str,
        kind: str,
        author: str,
        body: str,
        parent: str | None,
        created_at: datetime,
        score: int,
        title: str = "",
        tags: list[str] | None = None,
        audience: list[str] | None = None,
        accepted: bool = False,
    ) -> DemoItem:
        self._bodies.add(body)
        item = DemoItem(
            key=key,
            kind=kind,
            author=author,
            title=title,
            body=body,
            tags=tags or [],
            audience=audience or [],
            parent=parent,
            accepted=accepted,
            created_at=created_at,
            score=score,
        )
        self.items.append(item)
        return item

    def _score(self, kind: str) -> int:
        low, high = {
            "article": (6, 90),
            "post": (0, 45),
            "question": (0, 30),
            "accepted": (4, 35),
            "answer": (0, 14),
            "comment": (0, 6),
        }[kind]
        # Most things get a handful of votes; a few become popular.
        return low + int((high - low) * self._rng.random() ** 2.2)

    def _working_hours(self, moment: datetime) -> datetime:
        hour = self._rng.randint(7, 17)
        minute = self._rng.randint(0, 59)
        moment = moment.replace(hour=hour, minute=minute, second=0, microsecond=0)
        while moment.weekday() >= 5:  # people post on weekdays
            moment -= timedelta(days=1)
        return moment

    def _later(self, after: datetime, *, hours: tuple[float, float]) -> datetime:
        """A moment some hours after ``after``, in the daytime where possible, before now."""
        moment = after + timedelta(hours=self._rng.uniform(*hours))
        if moment.hour < 7:
            moment = moment.replace(hour=7) + timedelta(minutes=self._rng.randint(0, 300))
        elif moment.hour >= 20:
            moment = moment.replace(hour=7) + timedelta(days=1, minutes=self._rng.randint(0, 300))
        moment = min(moment, self._now - timedelta(minutes=5))
        if moment <= after:
            moment = after + timedelta(minutes=1)
        return moment.replace(microsecond=0)
