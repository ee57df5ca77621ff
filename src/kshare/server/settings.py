"""Server settings: one frozen object built by the CLI (or a test) and handed to the app."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from kshare.clock import SYSTEM, Clock, ShiftedClock


def _fast_hash_requested() -> bool:
    # Test harnesses start many servers; full-strength argon2 (~130 ms) would dominate them.
    return os.environ.get("KSHARE_TEST_FAST_HASH", "") not in ("", "0")


CLOCK_FILE_ENV = "KSHARE_TEST_CLOCK_FILE"


def _clock_from_environment() -> Clock:
    # Test harnesses that start a server process move its time through a file they share
    # with it (``ShiftedClock``); a real server has no such variable and reads the system.
    shift_file = os.environ.get(CLOCK_FILE_ENV, "")
    return ShiftedClock(Path(shift_file)) if shift_file else SYSTEM


@dataclass(frozen=True)
class HashParams:
    """argon2id cost parameters."""

    time_cost: int = 3
    memory_cost: int = 65536  # KiB
    parallelism: int = 4

    @classmethod
    def fast(cls) -> HashParams:
        """Cheap parameters for tests only: never use them for real accounts."""
        return cls(time_cost=1, memory_cost=1024, parallelism=1)


@dataclass(frozen=True)
class OidcSettings:
    """Single sign-on with an OpenID Connect provider (Entra ID, Okta, Keycloak, ...)."""

    issuer: str  # its discovery document is at ISSUER/.well-known/openid-configuration
    client_id: str
    client_secret: str
    scopes: tuple[str, ...] = ("openid", "profile", "email")
    username_claim: str = "preferred_username"
    display_name_claim: str = "name"
    email_claim: str = "email"
    groups_claim: str = "groups"
    # Only members of this group (as the groups claim names it) may sign in; someone the
    # provider no longer lists in it is treated as a leaver. "" lets everyone in.
    required_group: str = ""
    # Groups the claim names that kshare does not have yet are created (as closed teams).
    create_groups: bool = True


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str | None = None
    organisation: str = ""
    # An access token lives this long and is then refreshed without the person noticing;
    # a device session unused for the idle timeout, or older than its lifetime, ends.
    token_ttl: timedelta = timedelta(hours=1)
    session_idle_timeout: timedelta = timedelta(days=30)
    session_lifetime: timedelta = timedelta(days=180)
    # Addresses or networks (CIDR) of the load balancers in front of this server: only
    # their X-Forwarded-For is believed. Empty: the connecting address is the client.
    trusted_proxies: tuple[str, ...] = ()
    password_min_length: int = 10
    # Where every "now" of the server comes from: tests hand in a ManualClock.
    clock: Clock = field(default_factory=_clock_from_environment)
    hash_params: HashParams = field(
        default_factory=lambda: HashParams.fast() if _fast_hash_requested() else HashParams()
    )
    # Sign-in throttling: failures allowed per window, per username and per client address.
    login_window: timedelta = timedelta(minutes=5)
    login_max_failures_per_user: int = 5
    login_max_failures_per_address: int = 30
    max_request_bytes: int = 1_000_000  # JSON bodies; schemas cap a body at 200k characters
    max_blob_bytes: int = 100 * 1024 * 1024
    blob_store: str | None = None  # a folder or s3:// URL; default: ``blobs`` in the data dir
    tombstone_window: timedelta = timedelta(days=90)
    prune_every: timedelta = timedelta(hours=6)  # how often a running server forgets old ones
    keepalive_seconds: float = 15.0
    change_poll_seconds: float = 0.25  # how often to notice commits made by other processes
    migrate_on_start: bool = True
    access_log: bool = True  # one log line per request
    metrics_token: str | None = None  # bearer token /metrics asks for; None leaves it open
    # Desktop versions this server advertises: older than the minimum must update, older
    # than the recommended one is told about it ("" advertises nothing).
    min_client_version: str = ""
    recommended_client_version: str = ""
    oidc: OidcSettings | None = None  # None: no single sign-on
    password_sign_in: bool = True  # False: only single sign-on (and SCIM) make accounts usable

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'kshare-server.sqlite3'}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"
