"""The desktop app in German: the translations are complete, compiled and loaded by setting.

The completeness test runs lupdate over every file of ``kshare.ui`` and the client
modules that mark sentences, as ``scripts/i18n.py`` does, so a string wrapped for
translation but not translated (or a .qm not rebuilt after the .ts changed) fails here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLibraryInfo, QLocale, QSettings
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QMenu

from kshare.client.services import Workspace
from kshare.client.settings import BY_KEY, Settings
from kshare.ui import i18n
from kshare.ui.login_dialog import LoginDialog
from kshare.ui.main_window import INBOX, SEARCH, MainWindow
from kshare.ui.operations import TaskRunner
from kshare.ui.settings import ui_settings
from kshare.ui.settings_dialog import SettingsDialog, applied_message
from kshare.ui.sync_controller import SyncController
from tests.gui.test_layouts import squashed

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

ROOT = Path(__file__).resolve().parents[2]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "kshare_i18n_script", ROOT / "scripts" / "i18n.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


script = load_script()


@pytest.fixture(autouse=True)
def no_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in BY_KEY:
        monkeypatch.delenv(f"KSHARE_{key.upper()}", raising=False)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "profile")
    yield opened
    opened.close()


def open_window(qtbot, workspace: Workspace, runner: TaskRunner) -> MainWindow:
    sync = SyncController(workspace)
    window = MainWindow(workspace, runner, sync, ui_settings(workspace.paths))
    qtbot.addWidget(window)
    window.destroyed.connect(lambda: sync.stop())
    return window


def menus(window: MainWindow) -> dict[str, QMenu]:
    found = {}
    for act in window.menuBar().actions():
        menu = act.menu()
        if isinstance(menu, QMenu):
            found[act.text()] = menu
    return found


# -- German on screen ----------------------------------------------------------------


def test_the_main_window_speaks_german(qtbot, german, workspace, runner):
    window = open_window(qtbot, workspace, runner)
    assert window.navigation.item(SEARCH).text() == "Suche"
    window.show_unread_count(2)
    assert window.navigation.item(INBOX).text() == "Posteingang (2)"
    titles = menus(window)
    assert list(titles) == ["&Datei", "&Gehe zu", "&Profil", "K&uratierung", "&Hilfe"]
    # the navigator finds the menus by name, whatever their titles say
    file_actions = [a.text() for a in titles["&Datei"].actions()]
    assert file_actions[0] == "&Dokument teilen…"
    assert "&Zurück" in [a.text() for a in titles["&Gehe zu"].actions()]
    # one mnemonic per letter in each menu, as in English
    for title, menu in titles.items():
        keys = [m.group(1).lower() for a in menu.actions() if (m := re.search("&(.)", a.text()))]
        assert len(keys) == len(set(keys)), (title, keys)
    window.status.set_pending(1)
    assert window.status.pending.text() == "1 wartet auf das Senden"
    window.status.set_pending(3)
    assert window.status.pending.text() == "3 warten auf das Senden"


def test_the_settings_dialog_speaks_german(qtbot, german, tmp_path, runner):
    dialog = SettingsDialog(Settings(tmp_path / "settings.json", tmp_path / "none.json"), runner)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Einstellungen"
    language = dialog.rows["language"]
    assert language.label.text() == "Sprache"
    combo = language.control
    assert isinstance(combo, QComboBox)
    # each language by its own name; the system choice in the language in effect
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Wie das System",
        "English",
        "Deutsch",
    ]
    assert dialog.rows["appearance"].label.text() == "Darstellung"
    assert "Wirkt sofort." in dialog.rows["appearance"].explanation.text()
    if (
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_de.qm"
    ).is_file():
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.text() == "Abbrechen"  # Qt's own translation, loaded with kshare's


def test_the_longer_german_words_fit(qtbot, german, tmp_path, runner):
    settings_dialog = SettingsDialog(Settings(tmp_path / "settings.json", None), runner)
    login = LoginDialog(
        object(), runner, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    for dialog in (settings_dialog, login):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert login.windowTitle() == "Bei kshare anmelden"
    assert squashed(settings_dialog) == [] and squashed(login) == []


def test_english_is_back_once_the_translators_are_removed(qtbot, qapp, tmp_path, runner):
    assert i18n.install(qapp, "de") == "de"
    assert i18n.installed_language() == "de"
    assert i18n.install(qapp, "en") == "en"
    assert i18n.installed_language() == "en"
    dialog = SettingsDialog(Settings(tmp_path / "settings.json", tmp_path / "none.json"), runner)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Settings"


def test_the_system_language_decides_when_the_setting_says_so():
    assert i18n.resolve_language("system", QLocale(QLocale.Language.German)) == "de"
    assert i18n.resolve_language("system", QLocale(QLocale.Language.French)) == "en"
    assert i18n.resolve_language("en", QLocale(QLocale.Language.German)) == "en"
    assert i18n.resolve_language("de", QLocale(QLocale.Language.French)) == "de"


# -- the setting ---------------------------------------------------------------------


def test_the_language_setting_round_trips_and_takes_effect_at_the_next_start(
    qtbot, tmp_path, runner
):
    settings = Settings(tmp_path / "settings.json", tmp_path / "none.json")
    assert settings.get("language") == "system"
    dialog = SettingsDialog(settings, runner)
    qtbot.addWidget(dialog)
    combo = dialog.rows["language"].control
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("de"))
    with qtbot.waitSignal(dialog.applied, timeout=10_000) as applied:
        dialog.buttons.accepted.emit()
    assert applied.args == [["language"]]
    assert "next time kshare starts" in applied_message(dialog, ["language"])
    assert json.loads((tmp_path / "settings.json").read_text())["language"] == "de"

    again = Settings(tmp_path / "settings.json", tmp_path / "none.json")
    assert again.get("language") == "de"
    reopened = SettingsDialog(again, runner)
    qtbot.addWidget(reopened)
    combo = reopened.rows["language"].control
    assert isinstance(combo, QComboBox)
    assert combo.currentData() == "de"
    combo.setCurrentIndex(combo.findData("system"))
    with qtbot.waitSignal(reopened.applied, timeout=10_000):
        reopened.buttons.accepted.emit()
    assert Settings(tmp_path / "settings.json", tmp_path / "none.json").get("language") == "system"


def test_an_organisation_may_set_and_lock_the_language(qtbot, tmp_path, runner):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"values": {"language": "de"}, "locked": ["language"]}))
    settings = Settings(tmp_path / "settings.json", policy)
    assert settings.get("language") == "de"
    dialog = SettingsDialog(settings, runner)
    qtbot.addWidget(dialog)
    row = dialog.rows["language"]
    assert row.locked and not row.control.isEnabled()
    with pytest.raises(PermissionError):
        settings.set("language", "en")


# -- the files -----------------------------------------------------------------------


def test_every_string_of_the_desktop_app_has_a_german_translation(tmp_path):
    fresh = tmp_path / "kshare_de.ts"
    script.lupdate(fresh)  # every file under src/kshare/ui, from scratch
    wanted = set(script.messages(fresh))
    assert len(wanted) > 300
    committed = script.messages(script.ts_file("de"))
    untranslated = sorted(
        f"[{context}] {source!r}"
        for context, source, comment in wanted
        if (context, source, comment) not in committed
        or not script.finished(committed[(context, source, comment)])
    )
    assert not untranslated, "run scripts/i18n.py and translate:\n" + "\n".join(untranslated)


def test_every_context_is_a_name_the_code_looks_up(tmp_path):
    """A helper named ``tr`` gives an empty context and some call shapes a dotted one:
    lupdate accepts both, but no lookup at run time ever uses them."""
    fresh = tmp_path / "kshare_de.ts"
    script.lupdate(fresh)
    contexts = {context for context, _source, _comment in script.messages(fresh)}
    assert contexts and all(re.fullmatch(r"[A-Za-z_]\w*", c) for c in contexts), sorted(contexts)


def test_the_translations_keep_every_placeholder():
    def placeholders(text: str) -> list[str]:
        return sorted(re.findall(r"\{\w*\}|%L?n", text))

    wrong = []
    for (context, source, _), message in script.messages(script.ts_file("de")).items():
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""
        ]
        wrong += [
            (context, source, form) for form in forms if placeholders(form) != placeholders(source)
        ]
    assert not wrong


def test_the_compiled_translations_match_their_sources(tmp_path):
    for language in script.LANGUAGES:
        compiled = tmp_path / f"kshare_{language}.qm"
        script.lrelease(script.ts_file(language), compiled)
        shipped = script.qm_file(language)
        assert shipped.is_file(), f"{shipped.name} is missing: run scripts/i18n.py"
        assert compiled.read_bytes() == shipped.read_bytes(), "run scripts/i18n.py"


def test_the_app_finds_the_compiled_translations():
    folder = i18n.translations_dir()
    assert folder is not None
    assert (folder / "kshare_de.qm").is_file()
