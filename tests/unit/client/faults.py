"""An httpx transport that breaks answers on purpose: drops, delays, truncates, corrupts.

Wraps any transport (the in-memory fake server or a real HTTP transport to the
server process), so the same faults can be thrown at both.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

FAULTS = ("drop_request", "drop_answer", "truncate", "corrupt", "status_500", "throttle", "delay")


@dataclass
class FaultyTransport(httpx.BaseTransport):
    inner: httpx.BaseTransport
    # Decides the fault for each request: None for a clean pass.
    plan: Callable[[httpx.Request], str | None] = lambda _request: None
    injected: list[str] = field(default_factory=list)
    delay_s: float = 0.05

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        fault = self.plan(request)
        if fault is not None:
            self.injected.append(f"{fault} {request.method} {request.url.path}")
        if fault == "drop_request":
            raise httpx.ConnectError("injected: connection refused", request=request)
        if fault == "status_500":
            return httpx.Response(500, json={"code": "internal", "message": "injected"})
        if fault == "throttle":
            return httpx.Response(
                429, headers={"Retry-After": "0"}, json={"code": "throttled", "message": "slow"}
            )
        if fault == "delay":
            time.sleep(self.delay_s)
        response = self.inner.handle_request(request)
        if fault is None or fault == "delay":
            return response
        body = response.read()
        response.close()
        if fault == "drop_answer":  # the server did the work; the answer never arrives
            raise httpx.ReadError("injected: connection reset", request=request)
        if fault == "truncate":
            body = body[: max(0, len(body) // 2)]
        elif fault == "corrupt" and body:
            data = bytearray(body)
            for _ in range(max(1, len(data) // 50)):
                data[random.randrange(len(data))] = random.randrange(32, 127)
            data[0] = ord("<")  # make sure it can never parse as the promised JSON
            body = bytes(data)
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        headers.pop("content-encoding", None)
        return httpx.Response(response.status_code, headers=headers, content=body)

    def close(self) -> None:
        self.inner.close()


def every_nth(
    n: int, fault: str, *, paths: tuple[str, ...] = ()
) -> Callable[[httpx.Request], str | None]:
    """A plan that breaks every n-th request (optionally only on some paths)."""
    count = 0

    def plan(request: httpx.Request) -> str | None:
        nonlocal count
        if paths and not request.url.path.startswith(paths):
            return None
        count += 1
        return fault if count % n == 0 else None

    return plan


def random_faults(
    rate: float, seed: int, kinds: tuple[str, ...] = FAULTS
) -> Callable[[httpx.Request], str | None]:
    rng = random.Random(seed)

    def plan(_request: httpx.Request) -> str | None:
        return rng.choice(kinds) if rng.random() < rate else None

    return plan
