"""Curation on the desktop: collections, verification and review-due lists from the cache.

Every change is queued in the outbox and shown at once, like every other write; the
health report is asked of the server, which alone knows what it counts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Literal, Protocol, TypeVar

from sqlalchemy import Connection, Engine, func, select, update

from kshare.client.audiences import audience_spec
from kshare.client.curation.review import covers, mark_of, note_phrase
from kshare.client.curation.tags import TagStewardship
from kshare.client.curation.views import (
    BusyTopicLine,
    CollectionSummary,
    CollectionView,
    EntryEdit,
    EntryView,
    HealthView,
    ItemLine,
    Mark,
    ReviewDue,
    SearchGapLine,
    SectionView,
    UnansweredLine,
)
from kshare.client.errors import UserFacingError
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
from kshare.client.store import outbox, repository
from kshare.client.store.repository import CURATOR_ROLE, ITEMS, PEOPLE
from kshare.client.store.writes import LocalWrites
from kshare.client.sync.api import ApiClient
from kshare.clock import SYSTEM, Clock
from kshare.domain.curation import DEFAULT_REVIEW
from kshare.protocol.curation import (
    CollectionEntryAdd,
    ExportRecord,
    HealthReport,
    SearchGapReport,
    VerifyRequest,
)
from kshare.protocol.curation import ItemLine as ItemLineOut
from kshare.protocol.schemas import CollectionEntry, CuratorRole, ItemUpdate, VerificationOut

log = logging.getLogger(__name__)

NO_COLLECTION = QT_TRANSLATE_NOOP("Errors", "No collection {id} on this computer.")
CURATORS_ONLY = QT_TRANSLATE_NOOP("Errors", "Only the collection's curators may change it.")

T = TypeVar("T")
Online = Callable[[str, Callable[[ApiClient], Any]], Any]
SHARE_GAPS = "share_search_gaps"
MIN_GAP_QUERY = 3
# Reports waiting offline at most: a desktop away for weeks sends a sample, not a flood.
MAX_QUEUED_GAPS = 50
MAX_REMEMBERED_GAPS = 1000  # searches remembered as reported in this session


# the title of an entry that has none of its own (an answer)
ANSWER_TO = QT_TRANSLATE_NOOP("CurationEntry", "Answer to: {title}")
ANSWER = QT_TRANSLATE_NOOP("CurationEntry", "Answer")


class _Account(Protocol):
    @property
    def user_id(self) -> str: ...


class _Settings(Protocol):
    def get(self, key: str) -> Any: ...


class Curation:
    """The knowledge manager's tools over one profile's cache and outbox."""

    def __init__(
        self,
        reader: Engine,
        writer: Engine,
        writes: LocalWrites,
        account: Callable[[], _Account | None],
        online: Online,
        settings: _Settings,
        clock: Clock = SYSTEM,
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.writes = writes
        self._account = account
        self._online = online
        self.settings = settings
        self.clock = clock
        self._reported: set[tuple[str, bool]] = set()

    # --- the role -------------------------------------------------------------------

    def role(self) -> CuratorRole:
        """The person's own curator role, as last synced (none before the first sync)."""
        with self.reader.connect() as conn:
            text = repository.get_state(conn, CURATOR_ROLE)
        return CuratorRole.model_validate_json(text) if text else CuratorRole()

    @property
    def is_curator(self) -> bool:
        return self.role().active

    def _me(self) -> str:
        account = self._account()
        if account is None:
            raise UserFacingError(
                QT_TRANSLATE_NOOP("Errors", "Sign in first: kshare needs to know who is curating.")
            )
        return account.user_id

    # --- collections ----------------------------------------------------------------

    def collections(self) -> list[CollectionSummary]:
        with self.reader.connect() as conn:
            rows = conn.execute(
                select(ITEMS).where(ITEMS.c.kind == "collection").order_by(ITEMS.c.title)
            ).all()
        return [
            CollectionSummary(r.id, r.title, r.body, len(r.entries or []), bool(r.can_edit))
            for r in rows
        ]

    def create_collection(
        self,
        item_id: str,
        title: str,
        *,
        description: str = "",
        audience: Sequence[str] = ("org",),
        curators: Sequence[str] = (),
    ) -> str:
        """Queue a new collection; ``curators`` (``person:NAME``) may change it too."""
        if not title.strip():
            raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "A collection needs a title."))
        return self.writes.publish(
            item_id=item_id,
            title=title,
            body=description,
            tags=(),
            audience=audience_spec(audience, curators, now=self.writes.clock.now()),
            kind="collection",
            parent_id=None,
        )

    def rename(self, collection_id: str, *, title: str | None, description: str | None) -> None:
        self._collection_row(collection_id)
        self.writes.edit(collection_id, title=title, body=description, tags=None)

    @staticmethod
    def _row(conn: Connection, item_id: str) -> Any:
        return conn.execute(select(ITEMS).where(ITEMS.c.id == item_id)).first()

    def _collection_row(self, collection_id: str) -> Any:
        with self.reader.connect() as conn:
            row = self._row(conn, collection_id)
        if row is None or row.kind != "collection":
            raise UserFacingError(NO_COLLECTION, id=collection_id)
        return row

    def add(self, collection_id: str, item_id: str, *, section: str = "", note: str = "") -> None:
        """Queue one entry (an item or a person) at the end of its section, shown at once."""
        me_check = self._me()
        with self.writer.begin() as conn:
            row = self._row(conn, collection_id)
            if row is None or row.kind != "collection":
                raise UserFacingError(NO_COLLECTION, id=collection_id)
            if not row.can_edit and row.author_id != me_check:
                raise UserFacingError(CURATORS_ONLY)
            kind = self._entry_kind(conn, item_id)
            body = CollectionEntryAdd(item_id=item_id, kind=kind, section=section, note=note)
            entries = [CollectionEntry.model_validate(e) for e in row.entries or []]
            entries = [e for e in entries if e.item_id != item_id]
            section = " ".join(section.split())
            at = max((i for i, e in enumerate(entries) if e.section == section), default=-1)
            new = CollectionEntry(item_id=item_id, kind=kind, section=section, note=note)
            entries.insert(at + 1 if at >= 0 else len(entries), new)
            outbox.add(
                conn, "add_collection_entry", collection_id, {"entry": body.model_dump(mode="json")}
            )
            self._show_entries(conn, collection_id, entries)

    def _entry_kind(self, conn: Connection, item_id: str) -> Literal["item", "person"]:
        if self._row(conn, item_id) is not None:
            return "item"
        person = conn.execute(
            select(PEOPLE.c.id).where((PEOPLE.c.id == item_id) | (PEOPLE.c.username == item_id))
        ).first()
        if person is not None:
            if person.id != item_id:
                raise UserFacingError(
                    QT_TRANSLATE_NOOP("Errors", "Name the person by id: {id}"), id=person.id
                )
            return "person"
        raise UserFacingError(
            QT_TRANSLATE_NOOP("Errors", "Nothing called {id} on this computer to add."), id=item_id
        )

    @staticmethod
    def _show_entries(conn: Connection, collection_id: str, entries: list[CollectionEntry]) -> None:
        shown = [e.model_copy(update={"position": i}) for i, e in enumerate(entries)]
        conn.execute(
            update(ITEMS)
            .where(ITEMS.c.id == collection_id)
            .values(
                entries=[e.model_dump(mode="json") for e in shown],
                local_seq=repository.take_local_seqs(conn, 1),
            )
        )

    def set_entries(self, collection_id: str, entries: Sequence[EntryEdit]) -> None:
        """Queue a new order, sections and notes (based on the version shown: a curator who
        changed it meanwhile makes this a conflict, with both versions kept)."""
        wire = [
            CollectionEntry(item_id=e.item_id, kind=e.kind, section=e.section, note=e.note)
            for e in entries
        ]
        with self.writer.begin() as conn:
            row = self._row(conn, collection_id)
            if row is None or row.kind != "collection":
                raise UserFacingError(NO_COLLECTION, id=collection_id)
            if not row.can_edit:
                raise UserFacingError(CURATORS_ONLY)
            ordered = [e.model_copy(update={"position": i}) for i, e in enumerate(wire)]
            change = ItemUpdate(base_version=max(row.version, 1), entries=ordered)
            payload = {
                "update": change.model_dump(mode="json", exclude_none=True),
                "base": {"entries": list(row.entries or [])},
            }
            outbox.add(conn, "update_item", collection_id, payload)
            self._show_entries(conn, collection_id, list(ordered))

    def show(self, collection_id: str) -> CollectionView:
        """A collection as this person may see it: sections in order, titles from the cache."""
        now = self.clock.now()
        with self.reader.connect() as conn:
            row = self._row(conn, collection_id)
            if row is None or row.kind != "collection":
                raise UserFacingError(NO_COLLECTION, id=collection_id)
            entries = sorted(
                (CollectionEntry.model_validate(e) for e in row.entries or []),
                key=lambda e: e.position,
            )
            sections: dict[str, list[EntryView]] = {}
            for entry in entries:
                view = self._entry_view(conn, entry, now)
                if view is not None:  # not (yet) on this computer: nothing to show
                    sections.setdefault(entry.section, []).append(view)
            audience = row.audience or {}
            # Whoever made it curates it too, first; then the people named its curators.
            author = conn.scalar(select(PEOPLE.c.display_name).where(PEOPLE.c.id == row.author_id))
            named = [p.get("display_name", "") for p in audience.get("editor_people", [])]
            curators = tuple(dict.fromkeys(n for n in (author, *named) if n))
        return CollectionView(
            id=row.id,
            title=row.title,
            description=row.body,
            sections=tuple(SectionView(name, tuple(items)) for name, items in sections.items()),
            can_edit=bool(row.can_edit),
            version=row.version,
            curators=curators,
        )

    def _entry_view(
        self, conn: Connection, entry: CollectionEntry, now: datetime
    ) -> EntryView | None:
        if entry.kind == "person":
            person = conn.execute(select(PEOPLE).where(PEOPLE.c.id == entry.item_id)).first()
            if person is None:
                return None
            return EntryView(entry.item_id, "person", person.display_name, entry.note, "person")
        item = self._row(conn, entry.item_id)
        if item is None:
            return None
        title, named = item.title, None
        if not title and item.parent_id:
            parent = self._row(conn, item.parent_id)
            named = (
                Phrase.of("CurationEntry", ANSWER_TO, title=parent.title)
                if parent is not None
                else Phrase.of("CurationEntry", ANSWER)
            )
            title = named.text
        mark = mark_of(conn, item, now)
        outdated = mark is not None and mark.needs_review
        return EntryView(entry.item_id, "item", title, entry.note, item.kind, outdated, named)

    # --- verification ---------------------------------------------------------------

    def verify(self, item_id: str, review_by: datetime | None = None) -> None:
        """Queue "verified by me, now", shown at once; ``review_by`` defaults to six months."""
        me = self._me()
        now = self.clock.now()
        when = review_by or now + DEFAULT_REVIEW
        if when <= now:
            raise UserFacingError(
                QT_TRANSLATE_NOOP("Errors", "The review date must lie in the future.")
            )
        with self.writer.begin() as conn:
            row = self._row(conn, item_id)
            if row is None:
                raise UserFacingError(
                    QT_TRANSLATE_NOOP("Errors", "That item is not on this computer (any more).")
                )
            if row.author_id != me and not covers(self.role(), row):
                raise UserFacingError(
                    QT_TRANSLATE_NOOP("Errors", "Only its author and its curators may verify this.")
                )
            body = VerifyRequest(review_by=when)
            outbox.add(conn, "verify_item", item_id, {"verify": body.model_dump(mode="json")})
            attachment = row.attachment or {}
            shown = VerificationOut(
                verified_by=me,
                verified_at=now,
                review_by=when,
                item_version=row.version,
                blob_sha256=attachment.get("sha256"),
            )
            conn.execute(
                update(ITEMS)
                .where(ITEMS.c.id == item_id)
                .values(
                    verification=shown.model_dump(mode="json"),
                    local_seq=repository.take_local_seqs(conn, 1),
                )
            )

    def mark(self, item_id: str) -> Mark | None:
        """The verification of an item and whether it needs review now (None: unverified)."""
        with self.reader.connect() as conn:
            row = self._row(conn, item_id)
            return None if row is None else mark_of(conn, row, self.clock.now())

    def note_for(self, item_id: str) -> str:
        """What a reader is told of an item's verification: who vouched, and quietly
        whether it may be outdated; a curator of it also learns why it needs review."""
        phrase = self.note_phrase_for(item_id)
        return phrase.text if phrase else ""

    def note_phrase_for(self, item_id: str) -> Phrase | None:
        """:meth:`note_for` for translation (None: not verified)."""
        mark = self.mark(item_id)
        if mark is None:
            return None
        if not mark.needs_review:
            return note_phrase(mark, curates=False)
        with self.reader.connect() as conn:
            row = self._row(conn, item_id)
        account = self._account()
        curates = row is not None and (
            covers(self.role(), row) or (account is not None and row.author_id == account.user_id)
        )
        return note_phrase(mark, curates=curates)

    def review_due(self) -> list[ReviewDue]:
        """Verified items in this curator's scope (and their own) that need review now."""
        role, now = self.role(), self.clock.now()
        account = self._account()
        me = account.user_id if account is not None else ""
        due = []
        with self.reader.connect() as conn:
            rows = conn.execute(select(ITEMS).where(ITEMS.c.verification.is_not(None))).all()
            for row in rows:
                if row.author_id != me and not covers(role, row):
                    continue
                mark = mark_of(conn, row, now)
                if mark is not None and mark.needs_review:
                    due.append(ReviewDue(row.id, row.title, row.kind, mark.review_by, mark.reasons))
        due.sort(key=lambda d: (d.review_by or now, d.item_id))
        return due

    def tag_steward(self, searcher: Any) -> TagStewardship:
        """Tag stewardship; ``searcher`` offers ``search`` and ``experts`` (the Workspace)."""
        return TagStewardship(self.reader, self.writer, self._online, searcher)

    # --- reports, search gaps, exports ------------------------------------------------

    def health(self) -> HealthView:
        """The server's health report for this curator (needs a connection)."""
        from kshare.protocol.curation import HEALTH

        report: HealthReport = self._online(
            QT_TRANSLATE_NOOP("TaskLabel", "fetching the health report"),
            lambda api: api.request("GET", HEALTH, parse=api.parser(HealthReport)),
        )
        return health_view(report)

    def note_search(self, query: str, found: int, *, abandoned: bool = False) -> bool:
        """Queue a report of a search that found nothing (or was abandoned: its results
        shown and none opened), only if the person allowed it; at most MAX_QUEUED_GAPS
        wait in the outbox at once."""
        if (
            not self.settings.get(SHARE_GAPS)
            or (found and not abandoned)
            or self._account() is None
        ):
            return False
        text = " ".join(query.split())[:200]
        key = (text.casefold(), abandoned)
        # Half-typed words and the same search again say nothing new: sent once, if at all.
        if len(text) < MIN_GAP_QUERY or key in self._reported:
            return False
        gap = SearchGapReport(query=text, kind="abandoned" if abandoned else "empty")
        with self.writer.begin() as conn:
            waiting = conn.scalar(
                select(func.count())
                .select_from(outbox.OUTBOX)
                .where(
                    outbox.OUTBOX.c.operation == "report_search_gap",
                    outbox.OUTBOX.c.state == outbox.PENDING,
                )
            )
            if (waiting or 0) >= MAX_QUEUED_GAPS:
                return False
            outbox.add(conn, "report_search_gap", "search", {"gap": gap.model_dump(mode="json")})
        if len(self._reported) >= MAX_REMEMBERED_GAPS:
            self._reported.clear()
        self._reported.add(key)
        return True

    def withdraw_gaps_without_consent(self) -> int:
        """Drop search reports still queued once the person no longer allows them: consent
        holds when a report leaves this computer, not only when it was written."""
        if self.settings.get(SHARE_GAPS):
            return 0
        with self.writer.begin() as conn:
            gone = conn.execute(
                outbox.OUTBOX.delete().where(
                    outbox.OUTBOX.c.operation == "report_search_gap",
                    outbox.OUTBOX.c.state == outbox.PENDING,
                )
            ).rowcount
        return int(gone or 0)

    def record_export(self, target: str, fmt: str, what: str = "collection") -> None:
        """Queue the audit record of an export (it reaches the server with the next sync)."""
        record = ExportRecord(target=target, format=fmt, what=what)  # type: ignore[arg-type]
        with self.writer.begin() as conn:
            outbox.add(conn, "record_export", target, {"export": record.model_dump(mode="json")})


def health_view(report: HealthReport) -> HealthView:
    """The wire's health report as the desktop shows and exports it."""

    def line(item: ItemLineOut) -> ItemLine:
        return ItemLine(
            item.id, item.kind, item.title, list(item.tags), item.updated_at, item.review_by
        )

    return HealthView(
        generated_at=report.generated_at,
        unanswered=[
            UnansweredLine(u.tag, u.under_week, u.under_month, u.older) for u in report.unanswered
        ],
        stale=[line(s) for s in report.stale],
        never_verified=[line(s) for s in report.never_verified],
        never_verified_count=report.never_verified_count,
        busy_unverified=[BusyTopicLine(b.tag, b.recent_items) for b in report.busy_unverified],
        search_gaps=[SearchGapLine(g.query, g.kind, g.people) for g in report.search_gaps],
    )
