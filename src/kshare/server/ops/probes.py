"""``/healthz`` (the process answers) and ``/readyz`` (it can serve: database reachable,
schema current, blob store reachable), and ``/metrics`` for Prometheus.

They are left out of the API's OpenAPI document: they are for load balancers and
monitoring, not for desktops.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from kshare import __version__

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
HEALTHZ = "/healthz"
READYZ = "/readyz"
METRICS = "/metrics"
_PROBE_SHA = "0" * 64  # asking whether a blob exists reaches the store without reading data


@router.get(HEALTHZ)
def healthz() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


def _check_database(svc: Any) -> str | None:
    from kshare.server.db import schema_is_current

    try:
        with svc.db.read_engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        if not schema_is_current(svc.db.write_engine):
            return "database schema is not at this server's version (run the migrations)"
    except Exception as exc:
        log.warning("readiness: database unreachable: %s", exc)
        return f"database unreachable: {type(exc).__name__}"
    return None


def _check_blobs(svc: Any) -> str | None:
    store = svc.blobs
    if store is None:
        return None
    try:
        store.exists(_PROBE_SHA)
    except Exception as exc:
        log.warning("readiness: blob store unreachable: %s", exc)
        return f"blob store unreachable: {type(exc).__name__}"
    return None


@router.get(READYZ)
def readyz(request: Request) -> JSONResponse:
    svc = request.app.state.services
    checks = {"database": _check_database(svc), "blob_store": _check_blobs(svc)}
    failing = {name: problem for name, problem in checks.items() if problem}
    body = {
        "status": "not ready" if failing else "ready",
        "checks": {name: problem or "ok" for name, problem in checks.items()},
    }
    return JSONResponse(body, status_code=503 if failing else 200)


@router.get(METRICS)
def metrics(request: Request) -> Response:
    svc = request.app.state.services
    wanted = svc.settings.metrics_token
    if wanted:
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {wanted}".encode()):
            return JSONResponse(
                {"detail": "metrics need the operator's token"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )
