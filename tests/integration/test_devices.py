"""Device sessions end to end: list, sign out, wipe, leavers, silent renewal, passwords."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import keyring
import pytest

from kshare.client import credentials
from kshare.client.errors import NotSignedIn, UserFacingError
from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.disk import files_containing
from tests.support.file_keyring import MemoryKeyring
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"
SECRET = "xylocarp roadmap"


@contextmanager
def other_computer(own: MemoryKeyring) -> Iterator[None]:
    """Run as on another computer: one account on two computers has two keyrings."""
    previous = keyring.get_keyring()
    keyring.set_keyring(own)
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def _expire_access_tokens(server: ServerProcess) -> None:
    """As if an hour had passed: every access token of the server has run out."""
    past = (datetime.now(UTC) - timedelta(minutes=1)).replace(tzinfo=None)
    with sqlite3.connect(server.data_dir / "kshare-server.sqlite3") as conn:
        conn.execute("UPDATE tokens SET expires_at = ?", (past.isoformat(" "),))


def test_devices_are_listed_and_one_signs_out_another(
    server: ServerProcess, tmp_path: Path
) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
    laptop, desktop = Workspace.open(tmp_path / "laptop"), Workspace.open(tmp_path / "desktop")
    try:
        elsewhere = MemoryKeyring()
        laptop.login(server.url, "ana", PASSWORD)
        with other_computer(elsewhere):
            desktop.login(server.url, "ana", PASSWORD)
        devices = laptop.devices()
        assert len(devices) == 2
        assert [d.current for d in devices].count(True) == 1
        assert all(d.host_name and d.platform and d.app_version for d in devices)
        other = next(d for d in devices if not d.current)
        laptop.sign_out_device(other.id)
        with other_computer(elsewhere):
            assert desktop.sync().status.state == "auth_required"
        assert [d.id for d in laptop.devices()] != [other.id]
        assert len(laptop.devices()) == 1
        with AdminTools(server.data_dir) as admin:
            listed = {d["id"]: d["state"] for d in admin.devices("ana")}
        assert listed[other.id].startswith("signed out")
    finally:
        laptop.close()
        desktop.close()


def test_an_expired_access_token_is_renewed_without_the_person_noticing(
    server: ServerProcess, tmp_path: Path
) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
    ana = Workspace.open(tmp_path / "ana")
    try:
        ana.login(server.url, "ana", PASSWORD)
        before = credentials.load_session(server.url, "ana")
        _expire_access_tokens(server)
        assert ana.sync().status.state == "idle"
        after = credentials.load_session(server.url, "ana")
        assert after is not None and before is not None
        assert after[0] != before[0] and after[1] != before[1]  # both rotated
        _expire_access_tokens(server)
        ana.publish(title="Still signed in", body="after two renewals", audience=["org"])
        assert ana.sync().status.state == "idle" and ana.pending_count() == 0
        assert len(ana.devices()) == 1  # renewal keeps the one device session
    finally:
        ana.close()


def test_a_request_whose_token_a_renewal_ended_on_the_way_is_sent_again_with_the_new_one(
    server: ServerProcess, tmp_path: Path
) -> None:
    """Two requests of one desktop out at once, the other one renewing: this one's token is
    revoked by the renewal, and it must not sign the person out."""
    from kshare.client.account.session_auth import SessionAuth
    from kshare.protocol import routes
    from kshare.protocol.schemas import LoginResponse

    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
    ana = Workspace.open(tmp_path / "ana")
    try:
        ana.login(server.url, "ana", PASSWORD)
        pair = credentials.load_session(server.url, "ana")
        assert pair is not None
        renewed = httpx.post(f"{server.url}{routes.REFRESH}", json={"refresh_token": pair[1]})
        assert renewed.status_code == 200  # the old access token is revoked from now on
        new = LoginResponse.model_validate_json(renewed.content)

        def renewal_lands(_response: httpx.Response) -> None:
            # the other request's renewal is stored while this one's answer comes back
            credentials.store_session(server.url, "ana", new.token, new.refresh_token)

        sent: list[str] = []
        with httpx.Client(
            base_url=server.url,
            auth=SessionAuth(server.url, "ana"),
            event_hooks={
                "request": [lambda r: sent.append(r.headers["Authorization"])],
                "response": [renewal_lands],
            },
        ) as client:
            answer = client.get(routes.FOLLOWS)
        assert answer.status_code == 200
        assert sent == [f"Bearer {pair[0]}", f"Bearer {new.token}"]
        assert credentials.load_session(server.url, "ana") == (new.token, new.refresh_token)

        stale = httpx.get(  # a revoked token with no newer pair behind it is refused still
            f"{server.url}{routes.FOLLOWS}", headers={"Authorization": f"Bearer {pair[0]}"}
        )
        assert stale.status_code == 401
    finally:
        ana.close()


def test_a_wiped_device_forgets_everything_at_next_contact_and_says_why(
    server: ServerProcess, tmp_path: Path
) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
    ana = Workspace.open(tmp_path / "ana")
    try:
        ana.login(server.url, "ana", PASSWORD)
        ana.publish(title="Plans", body=f"The {SECRET} for next year.", audience=["org"])
        assert ana.sync().status.state == "idle"
        assert files_containing(ana.paths.root, SECRET)
        session_id = ana.devices()[0].id
        with AdminTools(server.data_dir) as admin:
            admin.wipe_device(session_id)
        report = ana.sync()
        assert report.status.state == "signed_out"
        assert "administrator removed kshare's data" in report.status.message
        assert files_containing(ana.paths.root, SECRET) == []
        with AdminTools(server.data_dir) as admin:
            assert admin.devices("ana")[0]["state"] == "wiped"
            actions = [(e["action"], e["detail"].get("by")) for e in admin.audit_log()]
        assert ("device_wiped", admin.actor) in actions
        assert any(action == "device_wipe_delivered" for action, _by in actions)
    finally:
        ana.close()


def test_a_leaver_is_wiped_everywhere_their_content_stays_and_is_handed_over(
    server: ServerProcess, tmp_path: Path
) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
        admin.add_user("bo", "Bo Lindqvist", PASSWORD)
        admin.add_group("SRE")
        admin.add_member("SRE", "ana", owner=True)
    ana, laptop = Workspace.open(tmp_path / "ana"), Workspace.open(tmp_path / "ana-laptop")
    bo = Workspace.open(tmp_path / "bo")
    try:
        elsewhere = MemoryKeyring()
        ana.login(server.url, "ana", PASSWORD)
        with other_computer(elsewhere):
            laptop.login(server.url, "ana", PASSWORD)
        bo.login(server.url, "bo", PASSWORD)
        item_id = ana.publish(title="Runbook", body=f"The {SECRET}.", audience=["private"])
        assert ana.sync().status.state == "idle"
        with other_computer(elsewhere):
            assert laptop.sync().status.state == "idle"
            assert files_containing(laptop.paths.root, SECRET)
        old_token = credentials.load_token(server.url, "ana")

        with AdminTools(server.data_dir) as admin:
            admin.disable_user("ana")
            moved = admin.transfer("ana", "bo")
        assert moved == {"items": 1, "groups": 1}
        assert ana.sync().status.state == "signed_out"
        with other_computer(elsewhere):
            assert laptop.sync().status.state == "signed_out"
        for desktop in (ana, laptop):
            assert files_containing(desktop.paths.root, SECRET) == []

        assert bo.sync().status.state == "idle"
        handed = bo.item(item_id)
        assert handed is not None and handed.summary.author_name == "Ana Souza"  # attributed
        bo.edit(item_id, body="Bo keeps it current now.")
        assert bo.sync().status.state == "idle" and not bo.unpublished()

        with AdminTools(server.data_dir) as admin:
            admin.enable_user("ana")
            groups = {g["name"]: g for g in admin.list_groups()}
        assert groups["SRE"]["members"] == 2
        again = httpx.get(
            f"{server.url}/api/v1/me", headers={"Authorization": f"Bearer {old_token}"}
        )
        assert again.status_code in (401, 403)  # an old token never comes back
        assert again.status_code != 200
    finally:
        for desktop in (ana, laptop, bo):
            desktop.close()


def test_changing_the_password_signs_the_other_devices_out(
    server: ServerProcess, tmp_path: Path
) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
    laptop, desktop = Workspace.open(tmp_path / "laptop"), Workspace.open(tmp_path / "desktop")
    try:
        elsewhere = MemoryKeyring()
        laptop.login(server.url, "ana", PASSWORD)
        with other_computer(elsewhere):
            desktop.login(server.url, "ana", PASSWORD)
        with pytest.raises(UserFacingError, match="at least 10"):
            laptop.change_password(PASSWORD, "short")
        with pytest.raises(UserFacingError, match="most common"):
            laptop.change_password(PASSWORD, "Password2026!")
        with pytest.raises(UserFacingError, match="current password"):
            laptop.change_password("not my password", "violet staircase at noon")
        laptop.change_password(PASSWORD, "violet staircase at noon")
        assert laptop.sync().status.state == "idle"  # this device stays signed in
        with other_computer(elsewhere):
            assert desktop.sync().status.state == "auth_required"
            with pytest.raises(NotSignedIn):
                desktop.devices()
            desktop.login(server.url, "ana", "violet staircase at noon")
            assert desktop.sync().status.state == "idle"
    finally:
        laptop.close()
        desktop.close()
