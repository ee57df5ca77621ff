#!/usr/bin/env bash
# Build a signed-ready macOS installer package from the PyInstaller .app bundle.
# IT deploys it with MDM, with a configuration profile (kshare.mobileconfig.example) or a
# policy file at /Library/Application Support/kshare/policy.json.
#   packaging/macos/build-pkg.sh VERSION [SIGNING_IDENTITY]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VERSION="$1"
IDENTITY="${2:-}"
.venv/bin/pyinstaller --noconfirm --distpath dist/pyinstaller --workpath build/pyinstaller \
    packaging/pyinstaller/kshare.spec
args=(--component dist/pyinstaller/kshare.app --install-location /Applications
      --identifier io.kshare.Desktop --version "$VERSION")
[ -n "$IDENTITY" ] && args+=(--sign "$IDENTITY")
pkgbuild "${args[@]}" "dist/kshare-${VERSION}.pkg"
echo "built dist/kshare-${VERSION}.pkg"
