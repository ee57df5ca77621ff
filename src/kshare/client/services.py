"""The one API the Qt UI and the command line use: a profile's cache, account, sync and search.

Plain Python, no Qt. Every method is safe to call from a worker thread; the
values it returns are immutable snapshots (:mod:`kshare.client.views`).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import mimetypes
import platform
import shutil
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from kshare.client import credentials, updates
from kshare.client import groups as group_calls
from kshare.client.account import api as account_api
from kshare.client.account.session_auth import SessionAuth
from kshare.client.curation.service import Curation
from kshare.client.errors import (
    FeatureUnavailable,
    KeyringUnavailable,
    LoginFailed,
    NotSignedIn,
    ServerNotAllowed,
    ServerUnreachable,
    TurnedOffByPolicy,
    UserFacingError,
)
from kshare.client.experts import profile_terms
from kshare.client.experts.profile_view import SIMILAR_LIMIT, TOPIC_LIMIT, build_profile
from kshare.client.notifications.follows import pull_follows
from kshare.client.notifications.read_point import pull_join_decisions, pull_read_point
from kshare.client.notifications.service import Notifications
from kshare.client.paths import ProfilePaths
from kshare.client.settings import Settings
from kshare.client.store import outbox, queries, repository
from kshare.client.store.db import create_writer_engine, open_cache, use_clock
from kshare.client.store.declared import Choices, apply_choices, topic_variants
from kshare.client.store.outbox import OutboxOp
from kshare.client.store.writes import KEEP, LocalWrites, TimeChange
from kshare.client.sync.api import ApiClient
from kshare.client.sync.blobs import BlobStore
from kshare.client.sync.engine import STATUS_MESSAGE, STATUS_STATE, EngineOptions, SyncEngine
from kshare.client.sync.errors import ApiError, IncompatibleServer, SyncError, Transient
from kshare.client.sync.reconcile import ALLOW_MASS_PURGE
from kshare.client.sync.report import Changes, StatusTracker, SyncReport
from kshare.client.sync.transport import InsecureServer, NetworkPolicy
from kshare.client.sync.watch import watch as watch_events
from kshare.client.views import (
    Choice,
    Expert,
    ExpertiseProfile,
    ItemDetail,
    ItemSummary,
    SearchResults,
    SyncStatus,
)
from kshare.clock import SYSTEM, Clock
from kshare.protocol.schemas import BlobRef, DeviceOut, GroupListing, JoinRequestOut, ServerInfo

log = logging.getLogger(__name__)

__all__ = [
    "Account",
    "Changes",
    "KeyringUnavailable",
    "LoginFailed",
    "ServerUnreachable",
    "SyncReport",
    "UserFacingError",
    "Workspace",
]

ACCOUNT_KEY = "account"
# The reference server's default upload limit; refusing here says so before anything is queued.
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
PREVIOUS_ACCOUNT_KEY = "previous_account"


@dataclass(frozen=True)
class Account:
    server_url: str
    username: str
    user_id: str
    display_name: str


class Workspace:
    """One profile: its cache, its account, its sync engine, its search index."""

    def __init__(
        self, paths: ProfilePaths, reader: Engine, writer: Engine, clock: Clock = SYSTEM
    ) -> None:
        self.paths = paths
        # The one clock of this profile: the engines carry it to the outbox, the store's
        # writes, sync, the index and the expert finder (``use_clock``).
        self.clock = clock
        self.reader = use_clock(reader, clock)
        self.writer = use_clock(writer, clock)
        self.settings = Settings(paths.settings_file)
        self.tracker = StatusTracker(self._stored_status())
        self.writes = LocalWrites(writer, lambda: self.account, clock)
        self._lock = threading.RLock()
        self._curation: Curation | None = None
        self._engine: SyncEngine | None = None
        self._index: Any = None
        self._index_process: Any = None  # IndexProcess, when indexing runs in a worker process
        self._index_elsewhere = False
        self._closings = 0  # how many times the index was closed (a warm-up opening it checks)
        self._experts: Any = None
        self._warming: threading.Thread | None = None
        self._warm_again = False
        self._account: Account | None = self._load_account()
        self.notifications = Notifications(reader, writer, self._my_id)

    @classmethod
    def open(cls, profile: Path | str | None = None, clock: Clock = SYSTEM) -> Workspace:
        """Open (creating if needed) a profile: the cache is migrated, the index opens lazily."""
        paths = ProfilePaths.at(profile).ensure()
        reader = open_cache(paths.cache_db)
        workspace = cls(paths, reader, create_writer_engine(paths.cache_db), clock)
        workspace._enforce_offline_limit()
        return workspace

    @property
    def documents(self) -> Any:
        """Versions, downloads, previews and "Save as…" of shared documents."""
        from kshare.client.documents.factory import documents_of

        return documents_of(self)

    @property
    def audience_reach(self) -> Any:
        """How many people an audience reaches (the server's count, or the cache's estimate)."""
        from kshare.client.audience_reach import AudienceReach

        account = self._account
        return AudienceReach(
            self.reader,
            lambda: self._account.user_id if self._account else None,
            api=(lambda: self._api(attempts=1)) if account is not None else None,
        )

    @property
    def pages(self) -> Any:
        """Tag pages and group pages, from the cache."""
        from kshare.client.pages import Pages

        def experts(topic: str, limit: int) -> list[Expert]:
            return self.experts(topic, limit=limit)

        return Pages(self.reader, experts)

    @property
    def profile(self) -> Any:
        """The signed-in person's own profile: title, location, skills, "ask me about"."""
        from kshare.client.profile import ProfileEditor

        return ProfileEditor(
            self.reader, self.writer, lambda: self._account.user_id if self._account else None
        )

    # --- account ---------------------------------------------------------------------------

    def _load_account(self) -> Account | None:
        with self.reader.connect() as conn:
            raw = repository.get_state(conn, ACCOUNT_KEY)
        return Account(**json.loads(raw)) if raw else None

    @property
    def account(self) -> Account | None:
        return self._account

    def _my_id(self) -> str | None:
        account = self._account
        return account.user_id if account is not None else None

    def login(self, server_url: str, username: str, password: str) -> Account:
        """Sign in; the token goes to the keyring. Another account's cache is forgotten first.

        An empty ``server_url`` means the organisation's server from the policy; a policy
        that locks the server refuses every other one before anything is sent.
        """
        server_url, api = self._connect(server_url)
        try:
            api.info()
            known = credentials.load_device_key(server_url, username)
            answer = account_api.sign_in(api, username, password, known)
        except (Transient, IncompatibleServer, ApiError) as exc:
            raise self._sign_in_error(server_url, exc, "user name and password") from exc
        finally:
            api.close()
        return self._adopt(server_url, answer)

    def login_with_browser(
        self, server_url: str, show_url: Callable[[str], None], **options: Any
    ) -> Account:
        """Sign in with the company account in the system browser (see ``account.sso``)."""
        from kshare.client.account.sso import sign_in_with_browser

        server_url, api = self._connect(server_url)
        try:
            if "sso" not in api.info().sign_in:
                raise LoginFailed(f"{server_url} does not offer signing in with a company account.")
            answer = sign_in_with_browser(api, show_url=show_url, **options)
        except (Transient, IncompatibleServer, ApiError) as exc:
            raise self._sign_in_error(server_url, exc, "company account") from exc
        finally:
            api.close()
        return self._adopt(server_url, answer)

    def _connect(self, server_url: str) -> tuple[str, ApiClient]:
        server_url = (server_url or str(self.settings.get("server_url"))).strip().rstrip("/")
        if not server_url:
            raise ServerUnreachable("Give the address of your company's kshare server.")
        self.check_server(server_url)
        credentials.ensure_available()
        try:
            return server_url, ApiClient(
                server_url, attempts=2, network=self.network(), clock=self.clock
            )
        except InsecureServer as exc:
            raise ServerUnreachable(f"{exc}.") from exc

    def _sign_in_error(self, server_url: str, exc: Exception, what: str) -> UserFacingError:
        if isinstance(exc, Transient):
            return ServerUnreachable(f"Cannot reach {server_url}: {exc}.")
        if isinstance(exc, IncompatibleServer):
            url = str(self.settings.get("download_url"))
            where = f" Get it from {url}." if url and exc.state == "client_too_old" else ""
            return ServerUnreachable(f"{exc}.{where}")
        assert isinstance(exc, ApiError)
        log.info("sign-in refused: %s %s", exc.status, exc.code)
        if exc.code == "password_sign_in_off" or exc.status not in (401, 403, 409, 422):
            return LoginFailed(f"Sign-in failed: {exc}")
        if what == "company account":
            return LoginFailed(f"The server did not accept your company account: {exc}")
        return LoginFailed(f"The server did not accept that {what}.")

    def _adopt(self, server_url: str, answer: Any) -> Account:
        """Keep a new device session: keyring, account record; another account's cache goes."""
        account = Account(
            server_url, answer.user.username, answer.user.id, answer.user.display_name
        )
        with self._lock:
            previous = self._previous_account()
            if previous is not None and (previous.server_url, previous.user_id) != (
                account.server_url,
                account.user_id,
            ):
                log.info("another account signs in on this profile: forgetting the old cache")
                self._wipe_everything()
            credentials.store_session(
                server_url, account.username, answer.token, answer.refresh_token
            )
            if answer.device_key:
                credentials.store_device_key(server_url, account.username, answer.device_key)
            with self.writer.begin() as conn:
                value = json.dumps(asdict(account))
                repository.set_state(conn, ACCOUNT_KEY, value)
                repository.set_state(conn, PREVIOUS_ACCOUNT_KEY, value)
            self._account = account
            self._drop_engine()
            self.tracker.set(SyncStatus("idle", "Signed in; not synced yet"))
        return account

    # --- the organisation's policy -----------------------------------------------------------

    def network(self) -> NetworkPolicy:
        return NetworkPolicy.from_settings(self.settings)

    def ask_for_help(self) -> str:
        """Who to ask, in a sentence, when the policy names a support contact."""
        contact = str(self.settings.get("support_contact"))
        return f" For help, contact {contact}." if contact else ""

    def check_server(self, server_url: str) -> None:
        """A locked server address means no other server: not to sign in, not to sync."""
        if not self.settings.server_allowed(server_url):
            allowed = self.settings.get("server_url") or "none"
            raise ServerNotAllowed(
                f"Your organisation's policy allows only the kshare server {allowed}, "
                f"not {server_url}.{self.ask_for_help()}"
            )

    def require_feature(self, key: str, what: str) -> None:
        if not self.settings.feature(key):
            raise TurnedOffByPolicy(
                f"{what} is turned off by your organisation.{self.ask_for_help()}"
            )

    def _check_audience(self, audience: Sequence[str] | None) -> None:
        if audience and any(choice.strip().lower() == "org" for choice in audience):
            self.require_feature(
                "publish_to_organisation_enabled", "Publishing to the whole organisation"
            )

    def _note_versions(self, info: ServerInfo | None) -> None:
        if info is None:
            return
        with self.writer.begin() as conn:
            repository.set_state(conn, updates.VERSIONS_STATE, updates.Advertised.of(info).dumps())

    def update_notice(self) -> str:
        """What to tell the person about updating kshare ("" when nothing)."""
        with self.reader.connect() as conn:
            advertised = updates.Advertised.loads(
                repository.get_state(conn, updates.VERSIONS_STATE)
            )
        return updates.notice(advertised, str(self.settings.get("download_url")))

    def _previous_account(self) -> Account | None:
        with self.reader.connect() as conn:
            raw = repository.get_state(conn, PREVIOUS_ACCOUNT_KEY)
        return Account(**json.loads(raw)) if raw else None

    def logout(self) -> None:
        """Sign out: the server forgets the token (if reachable), the keyring forgets it too."""
        account = self._account
        if account is None:
            return
        token = credentials.load_token(account.server_url, account.username)
        if token and self.settings.server_allowed(account.server_url):
            try:
                api = ApiClient(
                    account.server_url,
                    attempts=1,
                    auth=self._auth(account),
                    network=self.network(),
                )
            except InsecureServer as exc:
                raise ServerUnreachable(f"{exc}.") from exc
            try:
                api.logout()
            except SyncError as exc:
                log.info("could not tell the server about the sign-out: %s", exc)
            finally:
                api.close()
        credentials.delete_token(account.server_url, account.username)
        with self.writer.begin() as conn:
            repository.delete_state(conn, ACCOUNT_KEY)
        self._account = None
        self._drop_engine()
        self.tracker.set(SyncStatus("signed_out", "Signed out"))

    # --- sync --------------------------------------------------------------------------------

    def _token(self) -> str | None:
        account = self._account
        return credentials.load_token(account.server_url, account.username) if account else None

    @staticmethod
    def _auth(account: Account) -> SessionAuth:
        return SessionAuth(account.server_url, account.username)

    def _api(self, **kwargs: Any) -> ApiClient:
        account = self._account
        if account is None:
            raise NotSignedIn("Sign in first.")
        self.check_server(account.server_url)
        return ApiClient(
            account.server_url,
            auth=self._auth(account),
            network=self.network(),
            clock=self.clock,
            **kwargs,
        )

    def _sync_engine(self) -> SyncEngine:
        with self._lock:
            if self._engine is None:
                api = self._api()
                blobs = BlobStore(
                    self.paths.blobs_dir,
                    api,
                    budget_bytes=int(self.settings.get("blob_cache_mb")) * 1024 * 1024,
                    protected=self._unsent_uploads,
                    on_bytes=self.tracker.add_bytes,
                )
                options = EngineOptions(
                    device=_device_name(),
                    page_size=int(self.settings.get("page_size")),
                    reconcile_every=timedelta(hours=int(self.settings.get("reconcile_interval_h"))),
                    # no document downloads at all: nothing is fetched ahead either
                    blob_policy=str(self.settings.get("blob_policy"))
                    if self.settings.feature("downloads_enabled")
                    else "manual",
                )
                self._engine = SyncEngine(
                    api,
                    self.writer,
                    options=options,
                    blobs=blobs,
                    index_catch_up=self._index_catch_up,
                    aggregates_catch_up=functools.partial(
                        profile_terms.catch_up_engine, self.writer
                    ),
                    on_wipe=self._after_wipe,
                    tracker=self.tracker,
                    clock=self.clock,
                    side_pulls=(pull_follows, pull_read_point, pull_join_decisions),
                )
            return self._engine

    def _drop_engine(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.api.close()
                self._engine = None

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
        if self._account is None:
            return SyncReport(self.tracker.set(SyncStatus("signed_out", "Not signed in")))
        try:
            token = self._token()
        except KeyringUnavailable as exc:
            return SyncReport(self.tracker.set(SyncStatus("error", str(exc))))
        if not token:
            status = SyncStatus("auth_required", "Sign in again to sync.")
            return SyncReport(self.tracker.set(status))
        try:
            engine = self._sync_engine()
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
        if self._index is not None:
            # once per sync, not after every batch: during a large first sync each
            # warm-up re-read everything so far beside the pull and the indexing
            self._warm_in_background()
        self._note_versions(engine.api.last_info)
        update = self.update_notice()
        if update and report.status.state in ("idle", "client_too_old"):
            # the status line the app and `kshare sync` show carries the company's download page
            first = report.status.message if report.status.state == "idle" else ""
            status = SyncStatus(**{**asdict(report.status), "message": f"{first} {update}".strip()})
            report = dataclasses.replace(report, status=self.tracker.set(status))
        if report.status.state == "signed_out":  # the account was disabled and wiped
            self._account = None
            self._drop_engine()
        elif report.status.state in ("offline", "retrying"):
            self._enforce_offline_limit()
        return report

    def status(self) -> SyncStatus:
        current = self.tracker.current
        with self.reader.connect() as conn:
            pending = outbox.pending_count(conn)
        last = self._engine.last_success() if self._engine else self._stored_last_success()
        if self._account is None and current.state not in ("signed_out",):
            current = SyncStatus("signed_out", "Not signed in")
        return SyncStatus(**{**asdict(current), "pending_outbox": pending, "last_success": last})

    def _stored_status(self) -> SyncStatus:
        with self.reader.connect() as conn:
            state = repository.get_state(conn, STATUS_STATE) or "idle"
            message = repository.get_state(conn, STATUS_MESSAGE) or "Not synced yet"
        return SyncStatus(state, message, last_success=self._stored_last_success())

    def _stored_last_success(self) -> datetime | None:
        with self.reader.connect() as conn:
            value = repository.get_state(conn, "last_success")
        return datetime.fromisoformat(value) if value else None

    def watch(self, on_nudge: Callable[[], None], stop: threading.Event) -> None:
        """Block, calling ``on_nudge`` when the server signals a change (or a poll is due)."""
        account = self._account
        if account is not None and not self.settings.server_allowed(account.server_url):
            log.warning("no live updates: the policy does not allow %s", account.server_url)
            stop.wait()
            return
        watch_events(
            lambda: self._api(attempts=1),
            on_nudge,
            stop,
            poll_interval=float(self.settings.get("poll_interval_s")),
            clock=self.clock,
        )

    def confirm_mass_removal(self) -> None:
        """The person confirmed that the large removal reconciliation found is expected."""
        with self.writer.begin() as conn:
            repository.set_state(conn, ALLOW_MASS_PURGE, "1")

    # --- wiping --------------------------------------------------------------------------------

    def _after_wipe(self) -> None:
        """The engine wiped the cache (account disabled): drop the index with it."""
        self._close_index()
        shutil.rmtree(self.paths.index_dir, ignore_errors=True)

    def _wipe_everything(self, *, keep_writes: bool = False) -> None:
        engine = self._engine or SyncEngine(
            ApiClient("http://127.0.0.1:9"), self.writer, clock=self.clock
        )
        engine.blobs = BlobStore(self.paths.blobs_dir, None, protected=self._unsent_uploads)
        engine.on_wipe = self._after_wipe
        engine.wipe(keep_writes=keep_writes)
        if engine is not self._engine:
            engine.api.close()

    def _enforce_offline_limit(self) -> None:
        """IT may decide that company content must not outlive N days without a sync."""
        days = int(self.settings.get("wipe_after_offline_days"))
        last = self._stored_last_success()
        if days <= 0 or last is None or self.clock.now() - last < timedelta(days=days):
            return
        log.warning("no sync for more than %d days: removing cached content by policy", days)
        self._wipe_everything(keep_writes=True)
        self.tracker.set(
            SyncStatus(
                "error",
                f"This computer had not synced for more than {days} days, so your company's "
                "policy removed its copy of shared content. It returns at the next sync; "
                "your unsent writes are kept.",
            )
        )

    def _unsent_uploads(self) -> set[str]:
        with self.reader.connect() as conn:
            return {e.target_id for e in outbox.pending(conn) if e.operation == "upload_blob"}

    # --- index and experts -------------------------------------------------------------------

    def _search_index(self) -> Any:
        with self._lock:
            if self._index is None:
                try:
                    from kshare.client.index import SearchIndex
                except ImportError as exc:
                    log.warning("search is not available: %s", exc)
                    raise FeatureUnavailable(
                        "Search is not available in this installation of kshare."
                    ) from exc
                self._index = SearchIndex(
                    self.paths.index_dir,
                    self.reader,
                    blobs_dir=self.paths.blobs_dir,
                    clock=self.clock,
                )
            return self._index

    def _index_catch_up(self) -> None:
        """The sync's hook, after each batch of pages: the warm-up waits for the sync's end."""
        try:
            index = self._search_index()
        except FeatureUnavailable:
            return
        self._catch_up(index)

    def index_in_worker_process(self) -> None:
        """From now on catch the index up in a process of its own (the desktop window)."""
        self._index_elsewhere = self.clock is SYSTEM  # the worker keeps the system's time

    def _catch_up(self, index: Any) -> int:
        with self._lock:
            if self._index_elsewhere and self._index_process is None:
                from kshare.client.index.process import IndexProcess

                paths = self.paths
                self._index_process = IndexProcess(paths.index_dir, paths.cache_db, paths.blobs_dir)
            worker = self._index_process
        if worker is None:
            return int(index.catch_up())
        return int(index.catch_up_elsewhere(worker))

    def prepare_in_background(self) -> None:
        """At start-up: bring the index up to date and warm it and the expert finder, in a worker.

        A sync does this after each page; an offline start never syncs, and its first
        expert query would otherwise build everything while the person waits. The index
        is opened in the worker too: the window paints its feed meanwhile.
        """
        self._warm_in_background(catch_up=True, opened_at=self._closings)

    def _warm_in_background(self, *, catch_up: bool = False, opened_at: int | None = None) -> None:
        """After the index caught up, load in a worker what the next search and expert query need.

        The expert finder's per-person aggregates took seconds to build at the first
        query on a big cache; the index's facet columns and word lists a little less.
        One worker at a time: a sync page that lands meanwhile asks for one more round.
        """
        with self._lock:
            if self._warming is not None and self._warming.is_alive():
                self._warm_again = True
                return
            self._warm_again = False
            self._warming = threading.Thread(
                target=self._warm, args=(catch_up, opened_at), name="kshare-warm", daemon=True
            )
            self._warming.start()

    def _warm(self, catch_up: bool, opened_at: int | None = None) -> None:
        while True:
            try:
                with self._lock:
                    if opened_at is not None and opened_at == self._closings:
                        self._search_index()  # at start-up, unless closed since it was asked
                    opened_at = None
                    index = self._index  # never reopened here: a logout or wipe closed it
                    finder = self._expert_finder() if index is not None else None
                if index is None or finder is None:
                    return
                if catch_up:
                    self._catch_up(index)
                    catch_up = False
                index.warm()
                finder.warm()
            except FeatureUnavailable:
                return
            except Exception:  # a worker has no caller to raise to; the log must say why
                log.exception("preparing search and expert data failed")
                return
            with self._lock:
                if not self._warm_again:
                    self._warming = None
                    return
                self._warm_again = False

    def _close_index(self) -> None:
        with self._lock:
            index, self._index = self._index, None
            worker, self._index_process = self._index_process, None
            self._closings += 1
            self._experts = None
            warming = self._warming
        if worker is not None:
            worker.close()  # stops a running catch-up at its next batch
        # a logout or a wipe removes the files next: the warm-up must be done reading them
        if warming is not None and warming is not threading.current_thread():
            warming.join(timeout=60)
        if index is not None:
            index.close()

    def search(
        self, query: str, *, limit: int = 20, page: int = 1, sort: str = "relevance"
    ) -> SearchResults:
        index = self._search_index()
        results: SearchResults = index.search(query, limit=limit, page=page, sort=sort)
        if page == 1 and not results.total:
            self.curation.note_search(query, 0)  # only if the person allowed it
        return results

    @property
    def curation(self) -> Curation:
        """Collections, verification, review-due lists and reports (kshare.client.curation)."""
        with self._lock:
            if self._curation is None:
                self._curation = Curation(
                    self.reader,
                    self.writer,
                    self.writes,
                    lambda: self.account,
                    self._online,
                    self.settings,
                )
            return self._curation

    def _expert_finder(self) -> Any:
        with self._lock:
            if self._experts is None:
                index = self._search_index()
                try:
                    from kshare.client.experts.finder import ExpertFinder
                except ImportError as exc:
                    log.warning("the expert finder is not available: %s", exc)
                    raise FeatureUnavailable(
                        "Finding experts is not available in this installation of kshare."
                    ) from exc
                self._experts = ExpertFinder(self.reader, index, clock=self.clock)
            return self._experts

    def experts(self, topic: str, *, limit: int = 10) -> list[Expert]:
        self.require_feature("experts_enabled", "Finding experts")
        finder = self._expert_finder()
        exclude = self._not_me()
        return finder.rank(topic, limit=limit, exclude=exclude)  # type: ignore[no-any-return]

    def _not_me(self) -> set[str]:
        """The person asking is looking for someone else: never suggest them to themselves."""
        account = self.account
        return {account.user_id} if account is not None and account.user_id else set()

    def _finder_or_none(self) -> Any:
        try:
            return self._expert_finder()
        except FeatureUnavailable:
            return None

    def expertise_profile(self, person_id: str | None = None) -> ExpertiseProfile | None:
        """A person's expertise as this cache shows it; without ``person_id``, the signed-in
        person's own. None when the person is not in the cache (or no one is signed in).

        Topics come from what the person wrote and what they confirmed, without what they
        hid. Someone who opted out of expert listings shows no topics and no similar people
        to others; the topics a person hides are listed for that person only.
        """
        account = self._account
        me = account.user_id if account is not None else None
        person_id = person_id or me
        if not person_id:
            return None
        people = repository.PEOPLE
        with self.reader.connect() as conn:
            row = conn.execute(select(people).where(people.c.id == person_id)).first()
        if row is None:
            return None
        is_me = person_id == me
        choices = Choices.from_row(row)
        found: list[tuple[str, float]] = []
        similar: list[Expert] = []
        if is_me or not choices.opt_out:
            finder = self._finder_or_none()
            if finder is not None:
                found = finder.profile(person_id, limit=TOPIC_LIMIT + len(choices.confirmed))
                similar = finder.similar_experts(person_id, limit=SIMILAR_LIMIT)
        return build_profile(row, found=found, similar=similar, is_me=is_me, viewer_id=me)

    def suggested_experts(self, item_id: str, *, limit: int = 5) -> list[Expert]:
        """People to ask about a question in the cache (never its asker, its answerers or
        the person asking for suggestions); [] for anything that is not a cached question."""
        items = repository.ITEMS
        with self.reader.connect() as conn:
            kind = conn.execute(
                select(items.c.kind).where(items.c.id == item_id)
            ).scalar_one_or_none()
        if kind != "question" or not self.settings.feature("experts_enabled"):
            return []
        finder = self._expert_finder()
        exclude = self._not_me()
        return finder.suggest_for_question(  # type: ignore[no-any-return]
            item_id, limit=limit, exclude=exclude
        )

    def update_expertise(
        self,
        *,
        confirm: Iterable[str] = (),
        hide: Iterable[str] = (),
        unhide: Iterable[str] = (),
        remove: Iterable[str] = (),
        opt_out: bool | None = None,
    ) -> ExpertiseProfile:
        """Change how the signed-in person is shown as an expert; returns their new profile.

        - ``confirm``: topics they stand by (shown even without activity; no longer hidden);
        - ``hide``: topics never to list them for (no longer confirmed);
        - ``unhide``: topics to list them for again;
        - ``remove``: drop a topic from everything they declared (confirmed topics, skills,
          "ask me about"). A topic mined from their own writing cannot be deleted, so
          removing it hides it instead (also when it was declared as well);
        - ``opt_out``: True never lists them as an expert at all, False lists them again.

        Topics compare case-insensitively with whitespace collapsed, as the server does.
        The change shows on this desktop at once (profile and rankings, offline too) and is
        queued as one profile update carrying the full resulting lists, published at the
        next sync. Raises ``NotSignedIn`` when no one is signed in.
        """
        account = self._account
        if account is None:
            raise NotSignedIn("Sign in first: kshare needs to know who is writing.")
        me = account.user_id
        confirm, hide, unhide, remove = (list(v) for v in (confirm, hide, unhide, remove))
        mined_keys: set[str] = set()
        finder = self._finder_or_none() if remove else None
        if finder is not None:
            for name, _strength in finder.mined_topics(me, limit=TOPIC_LIMIT):
                mined_keys |= topic_variants(name)
        self.writes.update_choices(
            lambda current: apply_choices(
                current,
                confirm=confirm,
                hide=hide,
                unhide=unhide,
                remove=remove,
                opt_out=opt_out,
                mined=lambda key: bool(topic_variants(key) & mined_keys),
            )
        )
        profile = self.expertise_profile(me)
        assert profile is not None  # the write above found the row
        return profile

    def endorse(self, person_id: str, skill: str) -> None:
        """Vouch for a colleague's skill: shown here at once, sent at the next sync.

        Endorsing yourself, someone not in the cache or an empty skill raises
        ``UserFacingError`` before anything is queued; ``NotSignedIn`` when signed out.
        """
        self.writes.endorse(person_id, skill)

    # --- groups (online only) ----------------------------------------------------------------

    def _online(self, what: str, call: Callable[[ApiClient], Any]) -> Any:
        account = self._account
        if account is None:
            raise NotSignedIn("Sign in first: groups are kept on the server.")
        token = self._token()
        if not token:
            raise NotSignedIn(f"Sign in again before {what}.")
        return group_calls.online(
            lambda: self._api(attempts=group_calls.ONLINE_ATTEMPTS),
            what,
            call,
        )

    def groups(self) -> list[GroupListing]:
        """Every group the person may know, fresh from the server, by name.

        Online only: raises ``NeedsConnection`` (a ``UserFacingError``) when the server
        cannot be reached, ``NotSignedIn`` when no one is signed in.
        """
        result: list[GroupListing] = self._online("listing groups", lambda api: api.groups())
        return result

    def join_group(self, group_id: str) -> GroupListing:
        """Join an open group, or ask the owners of a closed one (``request_pending``).

        Nothing is queued: the server decides at once. When the answer says the person
        is now a member, the group's content arrives with the next sync; start one.
        """
        key = str(uuid.uuid4())
        result: GroupListing = self._online(
            "joining the group", lambda api: api.join_group(group_id, key)
        )
        return result

    def leave_group(self, group_id: str) -> None:
        """Leave a group (or withdraw a pending request). The next sync removes from this
        computer whatever the person may no longer see. The only owner cannot leave: the
        ``UserFacingError`` carries the server's reason."""
        key = str(uuid.uuid4())
        self._online("leaving the group", lambda api: api.leave_group(group_id, key))

    def join_requests(self, group_id: str) -> list[JoinRequestOut]:
        """Pending requests to join a group the person owns, oldest first."""
        result: list[JoinRequestOut] = self._online(
            "reading the requests to join", lambda api: api.join_requests(group_id)
        )
        return result

    def approve_request(self, group_id: str, person_id: str) -> None:
        """Let a person who asked into a group the signed-in person owns."""
        key = str(uuid.uuid4())
        self._online(
            "approving the request",
            lambda api: api.answer_join_request(group_id, person_id, True, key),
        )

    def decline_request(self, group_id: str, person_id: str) -> None:
        """Turn down a request to join; the person may ask again later."""
        key = str(uuid.uuid4())
        self._online(
            "declining the request",
            lambda api: api.answer_join_request(group_id, person_id, False, key),
        )

    # --- devices and password (online only) ---------------------------------------------

    def devices(self) -> list[DeviceOut]:
        """The person's signed-in devices, this one marked ``current``."""
        result: list[DeviceOut] = self._online("listing your devices", account_api.devices)
        return result

    def sign_out_device(self, session_id: str) -> None:
        """Sign one of the person's devices out; it must sign in again to sync."""
        self._online(
            "signing the device out", lambda api: account_api.sign_out_device(api, session_id)
        )

    def change_password(self, current: str, new: str) -> None:
        """Change the person's password; their other devices are signed out."""
        self._online(
            "changing your password", lambda api: account_api.change_password(api, current, new)
        )

    # --- reading --------------------------------------------------------------------------------

    def feed_count(self, kind: str | None = None) -> int:
        return queries.feed_count(self.reader, kind)

    def feed_page(self, offset: int, limit: int, kind: str | None = None) -> list[ItemSummary]:
        return queries.feed_page(self.reader, offset, limit, kind)

    def item(self, item_id: str) -> ItemDetail | None:
        detail = queries.item_detail(self.reader, item_id)
        if detail is not None and detail.attachment_name:
            detail = replace(detail, attachment_note=self._attachment_note(item_id))
        if detail is not None:
            detail = replace(detail, verification_note=self.curation.note_for(item_id))
        return detail

    def _attachment_note(self, item_id: str) -> str:
        """Why a document's file is not searchable, as its text extraction ended."""
        try:
            found = self._search_index().extraction_status(item_id)
        except FeatureUnavailable:
            return ""
        if found is None or found[0] in ("ok", "missing"):
            return ""
        return str(found[1])

    def audience_choices(self) -> list[Choice]:
        account = self._account
        return queries.audience_choices(self.reader, account.user_id if account else None)

    def attachment_path(self, item_id: str) -> Path | None:
        """The local file of a document, downloading it now if needed (the "lazy" policy).

        It carries the document's own file name (a read-only copy of the verified
        content), so the desktop opens it with the right application.
        """
        detail = self.item(item_id)
        if detail is None:
            return None
        with self.reader.connect() as conn:
            ref = self.writes.attachment_of(conn, item_id)
        if ref is None:
            return None
        self.require_feature("downloads_enabled", "Downloading shared documents")
        blobs = self._sync_engine().blobs
        assert blobs is not None
        try:
            return blobs.named_copy(ref)
        except SyncError as exc:
            raise UserFacingError(f"Cannot download {ref.filename or 'the file'}: {exc}") from exc

    # --- writing ------------------------------------------------------------------------------

    def publish(
        self,
        *,
        title: str,
        body: str,
        tags: Sequence[str] = (),
        audience: Sequence[str] = ("org",),
        kind: str = "post",
        parent_id: str | None = None,
        editors: Sequence[str] = (),
        publish_at: datetime | None = None,
        visible_until: datetime | None = None,
    ) -> str:
        """Queue a new item in the outbox and show it in the cache at once, as pending.

        ``editors`` (``group:NAME``, ``person:USERNAME``) may change its text too and must
        be among its audience; ``publish_at`` and ``visible_until`` bound when others see
        it (a time without a zone is local time).
        """
        self._check_audience(audience)
        return self.writes.publish(
            item_id=str(uuid.uuid4()),
            title=title,
            body=body,
            tags=tags,
            audience=audience,
            kind=kind,
            parent_id=parent_id,
            editors=editors,
            publish_at=publish_at,
            visible_until=visible_until,
        )

    def share_file(
        self,
        path: Path | str,
        *,
        title: str = "",
        body: str = "",
        tags: Sequence[str] = (),
        audience: Sequence[str] = ("org",),
        parent_id: str | None = None,
        editors: Sequence[str] = (),
        publish_at: datetime | None = None,
        visible_until: datetime | None = None,
    ) -> str:
        """Publish a file as a document: kept locally, uploaded, then announced, via the outbox.

        The upload is queued before the document that refers to it, in the same
        transaction and only once the document passed its checks, so the server
        always has the bytes when the document arrives; either survives a restart.
        ``editors`` and the window are as for :meth:`publish`.
        """
        self._check_audience(audience)
        source = Path(path)
        ref, queue_upload = self._local_file(source)
        return self.writes.publish(
            item_id=str(uuid.uuid4()),
            title=title or source.stem,
            body=body,
            tags=tags,
            audience=audience,
            kind="document",
            parent_id=parent_id,
            attachment=ref,
            editors=editors,
            publish_at=publish_at,
            visible_until=visible_until,
            queue_first=queue_upload,
        )

    def replace_file(self, item_id: str, path: Path | str) -> None:
        """A new version of a shared document's file: uploaded, then announced, via the
        outbox (like :meth:`share_file`); the document keeps its title, text and audience."""
        ref, queue_upload = self._local_file(Path(path))
        self.writes.edit(
            item_id, title=None, body=None, tags=None, attachment=ref, queue_first=queue_upload
        )

    def _local_file(self, source: Path) -> tuple[BlobRef, Callable[[Any], None]]:
        """Keep a file to upload; returns its reference and what queues its upload."""
        try:
            size = source.stat().st_size
            if size > MAX_UPLOAD_BYTES:
                raise UserFacingError(
                    f"{source.name} is {size / 1024**2:.0f} MB; files up to "
                    f"{MAX_UPLOAD_BYTES // 1024**2} MB can be shared."
                )
            data = source.read_bytes()
        except OSError as exc:
            raise UserFacingError(f"Cannot read {source.name}: {exc.strerror or exc}") from exc
        mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        sha256 = BlobStore(self.paths.blobs_dir, None).add_local(data)
        ref = BlobRef(sha256=sha256, size=len(data), mime=mime, filename=source.name)

        def queue_upload(conn: Any) -> None:
            if not outbox.has_pending(conn, sha256, "upload_blob"):
                outbox.add(conn, "upload_blob", sha256, {"size": len(data)})

        return ref, queue_upload

    def edit(
        self,
        item_id: str,
        *,
        title: str | None = None,
        body: str | None = None,
        tags: Sequence[str] | None = None,
        audience: Sequence[str] | None = None,
        editors: Sequence[str] | None = None,
        publish_at: TimeChange = KEEP,
        visible_until: TimeChange = KEEP,
    ) -> None:
        """Change an item; what is not given stays as it is.

        ``audience``, ``editors`` and the times change who may see and edit one's own
        item (``publish_at=None`` / ``visible_until=None`` clear a time). The cache shows
        the change at once; people who lose access lose the item at their next sync.
        """
        self._check_audience(audience)
        self.writes.edit(
            item_id,
            title=title,
            body=body,
            tags=tags,
            audience=audience,
            editors=editors,
            publish_at=publish_at,
            visible_until=visible_until,
        )

    def delete(self, item_id: str) -> None:
        self.writes.delete(item_id)

    def react(self, item_id: str, emoji: str) -> str:
        return self.writes.react(item_id, emoji)

    def accept_answer(self, answer_id: str) -> None:
        """Accept an answer to one's own question: shown here at once, sent at the next sync."""
        self.writes.accept_answer(answer_id)

    def my_reactions(self, item_id: str) -> frozenset[str]:
        """The emoji the signed-in person has put on an item."""
        account = self._account
        if account is None:
            return frozenset()
        table = repository.REACTIONS
        with self.reader.connect() as conn:
            rows = conn.execute(
                select(table.c.emoji).where(
                    table.c.item_id == item_id, table.c.author_id == account.user_id
                )
            )
            return frozenset(rows.scalars())

    def unreact(self, item_id: str, emoji: str) -> None:
        """Take back the person's reaction; one the server never received is just forgotten."""
        account = self._account
        if account is None:
            raise NotSignedIn("Sign in first.")
        table = repository.REACTIONS
        with self.writer.begin() as conn:
            ids = list(
                conn.execute(
                    select(table.c.id).where(
                        table.c.item_id == item_id,
                        table.c.author_id == account.user_id,
                        table.c.emoji == emoji,
                    )
                ).scalars()
            )
            unsent = {
                e.target_id: e.id for e in outbox.pending(conn) if e.operation == "create_reaction"
            }
            for reaction_id in ids:
                if reaction_id in unsent:
                    outbox.discard(conn, unsent[reaction_id])
                else:
                    outbox.add(conn, "delete_reaction", reaction_id, {"item_id": item_id})
            repository.purge(conn, [("reaction", reaction_id) for reaction_id in ids])

    def pending_count(self) -> int:
        with self.reader.connect() as conn:
            return outbox.pending_count(conn)

    def unpublished(self) -> list[OutboxOp]:
        """Conflicted drafts and writes the server refused, with the person's own text."""
        with self.reader.connect() as conn:
            return outbox.unpublished(conn)

    def resolve_conflict(self, entry_id: int, keep: str) -> None:
        """``keep="mine"`` sends the draft again over the server's version; "theirs" drops it."""
        self.writes.resolve_conflict(entry_id, keep)

    def discard_unpublished(self, entry_id: int) -> None:
        with self.writer.begin() as conn:
            outbox.discard(conn, entry_id)

    def close(self) -> None:
        self._drop_engine()
        self._close_index()
        self.writer.dispose()
        self.reader.dispose()


def _device_name() -> str:
    return f"kshare desktop on {platform.node() or 'this computer'}"[:200]
