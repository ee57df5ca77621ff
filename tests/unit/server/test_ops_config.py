"""The server's configuration: file, environment and flags, in that order of strength."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from kshare.server.ops.config import (
    ConfigError,
    ServerConfig,
    config_file_from,
    load_config,
    password_in_url,
)

DOCS = Path(__file__).resolve().parents[3] / "docs" / "operations.md"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("KSHARE_SERVER_"):
            monkeypatch.delenv(name)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_file_environment_and_flags_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file = write(
        tmp_path / "server.toml",
        f'data_dir = "{tmp_path / "data"}"\nport = 9000\norganisation = "Acme"\n'
        "token_minutes = 7\nmax_upload_mb = 20\n",
    )
    monkeypatch.setenv("KSHARE_SERVER_PORT", "9100")
    config = load_config(config_file, organisation="Acme Corp", port=None)
    assert config.port == 9100  # the environment beats the file
    assert config.organisation == "Acme Corp"  # a flag beats both
    settings = config.to_settings()
    assert settings.data_dir == tmp_path / "data"
    assert settings.token_ttl == timedelta(minutes=7)
    assert settings.max_blob_bytes == 20 * 1024 * 1024


def test_the_file_can_be_named_by_the_environment(tmp_path: Path) -> None:
    assert config_file_from(None, {"KSHARE_SERVER_CONFIG": str(tmp_path / "a.toml")}) == (
        tmp_path / "a.toml"
    )
    assert config_file_from(tmp_path / "b.toml", {"KSHARE_SERVER_CONFIG": "x"}) == (
        tmp_path / "b.toml"
    )
    assert config_file_from(None, {}) is None


def test_secrets_come_from_a_file_and_never_show(tmp_path: Path) -> None:
    secret = write(tmp_path / "db-url", "postgresql://kshare:s3cret@db/kshare\n")
    config = load_config(None, data_dir=tmp_path, database_url_file=secret)
    assert config.to_settings().database_url == "postgresql://kshare:s3cret@db/kshare"
    assert "s3cret" not in repr(config)
    assert "s3cret" not in str(load_config(None, data_dir=tmp_path, database_url=None))


def test_a_password_on_the_command_line_is_recognised() -> None:
    assert password_in_url("postgresql://kshare:pw@db/kshare")
    assert not password_in_url("postgresql://kshare@db/kshare")
    assert not password_in_url("postgresql+psycopg://[::1/kshare")  # malformed, no crash


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("port = 70000\n", "port"),
        ('log_format = "xml"\n', "log_format"),
        ("no_such_key = 1\n", "no_such_key"),
        ('database_url = "mysql://x/y"\n', "database_url"),
        ("port = [\n", "server.toml"),
    ],
)
def test_a_bad_file_is_refused_with_the_key_named(tmp_path: Path, text: str, named: str) -> None:
    config_file = write(tmp_path / "server.toml", f'data_dir = "{tmp_path}"\n{text}')
    with pytest.raises(ConfigError, match=re.escape(named)):
        load_config(config_file)


def test_a_missing_file_or_data_dir_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "absent.toml")
    with pytest.raises(ConfigError, match="data_dir"):
        load_config(None)


def test_an_empty_or_huge_secret_file_is_refused(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty", "\n")
    with pytest.raises(ConfigError, match="empty"):
        load_config(None, data_dir=tmp_path, metrics_token_file=empty).to_settings()
    huge = tmp_path / "huge"
    huge.write_bytes(b"x" * (65 * 1024))
    with pytest.raises(ConfigError, match="larger"):
        load_config(None, data_dir=tmp_path, metrics_token_file=huge).to_settings()


def test_every_key_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [name for name in ServerConfig.model_fields if f"`{name}`" not in text]
    assert missing == [], f"docs/operations.md does not describe: {missing}"
