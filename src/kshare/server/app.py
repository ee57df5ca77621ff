"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio
from fastapi import FastAPI

from kshare import __version__
from kshare.protocol import routes as paths
from kshare.server import errors
from kshare.server.auth import Passwords
from kshare.server.changes import prune_tombstones
from kshare.server.curation import routes as curation
from kshare.server.db import Database
from kshare.server.events import Nudges
from kshare.server.identity import oidc_routes
from kshare.server.identity import routes as identity
from kshare.server.identity.throttle import SignInThrottle
from kshare.server.limits import BodyLimit
from kshare.server.ops import probes
from kshare.server.ops.observe import Metrics, Observe
from kshare.server.routes import account, blobs, follows, groups, items, sync
from kshare.server.routes.deps import Services
from kshare.server.settings import Settings

log = logging.getLogger(__name__)


def blob_store_for(settings: Settings) -> Any:
    """The blob store ``settings`` name (a folder, or an S3-compatible bucket)."""
    from kshare.server.blobstore import FilesystemBlobStore, blob_store_from_config

    if settings.blob_store:
        return blob_store_from_config(settings.blob_store, settings.clock)
    return FilesystemBlobStore(settings.blob_dir, clock=settings.clock)


def build_services(settings: Settings) -> Services:
    """Open (and migrate) the database and build what requests share."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.resolved_database_url, settings.clock)
    if settings.migrate_on_start:
        db.migrate()
    prune_old_tombstones(db, settings)
    nudges = Nudges()
    db.after_commit.append(nudges.fire_threadsafe)
    return Services(
        settings=settings,
        db=db,
        passwords=Passwords(settings.hash_params),
        sign_in=SignInThrottle(settings.login_window, settings.clock),
        nudges=nudges,
        blobs=blob_store_for(settings),
        oidc=oidc_provider_for(settings),
    )


def oidc_provider_for(settings: Settings) -> Any:
    """The single sign-on provider the settings name, or None."""
    if settings.oidc is None:
        return None
    from kshare.server.identity.oidc import Provider

    return Provider(settings.oidc, settings.clock)


def prune_old_tombstones(db: Database, settings: Settings) -> int:
    """Forget tombstones older than the window (clients further behind reconcile instead)."""
    with db.write() as session:
        # sign-in attempts that aged out go too: made-up names must not pile up
        SignInThrottle(settings.login_window, settings.clock).sweep(session)
        return prune_tombstones(session, settings.clock.now() - settings.tombstone_window)


async def _prune_periodically(svc: Services) -> None:
    """Prune while the server runs: a server up for months must not keep every tombstone."""
    every = max(svc.settings.prune_every.total_seconds(), 0.01)
    while not svc.nudges.closed:
        await asyncio.sleep(every)
        try:
            await anyio.to_thread.run_sync(prune_old_tombstones, svc.db, svc.settings)
        except Exception:  # a database hiccup: try again next time
            log.exception("could not prune old tombstones")


async def _watch_changes(svc: Services) -> None:
    """Notice commits by other processes (the admin command) and nudge listeners."""
    last = await anyio.to_thread.run_sync(svc.db.head)
    while not svc.nudges.closed:
        await asyncio.sleep(svc.settings.change_poll_seconds)
        try:
            head = await anyio.to_thread.run_sync(svc.db.head)
        except Exception:  # a database hiccup must not end nudging for good
            log.exception("could not read the change counter")
            continue
        if head != last:
            last = head
            svc.nudges.fire()


def create_app(settings: Settings) -> FastAPI:
    """The kshare API for ``settings``; the database is ready when this returns."""
    svc = build_services(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        svc.nudges.closed = False
        svc.nudges.bind(asyncio.get_running_loop())
        tasks = [
            asyncio.create_task(_watch_changes(svc)),
            asyncio.create_task(_prune_periodically(svc)),
        ]
        try:
            yield
        finally:
            svc.nudges.close()
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            svc.db.dispose()

    app = FastAPI(
        title="kshare",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.services = svc
    app.state.metrics = Metrics(lambda: _engines(svc.db))
    errors.install(app)
    for module in (account, identity, oidc_routes, items, sync, blobs, groups, curation, follows):
        app.include_router(module.router)
    app.include_router(probes.router)
    from kshare.server.identity.scim import routes as scim

    app.include_router(scim.router)

    def limit_for(method: str, path: str) -> int:
        if method == "PUT" and path.startswith(paths.BLOBS + "/"):
            return settings.max_blob_bytes + 64 * 1024
        return settings.max_request_bytes

    app.add_middleware(BodyLimit, limit_for=limit_for)
    # Outermost, so it sees the final status of every request, refusals included.
    app.add_middleware(Observe, metrics=app.state.metrics, access=settings.access_log)
    return app


def _engines(db: Database) -> list[tuple[str, Any]]:
    if db.is_sqlite:
        return [("write", db.write_engine), ("read", db.read_engine)]
    return [("main", db.write_engine)]
