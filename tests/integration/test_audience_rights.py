"""Editors, publication windows and audience changes against a real server: who may edit,
when others see an item, and that a desktop drops what its person may no longer see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kshare.client.services import UserFacingError, Workspace
from kshare.clock import ShiftedClock
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
WINDOW = timedelta(hours=1)  # nobody waits for it: the test moves the clock past it


def sync_all(*workspaces: Workspace) -> None:
    for workspace in workspaces:
        report = workspace.sync()
        assert report.status.state == "idle", report.status.message


def move_past(clock: ShiftedClock, moment: datetime) -> None:
    """Move the server's (and the desktops') clock a second past ``moment``."""
    clock.advance(max(0.0, (moment - clock.now()).total_seconds()) + 1)
    assert clock.now() > moment


def found(workspace: Workspace, word: str) -> list[str]:
    return [hit.id for hit in workspace.search(word).hits]


def test_a_named_editor_edits_the_text_and_a_viewer_cannot(people: dict[str, Workspace]) -> None:
    ana, bo, cy = people["ana"], people["bo"], people["cy"]
    item = ana.publish(
        title="On-call rota",
        body="Weekly.",
        audience=["person:bo", "person:cy"],
        editors=["person:bo"],
    )
    sync_all(ana, bo, cy)
    for_bo, for_cy = bo.item(item), cy.item(item)
    assert for_bo is not None and for_bo.can_edit
    assert for_cy is not None and not for_cy.can_edit
    assert for_cy.audience.editor_names == ("Bo Lindqvist",)

    bo.edit(item, body="Weekly, handover on Mondays.")
    sync_all(bo)
    assert bo.pending_count() == 0 and bo.unpublished() == []
    with pytest.raises(UserFacingError, match="Only the author"):
        bo.edit(item, audience=["org"])
    with pytest.raises(UserFacingError, match="editors they chose"):
        cy.edit(item, body="Daily.")
    assert cy.pending_count() == 0

    sync_all(ana, cy)
    for who in (ana, cy):
        seen = who.item(item)
        assert seen is not None and seen.body_markdown == "Weekly, handover on Mondays."


def test_an_item_visible_until_a_time_leaves_the_viewers_cache_and_index(
    people: dict[str, Workspace], server: ServerProcess
) -> None:
    ana, bo = people["ana"], people["bo"]
    until = server.clock.now() + WINDOW
    item = ana.publish(
        title="Quokka maintenance window",
        body="Tonight only.",
        audience=["person:bo"],
        visible_until=until,
    )
    sync_all(ana, bo)
    assert bo.item(item) is not None
    assert found(bo, "quokka") == [item]

    move_past(server.clock, until)
    sync_all(bo)
    assert bo.item(item) is None
    assert found(bo, "quokka") == []
    sync_all(ana)
    assert ana.item(item) is not None  # the author keeps their own


def test_an_item_scheduled_for_later_reaches_viewers_at_that_time(
    people: dict[str, Workspace], server: ServerProcess
) -> None:
    ana, bo = people["ana"], people["bo"]
    start = server.clock.now() + WINDOW
    item = ana.publish(
        title="Wombat release notes", body="Out soon.", audience=["org"], publish_at=start
    )
    sync_all(ana, bo)
    assert bo.item(item) is None
    mine = ana.item(item)
    assert mine is not None and mine.audience.publish_at is not None

    move_past(server.clock, start)
    sync_all(bo)
    assert bo.item(item) is not None
    assert found(bo, "wombat") == [item]


def test_narrowing_an_audience_removes_the_item_from_those_left_out(
    people: dict[str, Workspace],
) -> None:
    ana, bo, cy = people["ana"], people["bo"], people["cy"]
    item = ana.publish(
        title="Numbat budget", body="Draft figures.", audience=["person:bo", "person:cy"]
    )
    sync_all(ana, bo, cy)
    assert bo.item(item) is not None and cy.item(item) is not None

    ana.edit(item, audience=["person:cy"])
    shown = ana.item(item)
    assert shown is not None and shown.audience.audience == ("person:cy",)  # at once
    sync_all(ana, bo, cy)
    assert ana.unpublished() == []
    assert bo.item(item) is None and found(bo, "numbat") == []
    kept = cy.item(item)
    assert kept is not None and kept.audience.audience == ("person:cy",)


def test_what_cannot_be_published_or_changed_is_said_and_nothing_is_queued(
    people: dict[str, Workspace],
) -> None:
    ana = people["ana"]
    later = datetime.now(UTC) + timedelta(days=2)
    cases = [
        ({"visible_until": datetime.now(UTC) - timedelta(hours=1)}, "in the past"),
        ({"publish_at": later, "visible_until": later - timedelta(days=1)}, "later than"),
        ({"audience": ["person:bo"], "editors": ["person:cy"]}, "not in its audience"),
        ({"audience": ["private"], "editors": ["person:bo"]}, "Only you can see"),
        ({"editors": ["team-without-prefix"]}, "unknown audience"),
    ]
    for kwargs, message in cases:
        with pytest.raises(UserFacingError, match=message):
            ana.publish(title="Nope", body="Never sent.", **kwargs)  # type: ignore[arg-type]
    assert ana.pending_count() == 0
    assert ana.feed_count() == 0

    item = ana.publish(title="Fine", body="Sent.", audience=["person:bo"])
    sync_all(ana)
    with pytest.raises(UserFacingError, match="not in its audience"):
        ana.edit(item, editors=["person:cy"])
    with pytest.raises(UserFacingError, match="in the past"):
        ana.edit(item, visible_until=datetime.now(UTC) - timedelta(minutes=5))
    assert ana.pending_count() == 0


def test_the_command_line_posts_with_editors_and_a_window_and_changes_the_audience(
    people: dict[str, Workspace], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kshare.cli import main

    ana, bo, cy = people["ana"], people["bo"], people["cy"]
    until = (datetime.now() + timedelta(days=2)).replace(microsecond=0)  # local time, no zone
    profile = ["--profile", str(tmp_path / "ana")]
    ana.close()  # the command opens the same profile
    post = ["post", "--title", "Dingo runbook", "--body", "Steps."]
    rights = ["--audience", "person:bo", "--audience", "person:cy", "--editor", "person:bo"]
    code = main([*post, *rights, "--visible-until", until.isoformat(), *profile])
    out = capsys.readouterr().out
    assert code == 0, out
    item = out.split()[-1]
    sync_all(bo, cy)
    seen = bo.item(item)
    assert seen is not None and seen.can_edit
    assert seen.audience.visible_until == until.astimezone(UTC)

    with pytest.raises(SystemExit):
        main(["audience", item, "--visible-until", "yesterday", *profile])
    assert "is not a date or time" in capsys.readouterr().err
    assert main(["audience", item, "--visible-until", "2020-01-01", *profile]) == 1
    assert "in the past" in capsys.readouterr().err
    code = main(["audience", item, "--audience", "person:cy", "--no-editors", *profile])
    assert code == 0, capsys.readouterr().err
    sync_all(bo, cy)
    assert bo.item(item) is None
    kept = cy.item(item)
    assert kept is not None and kept.audience.editors == ()
    assert kept.audience.visible_until == until.astimezone(UTC)  # unchanged
