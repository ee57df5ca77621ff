"""Render the app icon in every size the packages need, from resources/icons/kshare.svg.

    python packaging/icons.py            # writes resources/icons/app/
    python packaging/icons.py --check    # fails when the files are missing or out of date

Qt draws the SVG offscreen (QSvgRenderer), so no display and no image library are needed;
Qt's own image plugins write the Windows .ico and the macOS .icns.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "kshare.svg"
OUT = ROOT / "resources" / "icons" / "app"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
STAMP = OUT / "source.sha256"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def build() -> None:
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        target = OUT / f"{size}x{size}.png"
        if not render(renderer, size).save(str(target), "PNG"):
            raise SystemExit(f"cannot write {target}")
    for name, fmt, size in (("kshare.ico", "ICO", 256), ("kshare.icns", "ICNS", 512)):
        if not render(renderer, size).save(str(OUT / name), fmt):
            raise SystemExit(f"Qt cannot write {fmt} here (image plugin missing)")
    STAMP.write_text(hashlib.sha256(SOURCE.read_bytes()).hexdigest() + "\n", encoding="utf-8")


def up_to_date() -> bool:
    wanted = [OUT / f"{s}x{s}.png" for s in SIZES] + [OUT / "kshare.ico", OUT / "kshare.icns"]
    if not STAMP.exists() or not all(path.exists() for path in wanted):
        return False
    return STAMP.read_text(encoding="utf-8").strip() == hashlib.sha256(SOURCE.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check they are up to date")
    args = parser.parse_args()
    if args.check:
        if up_to_date():
            return 0
        print("app icons are out of date: run python packaging/icons.py", file=sys.stderr)
        return 1
    app = QGuiApplication.instance() or QGuiApplication([])
    build()
    del app
    print(f"icons written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
