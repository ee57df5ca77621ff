"""The dump reader on the synthetic dump, and on a dump reduced to Posts.xml."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kshare.stackexchange import (
    StackExchangeDump,
    html_to_text,
    parse_tags,
    parse_time,
    users_from_posts,
)

DUMP = Path(__file__).resolve().parents[2] / "fixtures" / "stackexchange" / "synthetic"


def test_reads_every_file_of_the_dump() -> None:
    dump = StackExchangeDump(DUMP)
    posts = list(dump.posts())
    questions = [p for p in posts if p.is_question]
    answers = [p for p in posts if p.is_answer]
    assert questions and answers and len(posts) == len(questions) + len(answers)
    ids = {p.id for p in posts}
    assert all(a.parent_id in ids for a in answers)
    assert all(q.tags and q.title for q in questions)
    accepted = [q for q in questions if q.accepted_answer_id]
    assert accepted and all(q.accepted_answer_id in ids for q in accepted)
    users = {u.id: u for u in dump.users()}
    assert all(p.owner_user_id in users for p in posts)
    assert {t.name for t in dump.tags()} >= {t for q in questions for t in q.tags}
    comments = list(dump.comments())
    assert comments and all(c.post_id in ids for c in comments)
    votes = list(dump.votes())
    assert {v.vote_type for v in votes} >= {1, 2}
    # Votes are dated to the day and never precede what they vote on.
    created = {p.id: p.created_at for p in posts}
    assert all(v.created_at.hour == 0 for v in votes)
    assert all(v.known_from > created[v.post_id] for v in votes)


def test_posts_alone_are_enough(tmp_path: Path) -> None:
    shutil.copy(DUMP / "Posts.xml", tmp_path / "Posts.xml")
    dump = StackExchangeDump(tmp_path)
    assert not dump.has("Users.xml") and not dump.has("Votes.xml")
    people = list(dump.users())
    owners = {p.owner_user_id for p in dump.posts()}
    assert {u.id for u in people} == owners
    assert list(dump.comments()) == [] and list(dump.votes()) == [] and list(dump.tags()) == []


def test_a_folder_without_posts_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"Posts\.xml"):
        StackExchangeDump(tmp_path)


def test_deleted_accounts_stay_anonymous_and_names_come_from_posts(tmp_path: Path) -> None:
    (tmp_path / "Posts.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<rows>\n'
        '  <row Id="1" PostTypeId="1" CreationDate="2012-03-04T05:06:07.890" Score="3" '
        'Body="&lt;p&gt;Why &amp;amp; how?&lt;/p&gt;" OwnerDisplayName="gone" '
        'Title="Q" Tags="&lt;sql&gt;&lt;joins&gt;" />\n'
        '  <row Id="2" PostTypeId="2" ParentId="1" CreationDate="2012-03-05T00:00:00.000" '
        'Score="1" Body="&lt;p&gt;Like this&lt;/p&gt;" OwnerUserId="7" OwnerDisplayName="Ann" />\n'
        "</rows>\n",
        encoding="utf-8",
    )
    posts = list(StackExchangeDump(tmp_path).posts())
    assert posts[0].owner_user_id is None and posts[0].tags == ("sql", "joins")
    assert posts[0].created_at == datetime(2012, 3, 4, 5, 6, 7, 890000, tzinfo=UTC)
    assert html_to_text(posts[0].body) == "Why & how?"
    (person,) = users_from_posts(posts)
    assert (person.id, person.display_name) == (7, "Ann")


def test_tag_formats_and_times() -> None:
    assert parse_tags("<c#><.net>") == ("c#", ".net")
    assert parse_tags("|python|asyncio|") == ("python", "asyncio")
    assert parse_tags("") == ()
    assert parse_time("2010-07-20T19:09:27.200").tzinfo is UTC
