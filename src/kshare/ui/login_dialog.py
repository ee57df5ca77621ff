"""Sign in: server address, username and password, with errors shown in place.

The address and username are remembered for next time; the password never is
(the façade keeps only a token, in the OS keyring). "Sign in with your company
account" signs in through the system browser instead (never a web view of our
own): the wait runs on the task manager's network lane, and if no browser
opens, the address to open is shown here to copy.

The dialog asks the server how one may sign in there (its ``/info``), in the
background, and offers only that: with single sign-on only, no username or
password fields; with passwords only, no company-account button. Until the
server answers (or when it cannot be asked), both are offered.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kshare.ui.fit import grow_to_fit
from kshare.ui.i18n import translate_noop
from kshare.ui.operations import Failure, Operation, TaskRunner
from kshare.ui.resources import icon

log = logging.getLogger(__name__)

SERVER_KEY = "login/server_url"
USERNAME_KEY = "login/username"
ASK_DELAY_MS = 600  # after the last keystroke in the address, ask the server


class SignInTarget(Protocol):
    def login(self, server_url: str, username: str, password: str) -> Any: ...

    def login_with_browser(
        self, server_url: str, show_url: Callable[[str], None], **options: Any
    ) -> Any: ...


def _server_url(text: str) -> str:
    url = text.strip()
    return url if not url or "://" in url else f"https://{url}"  # servers speak HTTPS


class LoginDialog(QDialog):
    signed_in = Signal(object)  # Account
    methods_known = Signal(object)  # tuple of "password", "sso": what the server offers

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
        self.methods: tuple[str, ...] | None = None  # None: not known, both are offered
        self._ask_request = 0
        self.setWindowTitle(self.tr("Sign in to kshare"))
        self.setWindowIcon(icon("kshare"))
        self.setMinimumWidth(420)

        heading = QLabel(self.tr("Sign in"))
        heading.setObjectName("pageTitle")
        intro = QLabel(self.tr("Use the address your IT team gave you and your company username."))
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)
        self.server = QLineEdit(server_url or str(settings.value(SERVER_KEY, "") or ""))
        self.server.setPlaceholderText("https://kshare.example.com")
        self.username = QLineEdit(str(settings.value(USERNAME_KEY, "") or ""))
        self.username.setPlaceholderText(self.tr("firstname.lastname"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        for field in (self.server, self.username, self.password):
            field.setSizePolicy(field.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
        self.form = form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)

        self.sso_button = QPushButton(self.tr("Sign in with your company account"))
        self.sso_button.setObjectName("sso")
        self.sso_button.setToolTip(self.tr("Opens your company's sign-in page in your web browser"))
        self.sso_button.clicked.connect(self._on_sso_button_clicked)
        self.browser_note = QLabel()
        self.browser_note.setWordWrap(True)
        self.browser_note.setObjectName("pageSubtitle")
        self.browser_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.browser_note.hide()
        self._cancel_browser: threading.Event | None = None

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("Sign in"))
        self.sign_in_button.setObjectName("primary")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self._on_buttons_rejected)

        self.intro = intro
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.sso_button)
        layout.addWidget(self.browser_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        for field in (self.server, self.username, self.password):
            field.textChanged.connect(self._on_field_text_changed)
        self._ask_timer = QTimer(self, singleShot=True, interval=ASK_DELAY_MS)
        self._ask_timer.timeout.connect(self.ask_sign_in_methods)
        self.server.textEdited.connect(self._on_server_text_edited)
        self.server.editingFinished.connect(self._on_server_editing_finished)
        first_empty = next(
            (f for f in (self.server, self.username, self.password) if not f.text()),
            self.password,
        )
        first_empty.setFocus()
        self._busy = False
        self._update_button()
        if self.server.text().strip():
            self.ask_sign_in_methods()

    # -- what the server offers ---------------------------------------------------

    def ask_sign_in_methods(self) -> None:
        """Ask the server in the address how one signs in there; the newest answer wins."""
        self._ask_timer.stop()
        url = _server_url(self.server.text())
        ask = getattr(self._target, "sign_in_methods", None)
        if not url or ask is None:
            return
        self._ask_request += 1
        request = self._ask_request
        self._runner.network(
            lambda: tuple(ask(url)),
            success=lambda methods: self._on_methods(request, methods),
            failure=lambda failure: self._on_methods_failed(request, failure),
            label=translate_noop("TaskLabel", "asking the server how to sign in"),
            owner=self,
        )

    def _on_methods(self, request: int, methods: tuple[str, ...]) -> None:
        if request != self._ask_request:
            return
        self.show_methods(methods or None)
        self.methods_known.emit(methods)

    def _on_methods_failed(self, request: int, failure: Failure) -> None:
        # Not said here: signing in tells what is wrong with the server, in its place.
        if request == self._ask_request:
            log.info("could not ask how to sign in: %s", failure.message)
            self.show_methods(None)

    def show_methods(self, methods: tuple[str, ...] | None) -> None:
        """Offer what the server allows; ``None`` (not known) offers both."""
        self.methods = methods
        password = methods is None or "password" in methods
        sso = methods is None or "sso" in methods
        for field in (self.username, self.password):
            self.form.setRowVisible(field, password)
        self.sign_in_button.setVisible(password)
        self.sso_button.setVisible(sso)
        self.sso_button.setObjectName("primary" if sso and not password else "sso")
        self.sso_button.setDefault(sso and not password)
        self.sso_button.style().unpolish(self.sso_button)
        self.sso_button.style().polish(self.sso_button)
        if sso and not password:
            self.intro.setText(
                self.tr(
                    "Use the address your IT team gave you, then sign in with your company account."
                )
            )
        else:
            self.intro.setText(
                self.tr("Use the address your IT team gave you and your company username.")
            )
        self._update_button()
        grow_to_fit(self)

    @property
    def password_offered(self) -> bool:
        return self.methods is None or "password" in self.methods

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
            label=translate_noop("TaskLabel", "signing in"),
            owner=self,
        )

    def sign_in_with_browser(self) -> None:
        """The company account, in the system browser; the wait is off the GUI thread."""
        if self._busy or not self.server.text().strip():
            return
        url = self.server.text().strip()
        if "://" not in url:
            url = f"https://{url}"
        cancel = threading.Event()
        self._cancel_browser = cancel
        self._set_busy(True)
        self.error.hide()
        self.browser_note.setText(self.tr("Finish signing in in your web browser…"))
        self.browser_note.show()
        target = self._target

        def wait_for_browser(report: Callable[[str], None]) -> Any:
            return target.login_with_browser(url, report, cancelled=cancel)

        operation = Operation(
            wait_for_browser,
            progress=self._on_browser_address,
            success=lambda account: self._on_login_succeeded(
                url, str(getattr(account, "username", "")), account
            ),
            failure=self._on_login_failed,
            label=translate_noop("TaskLabel", "signing in"),
            owner=self,
        )
        self._runner.run("network", operation)

    def _on_browser_address(self, address: object) -> None:
        self.browser_note.setText(
            self.tr(
                "No web browser could be opened. Open this address in one to sign in:\n{address}"
            ).format(address=address)
        )

    def _complete(self) -> bool:
        return all(f.text().strip() for f in (self.server, self.username, self.password))

    def _update_button(self) -> None:
        self.sign_in_button.setEnabled(self._complete() and not self._busy)
        self.sso_button.setEnabled(bool(self.server.text().strip()) and not self._busy)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for field in (self.server, self.username, self.password):
            field.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))
        if not busy:
            self._cancel_browser = None
            self.browser_note.hide()
        self._update_button()

    def _on_login_succeeded(self, url: str, username: str, account: Any) -> None:
        self._settings.setValue(SERVER_KEY, url)
        if username:
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
        if self.password_offered:
            self.sign_in()
        else:
            self.sign_in_with_browser()

    @Slot(str)
    def _on_server_text_edited(self, _text: str) -> None:
        self._ask_timer.start()

    @Slot()
    def _on_server_editing_finished(self) -> None:
        if self._ask_timer.isActive():
            self.ask_sign_in_methods()

    @Slot()
    def _on_buttons_rejected(self) -> None:
        if self._cancel_browser is not None:
            self._cancel_browser.set()  # the browser wait ends; its failure is not shown
        self.reject()

    @Slot()
    def _on_sso_button_clicked(self) -> None:
        self.sign_in_with_browser()

    @Slot(str)
    def _on_field_text_changed(self, _text: str) -> None:
        self._update_button()
