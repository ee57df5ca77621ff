"""The managed policy IT sets for every desktop: where it is read from, and what may override it.

Sources, per platform, at fixed documented places (never derived from XDG
variables a user controls):

- Linux: ``/etc/xdg/kshare/policy.json``
- Windows: the registry key ``HKLM\\Software\\Policies\\kshare`` (what the ADMX
  template writes), then ``%ProgramData%\\kshare\\policy.json``
- macOS: the configuration profile's ``/Library/Managed Preferences/io.kshare.Desktop.plist``,
  then ``/Library/Application Support/kshare/policy.json``

A JSON file holds ``values`` and the keys it ``locked``. A registry key or a
configuration profile holds its values directly and every one of them is locked
(that is what a mandatory policy means there); values under ``Recommended``
are defaults the person may change.

``KSHARE_POLICY_FILE`` points at a policy only in a development build (running
from a source checkout) or when no system policy exists: otherwise anyone could
drop every lock with ``KSHARE_POLICY_FILE=/dev/null``.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import plistlib
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

POLICY_ENV = "KSHARE_POLICY_FILE"
MAX_POLICY_BYTES = 1024 * 1024  # a policy is a few hundred bytes; refuse to read a huge file
LINUX_POLICY_FILE = Path("/etc/xdg/kshare/policy.json")
MACOS_POLICY_FILE = Path("/Library/Application Support/kshare/policy.json")
MACOS_MANAGED_PLIST = Path("/Library/Managed Preferences/io.kshare.Desktop.plist")
WINDOWS_POLICY_KEY = r"Software\Policies\kshare"
RECOMMENDED = "Recommended"


@dataclass(frozen=True)
class Policy:
    """Values IT set, the keys among them the person cannot change, and where they came from."""

    values: Mapping[str, Any] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    origins: tuple[str, ...] = ()

    @property
    def present(self) -> bool:
        return bool(self.origins)

    def merged(self, other: Policy) -> Policy:
        """``other`` over this one (a registry key or a profile over a file)."""
        return Policy(
            {**self.values, **other.values},
            self.locked | other.locked,
            self.origins + other.origins,
        )


def development_build() -> bool:
    """Running from a source checkout (not a frozen bundle, not an installed wheel)."""
    if getattr(sys, "frozen", False):
        return False
    import kshare

    checkout = Path(kshare.__file__).resolve().parents[2]
    return (checkout / "pyproject.toml").is_file() and (checkout / "src" / "kshare").is_dir()


def _read_bounded(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist; bounded in size."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_POLICY_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.error("policy %s cannot be read (%s): using safe defaults", path, exc)
        return b""
    if len(data) > MAX_POLICY_BYTES:
        log.error("policy %s is larger than %d bytes: ignored", path, MAX_POLICY_BYTES)
        return b""
    return data


def read_json_policy(path: Path) -> Policy:
    """A JSON policy file; a broken one is logged and yields no values (never a crash)."""
    data = _read_bounded(path)
    if data is None:
        return Policy()
    origin = str(path)
    if not data.strip():  # unreadable (already logged) or empty: present, but no values
        if data:
            log.error("policy %s is empty: using safe defaults", path)
        return Policy(origins=(origin,))
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        log.error("policy %s is not valid JSON (%s): using safe defaults", path, exc)
        return Policy(origins=(origin,))
    if not isinstance(raw, dict):
        log.error("policy %s must hold a JSON object: using safe defaults", path)
        return Policy(origins=(origin,))
    values = raw.get("values", {})
    locked = raw.get("locked", [])
    if not isinstance(values, dict):
        log.error("policy %s: 'values' must be an object; ignored", path)
        values = {}
    if not isinstance(locked, list) or not all(isinstance(key, str) for key in locked):
        log.error("policy %s: 'locked' must be a list of setting names; ignored", path)
        locked = []
    return Policy(dict(values), frozenset(locked), (origin,))


def read_plist_policy(path: Path) -> Policy:
    """A configuration profile's managed preferences: its keys are locked, ``Recommended`` not."""
    data = _read_bounded(path)
    if data is None:
        return Policy()
    try:
        raw = plistlib.loads(data) if data else None
    except (plistlib.InvalidFileException, ValueError, OverflowError) as exc:
        log.error("managed preferences %s are unreadable (%s): using safe defaults", path, exc)
        raw = None
    if not isinstance(raw, dict):
        return Policy(origins=(str(path),))
    recommended = raw.pop(RECOMMENDED, {})
    forced = {key: value for key, value in raw.items() if not key.startswith("Payload")}
    if not isinstance(recommended, dict):
        recommended = {}
    return Policy({**recommended, **forced}, frozenset(forced), (str(path),))


def read_registry_policy() -> Policy:
    """``HKLM\\Software\\Policies\\kshare`` (locked values) and its ``Recommended`` subkey."""
    try:
        winreg: Any = importlib.import_module("winreg")  # Windows only
    except ImportError:
        return Policy()

    def values_of(path: str) -> dict[str, Any] | None:
        try:
            key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path)
        except OSError:
            return None
        found: dict[str, Any] = {}
        with key:
            index = 0
            while True:
                try:
                    name, value, _kind = winreg.EnumValue(key, index)
                except OSError:
                    break
                if value not in ("", None):  # an installer writes "" for a property not given
                    found[name] = value
                index += 1
        return found

    forced = values_of(WINDOWS_POLICY_KEY)
    recommended = values_of(WINDOWS_POLICY_KEY + "\\" + RECOMMENDED)
    if forced is None and recommended is None:
        return Policy()
    forced, recommended = forced or {}, recommended or {}
    origin = "HKLM\\" + WINDOWS_POLICY_KEY
    return Policy({**recommended, **forced}, frozenset(forced), (origin,))


def system_policy(platform: str | None = None, root: Path = Path("/")) -> Policy:
    """Every system source of this platform, merged. ``root`` lets tests stand in for ``/``."""
    platform = platform or sys.platform

    def at(path: Path) -> Path:
        return root / path.relative_to(path.anchor)

    if platform == "win32":
        program_data = Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData"))
        file_policy = read_json_policy(program_data / "kshare" / "policy.json")
        return file_policy.merged(read_registry_policy())
    if platform == "darwin":
        return read_json_policy(at(MACOS_POLICY_FILE)).merged(
            read_plist_policy(at(MACOS_MANAGED_PLIST))
        )
    return read_json_policy(at(LINUX_POLICY_FILE))


def effective_policy(
    *,
    system: Policy | None = None,
    development: bool | None = None,
    environ: Mapping[str, str] | None = None,
) -> Policy:
    """The policy in force: the system's, unless the environment variable may replace it."""
    system = system if system is not None else system_policy()
    environ = environ if environ is not None else os.environ
    override = environ.get(POLICY_ENV)
    if not override:
        return system
    dev = development_build() if development is None else development
    if system.present and not dev:
        log.warning(
            "%s is ignored: the system policy (%s) applies on this computer",
            POLICY_ENV,
            ", ".join(system.origins),
        )
        return system
    return read_json_policy(Path(override))
