"""Settings → Devices against a real server: list, sign another computer out, password."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt

from kshare.client.services import Workspace
from kshare.ui.devices_section import DevicesSection
from kshare.ui.operations import TaskRunner
from tests.support.file_keyring import MemoryKeyring

pytestmark = pytest.mark.gui


def test_devices_lists_both_computers_and_signs_the_other_out(
    qtbot: Any,
    runner: TaskRunner,
    desktop_of: Callable[[str, str], Workspace],
) -> None:
    laptop_keyring = keyring.get_keyring()
    elsewhere = MemoryKeyring()  # the second computer has a keyring of its own
    keyring.set_keyring(elsewhere)
    desktop = desktop_of("ana", "desktop")
    keyring.set_keyring(laptop_keyring)
    laptop = desktop_of("ana", "laptop")

    section = DevicesSection(laptop, runner)
    qtbot.addWidget(section)
    qtbot.waitUntil(lambda: section.list.count() == 2)
    texts = [section.list.item(n).text() for n in range(2)]
    assert sum("this computer" in text for text in texts) == 1
    assert section.message.text() == "Signed in on 2 devices."

    here = next(n for n in range(2) if "this computer" in texts[n])
    section.list.setCurrentRow(here)
    assert not section.sign_out.isEnabled()  # this computer signs out from the File menu
    section.list.setCurrentRow(1 - here)
    assert section.sign_out.isEnabled()
    section.sign_out.click()
    qtbot.waitUntil(lambda: section.list.count() == 1)
    assert "this computer" in section.list.item(0).text()
    assert section.list.item(0).data(Qt.ItemDataRole.UserRole + 1) is True

    keyring.set_keyring(elsewhere)
    try:
        assert desktop.sync().status.state == "auth_required"
    finally:
        keyring.set_keyring(laptop_keyring)
