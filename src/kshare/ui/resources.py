"""Find the icons and the stylesheet shipped in the top-level ``resources/`` folder.

The folder is shipped inside the package as ``kshare/resources`` (a link to the
top-level folder in a checkout, package data in a wheel, the same place in a
PyInstaller bundle); ``KSHARE_RESOURCES`` overrides it (packagers, tests).
A missing folder is not fatal: the app runs with Qt's defaults.
"""

from __future__ import annotations

import logging
import os
import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

RESOURCES_ENV = "KSHARE_RESOURCES"


@cache
def resources_dir() -> Path | None:
    candidates: list[Path] = []
    if override := os.environ.get(RESOURCES_ENV):
        candidates.append(Path(override))
    # Shipped inside the package (a link to the top-level folder in a checkout); the
    # PyInstaller bundle keeps the same place under its root.
    candidates.append(Path(__file__).resolve().parents[1] / "resources")
    candidates.append(Path(sys.prefix) / "share" / "kshare" / "resources")
    for candidate in candidates:
        if (candidate / "icons").is_dir():
            return candidate
    log.info("no resources folder found; running without icons and stylesheet")
    return None


def icon(name: str) -> QIcon:
    """The SVG icon ``resources/icons/<name>.svg``, or an empty icon."""
    root = resources_dir()
    if root is None:
        return QIcon()
    path = root / "icons" / f"{name}.svg"
    if not path.is_file():
        log.warning("missing icon %s", name)
        return QIcon()
    return QIcon(str(path))


def stylesheet() -> str:
    root = resources_dir()
    if root is None:
        return ""
    path = root / "style" / "kshare.qss"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("could not read the stylesheet %s: %s", path, exc)
        return ""
    # QSS has no relative URLs; the folder is only known at run time.
    return text.replace("url(ICONS/", f"url({(root / 'icons').as_posix()}/")
