"""The server's configuration: a TOML file and ``KSHARE_SERVER_*`` environment variables.

Precedence, highest first: command-line flags (for what is not secret), environment
variables, the configuration file, the defaults below. Secrets (a database password, the
metrics token) are read from the environment, the file, or a file named by ``*_file``,
never from the command line, where every user of the machine can read them in ``ps``.

Every field is documented in ``docs/operations.md``; a test keeps the two in step.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from kshare.server.settings import OidcSettings, Settings

CONFIG_ENV = "KSHARE_SERVER_CONFIG"
ENV_PREFIX = "KSHARE_SERVER_"
MAX_SECRET_FILE = 64 * 1024


class ConfigError(Exception):
    """The configuration cannot be used; the message names the key and the reason."""


class ServerConfig(BaseSettings):
    """What an operator may set. Field names are the TOML keys; env vars add the prefix."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, extra="forbid", frozen=True, validate_default=True
    )

    data_dir: Path = Field(description="folder for the embedded database, blobs and state")
    host: str = Field("127.0.0.1", description="address to listen on")
    port: int = Field(8750, ge=0, le=65535, description="port to listen on (0: any free one)")
    organisation: str = Field("", max_length=200, description="name shown to clients")
    database_url: SecretStr | None = Field(
        None, description="PostgreSQL URL; default: SQLite in data_dir"
    )
    database_url_file: Path | None = Field(
        None, description="file holding the database URL (for container secrets)"
    )
    blob_store: str | None = Field(
        None, description="a folder, or s3://BUCKET/PREFIX?endpoint_url=... (default: data_dir)"
    )
    max_upload_mb: int = Field(100, ge=1, le=10_240, description="largest shared file, in MB")
    token_minutes: int = Field(60, ge=1, le=24 * 60, description="access token lifetime")
    idle_days: int = Field(
        30, ge=1, le=3650, description="a device unused this long signs in again"
    )
    min_password_length: int = Field(10, ge=1, le=200, description="shortest password allowed")
    min_client_version: str = Field(
        "", max_length=40, description="desktops older than this must update"
    )
    recommended_client_version: str = Field(
        "", max_length=40, description="desktops older than this are told to update"
    )
    trusted_proxies: list[str] = Field(
        default_factory=list, description="load balancers whose X-Forwarded-For is believed"
    )
    tombstone_window_days: float = Field(
        90, gt=0, le=3650, description="how long deletions are kept in the change feed"
    )
    migrate_on_start: bool = Field(True, description="apply database migrations at start-up")
    log_format: Literal["json", "text"] = Field("json", description="log line format")
    log_level: Literal["debug", "info", "warning", "error"] = Field("info")
    access_log: bool = Field(True, description="log one line per request")
    metrics_token: SecretStr | None = Field(
        None, description="bearer token /metrics asks for; unset: /metrics is open"
    )
    metrics_token_file: Path | None = Field(None, description="file holding the metrics token")
    password_sign_in: bool = Field(
        True, description="allow signing in with a password (false: single sign-on only)"
    )
    oidc_issuer: str = Field(
        "", max_length=500, description="OpenID Connect issuer URL; unset: no single sign-on"
    )
    oidc_client_id: str = Field("", max_length=300, description="kshare's client id there")
    oidc_client_secret: SecretStr | None = Field(None, description="kshare's client secret")
    oidc_client_secret_file: Path | None = Field(None, description="file holding the secret")
    oidc_scopes: list[str] = Field(
        default_factory=lambda: ["openid", "profile", "email"],
        description="scopes asked for (add what your provider needs for the groups claim)",
    )
    oidc_username_claim: str = Field("preferred_username", max_length=100)
    oidc_display_name_claim: str = Field("name", max_length=100)
    oidc_email_claim: str = Field("email", max_length=100)
    oidc_groups_claim: str = Field("groups", max_length=100)
    oidc_required_group: str = Field(
        "", max_length=300, description="only members of this group may sign in"
    )
    oidc_create_groups: bool = Field(
        True, description="create groups the groups claim names that kshare lacks"
    )

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        scheme = urlsplit(value.get_secret_value()).scheme
        if not (scheme.startswith("postgresql") or scheme.startswith("sqlite")):
            raise ValueError("must be a postgresql:// (or sqlite:///) URL")
        return value

    @model_validator(mode="after")
    def _secret_files(self) -> ServerConfig:
        if self.database_url is not None and self.database_url_file is not None:
            raise ValueError("set database_url or database_url_file, not both")
        if self.metrics_token is not None and self.metrics_token_file is not None:
            raise ValueError("set metrics_token or metrics_token_file, not both")
        if self.oidc_client_secret is not None and self.oidc_client_secret_file is not None:
            raise ValueError("set oidc_client_secret or oidc_client_secret_file, not both")
        if self.oidc_issuer:
            from authlib.common.security import is_secure_transport

            # https, or http to this machine's loopback only (RFC 8252 7.3)
            if not is_secure_transport(self.oidc_issuer) or not self.oidc_client_id:
                raise ValueError("oidc_issuer needs an https:// URL and oidc_client_id")
            if self.oidc_client_secret is None and self.oidc_client_secret_file is None:
                raise ValueError("oidc_issuer needs oidc_client_secret or oidc_client_secret_file")
            if "openid" not in self.oidc_scopes:
                raise ValueError("oidc_scopes must include openid")
        elif not self.password_sign_in:
            raise ValueError("password_sign_in = false needs single sign-on (oidc_issuer)")
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if settings_cls.model_config.get("toml_file") is not None:
            sources.append(TomlConfigSettingsSource(settings_cls))
        return tuple(sources)

    def resolved_database_url(self) -> str | None:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        if self.database_url_file is not None:
            return _read_secret(self.database_url_file, "database_url_file")
        return None

    def resolved_metrics_token(self) -> str | None:
        if self.metrics_token is not None:
            return self.metrics_token.get_secret_value()
        if self.metrics_token_file is not None:
            return _read_secret(self.metrics_token_file, "metrics_token_file")
        return None

    def oidc(self) -> OidcSettings | None:
        if not self.oidc_issuer:
            return None
        if self.oidc_client_secret is not None:
            secret = self.oidc_client_secret.get_secret_value()
        else:
            assert self.oidc_client_secret_file is not None
            secret = _read_secret(self.oidc_client_secret_file, "oidc_client_secret_file")
        return OidcSettings(
            issuer=self.oidc_issuer.rstrip("/"),
            client_id=self.oidc_client_id,
            client_secret=secret,
            scopes=tuple(self.oidc_scopes),
            username_claim=self.oidc_username_claim,
            display_name_claim=self.oidc_display_name_claim,
            email_claim=self.oidc_email_claim,
            groups_claim=self.oidc_groups_claim,
            required_group=self.oidc_required_group,
            create_groups=self.oidc_create_groups,
        )

    def to_settings(self) -> Settings:
        """The frozen settings the app runs with."""
        return Settings(
            data_dir=self.data_dir,
            database_url=self.resolved_database_url(),
            organisation=self.organisation,
            blob_store=self.blob_store,
            max_blob_bytes=self.max_upload_mb * 1024 * 1024,
            token_ttl=timedelta(minutes=self.token_minutes),
            session_idle_timeout=timedelta(days=self.idle_days),
            password_min_length=self.min_password_length,
            trusted_proxies=tuple(self.trusted_proxies),
            min_client_version=self.min_client_version,
            recommended_client_version=self.recommended_client_version,
            tombstone_window=timedelta(days=self.tombstone_window_days),
            migrate_on_start=self.migrate_on_start,
            access_log=self.access_log,
            metrics_token=self.resolved_metrics_token(),
            oidc=self.oidc(),
            password_sign_in=self.password_sign_in,
        )


def _read_secret(path: Path, key: str) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SECRET_FILE + 1)
    except OSError as exc:
        raise ConfigError(f"{key}: cannot read {path}: {exc.strerror}") from exc
    if len(data) > MAX_SECRET_FILE:
        raise ConfigError(f"{key}: {path} is larger than a secret can be")
    try:
        text = data.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{key}: {path} is not UTF-8 text") from exc
    if not text:
        raise ConfigError(f"{key}: {path} is empty")
    return text


def config_file_from(path: Path | None, environ: dict[str, str] | None = None) -> Path | None:
    """The file named on the command line, else by ``KSHARE_SERVER_CONFIG``, else none."""
    if path is not None:
        return path
    value = (os.environ if environ is None else environ).get(CONFIG_ENV, "")
    return Path(value) if value else None


def load_config(path: Path | None, **flags: Any) -> ServerConfig:
    """Read the configuration; flags given on the command line (not None) win.

    Raises ``ConfigError`` with every problem named, never a traceback.
    """
    if path is not None and not path.is_file():
        raise ConfigError(f"configuration file {path} does not exist")
    given = {key: value for key, value in flags.items() if value is not None}
    config_class: type[ServerConfig] = ServerConfig
    if path is not None:
        # pydantic-settings reads the file's name from the class: make one for this file.
        config_class = type(
            "FileServerConfig",
            (ServerConfig,),
            {
                "model_config": SettingsConfigDict(
                    **{**ServerConfig.model_config, "toml_file": path}
                )
            },
        )
    try:
        return config_class(**given)
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None
    except ValueError as exc:  # a TOML syntax error surfaces as a plain ValueError
        raise ConfigError(f"configuration file {path}: {exc}") from None


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"]) or "configuration"
        problems.append(f"{key}: {error['msg']}")
    return "invalid configuration: " + "; ".join(problems)


def password_in_url(url: str) -> bool:
    """Whether a URL carries a password (which must not be passed as a flag)."""
    try:
        return bool(urlsplit(url).password)
    except ValueError:
        return False
