#!/usr/bin/env bash
# Install, start, upgrade and remove the .deb in a clean Debian chroot, exactly as IT would.
#   sudo packaging/debian/check-deb.sh [path/to/kshare_VERSION_ARCH.deb]
# Without a path it builds the package first (packaging/debian/build-deb.sh). The clean
# system comes from debootstrap once and is cached as a tarball (KSHARE_CHROOT_CACHE,
# default ~/.cache/kshare); the Debian mirror is the one this machine's apt uses, or
# DEBIAN_MIRROR. Needs root (chroot, mount) and the debootstrap package.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. packaging/meta.env
SUITE="${DEBIAN_SUITE:-bookworm}"
CACHE="${KSHARE_CHROOT_CACHE:-$HOME/.cache/kshare}"
say() { printf 'check-deb: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root (chroot and mount need it)"
command -v debootstrap >/dev/null || fail "install debootstrap"
mirror() {
    [ -n "${DEBIAN_MIRROR:-}" ] && { echo "$DEBIAN_MIRROR"; return; }
    # each source may be missing: an empty answer is handled by the caller, not by set -e
    { grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' || true
      grep -h '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | awk '{print $2}' || true; } | { grep -v security || true; } | head -n1
}
reachable() {  # debootstrap needs the mirror; say so plainly when this machine is offline
    local release="$1/dists/$SUITE/Release"
    if command -v curl >/dev/null; then curl -fsS -o /dev/null --max-time 20 "$release"
    else python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=20)' "$release"
    fi
}
STARTED="$(date +%s)"

DEB="${1:-}"
if [ -z "$DEB" ]; then
    packaging/debian/build-deb.sh
    DEB="$(ls -t dist/kshare_*.deb | head -n1)"
fi
[ -f "$DEB" ] || fail "no package at $DEB"
DEPENDS="$(dpkg-deb -f "$DEB" Depends | sed 's/([^)]*)//g; s/,/ /g; s/|[^ ]*//g')"

# 1. A clean system with the package's dependencies, cached (dpkg -i alone must then work).
TARBALL="$CACHE/$SUITE-$(echo "$DEPENDS" | sha256sum | cut -c1-12).tar"
if [ ! -f "$TARBALL" ]; then
    MIRROR="$(mirror)"; [ -n "$MIRROR" ] || fail "no Debian mirror in apt's sources: set DEBIAN_MIRROR"
    reachable "$MIRROR" || fail "offline: the Debian mirror $MIRROR cannot be reached, and \
debootstrap needs it once to make the clean system (or set KSHARE_CHROOT_CACHE to a folder \
holding $(basename "$TARBALL") made on a connected machine)"
    say "creating a clean $SUITE system from $MIRROR (once)"
    BASE="$(mktemp -d)"
    debootstrap --variant=minbase "$SUITE" "$BASE" "$MIRROR" >/dev/null
    # shellcheck disable=SC2086
    chroot "$BASE" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends $DEPENDS desktop-file-utils >/dev/null
    chroot "$BASE" apt-get clean
    mkdir -p "$CACHE"
    tar -C "$BASE" -cf "$TARBALL" .
    rm -rf "$BASE"
fi
JAIL="$(mktemp -d)"
cleanup() { umount "$JAIL/proc" 2>/dev/null || true; rm -rf "$JAIL"; }
trap cleanup EXIT
tar -C "$JAIL" -xf "$TARBALL"
chmod 755 "$JAIL"  # its root came from mktemp (0700): people in the jail must reach /bin
mount -t proc proc "$JAIL/proc"
in_jail() { chroot "$JAIL" "$@"; }
cp "$DEB" "$JAIL/tmp/kshare.deb"
in_jail useradd -m ana

# 2. Install.
in_jail dpkg -i /tmp/kshare.deb >/dev/null || fail "dpkg -i"
DESKTOP="/usr/share/applications/${APP_ID}.desktop"
in_jail desktop-file-validate "$DESKTOP" || fail "menu entry is invalid"
EXEC="$(sed -n 's/^Exec=//p' "$JAIL$DESKTOP" | cut -d' ' -f1)"
ICON="$(sed -n 's/^Icon=//p' "$JAIL$DESKTOP")"
in_jail sh -c "command -v $EXEC" >/dev/null || fail "the menu runs $EXEC, which is not installed"
ls "$JAIL"/usr/share/icons/hicolor/*/apps/"$ICON".* >/dev/null 2>&1 \
    || fail "the menu's icon $ICON is not installed"

# 3. Start the installed app from its menu command, headless, as a user; it must stay up.
start_app() {
    local rc=0
    in_jail su ana -c "cd ~ && QT_QPA_PLATFORM=offscreen timeout 20 \
        $(sed -n 's/^Exec=//p' "$JAIL$DESKTOP") --no-sync" || rc=$?
    [ "$rc" -eq 124 ] || fail "the app exited with $rc instead of running"
}
WANT="$(dpkg-deb -f "$DEB" Version)"
in_jail su ana -c "kshare --version" | grep -qx "kshare ${WANT%%-*}" \
    || fail "the installed kshare --version does not answer ${WANT%%-*}"
start_app
PROFILE="$(in_jail su ana -c 'ls -d ~/.local/share/kshare')" || fail "no user profile created"

# 4. Upgrade to a newer version of the same package; the person's profile stays.
NEWER="$(mktemp -d)"
dpkg-deb -R "$DEB" "$NEWER/pkg"
sed -i 's/^Version: .*/&+1/' "$NEWER/pkg/DEBIAN/control"
# gzip -1: the stand-in upgrade is for this check only; xz would take minutes
dpkg-deb --root-owner-group -Zgzip -z1 -b "$NEWER/pkg" "$JAIL/tmp/kshare-newer.deb" >/dev/null
rm -rf "$NEWER"
in_jail dpkg -i /tmp/kshare-newer.deb >/dev/null || fail "upgrade"
in_jail dpkg-query -W -f='${Version}' kshare | grep -q '+1$' || fail "not upgraded"
[ -d "$JAIL$PROFILE" ] || fail "the upgrade removed the user's profile"
start_app

# 5. Remove: the program goes, people's caches stay; purge also drops its configuration.
in_jail dpkg -r kshare >/dev/null || fail "dpkg -r"
[ ! -e "$JAIL/opt/kshare" ] && [ ! -e "$JAIL/usr/bin/kshare" ] || fail "files left after removal"
[ ! -e "$JAIL$DESKTOP" ] || fail "menu entry left after removal"
[ -d "$JAIL$PROFILE" ] || fail "removal deleted the user's profile"
in_jail dpkg -P kshare >/dev/null || fail "dpkg -P"
in_jail dpkg-query -W kshare >/dev/null 2>&1 && fail "still known to dpkg after purge"
say "OK: $DEB installs, starts from its menu entry, upgrades and uninstalls cleanly" \
    "($(( $(date +%s) - STARTED )) s)"
