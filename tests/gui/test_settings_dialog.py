"""The settings dialog over a real Settings object, a real policy file and a real user file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QSpinBox

from kshare.client.services import Workspace
from kshare.client.settings import BY_KEY, POLICY_ENV, Settings
from kshare.ui.main_window import MainWindow
from kshare.ui.operations import TaskRunner
from kshare.ui.settings import ui_settings
from kshare.ui.settings_dialog import (
    FIELDS,
    LOCKED_TEXT,
    NOT_OFFERED,
    SettingsDialog,
    preferences_shortcut,
)
from kshare.ui.sync_controller import SyncController

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture(autouse=True)
def no_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in BY_KEY:
        monkeypatch.delenv(f"KSHARE_{key.upper()}", raising=False)


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    """IT downloads files with every sync and locks that; everything else is the user's."""
    path = tmp_path / "policy.json"
    path.write_text(
        json.dumps(
            {"values": {"blob_policy": "eager", "blob_cache_mb": 4096}, "locked": ["blob_policy"]}
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def settings(tmp_path: Path, policy_file: Path) -> Settings:
    return Settings(tmp_path / "profile" / "settings.json", policy_file)


def open_dialog(qtbot, settings: Settings, runner: TaskRunner) -> SettingsDialog:
    dialog = SettingsDialog(settings, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def user_file(settings: Settings) -> dict:
    if not settings.user_file.exists():
        return {}
    return json.loads(settings.user_file.read_text(encoding="utf-8"))


def press_ok(qtbot, dialog: SettingsDialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_every_setting_is_offered_or_deliberately_left_out() -> None:
    offered = {spec.key for spec in FIELDS}
    assert offered | NOT_OFFERED == set(BY_KEY)
    assert not offered & NOT_OFFERED


def test_settings_refuse_a_locked_key(settings: Settings) -> None:
    with pytest.raises(PermissionError, match="set by your organisation"):
        settings.set("blob_policy", "lazy")
    assert not settings.user_file.exists()


def test_each_setting_has_a_fitting_control_and_its_current_value(qtbot, settings, runner):
    settings.set("poll_interval_s", 120)
    dialog = open_dialog(qtbot, settings, runner)
    policy = dialog.rows["blob_policy"].control
    assert isinstance(policy, QComboBox)
    assert policy.currentData() == "eager" and policy.currentText() == "With every sync"
    cache = dialog.rows["blob_cache_mb"].control
    assert isinstance(cache, QSpinBox)
    assert cache.value() == 4096 and cache.suffix() == " MB"  # from the policy, not locked
    assert dialog.rows["poll_interval_s"].control.value() == 120  # the user's own
    wipe = dialog.rows["wipe_after_offline_days"].control
    assert wipe.value() == 0 and wipe.text() == "Never"
    for row in dialog.rows.values():
        assert row.explanation.text()
        assert row.explanation.isVisibleTo(dialog)
    assert "next time kshare starts" in dialog.rows["blob_cache_mb"].explanation.text()
    assert "next sync" in dialog.rows["wipe_after_offline_days"].explanation.text()


def test_a_locked_key_is_disabled_and_says_who_decides(qtbot, settings, runner):
    dialog = open_dialog(qtbot, settings, runner)
    locked = dialog.rows["blob_policy"]
    assert not locked.control.isEnabled()
    assert locked.source.isVisibleTo(dialog) and locked.source.text() == LOCKED_TEXT
    assert "policy" in locked.control.toolTip()
    unlocked = dialog.rows["blob_cache_mb"]
    assert unlocked.control.isEnabled() and not unlocked.source.isVisibleTo(dialog)


def test_ok_writes_what_was_changed_and_never_a_locked_key(
    qtbot, settings, policy_file: Path, runner
):
    dialog = open_dialog(qtbot, settings, runner)
    # Even if the disabled control were changed somehow, OK must not write it.
    dialog.rows["blob_policy"].control.setCurrentIndex(1)
    dialog.rows["blob_cache_mb"].control.setValue(1024)
    with qtbot.waitSignal(dialog.applied, timeout=10_000) as applied:
        press_ok(qtbot, dialog)
    assert applied.args == [["blob_cache_mb"]]
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert user_file(settings) == {"blob_cache_mb": 1024}
    assert Settings(settings.user_file, policy_file).get("blob_cache_mb") == 1024
    assert settings.get("blob_policy") == "eager"


def test_cancel_writes_nothing(qtbot, settings, runner):
    dialog = open_dialog(qtbot, settings, runner)
    dialog.rows["blob_cache_mb"].control.setValue(1024)
    dialog.rows["reconcile_interval_h"].control.setValue(6)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == SettingsDialog.DialogCode.Rejected
    assert not settings.user_file.exists()
    assert settings.get("blob_cache_mb") == 4096


def test_ok_without_changes_writes_nothing(qtbot, settings, runner):
    dialog = open_dialog(qtbot, settings, runner)
    press_ok(qtbot, dialog)
    assert not settings.user_file.exists()


def test_a_value_from_the_environment_is_shown_as_such(
    qtbot, settings, runner, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("KSHARE_POLL_INTERVAL_S", "60")
    monkeypatch.setenv("KSHARE_BLOB_POLICY", "lazy")  # locked: the policy wins
    dialog = open_dialog(qtbot, settings, runner)
    row = dialog.rows["poll_interval_s"]
    assert row.control.value() == 60 and not row.control.isEnabled()
    assert "KSHARE_POLL_INTERVAL_S" in row.source.text()
    assert dialog.rows["blob_policy"].source.text() == LOCKED_TEXT
    assert dialog.rows["blob_policy"].control.currentData() == "eager"
    press_ok(qtbot, dialog)
    assert not settings.user_file.exists()


def test_a_settings_file_that_cannot_be_written_keeps_the_dialog_open(
    qtbot, tmp_path: Path, policy_file: Path, runner
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    settings = Settings(blocker / "settings.json", policy_file)
    dialog = open_dialog(qtbot, settings, runner)
    dialog.rows["blob_cache_mb"].control.setValue(1024)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=10_000)
    assert dialog.isVisible()
    assert "could not be saved" in dialog.error.text()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


@pytest.fixture
def workspace(
    tmp_path: Path, policy_file: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Workspace]:
    monkeypatch.setenv(POLICY_ENV, str(policy_file))
    opened = Workspace.open(tmp_path / "window-profile")
    yield opened
    opened.close()


def test_the_window_opens_settings_from_the_file_menu(qtbot, workspace: Workspace, runner):
    sync = SyncController(workspace)
    window = MainWindow(workspace, runner, sync, ui_settings(workspace.paths))
    qtbot.addWidget(window)
    window.destroyed.connect(lambda: sync.stop())
    file_menu = window.menuBar().actions()[0].menu()
    assert window.settings_action in file_menu.actions()
    assert window.settings_action.shortcut() == preferences_shortcut()
    assert not window.settings_action.shortcut().isEmpty()

    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.rows["blob_policy"].control.isEnabled()  # the workspace's policy
    dialog.rows["poll_interval_s"].control.setValue(600)
    press_ok(qtbot, dialog)
    assert workspace.settings.get("poll_interval_s") == 600
    assert json.loads(workspace.paths.settings_file.read_text(encoding="utf-8")) == {
        "poll_interval_s": 600
    }
    assert "next time kshare starts" in window.statusBar().currentMessage()


def test_two_names_for_one_download_policy_are_offered_once(qtbot, tmp_path: Path, runner):
    """ "manual" downloads as "lazy" does: kept when a file sets it, never offered beside it."""
    plain = Settings(tmp_path / "plain" / "settings.json", tmp_path / "no-policy.json")
    first = open_dialog(qtbot, plain, runner)
    policy = first.rows["blob_policy"].control
    assert [policy.itemData(i) for i in range(policy.count())] == ["eager", "lazy"]
    plain.set("blob_policy", "manual")
    second = open_dialog(qtbot, plain, runner)
    policy = second.rows["blob_policy"].control
    assert policy.currentData() == "manual" and policy.currentText() == "When I open one"
