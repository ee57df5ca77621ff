"""The token lives only in the keyring; a machine without one gets a clear message."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from kshare.client import credentials
from kshare.client.errors import KeyringUnavailable
from tests.support.file_keyring import MemoryKeyring


def test_token_round_trips_per_server_and_user(memory_keyring: MemoryKeyring) -> None:
    credentials.store_token("http://127.0.0.1:1/", "Ana", "tok-1")
    credentials.store_token("http://127.0.0.1:2", "ana", "tok-2")
    assert credentials.load_token("http://127.0.0.1:1", "ana") == "tok-1"
    assert credentials.load_token("http://127.0.0.1:2", "ANA") == "tok-2"
    assert {service for service, _ in memory_keyring.secrets} == {"kshare"}
    credentials.delete_token("http://127.0.0.1:1", "ana")
    credentials.delete_token("http://127.0.0.1:1", "ana")  # twice is fine
    assert credentials.load_token("http://127.0.0.1:1", "ana") is None


def test_failing_backend_names_the_environment_variable() -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable, match="PYTHON_KEYRING_BACKEND"):
        credentials.store_token("http://127.0.0.1:1", "ana", "secret-token")


def test_no_keyring_error_is_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.NoKeyringError("nothing here")

    keyring.set_keyring(Broken())
    with pytest.raises(KeyringUnavailable) as info:
        credentials.store_token("http://127.0.0.1:1", "ana", "secret-token")
    assert "PYTHON_KEYRING_BACKEND" in str(info.value)
    assert "secret-token" not in str(info.value)
