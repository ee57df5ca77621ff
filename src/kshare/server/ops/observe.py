"""Request ids, access log lines and Prometheus metrics for every request.

One pure ASGI middleware does all three, so streaming responses (the live event stream)
pass through untouched and are counted when they end. Metrics live in a registry of the
app's own, so several apps in one process (tests) never collide.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kshare import __version__
from kshare.protocol import routes as paths

access_log = logging.getLogger("kshare.access")
REQUEST_ID_HEADER = "X-Request-ID"
# An id a proxy hands in is kept only when it is short and plain, so logs cannot be forged.
_GOOD_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
# Latency buckets in seconds, from a cached feed page to a large upload.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class _PoolCollector(Collector):
    """The database connection pool, read when Prometheus scrapes."""

    def __init__(self, engines: Callable[[], Iterable[tuple[str, Engine]]]) -> None:
        self._engines = engines

    def collect(self) -> Iterable[GaugeMetricFamily]:
        checked_out = GaugeMetricFamily(
            "kshare_db_pool_connections_in_use", "Database connections in use", labels=["engine"]
        )
        size = GaugeMetricFamily(
            "kshare_db_pool_size", "Database connections the pool keeps", labels=["engine"]
        )
        for name, engine in self._engines():
            pool: Any = engine.pool
            if hasattr(pool, "checkedout"):
                checked_out.add_metric([name], float(pool.checkedout()))
            if hasattr(pool, "size"):
                size.add_metric([name], float(pool.size()))
        yield checked_out
        yield size


class Metrics:
    """The server's metrics, all named ``kshare_…``."""

    def __init__(self, engines: Callable[[], Iterable[tuple[str, Engine]]]) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "kshare_http_requests_total",
            "HTTP requests answered",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "kshare_http_request_duration_seconds",
            "Time to answer an HTTP request (for streams: how long they stayed open)",
            ["method", "route"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "kshare_errors_total",
            "Requests that failed inside the server (answered 500)",
            ["route"],
            registry=self.registry,
        )
        self.sync_pages = Counter(
            "kshare_sync_pages_served_total", "Change-feed pages served", registry=self.registry
        )
        self.purge_receipts = Counter(
            "kshare_purge_receipts_total",
            "Purge acknowledgements received from desktops",
            registry=self.registry,
        )
        self.live_streams = Gauge(
            "kshare_live_streams_active", "Open live event streams", registry=self.registry
        )
        Info("kshare_build", "The running kshare", registry=self.registry).info(
            {"version": __version__}
        )
        self.registry.register(_PoolCollector(engines))


def _route_of(scope: Scope) -> str:
    # Starlette records the matched route; its template keeps ids out of the labels.
    route = scope.get("route")
    template = getattr(route, "path", None)
    return template if isinstance(template, str) else "unmatched"


def _incoming_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = bytes(value).decode("latin-1")
            if _GOOD_ID.match(text):
                return text
    return uuid.uuid4().hex


class Observe:
    """Give each request an id, log it once, and count it."""

    def __init__(
        self,
        app: ASGIApp,
        metrics: Metrics,
        access: bool = True,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.access = access
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope)
        token = request_id.set(rid)
        started = self.clock()
        status = 500
        streaming = scope.get("path") == paths.EVENTS
        if streaming:
            self.metrics.live_streams.inc()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers", ()))
                headers.append((REQUEST_ID_HEADER.lower().encode(), rid.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if streaming:
                self.metrics.live_streams.dec()
            self._record(scope, status, self.clock() - started)
            request_id.reset(token)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        method = str(scope.get("method", ""))
        route = _route_of(scope)
        metrics = self.metrics
        metrics.requests.labels(method, route, str(status)).inc()
        metrics.latency.labels(method, route).observe(seconds)
        if status >= 500:
            metrics.errors.labels(route).inc()
        if 200 <= status < 300:
            if route == paths.FEED:
                metrics.sync_pages.inc()
            elif route == paths.PURGED:
                metrics.purge_receipts.inc()
        if self.access:
            client = scope.get("client")
            access_log.info(
                "%s %s %d",
                method,
                scope.get("path", ""),
                status,
                extra={
                    "method": method,
                    "path": scope.get("path", ""),
                    "route": route,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 2),
                    "client": client[0] if client else "",
                },
            )
