"""Desktop settings: one declared schema, read in layers.

Defaults < the organisation's managed policy (:mod:`kshare.client.policy`) < the
user's ``settings.json`` in the profile < environment variables (``KSHARE_<KEY>``).
A key the policy locks keeps the policy's value whatever the user or the
environment says. A policy value that does not fit the schema is logged and the
default is used instead. Secrets are never settings: they live in the keyring.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kshare.client.policy import POLICY_ENV, Policy, effective_policy, read_json_policy

log = logging.getLogger(__name__)

__all__ = ["BY_KEY", "POLICY_ENV", "SCHEMA", "Setting", "Settings"]


def _check_url(value: str) -> None:
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// address with a host name")


def _check_proxy(value: str) -> None:
    if value in ("", "system", "none"):
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https", "socks5") or not parts.hostname:
        raise ValueError("must be 'system', 'none' or a proxy address such as http://proxy:3128")


def _check_pac_url(value: str) -> None:
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https", "file") or not (parts.hostname or parts.path):
        raise ValueError("must be an http://, https:// or file:// address of a PAC script")


def _check_pins(value: str) -> None:
    for pin in filter(None, (part.strip() for part in value.split(","))):
        digits = pin.removeprefix("sha256:").replace(":", "")
        if len(digits) != 64 or any(c not in "0123456789abcdefABCDEF" for c in digits):
            raise ValueError("each pin must be a SHA-256 fingerprint (64 hexadecimal digits)")


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    choices: tuple[str, ...] = ()
    check: Callable[[Any], None] | None = None
    # Only the organisation decides it: neither settings.json nor the environment can.
    policy_only: bool = False


SCHEMA: tuple[Setting, ...] = (
    Setting("server_url", str, "", "Company kshare server", check=_check_url),
    Setting(
        "blob_policy",
        str,
        "lazy",
        "Download attached files",
        choices=("eager", "lazy", "manual"),
    ),
    Setting("blob_cache_mb", int, 2048, "Space for downloaded files (MB)"),
    Setting("poll_interval_s", int, 300, "Check for changes every (seconds) without live updates"),
    Setting("reconcile_interval_h", int, 24, "Full safety check every (hours)"),
    Setting("page_size", int, 500, "Changes fetched per request"),
    Setting(
        "wipe_after_offline_days",
        int,
        0,
        "Remove cached company content after this many days without a sync (0: never)",
    ),
    # Parts of kshare the organisation may turn off; the app and the command line honour each.
    Setting("downloads_enabled", bool, True, "Download shared documents", policy_only=True),
    Setting(
        "publish_to_organisation_enabled",
        bool,
        True,
        "Publish to the whole organisation",
        policy_only=True,
    ),
    Setting("experts_enabled", bool, True, "Find experts", policy_only=True),
    # Networks: "system" follows the operating system's proxy settings, "none" goes direct.
    Setting("proxy", str, "system", "Proxy", check=_check_proxy),
    # A proxy auto-config script; with proxy "system" it decides which proxy each address uses.
    Setting("proxy_pac_url", str, "", "Proxy auto-config (PAC) address", check=_check_pac_url),
    Setting("ca_bundle", str, "", "Extra trusted certificates (PEM file)", policy_only=True),
    Setting(
        "certificate_pins",
        str,
        "",
        "Pinned server certificates (SHA-256)",
        check=_check_pins,
        policy_only=True,
    ),
    Setting("allow_plain_http", bool, False, "Allow unencrypted http:// servers", policy_only=True),
    # How the app looks: "system" follows the desktop's light or dark mode.
    Setting("appearance", str, "system", "Appearance", choices=("system", "light", "dark")),
    # The language of the desktop app: "system" follows the desktop's where kshare has it.
    Setting("language", str, "system", "Language", choices=("system", "en", "de")),
    # Help and updates.
    Setting("support_contact", str, "", "Support contact", policy_only=True),
    Setting(
        "share_search_gaps",
        bool,
        False,
        "Tell the company's curators, without my name, about searches that found nothing",
    ),
    Setting("update_channel", str, "stable", "Update channel", choices=("stable", "beta")),
    Setting("download_url", str, "", "Where to get kshare", check=_check_url, policy_only=True),
    # The inbox and the Home feed.
    Setting("notify_desktop", bool, True, "Desktop notifications"),
    Setting("notify_mention", bool, True, "Notify: mentions of me"),
    Setting("notify_answer", bool, True, "Notify: answers to my questions"),
    Setting("notify_accepted", bool, True, "Notify: accepted answers"),
    Setting("notify_reply", bool, True, "Notify: replies and comments"),
    Setting("notify_endorsement", bool, True, "Notify: endorsements"),
    Setting("notify_joined", bool, True, "Notify: group membership"),
    Setting("notify_followed", bool, True, "Notify: new in what I follow"),
    Setting("home_mix", int, 25, "Home feed: close (0) to explore (100)"),
)
BY_KEY = {setting.key: setting for setting in SCHEMA}


def _coerce(setting: Setting, value: Any) -> Any:
    if setting.type is int:
        value = int(value)
    elif setting.type is bool:
        value = value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
    elif isinstance(value, list) and setting.key == "certificate_pins":
        value = ",".join(str(part) for part in value)
    elif isinstance(value, dict | list):
        raise ValueError("must be a single value")
    else:
        value = str(value)
    if setting.choices and value not in setting.choices:
        raise ValueError(f"{setting.key} must be one of {', '.join(setting.choices)}")
    if setting.check is not None:
        setting.check(value)
    return value


def _validated(policy: Policy) -> tuple[dict[str, Any], frozenset[str]]:
    """Values that fit the schema; anything else is logged once and left at its default."""
    values: dict[str, Any] = {}
    for key, raw in policy.values.items():
        setting = BY_KEY.get(key)
        if setting is None:
            log.warning("policy: unknown setting %r ignored", key)
            continue
        try:
            values[key] = _coerce(setting, raw)
        except (TypeError, ValueError) as exc:
            log.error("policy: %s=%r is invalid (%s); the default is used", key, raw, exc)
    unknown = sorted(key for key in policy.locked if key not in BY_KEY)
    if unknown:
        log.warning("policy: unknown locked settings ignored: %s", ", ".join(unknown))
    return values, frozenset(key for key in policy.locked if key in BY_KEY)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable settings file %s: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


class Settings:
    """The effective settings of one profile."""

    def __init__(
        self, user_file: Path, policy_file: Path | None = None, *, policy: Policy | None = None
    ) -> None:
        """``policy_file`` reads exactly that file (tools, tests); otherwise the policy in
        force on this computer applies (:func:`kshare.client.policy.effective_policy`)."""
        self.user_file = user_file
        if policy is None:
            policy = read_json_policy(policy_file) if policy_file else effective_policy()
        self.origins = policy.origins
        self.policy, self.locked = _validated(policy)
        self.user: dict[str, Any] = _read_json(user_file)

    @staticmethod
    def environment_variable(key: str) -> str:
        """The variable that decides ``key`` for one run (unless the policy locks it)."""
        return f"KSHARE_{key.upper()}"

    def get(self, key: str) -> Any:
        return self._resolve(key)[0]

    def source(self, key: str) -> str:
        """Where the value in effect comes from: "environment", "user", "policy" or "default"."""
        return self._resolve(key)[1]

    def _resolve(self, key: str) -> tuple[Any, str]:
        setting = BY_KEY[key]
        layers: list[tuple[str, dict[str, Any]]] = [("policy", self.policy)]
        if key not in self.locked and not setting.policy_only:
            env = os.environ.get(self.environment_variable(key))
            layers = [
                ("environment", {key: env} if env is not None else {}),
                ("user", self.user),
                ("policy", self.policy),
            ]
        for name, layer in layers:
            if key in layer:
                try:
                    return _coerce(setting, layer[key]), name
                except (TypeError, ValueError) as exc:
                    log.warning("ignoring setting %s=%r: %s", key, layer[key], exc)
        return setting.default, "default"

    def set(self, key: str, value: Any) -> None:
        """Change a user setting; a locked one raises PermissionError with a readable reason."""
        if key in self.locked or BY_KEY[key].policy_only:
            raise PermissionError(f"{BY_KEY[key].label} is set by your organisation")
        self.user[key] = _coerce(BY_KEY[key], value)
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.user_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.user, indent=2), encoding="utf-8")
        tmp.replace(self.user_file)

    def server_allowed(self, url: str) -> bool:
        """A locked server address means no other server."""
        if "server_url" not in self.locked:
            return True
        return _same_server(url, str(self.get("server_url")))

    def feature(self, key: str) -> bool:
        return bool(self.get(key))


def _same_server(a: str, b: str) -> bool:
    def norm(url: str) -> tuple[str, str, int | None, str]:
        parts = urlsplit(url.strip())
        try:
            port = parts.port
        except ValueError:
            port = -1
        default = {"http": 80, "https": 443}.get(parts.scheme.lower())
        return (
            parts.scheme.lower(),
            (parts.hostname or "").lower(),
            port if port != default else None,
            parts.path.rstrip("/"),
        )

    return bool(a and b) and norm(a) == norm(b)
