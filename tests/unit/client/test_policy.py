"""The managed policy holds: fixed system paths, locks, the environment-variable rule."""

from __future__ import annotations

import json
import logging
import plistlib
from pathlib import Path

import pytest

from kshare.client.errors import ServerNotAllowed, TurnedOffByPolicy
from kshare.client.policy import (
    LINUX_POLICY_FILE,
    MACOS_MANAGED_PLIST,
    POLICY_ENV,
    Policy,
    effective_policy,
    read_json_policy,
    system_policy,
)
from kshare.client.services import Workspace
from kshare.client.settings import Settings


def write_policy(path: Path, values: dict, locked: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"values": values, "locked": locked}), encoding="utf-8")
    return path


def linux_root(tmp_path: Path, values: dict, locked: list[str]) -> Path:
    root = tmp_path / "root"
    write_policy(root / LINUX_POLICY_FILE.relative_to("/"), values, locked)
    return root


def test_the_linux_system_policy_is_read_from_the_documented_path_whatever_xdg_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_DIRS", "/etc/xdg/xdg-ubuntu:/etc/xdg")
    root = linux_root(tmp_path, {"server_url": "https://kshare.corp.example"}, ["server_url"])
    policy = system_policy("linux", root)
    assert policy.origins == (str(root / "etc/xdg/kshare/policy.json"),)
    assert policy.locked == {"server_url"}


def test_the_environment_cannot_drop_a_system_policy_in_an_installed_build(
    tmp_path: Path,
) -> None:
    root = linux_root(tmp_path, {"server_url": "https://kshare.corp.example"}, ["server_url"])
    system = system_policy("linux", root)
    chosen = effective_policy(system=system, development=False, environ={POLICY_ENV: "/dev/null"})
    assert chosen.locked == {"server_url"}
    settings = Settings(tmp_path / "settings.json", policy=chosen)
    assert settings.get("server_url") == "https://kshare.corp.example"
    assert not settings.server_allowed("https://evil.example")


def test_the_environment_may_point_to_a_policy_in_a_development_build_or_without_one(
    tmp_path: Path,
) -> None:
    mine = write_policy(tmp_path / "mine.json", {"blob_cache_mb": 512}, ["blob_cache_mb"])
    root = linux_root(tmp_path, {"server_url": "https://kshare.corp.example"}, ["server_url"])
    environ = {POLICY_ENV: str(mine)}
    in_checkout = effective_policy(
        system=system_policy("linux", root), development=True, environ=environ
    )
    assert in_checkout.locked == {"blob_cache_mb"}
    no_system = effective_policy(system=Policy(), development=False, environ=environ)
    assert no_system.values == {"blob_cache_mb": 512}


def test_a_locked_value_beats_the_user_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = Policy({"blob_policy": "lazy", "proxy": "none"}, frozenset({"blob_policy"}), ("t",))
    user = tmp_path / "settings.json"
    user.write_text(json.dumps({"blob_policy": "eager", "proxy": "http://mine:3128"}))
    monkeypatch.setenv("KSHARE_BLOB_POLICY", "eager")
    settings = Settings(user, policy=policy)
    assert (settings.get("blob_policy"), settings.source("blob_policy")) == ("lazy", "policy")
    assert settings.get("proxy") == "http://mine:3128"  # not locked: the person's choice
    with pytest.raises(PermissionError):
        settings.set("blob_policy", "eager")


def test_only_the_organisation_turns_features_on_or_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KSHARE_EXPERTS_ENABLED", "1")
    monkeypatch.setenv("KSHARE_ALLOW_PLAIN_HTTP", "1")
    settings = Settings(tmp_path / "s.json", policy=Policy({"experts_enabled": False}))
    assert settings.get("experts_enabled") is False
    assert settings.get("allow_plain_http") is False
    with pytest.raises(PermissionError):
        settings.set("experts_enabled", True)


def test_an_invalid_policy_is_logged_and_safe_defaults_apply(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "policy.json"
    broken.write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        policy = read_json_policy(broken)
    assert "not valid JSON" in caplog.text
    assert policy.present and not policy.values  # still present: the environment cannot win
    bad_values = Policy(
        {"blob_cache_mb": "lots", "server_url": "ftp://x", "nonsense": 1, "update_channel": "x"},
        frozenset({"blob_cache_mb", "server_url"}),
        ("t",),
    )
    with caplog.at_level(logging.WARNING):
        settings = Settings(tmp_path / "s.json", policy=bad_values)
    assert settings.get("blob_cache_mb") == 2048
    assert settings.get("update_channel") == "stable"
    assert "blob_cache_mb='lots' is invalid" in caplog.text
    assert "unknown setting 'nonsense'" in caplog.text
    assert not settings.server_allowed("https://anything.example")  # locked, to no server


def test_a_macos_configuration_profile_locks_its_keys(tmp_path: Path) -> None:
    plist = tmp_path / "root" / MACOS_MANAGED_PLIST.relative_to("/")
    plist.parent.mkdir(parents=True)
    plist.write_bytes(
        plistlib.dumps(
            {
                "server_url": "https://kshare.corp.example",
                "experts_enabled": False,
                "Recommended": {"blob_cache_mb": 4096},
                "PayloadUUID": "ignored",
            }
        )
    )
    policy = system_policy("darwin", tmp_path / "root")
    assert policy.locked == {"server_url", "experts_enabled"}
    settings = Settings(tmp_path / "s.json", policy=policy)
    assert settings.get("blob_cache_mb") == 4096
    settings.set("blob_cache_mb", 1024)
    assert settings.get("blob_cache_mb") == 1024


@pytest.fixture
def locked_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    policy = write_policy(
        tmp_path / "policy.json",
        {
            "server_url": "https://kshare.corp.example",
            "experts_enabled": False,
            "publish_to_organisation_enabled": False,
            "support_contact": "it-help@corp.example",
        },
        ["server_url"],
    )
    monkeypatch.setenv(POLICY_ENV, str(policy))  # honoured: tests run from the checkout
    workspace = Workspace.open(tmp_path / "profile")
    yield workspace
    workspace.close()


def test_sign_in_to_another_server_is_refused_when_the_server_is_locked(
    locked_workspace: Workspace,
) -> None:
    with pytest.raises(ServerNotAllowed) as refused:
        locked_workspace.login("https://kshare.other.example", "ana", "secret")
    assert "only the kshare server https://kshare.corp.example" in str(refused.value)
    assert "it-help@corp.example" in str(refused.value)
    assert locked_workspace.account is None


def test_features_turned_off_by_the_policy_are_refused(locked_workspace: Workspace) -> None:
    with pytest.raises(TurnedOffByPolicy, match="Finding experts"):
        locked_workspace.experts("kubernetes")
    with pytest.raises(TurnedOffByPolicy, match="whole organisation"):
        locked_workspace.publish(title="t", body="b", audience=["org"])


ROOT = Path(__file__).resolve().parents[3]


def test_the_group_policy_template_offers_every_setting_it_manages() -> None:
    import xml.etree.ElementTree as ET

    from kshare.client.settings import BY_KEY

    admx = ET.parse(ROOT / "packaging" / "windows" / "admx" / "kshare.admx")
    names = {el.get("name") for el in admx.iter() if el.tag.endswith("}policy")}
    tuning = {"poll_interval_s", "reconcile_interval_h", "page_size"}
    # a person's own taste: which inbox kinds to announce, the Home feed's mix, light or dark
    personal = {k for k in BY_KEY if k.startswith("notify_") and k != "notify_desktop"}
    personal |= {"home_mix", "appearance"}
    assert names == set(BY_KEY) - tuning - personal
    adml = (ROOT / "packaging" / "windows" / "admx" / "en-US" / "kshare.adml").read_text()
    assert all(f'<string id="{name}">' in adml for name in names)


def test_the_example_configuration_profile_reads_as_a_locked_policy(tmp_path: Path) -> None:
    profile = plistlib.loads((ROOT / "packaging/macos/kshare.mobileconfig.example").read_bytes())
    managed = tmp_path / "io.kshare.Desktop.plist"
    managed.write_bytes(plistlib.dumps(profile["PayloadContent"][0]))
    from kshare.client.policy import read_plist_policy

    settings = Settings(tmp_path / "s.json", policy=read_plist_policy(managed))
    assert "server_url" in settings.locked and "blob_cache_mb" not in settings.locked
    assert settings.get("wipe_after_offline_days") == 30


def test_the_example_policy_file_is_valid(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    example = read_json_policy(ROOT / "packaging" / "policy" / "policy.example.json")
    with caplog.at_level(logging.WARNING):
        settings = Settings(tmp_path / "s.json", policy=example)
    assert caplog.text == ""
    assert settings.locked == {"server_url", "wipe_after_offline_days", "proxy"}
