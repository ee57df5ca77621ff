"""What the desktop's start loads: the cache and the window, not the network or the keyring.

The modules named here cost hundreds of milliseconds before the first paint and are
needed only once the desktop talks to its server (httpx, and through it its command-line
extras) or reads a token (keyring), so they load on that first use. Each check runs in a
fresh interpreter, where nothing was imported before.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

DEFERRED = ("httpx", "keyring", "rich", "click")


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(done.stdout.split())


@pytest.mark.parametrize(
    "statement",
    [
        "import kshare.client.services",
        "import kshare.client.services\nimport kshare.ui.app",
    ],
)
def test_start_up_leaves_the_network_and_the_keyring_unloaded(statement: str) -> None:
    loaded = _loaded_after(statement)
    imported = statement.split()[-1]
    assert imported in loaded  # the statement did import what it names
    assert [name for name in DEFERRED if name in loaded] == []


def test_the_check_sees_a_module_that_is_loaded() -> None:
    assert "httpx" in _loaded_after(
        "from kshare.client.sync.api import ApiClient\nApiClient('https://example.invalid')"
    )
