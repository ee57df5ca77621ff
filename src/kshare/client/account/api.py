"""The account calls of the kshare API: sign in as a named device, devices, password."""

from __future__ import annotations

import platform

from kshare import __version__
from kshare.client.sync.api import ApiClient
from kshare.protocol import routes
from kshare.protocol.schemas import DeviceOut, LoginRequest, LoginResponse, PasswordChange


def this_device() -> dict[str, str]:
    """How this desktop names itself in the person's list of devices."""
    return {
        "host_name": (platform.node() or "this computer")[:200],
        "platform": f"{platform.system()} {platform.release()}".strip()[:100],
        "app_version": __version__[:50],
    }


def sign_in(api: ApiClient, username: str, password: str, device_key: str) -> LoginResponse:
    body = LoginRequest(
        username=username,
        password=password,
        device=f"kshare desktop on {this_device()['host_name']}"[:200],
        device_key=device_key,
        **this_device(),
    )
    return api.request(  # type: ignore[no-any-return]
        "POST",
        routes.LOGIN,
        content=body.model_dump_json(),
        headers={"Content-Type": "application/json"},
        parse=api.parser(LoginResponse),
    )


def devices(api: ApiClient) -> list[DeviceOut]:
    return api.request(  # type: ignore[no-any-return]
        "GET", routes.DEVICES, parse=api.list_parser(DeviceOut)
    )


def sign_out_device(api: ApiClient, session_id: str) -> None:
    api.request("DELETE", f"{routes.DEVICES}/{session_id}")


def change_password(api: ApiClient, current: str, new: str) -> None:
    body = PasswordChange(current_password=current, new_password=new)
    api.request(
        "PUT",
        routes.PASSWORD,
        content=body.model_dump_json(),
        headers={"Content-Type": "application/json"},
    )
