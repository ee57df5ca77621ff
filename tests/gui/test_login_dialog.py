from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from kshare.client.errors import LoginFailed, ServerUnreachable
from kshare.ui.login_dialog import SERVER_KEY, USERNAME_KEY, LoginDialog

pytestmark = pytest.mark.gui


class Accounts:
    def __init__(self) -> None:
        self.attempts: list[tuple[str, str, str]] = []

    def login(self, server_url, username, password):
        self.attempts.append((server_url, username, password))
        if "offline" in server_url:
            raise ServerUnreachable("Cannot reach the server. Check the address.")
        if password != "right":
            raise LoginFailed("Wrong username or password.")
        return {"username": username}


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)


def fill(dialog: LoginDialog, url: str, user: str, password: str) -> None:
    dialog.server.setText(url)
    dialog.username.setText(user)
    dialog.password.setText(password)


def test_a_wrong_password_is_shown_in_the_dialog(qtbot, runner, settings):
    dialog = LoginDialog(Accounts(), runner, settings)
    qtbot.addWidget(dialog)
    fill(dialog, "http://127.0.0.1:9", "ana.souza", "wrong")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden())
    assert dialog.error.text() == "Wrong username or password."
    assert dialog.sign_in_button.isEnabled()
    assert dialog.result() == 0  # still open


def test_an_unreachable_server_is_said_plainly(qtbot, runner, settings):
    dialog = LoginDialog(Accounts(), runner, settings)
    qtbot.addWidget(dialog)
    fill(dialog, "https://offline.example", "ana.souza", "right")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden())
    assert "Cannot reach the server" in dialog.error.text()


def test_address_and_username_are_remembered_never_the_password(qtbot, runner, settings, tmp_path):
    accounts = Accounts()
    dialog = LoginDialog(accounts, runner, settings)
    qtbot.addWidget(dialog)
    fill(dialog, "kshare.example", "ana.souza", "right")
    with qtbot.waitSignal(dialog.signed_in):
        dialog.sign_in_button.click()
    assert accounts.attempts == [("https://kshare.example", "ana.souza", "right")]
    assert settings.value(SERVER_KEY) == "https://kshare.example"
    assert settings.value(USERNAME_KEY) == "ana.souza"
    assert "right" not in (tmp_path / "ui-state.ini").read_text()

    again = LoginDialog(accounts, runner, settings)
    qtbot.addWidget(again)
    assert again.server.text() == "https://kshare.example"
    assert again.username.text() == "ana.souza"
    assert again.password.text() == ""


def test_sign_in_waits_for_every_field(qtbot, runner, settings):
    dialog = LoginDialog(Accounts(), runner, settings, server_url="http://127.0.0.1:9")
    qtbot.addWidget(dialog)
    assert not dialog.sign_in_button.isEnabled()
    dialog.username.setText("ana.souza")
    dialog.password.setText("x")
    assert dialog.sign_in_button.isEnabled()
