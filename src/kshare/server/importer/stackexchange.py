"""Load a Stack Exchange data dump into a server database, as content for the whole organisation.

The dump is read twice, streaming: a first pass learns which posts form
threads and who wrote them (ids only), a second writes people, then posts,
then comments, in batches of one transaction each. Every written row takes
its own fresh ``seq`` (a batch reserves a block), so connected desktops pull
the content through their change feed like any other change, and a running
server is never locked out for longer than one batch.

Ids derive from the site and the dump's ids, so running the import again
adds what is new, rewrites what changed (as a new version, with a revision),
and leaves the rest alone. Items an administrator deleted stay deleted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from xml.etree.ElementTree import ParseError

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from kshare.clock import SYSTEM, Clock
from kshare.domain.audience import Audience, Principal, PrincipalKind
from kshare.protocol.schemas import MAX_BODY, MAX_TAGS, MAX_TITLE
from kshare.server.admin import AdminError
from kshare.server.audience_io import audience_rows, name_key
from kshare.server.audit import audit
from kshare.server.db import SEQ, Database
from kshare.server.importer.markdown import escape_markdown_source, html_to_markdown
from kshare.server.importer.site import IMPORTED_TITLE, USERNAME_MAX, Site
from kshare.server.settings import Settings
from kshare.server.tables import AudienceRow, Item, ItemRevision, Person, ServerMeta, ServerState
from kshare.server.writes import canonical_tags
from kshare.stackexchange import (
    ANSWER,
    QUESTION,
    SEPost,
    SEUser,
    StackExchangeDump,
    iter_rows,
    parse_tags,
    parse_time,
    users_from_posts,
)

log = logging.getLogger(__name__)

BATCH = 1000  # rows per transaction: long enough to be fast, short enough not to stall a server
TAG_MAX = 64
Progress = Callable[[str, int], None]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SHORTENED = "\n\n*(Shortened on import: the original is longer.)*"
_ORG_ROWS = [
    (row.kind, row.ref, row.right)
    for row in audience_rows("", Audience(viewers=frozenset({Principal(PrincipalKind.ORG)})))
]
# Core tables: the bulk writes below go through Core (see _write_items for why).
_PEOPLE = cast(Table, Person.__table__)
_ITEMS = cast(Table, Item.__table__)
_AUDIENCE = cast(Table, AudienceRow.__table__)
_REVISIONS = cast(Table, ItemRevision.__table__)
# What decides whether a stored item differs from the dump's version of it.
_COMPARED = (
    "author_id",
    "parent_id",
    "title",
    "body",
    "tags",
    "score",
    "accepted_answer_id",
    "created_at",
    "updated_at",
)


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass
class ImportReport:
    """What an import did, by kind of thing; ``skipped`` says what was left out and why."""

    site: str
    people: Tally = field(default_factory=Tally)
    questions: Tally = field(default_factory=Tally)
    answers: Tally = field(default_factory=Tally)
    comments: Tally = field(default_factory=Tally)
    skipped: dict[str, int] = field(default_factory=dict)
    tags: int = 0  # distinct tags on the imported questions
    seconds: float = 0.0

    def skip(self, reason: str, count: int = 1) -> None:
        if count:
            self.skipped[reason] = self.skipped.get(reason, 0) + count

    def summary(self) -> str:
        lines = [f"Imported {self.site} in {self.seconds:.1f} s:"]
        for name in ("people", "questions", "answers", "comments"):
            tally: Tally = getattr(self, name)
            lines.append(
                f"  {name}: {tally.added} added, {tally.updated} updated, "
                f"{tally.unchanged} unchanged"
            )
        lines.append(f"  tags: {self.tags}")
        lines += [f"  skipped {count}: {reason}" for reason, count in sorted(self.skipped.items())]
        return "\n".join(lines)


@dataclass
class _Scan:
    """What the first pass learns: the threads, and who must exist before their posts."""

    questions: set[int] = field(default_factory=set)
    answers: dict[int, int] = field(default_factory=dict)  # answer -> its question
    accepted: dict[int, int] = field(default_factory=dict)  # question -> accepted answer
    authors: set[int] = field(default_factory=set)
    post_users: dict[int, SEUser] = field(default_factory=dict)
    comment_names: dict[int, str] = field(default_factory=dict)
    anonymous: bool = False  # some item's author deleted their account


def import_stackexchange(
    data_dir: Path,
    dump_dir: Path,
    *,
    database_url: str | None = None,
    organisation: str | None = None,
    progress: Progress | None = None,
    site: str | None = None,
    clock: Clock = SYSTEM,
) -> ImportReport:
    """Load the dump in ``dump_dir`` into the server in ``data_dir``; safe to run again.

    ``site`` names the site (default: the dump folder's name); the ids of
    everything imported derive from it. ``organisation``, when given, also
    sets the organisation name the server shows.
    """
    started = clock.monotonic()
    dump_dir = Path(dump_dir)
    try:
        dump = StackExchangeDump(dump_dir)
    except FileNotFoundError as exc:
        raise AdminError(str(exc)) from exc
    try:
        the_site = Site.from_name(site or dump_dir.resolve().name)
    except ValueError as exc:
        raise AdminError(f"{exc}: pass --site") from exc
    settings = Settings(data_dir=Path(data_dir), database_url=database_url, clock=clock)
    db = Database(settings.resolved_database_url, settings.clock)
    try:
        db.migrate()
        importer = _Importer(db, dump, the_site, progress or (lambda _stage, _n: None))
        report = importer.run(organisation)
    except ParseError as exc:
        raise AdminError(f"the dump in {dump_dir} is not well-formed XML: {exc}") from exc
    finally:
        db.dispose()
    report.seconds = clock.monotonic() - started
    log.info("stackexchange import of %s done in %.1f s", the_site.key, report.seconds)
    return report


def _dump_file(folder: Path, name: str) -> Path | None:
    for candidate in (folder / name, folder / name.lower()):
        if candidate.is_file():
            return candidate
    return None


def _plain(text: str, limit: int) -> str:
    """One line of plain text for a name or place: no control characters, bounded length."""
    return " ".join(_CONTROL.sub(" ", text).split())[:limit]


def _int(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


def _reserve_seqs(session: Session, count: int) -> Iterator[int]:
    """``count`` consecutive change numbers; the counter row stays locked until commit."""
    if count <= 0:
        return iter(())
    last = session.execute(
        update(ServerState)
        .where(ServerState.name == SEQ)
        .values(value=ServerState.value + count)
        .returning(ServerState.value)
    ).scalar_one()
    return iter(range(int(last) - count + 1, int(last) + 1))


def _batches(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Importer:
    def __init__(
        self, db: Database, dump: StackExchangeDump, site: Site, progress: Progress
    ) -> None:
        self.db = db
        self.dump = dump
        self.site = site
        self.progress = progress
        self.report = ImportReport(site=site.label)
        self.names: dict[int, str] = {}  # imported user id -> display name, for credit lines
        self.retouch: set[str] = set()  # answers whose accepted state changed
        self.tags: set[str] = set()

    def run(self, organisation: str | None) -> ImportReport:
        scan = self._scan()
        self._import_people(scan)
        self._import_posts(scan)
        self._import_comments(scan)
        self._retouch_answers()
        self.report.tags = len(self.tags)
        with self.db.write() as session:
            if organisation:
                row = session.get(ServerMeta, "organisation")
                if row is None:
                    session.add(ServerMeta(name="organisation", text=organisation))
                else:
                    row.text = organisation
            report = self.report
            audit(
                session,
                "stackexchange_imported",
                target=self.site.key,
                admin=True,
                site=self.site.label,
                people=report.people.added + report.people.updated,
                questions=report.questions.added + report.questions.updated,
                answers=report.answers.added + report.answers.updated,
                comments=report.comments.added + report.comments.updated,
                skipped=report.skipped,
            )
        return self.report

    # --- pass one: threads and authors -------------------------------------------

    def _scan(self) -> _Scan:
        scan = _Scan()
        answer_of: dict[int, tuple[int, int | None]] = {}
        accepted: dict[int, int] = {}

        def note(posts: Iterable[SEPost]) -> Iterator[SEPost]:
            for post in posts:
                if post.post_type == QUESTION:
                    scan.questions.add(post.id)
                    if post.owner_user_id is None:
                        scan.anonymous = True
                    else:
                        scan.authors.add(post.owner_user_id)
                    if post.accepted_answer_id is not None:
                        accepted[post.id] = post.accepted_answer_id
                elif post.post_type == ANSWER and post.parent_id is not None:
                    answer_of[post.id] = (post.parent_id, post.owner_user_id)
                else:
                    self.report.skip("posts that are neither questions nor answers")
                yield post

        # One reading of Posts.xml serves both the threads and, for a dump without
        # Users.xml, the names of the people who wrote them.
        scan.post_users = {u.id: u for u in users_from_posts(note(self.dump.posts()))}
        for answer, (question, owner) in answer_of.items():
            if question not in scan.questions:
                self.report.skip("answers whose question is not in the dump")
                continue
            scan.answers[answer] = question
            if owner is None:
                scan.anonymous = True
            else:
                scan.authors.add(owner)
        scan.accepted = {q: a for q, a in accepted.items() if scan.answers.get(a) == q}
        for comment in self.dump.comments():
            if comment.post_id not in scan.questions and comment.post_id not in scan.answers:
                continue
            if comment.user_id is None:
                scan.anonymous = True
            else:
                scan.authors.add(comment.user_id)
                if comment.user_display_name:
                    scan.comment_names[comment.user_id] = comment.user_display_name
        return scan

    # --- people -----------------------------------------------------------------------

    def _import_people(self, scan: _Scan) -> None:
        """Everyone who wrote something imported; people who only read the site are left out."""

        def wanted() -> Iterator[SEUser]:
            seen: set[int] = set()
            if self.dump.has("Users.xml"):
                for user in self.dump.users():
                    if user.id in scan.authors and user.id not in seen:
                        seen.add(user.id)
                        yield user
            for uid in sorted(scan.authors - seen):
                yield scan.post_users.get(uid) or SEUser(
                    id=uid, display_name=scan.comment_names.get(uid, f"user{uid}")
                )

        done = 0
        for batch in _batches(wanted()):
            with self.db.write() as session:
                self._write_people(session, batch)
            done += len(batch)
            self.progress("people", done)
        if scan.anonymous:
            with self.db.write() as session:
                self._write_people(session, [], anonymous=True)

    def _person_row(self, user: SEUser | None) -> dict[str, Any]:
        if user is None:
            return {
                "id": self.site.id("person", "former-member"),
                "username": f"former-member-{self.site.short}",
                "display_name": _plain(f"Former {self.site.label} member", 200),
                "location": "",
                "created_at": self.db.clock.now(),
            }
        display = _plain(user.display_name, 200) or f"user{user.id}"
        return {
            "id": self.site.id("person", user.id),
            # "user17" is the reader's stand-in for a missing name: "user-17", not "user17-17".
            "username": self.site.username("" if display == f"user{user.id}" else display, user.id),
            "display_name": display,
            # Not "about me": it is the site's HTML and says nothing a colleague needs.
            "location": _plain(user.location, 200),
            "created_at": user.created_at or self.db.clock.now(),
        }

    def _write_people(
        self, session: Session, users: list[SEUser], *, anonymous: bool = False
    ) -> None:
        rows = [self._person_row(u) for u in users] if not anonymous else [self._person_row(None)]
        if not anonymous:
            self.names.update((u.id, r["display_name"]) for u, r in zip(users, rows, strict=True))
        existing = {
            p.id: p
            for p in session.execute(
                select(Person.id, Person.display_name, Person.location, Person.version).where(
                    Person.id.in_([r["id"] for r in rows])
                )
            )
        }
        new = [r for r in rows if r["id"] not in existing]
        changed = [
            r
            for r in rows
            if (old := existing.get(r["id"])) is not None
            and (old.display_name, old.location) != (r["display_name"], r["location"])
        ]
        self._unique_usernames(session, new)
        seqs = _reserve_seqs(session, len(new) + len(changed))
        if new:
            session.execute(
                insert(_PEOPLE),
                [
                    {
                        **r,
                        "username_key": name_key(r["username"]),
                        "title": IMPORTED_TITLE,
                        "department": "",
                        "manager_id": None,
                        "skills": [],
                        "ask_me_about": [],
                        "expertise_confirmed": [],
                        "expertise_hidden": [],
                        "expert_opt_out": False,
                        "active": True,
                        "is_admin": False,
                        # No password: an imported person can be found and credited, never sign in.
                        "password_hash": "",
                        "membership_epoch": 0,
                        "version": 1,
                        "seq": next(seqs),
                    }
                    for r in new
                ],
            )
        if changed:
            session.execute(
                update(Person),
                [
                    {
                        "id": r["id"],
                        "display_name": r["display_name"],
                        "location": r["location"],
                        "version": existing[r["id"]].version + 1,
                        "seq": next(seqs),
                    }
                    for r in changed
                ],
            )
        self.report.people.added += len(new)
        self.report.people.updated += len(changed)
        self.report.people.unchanged += len(rows) - len(new) - len(changed)

    def _unique_usernames(self, session: Session, rows: list[dict[str, Any]]) -> None:
        """Give each new person a username nobody has, colleagues and earlier imports included."""
        if not rows:
            return
        wanted = [name_key(r["username"]) for r in rows]
        taken = set(
            session.scalars(select(Person.username_key).where(Person.username_key.in_(wanted)))
        )
        for row in rows:
            key = name_key(row["username"])
            if key in taken:
                for candidate in self.site.fallback_usernames(row["username"]):
                    candidate_key = name_key(candidate)
                    if candidate_key in taken:
                        continue
                    clash = session.scalar(
                        select(Person.id).where(Person.username_key == candidate_key)
                    )
                    if clash is None:
                        row["username"], key = candidate, candidate_key
                        break
                    taken.add(candidate_key)
                else:
                    row["username"] = f"se-{row['id']}"[:USERNAME_MAX]
                    key = name_key(row["username"])
            taken.add(key)

    def _author_id(self, user_id: int | None) -> str:
        if user_id is None:
            return self.site.id("person", "former-member")
        return self.site.id("person", user_id)

    # --- posts --------------------------------------------------------------------

    def _import_posts(self, scan: _Scan) -> None:
        path = _dump_file(self.dump.folder, "Posts.xml")
        assert path is not None  # StackExchangeDump checked it
        written: set[int] = set()  # questions already in the database
        pending: list[tuple[int, dict[str, Any]]] = []  # answers met before their question
        done = 0

        def rows() -> Iterator[tuple[int, dict[str, Any]]]:
            for raw in iter_rows(path):
                post_id = int(raw["Id"])
                if post_id in scan.questions or post_id in scan.answers:
                    yield post_id, self._post_row(raw, post_id, scan)

        for batch in _batches(rows()):
            ready: list[dict[str, Any]] = []
            in_batch: set[int] = set()
            candidates, pending = [*pending, *batch], []
            for post_id, row in candidates:
                question = scan.answers.get(post_id)
                if question is None:
                    ready.append(row)
                    in_batch.add(post_id)
                elif question in written or question in in_batch:
                    ready.append(row)
                else:
                    pending.append((post_id, row))
            self._write_items(ready)
            written |= in_batch
            done += len(ready)
            self.progress("posts", done)
        # Every question has been written by now, so whatever waited can follow.
        if pending:
            self._write_items([r for _p, r in pending])
            self.progress("posts", done + len(pending))

    def _post_row(self, raw: dict[str, str], post_id: int, scan: _Scan) -> dict[str, Any]:
        is_question = post_id in scan.questions
        owner = _int(raw.get("OwnerUserId"))
        credit = raw.get("OwnerDisplayName") or (self.names.get(owner, "") if owner else "")
        body = html_to_markdown(raw.get("Body", ""), link_base=self.site.link_base)
        credit_line = self.site.attribution(
            _plain(credit, 200),
            raw.get("ContentLicense", ""),
            self.site.post_url(post_id, is_question),
        )
        item_id = self.site.id("post", post_id)
        question_id = item_id if is_question else self.site.id("post", scan.answers[post_id])
        created = parse_time(raw["CreationDate"])
        edited = raw.get("LastEditDate")
        tags = canonical_tags([t[:TAG_MAX] for t in parse_tags(raw.get("Tags", ""))])[:MAX_TAGS]
        self.tags.update(tags)
        accepted = scan.accepted.get(post_id) if is_question else None
        return {
            "id": item_id,
            "kind": "question" if is_question else "answer",
            "parent_id": None if is_question else question_id,
            "root_id": question_id,
            "author_id": self._author_id(owner),
            "title": _plain(raw.get("Title", ""), MAX_TITLE) if is_question else "",
            "body": _with_credit(body, credit_line),
            "tags": tags,
            "created_at": created,
            "updated_at": max(created, parse_time(edited)) if edited else created,
            "score": _int(raw.get("Score")) or 0,
            "accepted_answer_id": self.site.id("post", accepted) if accepted else None,
        }

    # --- comments -----------------------------------------------------------------

    def _import_comments(self, scan: _Scan) -> None:
        path = _dump_file(self.dump.folder, "Comments.xml")
        if path is None:
            return
        done = 0

        def rows() -> Iterator[dict[str, Any]]:
            for raw in iter_rows(path):
                post_id = int(raw["PostId"])
                if post_id not in scan.questions and post_id not in scan.answers:
                    self.report.skip("comments on posts that were not imported")
                    continue
                yield self._comment_row(raw, post_id, scan)

        for batch in _batches(rows()):
            self._write_items(batch)
            done += len(batch)
            self.progress("comments", done)

    def _comment_row(self, raw: dict[str, str], post_id: int, scan: _Scan) -> dict[str, Any]:
        comment_id = int(raw["Id"])
        user = _int(raw.get("UserId"))
        credit = raw.get("UserDisplayName") or (self.names.get(user, "") if user else "")
        credit_line = self.site.attribution(
            _plain(credit, 200),
            raw.get("ContentLicense", ""),
            self.site.comment_url(post_id, comment_id),
        )
        # Comments are Markdown already (the site's mini-Markdown), not HTML.
        text = escape_markdown_source(_CONTROL.sub(" ", raw.get("Text", "")).strip())
        created = parse_time(raw["CreationDate"])
        question = post_id if post_id in scan.questions else scan.answers[post_id]
        return {
            "id": self.site.id("comment", comment_id),
            "kind": "comment",
            "parent_id": self.site.id("post", post_id),
            "root_id": self.site.id("post", question),
            "author_id": self._author_id(user),
            "title": "",
            "body": _with_credit(text, credit_line),
            "tags": [],
            "created_at": created,
            "updated_at": created,
            "score": _int(raw.get("Score")) or 0,
            "accepted_answer_id": None,
        }

    # --- writing items ------------------------------------------------------------

    def _write_items(self, rows: list[dict[str, Any]]) -> None:
        """One transaction: insert what is new, rewrite what changed, skip the rest."""
        if not rows:
            return
        with self.db.write() as session:
            columns = [getattr(Item, name) for name in ("id", "version", "deleted", *_COMPARED)]
            existing = {
                row.id: row
                for row in session.execute(
                    select(*columns).where(Item.id.in_([r["id"] for r in rows]))
                )
            }
            new: list[dict[str, Any]] = []
            changed: list[dict[str, Any]] = []
            order: list[dict[str, Any]] = []
            for row in rows:
                tally: Tally = getattr(self.report, row["kind"] + "s")
                old = existing.get(row["id"])
                if old is None:
                    new.append(row)
                    order.append(row)
                    tally.added += 1
                elif old.deleted:
                    self.report.skip("items deleted on this server since an earlier import")
                elif any(getattr(old, name) != row[name] for name in _COMPARED):
                    if old.accepted_answer_id != row["accepted_answer_id"]:
                        self.retouch.update(
                            a for a in (old.accepted_answer_id, row["accepted_answer_id"]) if a
                        )
                    row["version"] = old.version + 1
                    changed.append(row)
                    order.append(row)
                    tally.updated += 1
                else:
                    tally.unchanged += 1
            # Rows take their seq in file order, so a question always precedes its answers.
            seqs = _reserve_seqs(session, len(order))
            for row in order:
                row["seq"] = next(seqs)
            # Core inserts, not ORM ones: the ORM splits a batch wherever a value is None, which
            # here means every question/answer boundary. And an empty list would insert one row
            # of defaults, so [] is never passed.
            if new:
                session.execute(
                    insert(_ITEMS), [{**r, "version": 1, "quote_of": None} for r in new]
                )
            audience = [
                {"item_id": r["id"], "kind": kind, "ref": ref, "right": right}
                for r in new
                if r["parent_id"] is None
                for kind, ref, right in _ORG_ROWS
            ]
            if audience:
                session.execute(insert(_AUDIENCE), audience)
            if changed:
                session.execute(
                    update(Item),
                    [{k: r[k] for k in ("id", "version", "seq", *_COMPARED)} for r in changed],
                )
            if order:
                session.execute(
                    insert(_REVISIONS),
                    [
                        {
                            "item_id": r["id"],
                            "version": r.get("version", 1),
                            "title": r["title"],
                            "body": r["body"],
                            "tags": list(r["tags"]),
                            "editor_id": r["author_id"],
                            "created_at": r["updated_at"],
                        }
                        for r in order
                    ],
                )

    def _retouch_answers(self) -> None:
        """Answers that became (or stopped being) accepted: send them to every feed again."""
        for batch in _batches(sorted(self.retouch)):
            with self.db.write() as session:
                rows = session.execute(
                    select(Item.id, Item.version).where(Item.id.in_(batch), Item.deleted.is_(False))
                ).all()
                seqs = _reserve_seqs(session, len(rows))
                if rows:
                    session.execute(
                        update(Item),
                        [{"id": r.id, "version": r.version + 1, "seq": next(seqs)} for r in rows],
                    )


def _with_credit(body: str, credit_line: str) -> str:
    limit = MAX_BODY - len(credit_line) - len(_SHORTENED) - 10
    if len(body) > limit:
        body = body[:limit].rstrip() + _SHORTENED
    return f"{body}\n\n* * *\n\n{credit_line}" if body else credit_line
