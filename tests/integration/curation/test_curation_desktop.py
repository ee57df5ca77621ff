"""Curation from the desktop and the command line against the real server: collections
with sections and notes, several curators and their conflicts, what each viewer sees,
verification and review dates, search gaps only with consent, exports."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kshare.cli import main
from kshare.client.curation.views import EntryEdit
from kshare.client.services import Workspace
from kshare.clock import ManualClock
from kshare.server.admin import AdminTools

pytestmark = pytest.mark.integration


def _cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, who: str, *args: str) -> str:
    capsys.readouterr()
    code = main([*args, "--profile", str(tmp_path / who)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _post(ws: Workspace, title: str, audience: tuple[str, ...] = ("org",)) -> str:
    item_id = ws.publish(title=title, body=f"{title} body", audience=audience)
    ws.sync()
    return item_id


def test_collections_from_the_command_line_show_each_viewer_only_what_they_may_see(
    desktop: Callable[[str], Workspace], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ana = desktop("ana")
    welcome = _post(ana, "Welcome aboard")
    rota = _post(ana, "Pager rota", ("group:SRE",))
    glossary = _post(ana, "Glossary")
    desktop("bo")
    desktop("cy")  # profiles made and synced once
    ana.close()
    made = _cli(
        capsys,
        tmp_path,
        "ana",
        "collections",
        "create",
        "Onboarding",
        "--description",
        "Start here",
        "--curator",
        "person:bo",
    ).strip()
    assert len(made) == 36 and "\n" not in made
    for item, section, note in (
        (welcome, "Basics", "read first"),
        (rota, "On call", "team only"),
        (glossary, "Basics", ""),
    ):
        _cli(
            capsys,
            tmp_path,
            "ana",
            "collections",
            "add",
            made,
            item,
            "--section",
            section,
            "--note",
            note,
        )
    shown = json.loads(_cli(capsys, tmp_path, "ana", "collections", "show", made, "--json"))
    assert shown == {
        "id": made,
        "title": "Onboarding",
        "sections": [
            {
                "name": "Basics",
                "entries": [
                    {"item_id": welcome, "title": "Welcome aboard", "note": "read first"},
                    {"item_id": glossary, "title": "Glossary", "note": ""},
                ],
            },
            {
                "name": "On call",
                "entries": [
                    {"item_id": rota, "title": "Pager rota", "note": "team only"},
                ],
            },
        ],
    }
    _cli(capsys, tmp_path, "cy", "sync")
    outsider = _cli(capsys, tmp_path, "cy", "collections", "show", made, "--json")
    assert json.loads(outsider)["sections"] == [shown["sections"][0]]
    assert "On call" not in outsider and rota not in outsider and "team only" not in outsider
    listed = json.loads(_cli(capsys, tmp_path, "cy", "collections", "list", "--json"))
    assert [(c["id"], c["entries"], c["can_edit"]) for c in listed] == [(made, 2, False)]
    _cli(capsys, tmp_path, "bo", "sync")
    assert json.loads(_cli(capsys, tmp_path, "bo", "collections", "list", "--json"))[0]["can_edit"]
    _cli(capsys, tmp_path, "bo", "collections", "rename", made, "--title", "Welcome to Northwind")
    _cli(capsys, tmp_path, "cy", "sync")
    renamed = json.loads(_cli(capsys, tmp_path, "cy", "collections", "show", made, "--json"))
    assert renamed["title"] == "Welcome to Northwind"
    assert renamed["sections"] == [shown["sections"][0]]  # bo's rename kept every entry


def test_two_curators_reordering_the_same_version_conflict_and_keep_both(
    desktop: Callable[[str], Workspace],
) -> None:
    ana, bo = desktop("ana"), desktop("bo")
    first, second = _post(ana, "First"), _post(ana, "Second")
    made = ana.curation.create_collection(
        "00000000-0000-4000-8000-00000000c011", "Runbooks", curators=["person:bo"]
    )
    ana.curation.add(made, first)
    ana.curation.add(made, second)
    ana.sync()
    bo.sync()
    entries = [EntryEdit(item_id=i) for i in (second, first)]
    bo.curation.set_entries(made, entries)
    ana.curation.set_entries(made, [EntryEdit(item_id=first, note="keep first")])
    ana.sync()
    bo.sync()
    conflicts = [e for e in bo.unpublished() if e.state == "conflict"]
    assert [e.target_id for e in conflicts] == [made]
    assert [e.title for s in bo.curation.show(made).sections for e in s.entries] == ["First"]
    assert conflicts[0].payload["update"]["entries"][0]["item_id"] == second  # bo's is kept
    bo.resolve_conflict(conflicts[0].id, "mine")
    bo.sync()
    ana.sync()
    assert [e.title for s in ana.curation.show(made).sections for e in s.entries] == [
        "Second",
        "First",
    ]


def test_curator_role_arrives_with_sync_and_leaves_with_revocation(
    desktop: Callable[[str], Workspace], admin: AdminTools
) -> None:
    bo = desktop("bo")
    assert not bo.curation.is_curator
    admin.grant_curator("bo", groups=["SRE"], tags=["postgres"])
    bo.sync()
    role = bo.curation.role()
    assert role.active and not role.everywhere and role.tags == ["postgres"]
    assert [g.name for g in role.groups] == ["SRE"]
    admin.revoke_curator("bo")
    bo.sync()
    assert not bo.curation.is_curator
    assert desktop("ana").curation.is_curator


def test_verified_items_need_review_after_their_date_and_readers_see_a_quiet_mark(
    desktop: Callable[[str], Workspace],
) -> None:
    ana, cy = desktop("ana"), desktop("cy")
    item = _post(ana, "VPN setup")
    ana.curation.verify(item, datetime.now(UTC) + timedelta(days=3))
    ana.sync()
    cy.sync()
    mark = cy.curation.mark(item)
    assert mark is not None and mark.verified_by == "Ana Souza" and not mark.needs_review
    assert ana.curation.review_due() == []
    later = ManualClock(datetime.now(UTC) + timedelta(days=4))
    ana.curation.clock = later
    cy.curation.clock = later
    due = ana.curation.review_due()
    assert [d.item_id for d in due] == [item] and "past its review date" in due[0].reasons
    made = cy.curation.create_collection("00000000-0000-4000-8000-00000000c012", "Mine")
    cy.curation.add(made, item)
    assert cy.curation.show(made).sections[0].entries[0].may_be_outdated
    assert cy.curation.review_due() == []  # cy is no curator and not its author
    reader_note = cy.item(item)
    assert reader_note is not None
    assert reader_note.verification_note.endswith("may be outdated")
    curator_note = ana.item(item)
    assert curator_note is not None and "needs review: past its review date" in (
        curator_note.verification_note
    )
    with pytest.raises(Exception, match="curators"):
        cy.curation.verify(item)


def test_search_gaps_reach_the_server_only_with_consent(
    desktop: Callable[[str], Workspace], admin: AdminTools
) -> None:
    cy = desktop("cy")
    cy.search("zyzzyva telescope")
    assert not [e for e in cy.unpublished() if e.operation == "report_search_gap"]
    cy.sync()
    assert admin.audit_log() is not None
    with admin.db.read() as session:
        from kshare.server.tables import SearchGap

        assert session.query(SearchGap).count() == 0
    cy.settings.set("share_search_gaps", True)
    cy.search("zyzzyva telescope")
    cy.search("zyzzyva  Telescope")  # the same search again: reported once
    cy.search("zy")  # half a word: never
    assert cy.pending_count() == 1
    cy.sync()
    with admin.db.read() as session:
        stored = [(g.query, g.kind) for g in session.query(SearchGap)]
    assert stored == [("zyzzyva telescope", "empty")]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_exports_hold_only_what_the_exporter_sees_and_are_audited(
    desktop: Callable[[str], Workspace],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    admin: AdminTools,
) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    ana, cy = desktop("ana"), desktop("cy")
    public = _post(ana, "Welcome <aboard> & co")
    team = _post(ana, "Pager rota", ("group:SRE",))
    made = ana.curation.create_collection("00000000-0000-4000-8000-00000000c013", "Onboarding")
    ana.curation.add(made, public, section="Basics", note="<script>alert(1)</script>")
    ana.curation.add(made, team, section="On call")
    ana.sync()
    cy.close()
    _cli(capsys, tmp_path, "cy", "sync")
    out = tmp_path / "onboarding.html"
    _cli(
        capsys,
        tmp_path,
        "cy",
        "collections",
        "export",
        made,
        "--format",
        "html",
        "--output",
        str(out),
    )
    parser = _Text()
    parser.feed(out.read_text(encoding="utf-8"))
    text = "".join(parser.text)
    assert "Welcome <aboard> & co" in text and "<script>alert(1)</script>" in text
    assert "script" not in parser.tags and "Pager rota" not in text and "On call" not in text
    pdf = tmp_path / "onboarding.pdf"
    _cli(
        capsys,
        tmp_path,
        "cy",
        "collections",
        "export",
        made,
        "--format",
        "pdf",
        "--output",
        str(pdf),
    )
    document = pdfium.PdfDocument(str(pdf))
    words = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "Onboarding" in words and "Welcome" in words and "Pager" not in words
    exports = [e for e in admin.audit_log() if e["action"] == "curation_exported"]
    assert [(e["target"], e["detail"]["format"]) for e in exports] == [
        (made, "html"),
        (made, "pdf"),
    ]


def test_a_steward_merges_tags_and_search_reads_the_old_name_as_the_new(
    desktop: Callable[[str], Workspace], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ana = desktop("ana")
    pods = ana.publish(title="Scaling pods", body="HPA settings", tags=["k8s-ops"])
    ana.sync()
    desktop("cy")
    for ws in (ana,):
        ws.close()
    _cli(capsys, tmp_path, "ana", "tags", "merge", "k8s-ops", "Kubernetes")
    _cli(capsys, tmp_path, "ana", "tags", "describe", "kubernetes", "Running containers at scale")
    _cli(capsys, tmp_path, "cy", "sync")
    found = json.loads(_cli(capsys, tmp_path, "cy", "search", "tag:k8s-ops", "--json"))
    assert [(h["id"], h["tags"]) for h in found["hits"]] == [(pods, ["kubernetes"])]
    shown = json.loads(_cli(capsys, tmp_path, "cy", "tags", "show", "k8s-ops", "--json"))
    assert shown["tag"] == "kubernetes" and shown["aliases"] == ["k8s-ops"]
    assert shown["description"] == "Running containers at scale"
    assert [t["item_id"] for t in shown["top"]] == [pods]
    refused = main(["tags", "merge", "ops", "devops", "--profile", str(tmp_path / "cy")])
    assert refused == 1 and "curators" in capsys.readouterr().err


def test_the_health_report_is_written_to_html_and_pdf_for_curators_only(
    desktop: Callable[[str], Workspace],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    admin: AdminTools,
) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    ana, cy = desktop("ana"), desktop("cy")
    ana.publish(title="Who approves <travel>?", body="?", kind="question", tags=["travel"])
    ana.publish(title="Team secret", body="?", kind="question", audience=["group:SRE"])
    ana.sync()
    ana.close()
    cy.close()
    html_file, pdf_file = tmp_path / "health.html", tmp_path / "health.pdf"
    out = _cli(capsys, tmp_path, "ana", "report", "health", "--output", str(html_file))
    assert "travel: 1 / 0 / 0" in out
    parser = _Text()
    parser.feed(html_file.read_text(encoding="utf-8"))
    assert "Who approves <travel>?" in "".join(parser.text)
    _cli(capsys, tmp_path, "ana", "report", "health", "--output", str(pdf_file))
    document = pdfium.PdfDocument(str(pdf_file))
    words = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "Knowledge base health" in words and "travel" in words
    denied = main(["report", "health", "--profile", str(tmp_path / "cy")])
    assert denied == 1 and "curators" in capsys.readouterr().err
    exports = [
        e["detail"]["format"] for e in admin.audit_log() if e["action"] == "curation_exported"
    ]
    assert exports == ["html", "pdf"]


def test_leaving_a_group_takes_its_entries_and_their_notes_off_the_disk(
    desktop: Callable[[str], Workspace], admin: AdminTools
) -> None:
    ana, bo = desktop("ana"), desktop("bo")
    public = _post(ana, "Welcome aboard")
    rota = _post(ana, "Pager rota", ("group:SRE",))
    made = ana.curation.create_collection("00000000-0000-4000-8000-00000000c014", "Onboarding")
    ana.curation.add(made, public, note="read first")
    ana.curation.add(made, rota, section="On call", note="quokkas guard the pager")
    ana.sync()
    bo.sync()
    assert [e.item_id for s in bo.curation.show(made).sections for e in s.entries] == [public, rota]
    assert bo.search("quokkas").total == 1
    admin.remove_member("SRE", "bo")
    bo.sync()
    shown = bo.curation.show(made)
    assert [(s.name, [e.item_id for e in s.entries]) for s in shown.sections] == [("", [public])]
    with bo.reader.connect() as conn:
        from sqlalchemy import text

        cached = conn.execute(text("SELECT entries FROM items WHERE id = :i"), {"i": made}).scalar()
    assert "quokkas" not in str(cached) and rota not in str(cached)
    assert bo.search("quokkas").total == 0


def test_tag_descriptions_sync_to_every_desktop_and_their_changes_and_removals_follow(
    desktop: Callable[[str], Workspace],
) -> None:
    ana, cy = desktop("ana"), desktop("cy")
    steward = ana.curation.tag_steward(ana)
    ana.publish(title="Consumer lag", body="Watch it", tags=["kafka"])
    steward.describe("Kafka", "Our event bus: topics, consumers, retention")
    steward.describe("Ops", "Keeping things running")
    ana.sync()
    assert cy.pages.tag_page("kafka").about == ""  # nothing before the sync
    cy.sync()
    # Read from the cache alone: the tag page needs no server for it.
    assert cy.pages.tag_page("kafka").about == "Our event bus: topics, consumers, retention"
    assert cy.pages.tag_page("ops").about == "Keeping things running"
    assert cy.pages.tag_page("vpn").about == ""
    # A merge leaves the old name as an alias, which reads the new tag's description only.
    assert ana.pages.tag_page("kafka").about  # the curator's own desktop has it too
    steward.merge("Ops", "Kafka")
    steward.describe("kafka", "The event bus")
    steward.describe("ops", "")  # an alias now: describing it changes kafka
    ana.sync()
    cy.sync()
    assert cy.pages.tag_page("kafka").about == ""
    steward.describe("kafka", "The event bus")
    ana.sync()
    cy.sync()
    assert cy.pages.tag_page("kafka").about == "The event bus"
    assert cy.pages.tag_page("ops").about == "The event bus"
    assert cy.curation.tag_steward(cy).show("ops").description == "The event bus"
    # Emptied on the server: gone from the desktop at the next sync.
    steward.describe("kafka", "")
    ana.sync()
    cy.sync()
    assert cy.pages.tag_page("kafka").about == ""
    assert cy.pages.tag_page("ops").about == ""
