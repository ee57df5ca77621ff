#!/usr/bin/env bash
# Build the kshare AppDir from the PyInstaller bundle, and pack it as an AppImage.
#   packaging/appimage/build-appimage.sh     -> build/appimage/kshare.AppDir, dist/kshare-VERSION-ARCH.AppImage
# Packing needs `appimagetool` (with its type-2 runtime) on PATH: neither Debian nor PyPI
# ships a packer that works offline (python-appimage and appimage-builder download
# appimagetool and the runtime at build time), so without it the script stops after
# checking the AppDir, and says so.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. packaging/meta.env
.venv/bin/python packaging/icons.py --check
VERSION="$(.venv/bin/python -c 'import kshare; print(kshare.__version__)')"
[ -d dist/pyinstaller/kshare ] || .venv/bin/pyinstaller --noconfirm --distpath dist/pyinstaller \
    --workpath build/pyinstaller packaging/pyinstaller/kshare.spec
APPDIR="build/appimage/kshare.AppDir"
rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/bin" "$APPDIR/usr/share/applications" "$APPDIR/usr/share/metainfo"
cp -a dist/pyinstaller/kshare "$APPDIR/usr/lib-kshare"
ln -s ../lib-kshare/kshare "$APPDIR/usr/bin/kshare"
install -m 644 resources/kshare.desktop "$APPDIR/${APP_ID}.desktop"
install -m 644 resources/kshare.desktop "$APPDIR/usr/share/applications/${APP_ID}.desktop"
install -m 644 resources/io.kshare.Desktop.metainfo.xml "$APPDIR/usr/share/metainfo/${APP_ID}.appdata.xml"
install -m 644 resources/icons/app/256x256.png "$APPDIR/${APP_ID}.png"
for png in resources/icons/app/*x*.png; do
    size="$(basename "$png" .png)"
    install -D -m 644 "$png" "$APPDIR/usr/share/icons/hicolor/${size}/apps/${APP_ID}.png"
done
ln -s "${APP_ID}.png" "$APPDIR/.DirIcon"
cat >"$APPDIR/AppRun" <<'RUN'
#!/bin/sh
# The menu entry and a double click start the app; arguments go to the kshare command.
HERE="$(dirname "$(readlink -f "$0")")"
[ $# -eq 0 ] && set -- gui
exec "$HERE/usr/lib-kshare/kshare" "$@"
RUN
chmod 755 "$APPDIR/AppRun"
QT_QPA_PLATFORM=offscreen "$APPDIR/AppRun" --help >/dev/null || { echo "AppRun does not start" >&2; exit 1; }
if ! command -v appimagetool >/dev/null; then
    echo "AppDir ready at $APPDIR; install appimagetool to pack it (none is available here)" >&2
    exit 0
fi
mkdir -p dist
ARCH="$(uname -m)" appimagetool --no-appstream "$APPDIR" "dist/kshare-${VERSION}-$(uname -m).AppImage"
