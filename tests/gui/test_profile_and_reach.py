"""Editing one's own profile from the Profile menu, and the composer's count of who will
see a post: the server's number online, the cache's estimate offline, a warning when wide."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from kshare.client.audience_reach import AudienceReach
from kshare.client.services import Workspace
from kshare.ui.main_window import COMPOSE, MainWindow
from kshare.ui.profile_dialog import ProfileDialog

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]
TIMEOUT_MS = 60_000
Desktops = Callable[..., Workspace]


def test_the_profile_dialog_saves_through_the_outbox_and_colleagues_see_it(
    qtbot, desktop_of: Desktops, window_for
) -> None:
    ana, priya = desktop_of("ana"), desktop_of("priya")
    ana.sync()
    priya.sync()
    window: MainWindow = window_for(ana)
    window.edit_profile_action.trigger()
    dialog = window.findChild(ProfileDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded is not None and dialog.title.isEnabled())
    dialog.title.setText("SRE lead")
    dialog.location.setText("Porto")
    dialog.skills.setText("Terraform, terraform, Go")
    dialog.ask_me_about.setText("incident reviews")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS) as saved:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert saved.args[0].skills == ("Terraform", "Go")
    qtbot.waitUntil(lambda: ana.pending_count() == 0, timeout=TIMEOUT_MS)  # the window sends it
    priya.sync()
    seen = priya.expertise_profile(ana.account.user_id)  # type: ignore[union-attr]
    assert seen is not None and seen.title == "SRE lead"
    assert list(seen.ask_me_about) == ["incident reviews"]


def test_the_composer_counts_online_then_estimates_offline(
    qtbot, desktop_of: Desktops, window_for, server
) -> None:
    ana = desktop_of("ana")
    ana.sync()
    window: MainWindow = window_for(ana)
    window.show()
    window.show_page(COMPOSE)
    composer = window.composer
    qtbot.waitUntil(lambda: composer.audience.model.rowCount() > 0, timeout=TIMEOUT_MS)
    composer.audience.choose({"group:SRE on-call"})
    qtbot.waitUntil(
        lambda: composer.reach.reach is not None and not composer.reach.reach.estimate,
        timeout=TIMEOUT_MS,
    )
    assert composer.reach.reach.people == 2
    assert composer.reach.count.text() == "2 people will see this · through SRE on-call"

    server.stop()
    composer.audience.only_me.setChecked(True)
    qtbot.waitUntil(
        lambda: composer.reach.reach is not None and composer.reach.reach.people == 1,
        timeout=TIMEOUT_MS,
    )
    assert composer.reach.reach.estimate
    assert "(estimate: offline)" in composer.reach.count.text()


def test_an_audience_much_wider_than_the_authors_usual_is_flagged(
    desktop_of: Desktops, colleagues
) -> None:
    for n in range(12):
        colleagues.add_user(f"extra{n}", f"Extra Person {n}", "correct horse battery")
    ana = desktop_of("ana")
    for n in range(3):
        ana.publish(title=f"Team note {n}", body="for the team", audience=["group:SRE on-call"])
    ana.sync()
    reach = AudienceReach(ana.reader, lambda: ana.account.user_id)  # type: ignore[union-attr]
    assert reach.usual_reach() == 2
    team = reach.estimate(["group:SRE on-call"])
    assert team.people == 2 and not team.warning
    everyone = reach.estimate(["org"])
    assert everyone.people == 14 and everyone.org_wide
    assert everyone.warning.startswith("Much wider than usual: your posts usually reach about 2")
