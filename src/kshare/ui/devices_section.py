"""Settings → Devices: the computers a person is signed in on, signing one out, the password.

Everything here asks the server (online only), on the task runner's network
pool; the dialog never waits. Errors show in the section in the service's words.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.ui.i18n import translate_noop
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.text import english_plural, full_time

log = logging.getLogger(__name__)


class Device(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def host_name(self) -> str: ...
    @property
    def platform(self) -> str: ...
    @property
    def app_version(self) -> str: ...
    @property
    def last_seen_at(self) -> datetime: ...
    @property
    def current(self) -> bool: ...


class DeviceAccount(Protocol):
    """What the section needs of the workspace."""

    def devices(self) -> Sequence[Device]: ...
    def sign_out_device(self, session_id: str) -> None: ...
    def change_password(self, current: str, new: str) -> None: ...


def describe(device: Device) -> str:
    seen = full_time(device.last_seen_at)

    name = device.host_name or QCoreApplication.translate("DevicesSection", "A computer")
    here = (
        QCoreApplication.translate("DevicesSection", " — this computer") if device.current else ""
    )
    system = device.platform or QCoreApplication.translate("DevicesSection", "unknown system")
    return QCoreApplication.translate(
        "DevicesSection", "{name}{here}\n{system} · kshare {version} · last seen {seen}"
    ).format(name=name, here=here, system=system, version=device.app_version or "?", seen=seen)


class PasswordDialog(QDialog):
    """Current password, new password twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change password"))
        form = QFormLayout(self)
        self.current = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for line in (self.current, self.new, self.again):
            line.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Current password"), self.current)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.again)
        self.hint = QLabel(self.tr("Your other devices will be signed out."))
        self.hint.setWordWrap(True)
        form.addRow(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self.new.text() != self.again.text():
            self.hint.setText(self.tr("The two new passwords differ."))
            return
        if not self.current.text() or not self.new.text():
            self.hint.setText(self.tr("Fill in your current and a new password."))
            return
        self.accept()


class DevicesSection(QGroupBox):
    """The Devices part of the settings dialog."""

    def __init__(
        self, account: DeviceAccount, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Devices"))
        self.setObjectName("devicesSection")
        self._account = account
        self._runner = runner
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("devicesList")
        self.list.setAccessibleName(self.tr("Computers you are signed in on"))
        self.list.itemSelectionChanged.connect(self._on_list_item_selection_changed)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.sign_out = QPushButton(self.tr("Sign out this device"))
        self.sign_out.setEnabled(False)
        self.sign_out.clicked.connect(self._on_sign_out_clicked)
        self.password = QPushButton(self.tr("Change password…"))
        self.password.clicked.connect(self._on_password_clicked)
        buttons.addWidget(self.sign_out)
        buttons.addStretch(1)
        buttons.addWidget(self.password)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setObjectName("devicesMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.reload()

    def reload(self) -> None:
        self.message.setText(self.tr("Asking the server…"))
        self._runner.network(
            self._account.devices,
            success=self._on_devices_loaded,
            failure=self._on_failed,
            label=translate_noop("TaskLabel", "listing your devices"),
            owner=self,
        )

    def _on_devices_loaded(self, devices: Sequence[Device]) -> None:
        self.list.clear()
        for device in devices:
            item = QListWidgetItem(describe(device))
            item.setData(Qt.ItemDataRole.UserRole, device.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, device.current)
            self.list.addItem(item)
        self.message.setText(
            english_plural(self.tr("Signed in on %Ln device(s).", "", len(devices)), len(devices))
        )

    def _on_failed(self, failure: Failure) -> None:
        self.message.setText(failure.message)

    @Slot()
    def _on_list_item_selection_changed(self) -> None:
        item = self.list.currentItem()
        # this computer signs out with File → Sign out, which also deals with unsent writes
        self.sign_out.setEnabled(item is not None and not item.data(Qt.ItemDataRole.UserRole + 1))

    @Slot()
    def _on_sign_out_clicked(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        session_id = str(item.data(Qt.ItemDataRole.UserRole))
        self.sign_out.setEnabled(False)
        self._runner.network(
            lambda: self._account.sign_out_device(session_id),
            success=lambda _result: self.reload(),
            failure=self._on_failed,
            label=translate_noop("TaskLabel", "signing the device out"),
            owner=self,
        )

    @Slot()
    def _on_password_clicked(self) -> None:
        dialog = PasswordDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        current, new = dialog.current.text(), dialog.new.text()
        self.message.setText(self.tr("Changing your password…"))
        self._runner.network(
            lambda: self._account.change_password(current, new),
            success=self._on_password_changed,
            failure=self._on_failed,
            label=translate_noop("TaskLabel", "changing your password"),
            owner=self,
        )

    def _on_password_changed(self, _result: object) -> None:
        self.message.setText(self.tr("Password changed; your other devices were signed out."))
        self.reload()
