"""The sign-in dialog offers what the server allows: asked of real servers configured for
single sign-on only, for both ways, and for passwords only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from kshare.client.services import Workspace
from kshare.ui.login_dialog import LoginDialog
from tests.integration.identity import conftest as identity
from tests.support.server import ServerProcess

# The offscreen platform cannot size a dialog as a desktop would, and says so.
pytestmark = [
    pytest.mark.gui,
    pytest.mark.integration,
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

provider = identity.provider
sso_server_factory = identity.sso_server_factory
TIMEOUT_MS = 30_000


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "profile")
    yield opened
    opened.close()


def dialog_for(
    qtbot: Any, workspace: Workspace, runner: Any, settings: QSettings, url: str
) -> tuple[LoginDialog, tuple[str, ...]]:
    dialog = LoginDialog(workspace, runner, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.methods_known, timeout=TIMEOUT_MS) as known:
        dialog.server.setText(url)
        dialog.ask_sign_in_methods()
    return dialog, known.args[0]


def test_a_server_with_only_single_sign_on_hides_the_password_fields(
    qtbot: Any,
    runner: Any,
    settings: QSettings,
    workspace: Workspace,
    sso_server_factory: Callable[..., ServerProcess],
) -> None:
    server = sso_server_factory(password_sign_in=False)
    dialog, methods = dialog_for(qtbot, workspace, runner, settings, server.url)
    assert methods == ("sso",)
    assert dialog.username.isHidden() and dialog.password.isHidden()
    assert dialog.form.labelForField(dialog.password).isHidden()
    assert dialog.sign_in_button.isHidden()
    assert dialog.sso_button.isVisible()
    assert dialog.sso_button.text() == "Sign in with your company account"
    assert dialog.sso_button.isEnabled()
    assert "company account" in dialog.intro.text()


def test_a_server_with_both_offers_both(
    qtbot: Any,
    runner: Any,
    settings: QSettings,
    workspace: Workspace,
    sso_server_factory: Callable[..., ServerProcess],
) -> None:
    server = sso_server_factory()
    dialog, methods = dialog_for(qtbot, workspace, runner, settings, server.url)
    assert methods == ("password", "sso")
    assert dialog.username.isVisible() and dialog.password.isVisible()
    assert dialog.sign_in_button.isVisible() and dialog.sso_button.isVisible()


def test_a_server_without_single_sign_on_shows_no_company_account_button(
    qtbot: Any,
    runner: Any,
    settings: QSettings,
    workspace: Workspace,
    server: ServerProcess,
    sso_server_factory: Callable[..., ServerProcess],
) -> None:
    dialog, methods = dialog_for(qtbot, workspace, runner, settings, server.url)
    assert methods == ("password",)
    assert dialog.sso_button.isHidden()
    assert dialog.username.isVisible() and dialog.password.isVisible()
    assert dialog.sign_in_button.isVisible()

    # Another address typed in: the dialog asks again and follows the newest answer.
    only_sso = sso_server_factory(password_sign_in=False)
    with qtbot.waitSignal(dialog.methods_known, timeout=TIMEOUT_MS) as known:
        dialog.server.clear()
        qtbot.keyClicks(dialog.server, only_sso.url)  # asked once typing pauses
    assert known.args[0] == ("sso",)
    assert dialog.password.isHidden() and dialog.sso_button.isVisible()


def test_an_unreachable_address_keeps_both_ways_on_offer(
    qtbot: Any, runner: Any, settings: QSettings, workspace: Workspace
) -> None:
    dialog = LoginDialog(workspace, runner, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_methods(("sso",))
    dialog.server.setText("http://127.0.0.1:9")  # nothing listens there
    dialog.ask_sign_in_methods()
    qtbot.waitUntil(lambda: dialog.methods is None, timeout=TIMEOUT_MS)
    assert dialog.password.isVisible() and dialog.sso_button.isVisible()
