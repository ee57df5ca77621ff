#!/usr/bin/env bash
# Compile the MSI definition with wixl (Debian's msitools) over a stand-in of the
# PyInstaller tree, so the definition cannot rot, and check the tables IT relies on.
#   packaging/windows/check-msi.sh [BUNDLE_DIR]   (default: a generated stand-in tree)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=../meta.env
. packaging/meta.env
for tool in wixl wixl-heat msiinfo msiextract; do
    command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install wixl msitools" >&2; exit 1; }
done
VERSION="$(.venv/bin/python -c 'import kshare; print(kshare.__version__)')"
WORK="build/msi"
rm -rf "$WORK"; mkdir -p "$WORK"
BUNDLE="${1:-}"
if [ -z "$BUNDLE" ]; then
    BUNDLE="$WORK/stand-in/kshare"
    mkdir -p "$BUNDLE/_internal/kshare/resources"
    printf 'MZ stand-in for kshare.exe\n' >"$BUNDLE/kshare.exe"
    printf 'stand-in\n' >"$BUNDLE/_internal/python311.dll"
    cp resources/kshare.desktop "$BUNDLE/_internal/kshare/resources/"
fi
(cd "$BUNDLE" && find . -type f | sed 's|^\./||') \
    | wixl-heat --prefix "" --var var.BundleDir --directory-ref INSTALLDIR \
                --component-group AppFiles >"$WORK/files.wxs"
wixl --arch x64 -D Version="$VERSION" -D UpgradeCode="$MSI_UPGRADE_CODE" \
     -D IconFile=resources/icons/app/kshare.ico -D BundleDir="$BUNDLE" \
     -o "$WORK/kshare-$VERSION.msi" packaging/windows/kshare.wxs "$WORK/files.wxs"
MSI="$WORK/kshare-$VERSION.msi"
msiinfo export "$MSI" Property | grep -q $'^ALLUSERS\t1' || { echo "not per machine" >&2; exit 1; }
msiinfo export "$MSI" Registry | grep -q 'Software\\Policies\\kshare' \
    || { echo "SERVERURL does not reach the policy key" >&2; exit 1; }
msiinfo export "$MSI" Condition >/dev/null 2>&1 || true
msiinfo export "$MSI" Shortcut | grep -q 'gui' || { echo "no Start menu entry" >&2; exit 1; }
msiextract -C "$WORK/extracted" "$MSI" >/dev/null
find "$WORK/extracted" -name kshare.exe | grep -q . || { echo "kshare.exe missing" >&2; exit 1; }
echo "MSI definition compiles: $MSI"
