#!/usr/bin/env bash
# Build the macOS app bundle (PyInstaller, with the .icns rendered from kshare.svg) and a
# disk image to drag it to /Applications. Runs on macOS (hdiutil); MDM deployments use
# build-pkg.sh and a configuration profile (kshare.mobileconfig.example).
#   packaging/macos/build-dmg.sh [SIGNING_IDENTITY]     -> dist/kshare-VERSION.dmg
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. packaging/meta.env
.venv/bin/python packaging/icons.py --check
VERSION="$(.venv/bin/python -c 'import kshare; print(kshare.__version__)')"
IDENTITY="${1:-}"
.venv/bin/pyinstaller --noconfirm --distpath dist/pyinstaller --workpath build/pyinstaller \
    packaging/pyinstaller/kshare.spec
APP="dist/pyinstaller/${APP_NAME}.app"
/usr/libexec/PlistBuddy -c "Set :CFBundleShortVersionString $VERSION" "$APP/Contents/Info.plist"
[ -n "$IDENTITY" ] && codesign --deep --force --options runtime --sign "$IDENTITY" "$APP"
STAGE="build/dmg"
rm -rf "$STAGE"; mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "$APP_TITLE" -srcfolder "$STAGE" -ov -format UDZO "dist/kshare-${VERSION}.dmg"
[ -n "$IDENTITY" ] && codesign --sign "$IDENTITY" "dist/kshare-${VERSION}.dmg"
echo "built dist/kshare-${VERSION}.dmg"
