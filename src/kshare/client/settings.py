"""Desktop settings: one declared schema, read in layers.

Defaults < the system-wide managed policy file IT installs < the user's
``settings.json`` in the profile < environment variables (``KSHARE_<KEY>``).
A key the policy lists under ``locked`` keeps the policy's value whatever the
user or the environment says. Secrets are never settings: they live in the
keyring.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from kshare.client.paths import APP_NAME

log = logging.getLogger(__name__)

POLICY_ENV = "KSHARE_POLICY_FILE"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    choices: tuple[str, ...] = ()


SCHEMA: tuple[Setting, ...] = (
    Setting("server_url", str, "", "Company kshare server"),
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
)
BY_KEY = {setting.key: setting for setting in SCHEMA}


def default_policy_file() -> Path:
    override = os.environ.get(POLICY_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "policy.json"


def _coerce(setting: Setting, value: Any) -> Any:
    if setting.type is int:
        value = int(value)
    elif setting.type is bool:
        value = value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
    else:
        value = str(value)
    if setting.choices and value not in setting.choices:
        raise ValueError(f"{setting.key} must be one of {', '.join(setting.choices)}")
    return value


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

    def __init__(self, user_file: Path, policy_file: Path | None = None) -> None:
        self.user_file = user_file
        policy = _read_json(policy_file or default_policy_file())
        self.policy: dict[str, Any] = dict(policy.get("values", {}))
        self.locked: frozenset[str] = frozenset(policy.get("locked", []))
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
        if key not in self.locked:
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
                except ValueError as exc:
                    log.warning("ignoring setting %s=%r: %s", key, layer[key], exc)
        return setting.default, "default"

    def set(self, key: str, value: Any) -> None:
        """Change a user setting; a locked one raises PermissionError with a readable reason."""
        if key in self.locked:
            raise PermissionError(f"{BY_KEY[key].label} is set by your organisation")
        self.user[key] = _coerce(BY_KEY[key], value)
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.user_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.user, indent=2), encoding="utf-8")
        tmp.replace(self.user_file)
