"""Sign in: server address, username and password, with errors shown in place.

The address and username are remembered for next time; the password never is
(the façade keeps only a token, in the OS keyring).
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kshare.ui.fit import grow_to_fit
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.resources import icon

log = logging.getLogger(__name__)

SERVER_KEY = "login/server_url"
USERNAME_KEY = "login/username"


class SignInTarget(Protocol):
    def login(self, server_url: str, username: str, password: str) -> Any: ...


class LoginDialog(QDialog):
    signed_in = Signal(object)  # Account

    def __init__(
        self,
        target: SignInTarget,
        runner: TaskRunner,
        settings: QSettings,
        *,
        server_url: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._target = target
        self._runner = runner
        self._settings = settings
        self.account: Any = None
        self.setWindowTitle("Sign in to kshare")
        self.setWindowIcon(icon("kshare"))
        self.setMinimumWidth(420)

        heading = QLabel("Sign in", objectName="pageTitle")
        intro = QLabel(
            "Use the address your IT team gave you and your company username.",
            objectName="pageSubtitle",
            wordWrap=True,
        )
        self.server = QLineEdit(server_url or str(settings.value(SERVER_KEY, "") or ""))
        self.server.setPlaceholderText("https://kshare.example.com")
        self.username = QLineEdit(str(settings.value(USERNAME_KEY, "") or ""))
        self.username.setPlaceholderText("firstname.lastname")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel(objectName="errorText", wordWrap=True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        for field in (self.server, self.username, self.password):
            field.setSizePolicy(field.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow("Server", self.server)
        form.addRow("Username", self.username)
        form.addRow("Password", self.password)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText("Sign in")
        self.sign_in_button.setObjectName("primary")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        for field in (self.server, self.username, self.password):
            field.textChanged.connect(self._on_field_text_changed)
        first_empty = next(
            (f for f in (self.server, self.username, self.password) if not f.text()),
            self.password,
        )
        first_empty.setFocus()
        self._busy = False
        self._update_button()

    def sign_in(self) -> None:
        if self._busy or not self._complete():
            return
        url = self.server.text().strip()
        if "://" not in url:
            url = f"https://{url}"  # people type host names; servers speak HTTPS
        username = self.username.text().strip()
        password = self.password.text()
        self._set_busy(True)
        self.error.hide()
        self._runner.network(
            lambda: self._target.login(url, username, password),
            success=lambda account: self._on_login_succeeded(url, username, account),
            failure=self._on_login_failed,
            label="signing in",
            owner=self,
        )

    def _complete(self) -> bool:
        return all(f.text().strip() for f in (self.server, self.username, self.password))

    def _update_button(self) -> None:
        self.sign_in_button.setEnabled(self._complete() and not self._busy)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for field in (self.server, self.username, self.password):
            field.setEnabled(not busy)
        self.sign_in_button.setText("Signing in…" if busy else "Sign in")
        self._update_button()

    def _on_login_succeeded(self, url: str, username: str, account: Any) -> None:
        self._settings.setValue(SERVER_KEY, url)
        self._settings.setValue(USERNAME_KEY, username)
        self._settings.sync()
        self.password.clear()
        self._set_busy(False)
        self.account = account
        self.signed_in.emit(account)
        self.accept()

    def _on_login_failed(self, failure: Failure) -> None:
        self._set_busy(False)
        self.error.setText(failure.message)
        self.error.show()
        grow_to_fit(self)  # room for the message: the fields keep their height
        self.password.selectAll()
        self.password.setFocus()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.sign_in()

    @Slot(str)
    def _on_field_text_changed(self, _text: str) -> None:
        self._update_button()
