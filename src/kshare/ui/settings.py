"""Window state and remembered sign-in fields, in an INI file inside the profile.

Kept beside the cache rather than in the registry or the home folder, so a
``--profile`` folder is a complete, portable, deletable unit (and tests leave
nothing behind).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from kshare.client.paths import ProfilePaths

UI_STATE_FILE = "ui-state.ini"


def ui_settings(paths: ProfilePaths) -> QSettings:
    paths.ensure()
    return QSettings(str(paths.root / UI_STATE_FILE), QSettings.Format.IniFormat)
