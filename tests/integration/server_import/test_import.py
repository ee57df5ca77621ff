"""Importing a Stack Exchange dump: what lands in the database, and what a second run does."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kshare.server.admin import AdminError, AdminTools
from kshare.server.db import current_seq
from kshare.server.importer import import_stackexchange
from kshare.server.importer.site import IMPORTED_TITLE, Site
from kshare.server.tables import AudienceRow, AuditEntry, Item, ItemRevision, Person
from kshare.server.writes import canonical_tag
from kshare.stackexchange import StackExchangeDump, users_from_posts
from tests.integration.server_import.conftest import Expected, Imported, open_db
from tests.integration.server_import.dumps import FIXTURE, copy_fixture, read_rows, write_rows

CREDIT = "Originally posted on Synthetic Stack Exchange"


def test_counts_match_the_dump(imported: Imported, expected: Expected) -> None:
    report = imported.report
    assert report.questions.added == len(expected.questions)
    assert report.answers.added == len(expected.answers)
    assert report.comments.added == len(expected.comments)
    assert report.people.added == len(expected.authors)
    with imported.db.read() as session:
        kinds = dict(session.execute(select(Item.kind, func.count()).group_by(Item.kind)).all())
        people = session.scalar(select(func.count()).select_from(Person))
    assert kinds == {
        "question": len(expected.questions),
        "answer": len(expected.answers),
        "comment": len(expected.comments),
    }
    assert people == len(expected.authors)  # only people who wrote something imported


def test_threads_accepted_answers_times_and_scores(imported: Imported, expected: Expected) -> None:
    site = imported.site
    with imported.db.read() as session:
        items = {i.id: i for i in session.scalars(select(Item))}
    for q in expected.questions.values():
        row = items[site.id("post", q.id)]
        assert (row.title, row.score, row.created_at) == (q.title, q.score, q.created_at)
        assert row.root_id == row.id and row.parent_id is None
        accepted = site.id("post", q.accepted_answer_id) if q.accepted_answer_id else None
        assert row.accepted_answer_id == accepted
    assert any(i.accepted_answer_id for i in items.values())
    for a in expected.answers.values():
        row = items[site.id("post", a.id)]
        assert row.parent_id == row.root_id == site.id("post", a.parent_id)
        assert row.author_id == site.id("person", a.owner_user_id)
    for c in expected.comments:
        row = items[site.id("comment", c.id)]
        assert row.parent_id == site.id("post", c.post_id)
        assert items[row.root_id].kind == "question"


def test_tags_are_canonical(imported: Imported, expected: Expected) -> None:
    with imported.db.read() as session:
        tags = [t for row in session.scalars(select(Item.tags)) for t in row]
    assert tags and all(t == canonical_tag(t) for t in tags)
    assert set(tags) == {canonical_tag(t) for q in expected.questions.values() for t in q.tags}
    assert imported.report.tags == len(set(tags))


def test_every_item_credits_its_author_and_source(imported: Imported, expected: Expected) -> None:
    with imported.db.read() as session:
        rows = session.execute(select(Item.body, Person.display_name).join(Person)).all()
    for body, author in rows:
        assert f"{CREDIT} by {author}, licensed " in body.splitlines()[-1]
        assert "CC BY-SA" in body


def test_people_are_marked_imported_and_cannot_sign_in(
    imported: Imported, expected: Expected
) -> None:
    with imported.db.read() as session:
        people = list(session.scalars(select(Person)))
    assert {p.id for p in people} == {imported.site.id("person", u) for u in expected.authors}
    for person in people:
        assert person.title == IMPORTED_TITLE
        assert person.password_hash == ""
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", person.username)
    by_id = {p.id: p for p in people}
    some = next(iter(expected.authors))
    assert by_id[imported.site.id("person", some)].display_name == expected.users[some].display_name
    assert len({p.username_key for p in people}) == len(people)


def test_questions_are_for_the_whole_organisation(imported: Imported) -> None:
    with imported.db.read() as session:
        rows = session.execute(
            select(AudienceRow.item_id, AudienceRow.kind, AudienceRow.right)
        ).all()
        questions = set(session.scalars(select(Item.id).where(Item.kind == "question")))
    assert {r.item_id for r in rows} == questions
    assert {(r.kind, r.right) for r in rows} == {("org", "view")}
    assert len(rows) == len(questions)


def test_each_row_has_its_own_seq_and_the_counter_moved(imported: Imported) -> None:
    with imported.db.read() as session:
        items = list(session.execute(select(Item.id, Item.seq, Item.root_id, Item.kind)))
        people = list(session.scalars(select(Person.seq)))
        head = current_seq(session)
        audits = list(
            session.scalars(select(AuditEntry).where(AuditEntry.action == "stackexchange_imported"))
        )
        revisions = session.scalar(select(func.count()).select_from(ItemRevision))
    seqs = [i.seq for i in items] + people
    assert len(set(seqs)) == len(seqs) and max(seqs) == head
    root_seq = {i.id: i.seq for i in items if i.kind == "question"}
    assert all(i.seq > root_seq[i.root_id] for i in items if i.kind != "question")
    assert max(people) < min(i.seq for i in items)  # authors reach a feed before their posts
    assert len(audits) == 1 and audits[0].detail["questions"] == imported.report.questions.added
    assert revisions == len(items)


def test_a_second_run_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "server"
    first = import_stackexchange(data, FIXTURE)
    db = open_db(data)
    try:
        with db.read() as session:
            head = current_seq(session)
        again = import_stackexchange(data, FIXTURE)
        with db.read() as session:
            assert current_seq(session) == head  # no row re-sent to any device
            assert session.scalar(select(func.count()).select_from(Item)) == (
                first.questions.added + first.answers.added + first.comments.added
            )
    finally:
        db.dispose()
    for kind in ("people", "questions", "answers", "comments"):
        tally = getattr(again, kind)
        assert (tally.added, tally.updated) == (0, 0)
        assert tally.unchanged == getattr(first, kind).added


def test_a_newer_dump_updates_what_changed(tmp_path: Path, expected: Expected) -> None:
    folder = copy_fixture(tmp_path / "synthetic")  # same folder name: the same site
    data = tmp_path / "server"
    import_stackexchange(data, folder)
    site = Site.from_name("synthetic")
    posts = read_rows(folder / "Posts.xml")
    by_id = {int(p["Id"]): p for p in posts}
    # A question whose accepted answer moved to another of its answers.
    moved = next(
        q
        for q in expected.questions.values()
        if q.accepted_answer_id
        and len([a for a in expected.answers.values() if a.parent_id == q.id]) > 1
    )
    other = next(
        a.id
        for a in expected.answers.values()
        if a.parent_id == moved.id and a.id != moved.accepted_answer_id
    )
    by_id[moved.id]["AcceptedAnswerId"] = str(other)
    edited = next(q for q in expected.questions.values() if q.id != moved.id)
    by_id[edited.id]["Body"] = "<p>Edited since: <code>x = 1</code></p>"
    by_id[edited.id]["LastEditDate"] = "2024-05-06T07:08:09.100"
    write_rows(folder / "Posts.xml", posts)
    users = read_rows(folder / "Users.xml")
    renamed = next(u for u in users if int(u["Id"]) == edited.owner_user_id)
    renamed["DisplayName"] = "Renamed Person"
    write_rows(folder / "Users.xml", users)

    db = open_db(data)
    try:
        with db.read() as session:
            head = current_seq(session)
        report = import_stackexchange(data, folder)
        with db.read() as session:
            changed = {i.id: i for i in session.scalars(select(Item).where(Item.seq > head))}
            person = session.get(Person, site.id("person", edited.owner_user_id))
            revisions = session.scalars(
                select(ItemRevision.version).where(
                    ItemRevision.item_id == site.id("post", edited.id)
                )
            ).all()
    finally:
        db.dispose()
    owner = edited.owner_user_id
    # The renamed person's items change too: their credit line names them.
    questions = {q.id for q in expected.questions.values() if q.owner_user_id == owner}
    assert report.questions.updated == len(questions | {moved.id, edited.id})
    assert report.answers.updated == len(
        [a for a in expected.answers.values() if a.owner_user_id == owner]
    )
    assert report.comments.updated == len([c for c in expected.comments if c.user_id == owner])
    assert report.answers.added == 0
    row = changed[site.id("post", edited.id)]
    assert row.version == 2 and sorted(revisions) == [1, 2]
    assert row.body.startswith("Edited since: `x = 1`")
    assert row.updated_at.year == 2024
    assert changed[site.id("post", moved.id)].accepted_answer_id == site.id("post", other)
    # Both answers whose accepted state changed are sent to devices again.
    assert {site.id("post", other), site.id("post", moved.accepted_answer_id)} <= set(changed)
    assert person is not None and person.display_name == "Renamed Person" and person.seq > head
    assert report.people.updated == 1
    # Items written by the renamed person credit the new name (their bodies changed).
    assert "by Renamed Person" in row.body


def test_posts_xml_alone_is_enough(tmp_path: Path, expected: Expected) -> None:
    folder = copy_fixture(tmp_path / "synthetic", ["Posts.xml"])
    data = tmp_path / "server"
    report = import_stackexchange(data, folder)
    owners = {p.owner_user_id for p in [*expected.questions.values(), *expected.answers.values()]}
    assert report.questions.added == len(expected.questions)
    assert report.answers.added == len(expected.answers)
    assert report.comments.added == 0
    assert report.people.added == len(owners)
    db = open_db(data)
    try:
        with db.read() as session:
            names = dict(session.execute(select(Person.id, Person.display_name)).all())
    finally:
        db.dispose()
    site = Site.from_name("synthetic")
    # Named as the posts name them (this dump's posts carry no OwnerDisplayName).
    from_posts = {u.id: u.display_name for u in users_from_posts(StackExchangeDump(folder).posts())}
    assert {uid: names[site.id("person", uid)] for uid in owners} == {
        uid: from_posts[uid] for uid in owners
    }


def test_deleted_here_stays_deleted(tmp_path: Path, expected: Expected) -> None:
    data = tmp_path / "server"
    import_stackexchange(data, FIXTURE)
    site = Site.from_name("synthetic")
    victim = site.id("post", next(iter(expected.questions)))
    with AdminTools(data) as admin:
        admin.delete_item(victim)
    report = import_stackexchange(data, FIXTURE)
    db = open_db(data)
    try:
        with db.read() as session:
            assert session.get(Item, victim).deleted  # type: ignore[union-attr]
    finally:
        db.dispose()
    assert report.skipped == {"items deleted on this server since an earlier import": 1}


def test_not_a_dump_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AdminError, match=r"no Posts\.xml"):
        import_stackexchange(tmp_path / "server", tmp_path)
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "Posts.xml").write_text("<rows><row Id=", encoding="utf-8")
    with pytest.raises(AdminError, match="not well-formed"):
        import_stackexchange(tmp_path / "server", tmp_path / "broken")


def test_kinds_in_the_report_add_up(imported: Imported) -> None:
    counts = Counter({k: getattr(imported.report, k).total for k in ("questions", "answers")})
    assert counts["questions"] > 0 and counts["answers"] > 0
    assert "Synthetic Stack Exchange" in imported.report.summary()
