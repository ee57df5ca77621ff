"""The server advertises the desktop versions it accepts; the person is told where to update."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kshare.client.policy import POLICY_ENV
from kshare.client.services import ServerUnreachable, Workspace
from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"
DOWNLOADS = "https://intranet.corp.example/software/kshare"


@pytest.fixture(autouse=True)
def company_download_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"values": {"download_url": DOWNLOADS}}))
    monkeypatch.setenv(POLICY_ENV, str(policy))


def signed_in(server: ServerProcess, profile: Path) -> Workspace:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
    workspace = Workspace.open(profile)
    workspace.login(server.url, "ana", PASSWORD)
    return workspace


def test_a_recommended_version_is_announced_in_the_app_and_in_kshare_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kshare.client.commands import run_status

    server = ServerProcess(
        tmp_path / "server", extra_args=["--recommended-client-version", "999.0"]
    ).start()
    try:
        workspace = signed_in(server, tmp_path / "ana")
        report = workspace.sync()
        workspace.close()
    finally:
        server.stop()
    assert report.status.state == "idle"
    assert "kshare 999.0 is available" in report.status.message
    assert DOWNLOADS in report.status.message

    class Args:
        profile = str(tmp_path / "ana")

    assert run_status(Args()) == 0  # type: ignore[arg-type]
    printed = capsys.readouterr().out
    assert "Update: kshare 999.0 is available" in printed and DOWNLOADS in printed


def test_a_desktop_older_than_the_minimum_stops_syncing_and_says_where_to_update(
    tmp_path: Path,
) -> None:
    server = ServerProcess(tmp_path / "server", extra_args=["--min-client-version", "999.0"])
    server.start()
    try:
        with AdminTools(server.data_dir) as admin:
            admin.add_user("ana", "Ana Souza", PASSWORD)
        workspace = Workspace.open(tmp_path / "ana")
        with pytest.raises(ServerUnreachable, match="too old") as refused:
            workspace.login(server.url, "ana", PASSWORD)
        assert DOWNLOADS in str(refused.value)
        workspace.close()
    finally:
        server.stop()
