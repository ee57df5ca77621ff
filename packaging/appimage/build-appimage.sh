#!/usr/bin/env bash
# Build the kshare AppDir from the PyInstaller bundle, and pack it as an AppImage.
#   packaging/appimage/build-appimage.sh     -> build/appimage/kshare.AppDir, dist/kshare-VERSION-ARCH.AppImage
# Packing needs `appimagetool` (with its type-2 runtime) on PATH. No Debian, PyPI or npm
# package ships that runtime: python-appimage, appimage, pyproject-appimage and
# appimage-builder (PyPI) and the Electron makers (npm) all download appimagetool and the
# runtime from GitHub while building; Debian has squashfs-tools and libappimage (a reader)
# but no runtime. Without appimagetool the script checks the AppDir, and says so.
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
fail() { echo "build-appimage: FAILED: $*" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen "$APPDIR/AppRun" --version | grep -qx "kshare $VERSION" \
    || fail "AppRun --version does not answer kshare $VERSION"
# the menu's start, headless, in a fresh profile: it must stay up until stopped
PROFILE="$(mktemp -d)"
rc=0
QT_QPA_PLATFORM=offscreen timeout 15 "$APPDIR/AppRun" gui --profile "$PROFILE" --no-sync \
    >/dev/null 2>&1 || rc=$?
rm -rf "$PROFILE"
[ "$rc" -eq 124 ] || fail "the app exited with $rc instead of running"
if ! command -v appimagetool >/dev/null; then
    echo "AppDir ready at $APPDIR; install appimagetool to pack it (none is available here)" >&2
    exit 0
fi
mkdir -p dist
IMAGE="dist/kshare-${VERSION}-$(uname -m).AppImage"
ARCH="$(uname -m)" appimagetool --no-appstream "$APPDIR" "$IMAGE"
# extract-and-run needs no FUSE, as in containers and on locked-down desktops
APPIMAGE_EXTRACT_AND_RUN=1 QT_QPA_PLATFORM=offscreen "$IMAGE" --version | grep -qx "kshare $VERSION" \
    || fail "the AppImage does not start with --appimage-extract-and-run"
echo "built and started $IMAGE" >&2
