"""Who the client really is behind proxies, and which new passwords are refused."""

from __future__ import annotations

import pytest

from kshare.server.identity.addresses import client_address, parse_networks
from kshare.server.identity.password_policy import WeakPassword, check_password

PROXIES = ("10.0.0.0/24", "192.0.2.1")


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.5", ["198.51.100.1"], "203.0.113.5"),  # not a proxy: header ignored
        ("10.0.0.7", ["198.51.100.1"], "198.51.100.1"),
        ("10.0.0.7", ["6.6.6.6, 198.51.100.1"], "198.51.100.1"),  # forged left part skipped
        ("10.0.0.7", ["198.51.100.1, 192.0.2.1"], "198.51.100.1"),  # two proxies of ours
        ("10.0.0.7", ["198.51.100.1", "10.0.0.9"], "198.51.100.1"),  # two header lines
        ("10.0.0.7", [], "10.0.0.7"),
        ("10.0.0.7", ["not-an-address"], "10.0.0.7"),
        ("10.0.0.7", ["10.0.0.8"], "10.0.0.8"),  # all inside: the first hop is the client
    ],
)
def test_forwarded_for_is_believed_only_from_trusted_proxies(
    peer: str, forwarded: list[str], expected: str
) -> None:
    assert client_address(peer, forwarded, PROXIES) == expected


def test_no_trusted_proxies_means_the_peer() -> None:
    assert client_address("10.0.0.7", ["198.51.100.1"], ()) == "10.0.0.7"


def test_a_bad_proxy_setting_is_named() -> None:
    with pytest.raises(ValueError, match="not-a-net"):
        parse_networks(["10.0.0.0/8", "not-a-net"])


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "at least 10"),
        ("password123", "most common"),
        ("Password2026!", "most common"),
        ("qwertyuiop", "most common"),
        ("1234567890", "most common"),
        ("zzzzzzzzzzzz", "different characters"),
        ("ana-is-my-login", "user name"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password: str, reason: str) -> None:
    with pytest.raises(WeakPassword, match=reason):
        check_password(password, min_length=10, username="ana")


def test_a_long_uncommon_password_passes() -> None:
    check_password("violet staircase at noon", min_length=10, username="ana")
