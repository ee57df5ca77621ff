#!/usr/bin/env bash
# Build a .deb of the kshare desktop app from the PyInstaller bundle.
# Debian's own Python libraries are too old for kshare and bookworm has no PySide6,
# so the package carries its own runtime under /opt/kshare.
#   packaging/debian/build-deb.sh [VERSION]      -> dist/kshare_VERSION_amd64.deb
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=../meta.env
. packaging/meta.env
.venv/bin/python packaging/icons.py --check
VERSION="${1:-$(.venv/bin/python -c 'import kshare; print(kshare.__version__)')}"
ARCH="$(dpkg --print-architecture)"
.venv/bin/python -m pip install -q pyinstaller
[ -n "${KSHARE_SKIP_BUNDLE:-}" ] || .venv/bin/pyinstaller --noconfirm --distpath dist/pyinstaller --workpath build/pyinstaller \
    packaging/pyinstaller/kshare.spec
STAGE="build/deb/kshare_${VERSION}_${ARCH}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/metainfo" "$STAGE/usr/share/icons/hicolor/scalable/apps" \
         "$STAGE/etc/xdg/kshare"
cp -a dist/pyinstaller/kshare "$STAGE/opt/kshare"
ln -s /opt/kshare/kshare "$STAGE/usr/bin/kshare"
# the menu entry runs "kshare gui" and names the icon by the app id installed below
grep -qx "Exec=kshare gui" resources/kshare.desktop
grep -qx "Icon=${APP_ID}" resources/kshare.desktop
install -m 644 resources/kshare.desktop "$STAGE/usr/share/applications/${APP_ID}.desktop"
for png in resources/icons/app/*x*.png; do
    size="$(basename "$png" .png)"
    install -D -m 644 "$png" "$STAGE/usr/share/icons/hicolor/${size}/apps/${APP_ID}.png"
done
install -m 644 resources/io.kshare.Desktop.metainfo.xml "$STAGE/usr/share/metainfo/"
install -m 644 resources/icons/kshare.svg \
    "$STAGE/usr/share/icons/hicolor/scalable/apps/${APP_ID}.svg"
install -m 644 packaging/policy/policy.example.json "$STAGE/etc/xdg/kshare/policy.example.json"
sed -e "s/@VERSION@/${VERSION}/" -e "s/@ARCH@/${ARCH}/" \
    -e "s/@SIZE@/$(du -sk "$STAGE" | cut -f1)/" packaging/debian/control.in >"$STAGE/DEBIAN/control"
install -m 755 packaging/debian/postinst "$STAGE/DEBIAN/postinst"
install -m 755 packaging/debian/postrm "$STAGE/DEBIAN/postrm"
mkdir -p dist
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "dist/kshare_${VERSION}_${ARCH}.deb"
echo "built dist/kshare_${VERSION}_${ARCH}.deb"
