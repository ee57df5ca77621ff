"""The one API the Qt UI and the command line use: a profile's cache, account, sync and search.

Plain Python, no Qt. Every method is safe to call from a worker thread; the
values it returns are immutable snapshots (:mod:`kshare.client.views`).

:class:`Workspace` is the composition root: it opens a profile's engines and
builds one service per job, each in its own module, and exposes them:

- ``sessions`` (:mod:`kshare.client.account.service`): who is signed in, devices;
- ``policy`` (:mod:`kshare.client.policy_checks`): what the organisation allows;
- ``syncing`` (:mod:`kshare.client.sync.service`) and ``wiping``
  (:mod:`kshare.client.sync.wipe`);
- ``searching`` (:mod:`kshare.client.search`), ``expertise``
  (:mod:`kshare.client.experts.service`) and ``warming`` (:mod:`kshare.client.warm_up`);
- ``membership`` (:mod:`kshare.client.groups`);
- ``reading`` (:mod:`kshare.client.reading`) and ``writing`` (:mod:`kshare.client.writing`);
- ``curation``, ``notifications``, ``documents``, ``pages``, ``profile``, ``audience_reach``.

The methods below only delegate, so that the many call sites need not change at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from kshare.client.account.service import ACCOUNT_KEY, PREVIOUS_ACCOUNT_KEY, Account, Sessions
from kshare.client.audiences import KEEP, TimeChange
from kshare.client.curation.service import Curation
from kshare.client.errors import (
    KeyringUnavailable,
    LoginFailed,
    ServerUnreachable,
    UserFacingError,
)
from kshare.client.experts.service import Experts
from kshare.client.groups import Groups
from kshare.client.notifications.service import Notifications
from kshare.client.paths import ProfilePaths
from kshare.client.policy_checks import PolicyChecks
from kshare.client.reading import Reading
from kshare.client.search import Searching
from kshare.client.settings import Settings
from kshare.client.store.db import create_writer_engine, open_cache, use_clock
from kshare.client.store.outbox import OutboxOp
from kshare.client.store.writes import LocalWrites
from kshare.client.sync.engine import SyncEngine
from kshare.client.sync.report import Changes, StatusTracker, SyncReport
from kshare.client.sync.service import Syncing, stored_status
from kshare.client.sync.transport import NetworkPolicy
from kshare.client.sync.wipe import Wiping
from kshare.client.views import (
    Choice,
    DeviceView,
    Expert,
    ExpertiseProfile,
    GroupView,
    ItemDetail,
    ItemSummary,
    JoinRequestView,
    SearchResults,
    SyncStatus,
)
from kshare.client.warm_up import WarmUp
from kshare.client.writing import MAX_UPLOAD_BYTES, Writing
from kshare.clock import SYSTEM, Clock

__all__ = [
    "ACCOUNT_KEY",
    "MAX_UPLOAD_BYTES",
    "PREVIOUS_ACCOUNT_KEY",
    "Account",
    "Changes",
    "KeyringUnavailable",
    "LoginFailed",
    "ServerUnreachable",
    "SyncReport",
    "UserFacingError",
    "Workspace",
]


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
        self.tracker = StatusTracker(stored_status(self.reader))
        self.writes = LocalWrites(writer, lambda: self.account, clock)
        # One lock for the lazily built parts (engine, index, finder, warm-up, curation),
        # so that closing the index and building the finder never interleave.
        self._lock = threading.RLock()
        self._curation: Curation | None = None
        self.policy = PolicyChecks(self.settings, self.reader, self.writer)
        self.sessions = Sessions(
            self.reader,
            self.writer,
            self.policy,
            self.tracker,
            clock,
            self._lock,
            forget_cache=lambda: self.wiping.wipe_everything(),
            drop_engine=lambda: self.syncing.drop_engine(),
        )
        self.searching = Searching(
            paths,
            self.reader,
            clock,
            self._lock,
            curation=lambda: self.curation,
        )
        self.expertise = Experts(
            self.reader, self.writes, self.sessions, clock, self._lock, index=self.searching.index
        )
        self.warming = WarmUp(
            self._lock,
            index=lambda: self.searching.current,
            finder=self.expertise.finder,
            open_index=self.searching.index,
            closings=lambda: self.searching.closings,
            catch_up=self.searching.catch_up_index,
        )
        self.wiping = Wiping(
            paths,
            self.reader,
            self.writer,
            self.settings,
            self.tracker,
            clock,
            current_engine=lambda: self.syncing.current,
            close_index=self._close_index,
        )
        self.syncing = Syncing(
            paths,
            self.reader,
            self.writer,
            self.sessions,
            self.wiping,
            self.tracker,
            clock,
            self._lock,
            index_catch_up=self.searching.catch_up,
            # consent is checked again when reports leave: withdrawn ones never go
            before_sync=lambda: self.curation.withdraw_gaps_without_consent(),
            # once per sync, not after every batch: during a large first sync each
            # warm-up re-read everything so far beside the pull and the indexing
            after_sync=self._warm_after_sync,
        )
        self.membership = Groups(self.sessions.online)
        self.reading = Reading(
            self.reader,
            self.writes,
            self.sessions,
            self.searching,
            curation=lambda: self.curation,
            blobs=lambda: self.syncing.engine().blobs,
        )
        self.writing = Writing(paths, self.reader, self.writer, self.writes, self.sessions)
        self.notifications = Notifications(reader, writer, self.sessions.my_id)

    @classmethod
    def open(cls, profile: Path | str | None = None, clock: Clock = SYSTEM) -> Workspace:
        """Open (creating if needed) a profile: the cache is migrated, the index opens lazily."""
        paths = ProfilePaths.at(profile).ensure()
        reader = open_cache(paths.cache_db)
        workspace = cls(paths, reader, create_writer_engine(paths.cache_db), clock)
        workspace.wiping.enforce_offline_limit()
        return workspace

    # --- services built on demand --------------------------------------------------------

    @property
    def documents(self) -> Any:
        """Versions, downloads, previews and "Save as…" of shared documents."""
        from kshare.client.documents.factory import documents_of

        return documents_of(self)

    @property
    def audience_reach(self) -> Any:
        """How many people an audience reaches (the server's count, or the cache's estimate)."""
        from kshare.client.audience_reach import AudienceReach

        account = self.sessions.current
        return AudienceReach(
            self.reader,
            self.sessions.my_id,
            api=(lambda: self.sessions.api(attempts=1)) if account is not None else None,
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

        return ProfileEditor(self.reader, self.writer, self.sessions.my_id)

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
                    self.sessions.online,
                    self.settings,
                )
            return self._curation

    def _close_index(self) -> None:
        """Close the search index; the finder reading it goes, the warm-up finishes first."""
        with self._lock:
            index, process = self.searching.take()
            self.expertise.forget()
            warming = self.warming.thread
        if process is not None:
            process.close()  # stops a running catch-up at its next batch
        # a logout or a wipe removes the files next: the warm-up must be done reading them
        if warming is not None and warming is not threading.current_thread():
            warming.join(timeout=60)
        if index is not None:
            index.close()

    def _warm_after_sync(self) -> None:
        if self.searching.current is not None:
            self.warming.start()

    def close(self) -> None:
        self.syncing.drop_engine()
        self._close_index()
        self.writer.dispose()
        self.reader.dispose()

    # --- the parts tests and benchmarks look into ------------------------------------------

    @property
    def _engine(self) -> SyncEngine | None:
        return self.syncing.current

    def _sync_engine(self) -> SyncEngine:
        return self.syncing.engine()

    def _search_index(self) -> Any:
        return self.searching.index()

    def _expert_finder(self) -> Any:
        return self.expertise.finder()

    @property
    def _experts(self) -> Any:
        return self.expertise.current

    @property
    def _warming(self) -> threading.Thread | None:
        return self.warming.thread

    # --- account and policy (``sessions``, ``policy``) -------------------------------------

    @property
    def account(self) -> Account | None:
        return self.sessions.current

    def login(self, server_url: str, username: str, password: str) -> Account:
        return self.sessions.login(server_url, username, password)

    def sign_in_methods(self, server_url: str) -> tuple[str, ...]:
        return self.sessions.sign_in_methods(server_url)

    def login_with_browser(
        self, server_url: str, show_url: Callable[[str], None], **options: Any
    ) -> Account:
        return self.sessions.login_with_browser(server_url, show_url, **options)

    def logout(self) -> None:
        self.sessions.logout()

    def devices(self) -> list[DeviceView]:
        return self.sessions.devices()

    def sign_out_device(self, session_id: str) -> None:
        self.sessions.sign_out_device(session_id)

    def change_password(self, current: str, new: str) -> None:
        self.sessions.change_password(current, new)

    def network(self) -> NetworkPolicy:
        return self.policy.network()

    def ask_for_help(self) -> str:
        return self.policy.ask_for_help()

    def check_server(self, server_url: str) -> None:
        self.policy.check_server(server_url)

    def require_feature(self, key: str, what: str) -> None:
        self.policy.require_feature(key, what)

    def update_notice(self) -> str:
        return self.policy.update_notice()

    # --- sync (``syncing``) ----------------------------------------------------------------

    def sync(
        self,
        progress: Callable[[SyncStatus], None] | None = None,
        cancel: threading.Event | None = None,
        *,
        confirm_removal: bool = False,
    ) -> SyncReport:
        return self.syncing.sync(progress, cancel, confirm_removal=confirm_removal)

    def status(self) -> SyncStatus:
        return self.syncing.status()

    def watch(self, on_nudge: Callable[[], None], stop: threading.Event) -> None:
        self.syncing.watch(on_nudge, stop)

    def confirm_mass_removal(self) -> None:
        self.syncing.confirm_mass_removal()

    # --- search and experts (``searching``, ``expertise``, ``warming``) ----------------------

    def prepare_in_background(self) -> None:
        """At start-up: bring the index up to date and warm it and the expert finder, in a worker.

        A sync does this at its end; an offline start never syncs, and its first
        expert query would otherwise build everything while the person waits. The index
        is opened in the worker too: the window paints its feed meanwhile.
        """
        self.warming.start(catch_up=True, open_index=True)

    def index_in_worker_process(self) -> None:
        """From now on catch the index up in a process of its own (the desktop window)."""
        self.searching.index_in_worker_process()

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        page: int = 1,
        sort: str = "relevance",
        note_gap: bool = True,
    ) -> SearchResults:
        return self.searching.search(query, limit=limit, page=page, sort=sort, note_gap=note_gap)

    def experts(self, topic: str, *, limit: int = 10) -> list[Expert]:
        return self.expertise.rank(topic, limit=limit)

    def expertise_profile(self, person_id: str | None = None) -> ExpertiseProfile | None:
        return self.expertise.expertise_profile(person_id)

    def suggested_experts(self, item_id: str, *, limit: int = 5) -> list[Expert]:
        return self.expertise.suggested_experts(item_id, limit=limit)

    def update_expertise(
        self,
        *,
        confirm: Iterable[str] = (),
        hide: Iterable[str] = (),
        unhide: Iterable[str] = (),
        remove: Iterable[str] = (),
        opt_out: bool | None = None,
    ) -> ExpertiseProfile:
        return self.expertise.update_expertise(
            confirm=confirm, hide=hide, unhide=unhide, remove=remove, opt_out=opt_out
        )

    def endorse(self, person_id: str, skill: str) -> None:
        self.expertise.endorse(person_id, skill)

    # --- groups, online only (``membership``) -----------------------------------------------

    def groups(self) -> list[GroupView]:
        return self.membership.groups()

    def join_group(self, group_id: str) -> GroupView:
        return self.membership.join_group(group_id)

    def leave_group(self, group_id: str) -> None:
        self.membership.leave_group(group_id)

    def join_requests(self, group_id: str) -> list[JoinRequestView]:
        return self.membership.join_requests(group_id)

    def approve_request(self, group_id: str, person_id: str) -> None:
        self.membership.approve_request(group_id, person_id)

    def decline_request(self, group_id: str, person_id: str) -> None:
        self.membership.decline_request(group_id, person_id)

    # --- reading (``reading``) ---------------------------------------------------------------

    def feed_count(self, kind: str | None = None) -> int:
        return self.reading.feed_count(kind)

    def feed_page(self, offset: int, limit: int, kind: str | None = None) -> list[ItemSummary]:
        return self.reading.feed_page(offset, limit, kind)

    def item(self, item_id: str) -> ItemDetail | None:
        return self.reading.item(item_id)

    def audience_choices(self) -> list[Choice]:
        return self.reading.audience_choices()

    def attachment_path(self, item_id: str) -> Path | None:
        return self.reading.attachment_path(item_id)

    # --- writing (``writing``) ---------------------------------------------------------------

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
        return self.writing.publish(
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
        return self.writing.share_file(
            path,
            title=title,
            body=body,
            tags=tags,
            audience=audience,
            parent_id=parent_id,
            editors=editors,
            publish_at=publish_at,
            visible_until=visible_until,
        )

    def replace_file(self, item_id: str, path: Path | str) -> None:
        self.writing.replace_file(item_id, path)

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
        self.writing.edit(
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
        self.writing.delete(item_id)

    def accept_answer(self, answer_id: str) -> None:
        self.writing.accept_answer(answer_id)

    def react(self, item_id: str, emoji: str) -> str:
        return self.writing.react(item_id, emoji)

    def my_reactions(self, item_id: str) -> frozenset[str]:
        return self.writing.my_reactions(item_id)

    def unreact(self, item_id: str, emoji: str) -> None:
        self.writing.unreact(item_id, emoji)

    def pending_count(self) -> int:
        return self.writing.pending_count()

    def unpublished(self) -> list[OutboxOp]:
        return self.writing.unpublished()

    def resolve_conflict(self, entry_id: int, keep: str) -> None:
        self.writing.resolve_conflict(entry_id, keep)

    def discard_unpublished(self, entry_id: int) -> None:
        self.writing.discard_unpublished(entry_id)
