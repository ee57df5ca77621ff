""" "Sign in with your company account": the system browser, a real provider, a real server.

The browser is played over HTTP (tests.support.oidc_provider.browse); everything else
is the real thing: the dialog, the task manager, the desktop's loopback listener, the
kshare server and the OpenID Connect provider process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from kshare.client.services import Workspace
from kshare.ui.login_dialog import SERVER_KEY, USERNAME_KEY, LoginDialog
from tests.integration.identity import conftest as identity
from tests.support.oidc_provider import OidcProviderProcess, browse
from tests.support.server import ServerProcess

pytestmark = [pytest.mark.gui, pytest.mark.integration]

provider = identity.provider
sso_server_factory = identity.sso_server_factory
sso_server = identity.sso_server


class Desktop:
    """The real workspace, with the test's browser in place of the system one."""

    def __init__(self, workspace: Workspace, open_browser: Callable[[str], bool]) -> None:
        self.workspace = workspace
        self.open_browser = open_browser

    def login(self, server_url: str, username: str, password: str) -> Any:
        return self.workspace.login(server_url, username, password)

    def login_with_browser(self, server_url: str, show_url: Any, **options: Any) -> Any:
        return self.workspace.login_with_browser(
            server_url, show_url, open_browser=self.open_browser, **options
        )


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "profile")
    yield opened
    opened.close()


def someone(provider: OidcProviderProcess, sub: str) -> None:
    provider.set_user(
        sub, preferred_username=sub, name=sub.title(), groups=[identity.REQUIRED_GROUP]
    )


def test_the_company_account_button_signs_in_through_the_browser(
    qtbot: Any,
    runner: Any,
    settings: QSettings,
    workspace: Workspace,
    sso_server: ServerProcess,
    provider: OidcProviderProcess,
) -> None:
    someone(provider, "ana")
    opened: list[str] = []

    def system_browser(url: str) -> bool:
        opened.append(url)
        threading.Thread(target=browse, args=(url, "ana"), daemon=True).start()
        return True

    dialog = LoginDialog(Desktop(workspace, system_browser), runner, settings)
    qtbot.addWidget(dialog)
    dialog.server.setText(sso_server.url)
    assert dialog.sso_button.text() == "Sign in with your company account"
    assert dialog.sso_button.isEnabled() and not dialog.sign_in_button.isEnabled()
    with qtbot.waitSignal(dialog.signed_in, timeout=60_000) as signed:
        dialog.sso_button.click()
        assert not dialog.sso_button.isEnabled()  # busy, and the GUI thread is free
    assert signed.args[0].username == "ana"
    assert opened and opened[0].startswith(f"{provider.issuer}/oauth2/authorize?")
    assert dialog.password.text() == ""  # no password was asked for
    assert settings.value(SERVER_KEY) == sso_server.url
    assert settings.value(USERNAME_KEY) == "ana"
    assert workspace.account is not None and workspace.account.username == "ana"


def test_without_a_browser_the_address_is_shown_to_open_by_hand(
    qtbot: Any,
    runner: Any,
    settings: QSettings,
    workspace: Workspace,
    sso_server: ServerProcess,
    provider: OidcProviderProcess,
) -> None:
    someone(provider, "bo")
    dialog = LoginDialog(Desktop(workspace, lambda url: False), runner, settings)
    qtbot.addWidget(dialog)
    dialog.server.setText(sso_server.url)
    dialog.sso_button.click()
    qtbot.waitUntil(lambda: "oauth2/authorize" in dialog.browser_note.text(), timeout=30_000)
    address = dialog.browser_note.text().splitlines()[-1]
    with qtbot.waitSignal(dialog.signed_in, timeout=60_000) as signed:
        threading.Thread(target=browse, args=(address, "bo"), daemon=True).start()
    assert signed.args[0].username == "bo"


def test_cancel_ends_the_wait_for_the_browser(
    qtbot: Any,
    runner: Any,
    settings: QSettings,
    workspace: Workspace,
    sso_server: ServerProcess,
) -> None:
    dialog = LoginDialog(Desktop(workspace, lambda url: False), runner, settings)
    qtbot.addWidget(dialog)
    dialog.server.setText(sso_server.url)
    dialog.sso_button.click()
    qtbot.waitUntil(lambda: "oauth2/authorize" in dialog.browser_note.text(), timeout=30_000)
    dialog.buttons.rejected.emit()
    assert dialog.result() == 0
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert workspace.account is None
