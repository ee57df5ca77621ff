"""A profile's sync: the engine built from the account and the policy, the status it shows.

The engine (:mod:`kshare.client.sync.engine`) does the work; this service builds
it when first needed, drops it when the account changes, and turns the account's
state (signed out, no token, a server the policy refuses) into a status instead
of an exception.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import platform
import threading
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Engine

from kshare.client.account.service import Sessions
from kshare.client.errors import KeyringUnavailable, ServerNotAllowed
from kshare.client.experts import profile_terms
from kshare.client.notifications.follows import pull_follows
from kshare.client.notifications.read_point import pull_join_decisions, pull_read_point
from kshare.client.paths import ProfilePaths
from kshare.client.phrases import Phrase, joined
from kshare.client.store import outbox, repository
from kshare.client.sync import messages
from kshare.client.sync.blobs import BlobStore
from kshare.client.sync.engine import (
    STATUS_MESSAGE,
    STATUS_PHRASE,
    STATUS_STATE,
    EngineOptions,
    SyncEngine,
)
from kshare.client.sync.reconcile import ALLOW_MASS_PURGE
from kshare.client.sync.report import StatusTracker, SyncReport
from kshare.client.sync.transport import InsecureServer
from kshare.client.sync.watch import watch as watch_events
from kshare.client.sync.wipe import Wiping, stored_last_success
from kshare.client.views import SyncStatus
from kshare.clock import Clock

log = logging.getLogger(__name__)


def stored_status(reader: Engine) -> SyncStatus:
    """The status the last run of kshare left behind (with its phrase, when it kept one)."""
    with reader.connect() as conn:
        state = repository.get_state(conn, STATUS_STATE) or "idle"
        message = repository.get_state(conn, STATUS_MESSAGE)
        raw_phrase = repository.get_state(conn, STATUS_PHRASE)
    last = stored_last_success(reader)
    if not message:
        return SyncStatus.said(state, messages.say(messages.NOT_SYNCED_YET), last)
    try:
        phrase = Phrase.loads(raw_phrase) if raw_phrase else None
    except ValueError:
        phrase = None
    if phrase is None or phrase.text != message:  # kept by an older kshare
        phrase = Phrase.verbatim(message)
    return SyncStatus.said(state, phrase, last)


def device_name() -> str:
    return f"kshare desktop on {platform.node() or 'this computer'}"[:200]


class Syncing:
    """Sync for one profile; ``index_catch_up`` runs after each page the engine stored."""

    def __init__(
        self,
        paths: ProfilePaths,
        reader: Engine,
        writer: Engine,
        sessions: Sessions,
        wiping: Wiping,
        tracker: StatusTracker,
        clock: Clock,
        lock: threading.RLock,
        *,
        index_catch_up: Callable[[], None],
        before_sync: Callable[[], object] = lambda: None,
        after_sync: Callable[[], object] = lambda: None,
    ) -> None:
        self.paths = paths
        self.reader = reader
        self.writer = writer
        self.sessions = sessions
        self.policy = sessions.policy
        self.settings = sessions.settings
        self.wiping = wiping
        self.tracker = tracker
        self.clock = clock
        self._lock = lock
        self._index_catch_up = index_catch_up
        self._before_sync = before_sync  # e.g. withdraw what the person no longer allows
        self._after_sync = after_sync  # e.g. warm search up once, at the end
        self.current: SyncEngine | None = None

    def engine(self) -> SyncEngine:
        """The sync engine of the signed-in account, built when first needed."""
        with self._lock:
            if self.current is None:
                api = self.sessions.api()
                blobs = BlobStore(
                    self.paths.blobs_dir,
                    api,
                    budget_bytes=int(self.settings.get("blob_cache_mb")) * 1024 * 1024,
                    protected=self.wiping.unsent_uploads,
                    on_bytes=self.tracker.add_bytes,
                )
                options = EngineOptions(
                    device=device_name(),
                    page_size=int(self.settings.get("page_size")),
                    reconcile_every=timedelta(hours=int(self.settings.get("reconcile_interval_h"))),
                    # no document downloads at all: nothing is fetched ahead either
                    blob_policy=str(self.settings.get("blob_policy"))
                    if self.settings.feature("downloads_enabled")
                    else "manual",
                )
                self.current = SyncEngine(
                    api,
                    self.writer,
                    options=options,
                    blobs=blobs,
                    index_catch_up=self._index_catch_up,
                    aggregates_catch_up=functools.partial(
                        profile_terms.catch_up_engine, self.writer
                    ),
                    on_wipe=self.wiping.after_wipe,
                    tracker=self.tracker,
                    clock=self.clock,
                    side_pulls=(pull_follows, pull_read_point, pull_join_decisions),
                )
            return self.current

    def drop_engine(self) -> None:
        with self._lock:
            if self.current is not None:
                self.current.api.close()
                self.current = None

    def sync(
        self,
        progress: Callable[[SyncStatus], None] | None = None,
        cancel: threading.Event | None = None,
        *,
        confirm_removal: bool = False,
    ) -> SyncReport:
        """Push the outbox, pull the feed, bring the index up to date. Never raises for
        network or server trouble: the report's status says what happened.

        ``confirm_removal``: the person agreed that what the server stopped listing without
        a reason may go (``SyncReport.removal_to_confirm`` asked). It holds for this sync only.
        """
        if self.sessions.current is None:
            status = SyncStatus.said("signed_out", messages.say(messages.NOT_SIGNED_IN))
            return SyncReport(self.tracker.set(status))
        self._before_sync()
        try:
            token = self.sessions.token()
        except KeyringUnavailable as exc:
            return SyncReport(self.tracker.set(SyncStatus("error", str(exc))))
        if not token:
            status = SyncStatus.said("auth_required", messages.say(messages.SIGN_IN_AGAIN))
            return SyncReport(self.tracker.set(status))
        try:
            engine = self.engine()
        except (ServerNotAllowed, InsecureServer) as exc:
            message = str(exc) if isinstance(exc, ServerNotAllowed) else f"{exc}."
            return SyncReport(self.tracker.set(SyncStatus("error", message)))
        if confirm_removal:
            self.confirm_mass_removal()
        try:
            report = engine.sync(progress, cancel)
        finally:
            if confirm_removal:  # a later, different disappearance must ask again
                with self.writer.begin() as conn:
                    repository.delete_state(conn, ALLOW_MASS_PURGE)
        self._after_sync()
        self.policy.note_versions(engine.api.last_info)
        update = self.policy.update_phrase()
        if update and report.status.state in ("idle", "client_too_old"):
            # the status line the app and `kshare sync` show carries the company's download page
            line = update
            if report.status.state == "idle" and report.status.message:
                first = report.status.phrase or Phrase.verbatim(report.status.message)
                line = joined(" ", (first, update))
            status = dataclasses.replace(report.status, message=line.text, phrase=line)
            report = dataclasses.replace(report, status=self.tracker.set(status))
        if report.status.state == "signed_out":  # the account was disabled and wiped
            self.sessions.signed_out_by_server()
        elif report.status.state in ("offline", "retrying"):
            self.wiping.enforce_offline_limit()
        return report

    def status(self) -> SyncStatus:
        current = self.tracker.current
        with self.reader.connect() as conn:
            pending = outbox.pending_count(conn)
        engine = self.current
        last = engine.last_success() if engine else stored_last_success(self.reader)
        if self.sessions.current is None and current.state not in ("signed_out",):
            current = SyncStatus.said("signed_out", messages.say(messages.NOT_SIGNED_IN))
        return dataclasses.replace(current, pending_outbox=pending, last_success=last)

    def watch(self, on_nudge: Callable[[], None], stop: threading.Event) -> None:
        """Block, calling ``on_nudge`` when the server signals a change (or a poll is due)."""
        account = self.sessions.current
        if account is not None and not self.settings.server_allowed(account.server_url):
            log.warning("no live updates: the policy does not allow %s", account.server_url)
            stop.wait()
            return
        watch_events(
            lambda: self.sessions.api(attempts=1),
            on_nudge,
            stop,
            poll_interval=float(self.settings.get("poll_interval_s")),
            clock=self.clock,
        )

    def confirm_mass_removal(self) -> None:
        """The person confirmed that the large removal reconciliation found is expected."""
        with self.writer.begin() as conn:
            repository.set_state(conn, ALLOW_MASS_PURGE, "1")
