"""The search page reports abandoned searches, with the person's consent only, through the
outbox and on to the real server; the clock is injected, so no test waits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kshare.client.services import Workspace
from kshare.client.store import outbox
from kshare.clock import ManualClock
from kshare.server.admin import AdminTools
from kshare.server.tables import SearchGap
from kshare.ui.operations import TaskRunner
from kshare.ui.search_page import ABANDONED_AFTER_S, SearchPage

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def _gaps(workspace: Workspace) -> list[tuple[str, str]]:
    with workspace.reader.connect() as conn:
        waiting = outbox.pending(conn)
    return [
        (e.payload["gap"]["query"], e.payload["gap"]["kind"])
        for e in waiting
        if e.operation == "report_search_gap"
    ]


def _search(qtbot: Any, page: SearchPage, query: str) -> None:
    with qtbot.waitSignal(page.results_shown, timeout=10_000):
        page.search(query)


def _quiet(qtbot: Any, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)


def test_an_abandoned_search_is_reported_with_consent_and_not_without(
    qtbot: Any,
    runner: TaskRunner,
    desktop_of: Callable[[str], Workspace],
    colleagues: AdminTools,
) -> None:
    priya = desktop_of("priya")
    priya.publish(title="Draining a kubernetes node", body="cordon, then drain")
    priya.publish(title="Rotating the VPN certificate", body="yearly, in March")
    priya.sync()
    clock = ManualClock()
    page = SearchPage(priya, runner, gaps=priya.curation.note_search, clock=clock)
    qtbot.addWidget(page)
    page.show()

    # Without consent: left after a long look, yet nothing is queued.
    _search(qtbot, page, "kubernetes")
    assert page.model.rowCount() == 1
    clock.advance(ABANDONED_AFTER_S + 5)
    _search(qtbot, page, "certificate")
    _quiet(qtbot, runner)
    assert _gaps(priya) == []

    priya.settings.set("share_search_gaps", True)
    # Changed sooner than the pause: still refining, not abandoned.
    _search(qtbot, page, "kubernetes")
    clock.advance(ABANDONED_AFTER_S - 1)
    _search(qtbot, page, "certificate")
    # A result opened: the search helped, however long it stayed on screen.
    clock.advance(ABANDONED_AFTER_S + 5)
    page.list.setCurrentIndex(page.model.index(0))
    _search(qtbot, page, "kubernetes")
    _quiet(qtbot, runner)
    assert _gaps(priya) == []
    # Shown, nothing opened, the page left after the pause: abandoned.
    clock.advance(ABANDONED_AFTER_S)
    page.hide()
    _quiet(qtbot, runner)
    assert _gaps(priya) == [("kubernetes", "abandoned")]
    # And typing another query after a long look counts the same way.
    page.show()
    _search(qtbot, page, "vpn certificate")
    clock.advance(ABANDONED_AFTER_S + 1)
    _search(qtbot, page, "vpn march")
    _quiet(qtbot, runner)
    assert _gaps(priya) == [("kubernetes", "abandoned"), ("vpn certificate", "abandoned")]

    # Offline they wait in the outbox; the next sync sends them, with no name attached.
    assert priya.sync().status.state == "idle"
    assert _gaps(priya) == []
    with colleagues.db.read() as session:
        stored = sorted((g.query, g.kind) for g in session.query(SearchGap))
        reporters = {g.reporter for g in session.query(SearchGap)}
    assert stored == [("kubernetes", "abandoned"), ("vpn certificate", "abandoned")]
    assert priya.account is not None
    assert not any(priya.account.user_id in r or "priya" in r for r in reporters)

    # Consent holds when a report leaves: withdrawn meanwhile, the queued one never goes.
    _search(qtbot, page, "broker restart")  # found nothing: queued by the search itself
    _search(qtbot, page, "cordon")
    assert page.model.rowCount() == 1
    clock.advance(ABANDONED_AFTER_S)
    page.hide()
    _quiet(qtbot, runner)
    assert _gaps(priya) == [("broker restart", "empty"), ("cordon", "abandoned")]
    priya.settings.set("share_search_gaps", False)
    assert priya.sync().status.state == "idle"
    assert _gaps(priya) == []
    with colleagues.db.read() as session:
        assert session.query(SearchGap).count() == 2


def test_a_search_that_found_nothing_as_one_types_is_reported_only_after_the_pause(
    qtbot: Any, runner: TaskRunner, desktop_of: Callable[[str], Workspace]
) -> None:
    priya = desktop_of("priya")
    priya.publish(title="Draining a kubernetes node", body="cordon, then drain")
    priya.sync()
    priya.settings.set("share_search_gaps", True)
    clock = ManualClock()
    page = SearchPage(priya, runner, gaps=priya.curation.note_search, clock=clock)
    qtbot.addWidget(page)
    page.show()

    def typed(query: str) -> None:
        with qtbot.waitSignal(page.results_shown, timeout=10_000):
            page.search(query, typed=True)

    # Half typed, then typed on: nothing found on the way is not a gap.
    typed("kuberneteq")
    clock.advance(ABANDONED_AFTER_S / 2)
    typed("kubernetes")
    _quiet(qtbot, runner)
    assert _gaps(priya) == []
    # Nothing found, and it stayed on screen: the person meant it.
    typed("zookeeper quorum")
    clock.advance(ABANDONED_AFTER_S)
    page.search("")
    _quiet(qtbot, runner)
    assert _gaps(priya) == [("zookeeper quorum", "empty")]
    # The search-as-you-type never reported anything by itself meanwhile.
    with priya.reader.connect() as conn:
        assert len([e for e in outbox.pending(conn) if e.operation == "report_search_gap"]) == 1
