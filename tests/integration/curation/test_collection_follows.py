"""Following a collection against the real server: its changes reach the follower's inbox
offline from synced data, counted only over the entries the follower may see."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from kshare.cli import main
from kshare.client.curation.views import EntryEdit
from kshare.client.services import Workspace

pytestmark = pytest.mark.integration


def _idle(workspace: Workspace) -> None:
    report = workspace.sync()
    assert report.status.state == "idle", report.status.message


def _post(ws: Workspace, title: str, audience: tuple[str, ...] = ("org",)) -> str:
    item_id = ws.publish(title=title, body=f"{title} body", audience=audience)
    _idle(ws)
    return item_id


def _texts(ws: Workspace) -> list[str]:
    return [e.text for e in ws.notifications.inbox(unread_only=True)]


def test_a_followed_collections_changes_reach_the_inbox_counting_only_what_one_may_see(
    desktop: Callable[[str], Workspace],
) -> None:
    ana, bo, cy = desktop("ana"), desktop("bo"), desktop("cy")
    welcome = _post(ana, "Welcome aboard")
    glossary = _post(ana, "Glossary")
    collection = ana.curation.create_collection(
        "c0000000-0000-4000-8000-000000000001", "Onboarding", description="Start here"
    )
    ana.curation.add(collection, welcome, section="Basics")
    _idle(ana)
    for reader in (bo, cy):
        _idle(reader)
        assert reader.notifications.follow("collection", "Onboarding") == collection
        _idle(reader)
        assert _texts(reader) == []

    rota = _post(ana, "Pager rota", ("group:SRE",))  # cy may not see it
    ana.curation.add(collection, glossary, section="Basics")
    ana.curation.add(collection, rota, section="On call", note="team only")
    _idle(ana)
    _idle(bo)
    _idle(cy)
    assert _texts(bo) == ["Collection “Onboarding” changed: 2 entries added"]
    assert _texts(cy) == ["Collection “Onboarding” changed: 1 entry added"]
    # Asked again, nothing new: each change shows once.
    assert len(cy.notifications.inbox()) == 1
    cy.notifications.mark_all_read()

    # Only the invisible entry changes: the outsider hears nothing of it.
    shown = ana.curation.show(collection)
    entries = [
        EntryEdit(item_id=e.item_id, kind="item", section=s.name, note=e.note)
        for s in shown.sections
        for e in s.entries
    ]
    entries[-1] = replace(entries[-1], note="the team's rota")
    ana.curation.set_entries(collection, entries)
    _idle(ana)
    _idle(cy)
    assert _texts(cy) == []
    _idle(bo)
    assert _texts(bo)[0] == "Collection “Onboarding” changed: 1 note changed"

    # A reorder, a removal and a rename, seen by everyone who follows.
    entries = [entries[1], entries[0]]  # glossary first, the rota gone
    ana.curation.set_entries(collection, entries)
    _idle(ana)
    ana.curation.rename(collection, title="Start here", description=None)
    _idle(ana)
    _idle(cy)
    _idle(bo)
    assert _texts(cy) == ["Collection “Start here” changed: 1 entry moved, renamed"]
    assert _texts(bo)[0] == (
        "Collection “Start here” changed: 1 entry removed, 1 entry moved, renamed"
    )
    # Offline: the inbox is derived from the cache alone.
    entry = bo.notifications.inbox()[0]
    assert (entry.kind, entry.open_kind, entry.open_id) == ("followed", "item", collection)

    # The curator's own changes never notify the curator, and an unfollow stops the news.
    ana.notifications.follow("collection", collection)
    ana.curation.rename(collection, title=None, description="Read in order")
    assert _texts(ana) == []  # still queued
    _idle(ana)
    assert _texts(ana) == []
    cy.notifications.unfollow("collection", collection)
    ana.curation.rename(collection, title="Onboarding", description=None)
    _idle(ana)
    _idle(cy)
    assert _texts(cy) == []
    assert not [e for e in cy.notifications.inbox() if e.key.startswith("collection:")]


def test_following_a_collection_from_the_command_line(
    desktop: Callable[[str], Workspace], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ana, bo = desktop("ana"), desktop("bo")
    collection = ana.curation.create_collection("c0000000-0000-4000-8000-000000000002", "Runbooks")
    _idle(ana)
    _idle(bo)
    bo.close()
    profile = ["--profile", str(tmp_path / "bo")]
    capsys.readouterr()
    assert main(["follow", "collection", collection, *profile]) == 0
    assert capsys.readouterr().out == f"Following collection {collection} (sent at the next sync)\n"
    assert main(["follow", "collection", "No such list", *profile]) == 1
    assert "No collection “No such list”" in capsys.readouterr().err
    assert main(["sync", *profile]) == 0
    capsys.readouterr()
    assert main(["following", "--json", *profile]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(f["kind"], f["target"], f["label"]) for f in listed] == [
        ("collection", collection, "Runbooks")
    ]
    assert main(["inbox", *profile]) == 0  # the first look: what was there counts as read
    post = ana.publish(title="Restarting the broker", body="Steps")
    _idle(ana)
    ana.curation.add(collection, post)
    _idle(ana)
    assert main(["sync", *profile]) == 0
    capsys.readouterr()
    assert main(["inbox", "--unread", *profile]) == 0
    assert "Collection “Runbooks” changed: 1 entry added" in capsys.readouterr().out
    assert main(["unfollow", "collection", collection, *profile]) == 0
    assert "No longer following collection" in capsys.readouterr().out
