"""Who is signed in on a profile: signing in and out, the server calls made as them.

The account record lives in the cache's state table; the tokens live in the
keyring (:mod:`kshare.client.credentials`). Signing in as someone else than the
profile's previous account forgets the old account's cache first.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine

from kshare.client import credentials
from kshare.client import groups as group_calls
from kshare.client.account import api as account_api
from kshare.client.account import methods as sign_in_methods
from kshare.client.errors import LoginFailed, NotSignedIn, ServerUnreachable, UserFacingError
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
from kshare.client.policy_checks import PolicyChecks
from kshare.client.store import repository
from kshare.client.sync import messages
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import ApiError, IncompatibleServer, SyncError, Transient
from kshare.client.sync.report import StatusTracker
from kshare.client.sync.transport import InsecureServer
from kshare.client.views import DeviceView, SyncStatus
from kshare.clock import Clock
from kshare.protocol.schemas import DeviceOut

if TYPE_CHECKING:
    from kshare.client.account.session_auth import SessionAuth

log = logging.getLogger(__name__)

T = TypeVar("T")

ACCOUNT_KEY = "account"
PREVIOUS_ACCOUNT_KEY = "previous_account"


@dataclass(frozen=True)
class Account:
    server_url: str
    username: str
    user_id: str
    display_name: str


class Sessions:
    """The signed-in account of one profile and the authenticated calls made for it.

    ``forget_cache`` wipes the cache when another account signs in; ``drop_engine``
    lets go of the sync engine whenever the account changes.
    """

    def __init__(
        self,
        reader: Engine,
        writer: Engine,
        policy: PolicyChecks,
        tracker: StatusTracker,
        clock: Clock,
        lock: threading.RLock,
        *,
        forget_cache: Callable[[], None],
        drop_engine: Callable[[], None],
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.policy = policy
        self.settings = policy.settings
        self.tracker = tracker
        self.clock = clock
        self._lock = lock
        self._forget_cache = forget_cache
        self._drop_engine = drop_engine
        self.current: Account | None = self._stored(ACCOUNT_KEY)

    def _stored(self, key: str) -> Account | None:
        with self.reader.connect() as conn:
            raw = repository.get_state(conn, key)
        return Account(**json.loads(raw)) if raw else None

    def my_id(self) -> str | None:
        account = self.current
        return account.user_id if account is not None else None

    def token(self) -> str | None:
        account = self.current
        return credentials.load_token(account.server_url, account.username) if account else None

    @staticmethod
    def auth(account: Account) -> SessionAuth:
        # httpx comes with it: loaded by the first call to the server, not at start-up
        from kshare.client.account.session_auth import SessionAuth

        return SessionAuth(account.server_url, account.username)

    def api(self, **kwargs: Any) -> ApiClient:
        """A client for the signed-in account's server, refreshing its session as needed."""
        account = self.current
        if account is None:
            raise NotSignedIn(QT_TRANSLATE_NOOP("Errors", "Sign in first."))
        self.policy.check_server(account.server_url)
        return ApiClient(
            account.server_url,
            auth=self.auth(account),
            network=self.policy.network(),
            clock=self.clock,
            **kwargs,
        )

    def online(self, what: str, call: Callable[[ApiClient], T]) -> T:
        """Run one call against the server now; every failure becomes a sentence."""
        account = self.current
        if account is None:
            raise NotSignedIn(
                QT_TRANSLATE_NOOP("Errors", "Sign in before {what}."),
                what=Phrase.of("TaskLabel", what),
            )
        token = self.token()
        if not token:
            raise NotSignedIn(
                QT_TRANSLATE_NOOP("Errors", "Sign in again before {what}."),
                what=Phrase.of("TaskLabel", what),  # the window names the work as it does
            )
        return group_calls.online(
            lambda: self.api(attempts=group_calls.ONLINE_ATTEMPTS),
            what,
            call,
        )

    def signed_out_by_server(self) -> None:
        """The account was disabled and its cache wiped during a sync."""
        self.current = None
        self._drop_engine()

    # --- signing in and out --------------------------------------------------------------

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

    def sign_in_methods(self, server_url: str) -> tuple[str, ...]:
        """How one may sign in at ``server_url``: "password", "sso" (see ``account.methods``)."""
        return sign_in_methods.ask(self._connect, server_url)

    def login_with_browser(
        self, server_url: str, show_url: Callable[[str], None], **options: Any
    ) -> Account:
        """Sign in with the company account in the system browser (see ``account.sso``)."""
        from kshare.client.account.sso import sign_in_with_browser

        server_url, api = self._connect(server_url)
        try:
            if "sso" not in api.info().sign_in:
                raise LoginFailed(
                    QT_TRANSLATE_NOOP(
                        "Errors", "{url} does not offer signing in with a company account."
                    ),
                    url=server_url,
                )
            answer = sign_in_with_browser(api, show_url=show_url, **options)
        except (Transient, IncompatibleServer, ApiError) as exc:
            raise self._sign_in_error(server_url, exc, "company account") from exc
        finally:
            api.close()
        return self._adopt(server_url, answer)

    def _connect(self, server_url: str) -> tuple[str, ApiClient]:
        server_url = (server_url or str(self.settings.get("server_url"))).strip().rstrip("/")
        if not server_url:
            raise ServerUnreachable(
                QT_TRANSLATE_NOOP("Errors", "Give the address of your company's kshare server.")
            )
        self.policy.check_server(server_url)
        credentials.ensure_available()
        try:
            return server_url, ApiClient(
                server_url, attempts=2, network=self.policy.network(), clock=self.clock
            )
        except InsecureServer as exc:
            raise ServerUnreachable(
                QT_TRANSLATE_NOOP("Errors", "{cause}."), cause=exc.phrase
            ) from exc

    def _sign_in_error(self, server_url: str, exc: Exception, what: str) -> UserFacingError:
        if isinstance(exc, Transient):
            return ServerUnreachable(
                QT_TRANSLATE_NOOP("Errors", "Cannot reach {url}: {cause}."),
                url=server_url,
                cause=exc.phrase,
            )
        if isinstance(exc, IncompatibleServer):
            url = str(self.settings.get("download_url"))
            if url and exc.state == "client_too_old":
                return ServerUnreachable(
                    QT_TRANSLATE_NOOP("Errors", "{cause}. Get it from {url}."),
                    cause=exc.phrase,
                    url=url,
                )
            return ServerUnreachable(QT_TRANSLATE_NOOP("Errors", "{cause}."), cause=exc.phrase)
        assert isinstance(exc, ApiError)
        log.info("sign-in refused: %s %s", exc.status, exc.code)
        if exc.code == "password_sign_in_off" or exc.status not in (401, 403, 409, 422):
            return LoginFailed(
                QT_TRANSLATE_NOOP("Errors", "Sign-in failed: {cause}"), cause=exc.phrase
            )
        if what == "company account":
            return LoginFailed(
                QT_TRANSLATE_NOOP(
                    "Errors", "The server did not accept your company account: {cause}"
                ),
                cause=exc.phrase,
            )
        return LoginFailed(
            QT_TRANSLATE_NOOP("Errors", "The server did not accept that user name and password.")
        )

    def _adopt(self, server_url: str, answer: Any) -> Account:
        """Keep a new device session: keyring, account record; another account's cache goes."""
        account = Account(
            server_url, answer.user.username, answer.user.id, answer.user.display_name
        )
        with self._lock:
            previous = self._stored(PREVIOUS_ACCOUNT_KEY)
            if previous is not None and (previous.server_url, previous.user_id) != (
                account.server_url,
                account.user_id,
            ):
                log.info("another account signs in on this profile: forgetting the old cache")
                self._forget_cache()
            credentials.store_session(
                server_url, account.username, answer.token, answer.refresh_token
            )
            if answer.device_key:
                credentials.store_device_key(server_url, account.username, answer.device_key)
            with self.writer.begin() as conn:
                value = json.dumps(asdict(account))
                repository.set_state(conn, ACCOUNT_KEY, value)
                repository.set_state(conn, PREVIOUS_ACCOUNT_KEY, value)
            self.current = account
            self._drop_engine()
            self.tracker.set(SyncStatus.said("idle", messages.say(messages.SIGNED_IN)))
        return account

    def logout(self) -> None:
        """Sign out: the server forgets the token (if reachable), the keyring forgets it too."""
        account = self.current
        if account is None:
            return
        token = credentials.load_token(account.server_url, account.username)
        if token and self.settings.server_allowed(account.server_url):
            try:
                api = ApiClient(
                    account.server_url,
                    attempts=1,
                    auth=self.auth(account),
                    network=self.policy.network(),
                )
            except InsecureServer as exc:
                raise ServerUnreachable(
                    QT_TRANSLATE_NOOP("Errors", "{cause}."), cause=exc.phrase
                ) from exc
            try:
                api.logout()
            except SyncError as exc:
                log.info("could not tell the server about the sign-out: %s", exc)
            finally:
                api.close()
        credentials.delete_token(account.server_url, account.username)
        with self.writer.begin() as conn:
            repository.delete_state(conn, ACCOUNT_KEY)
        self.current = None
        self._drop_engine()
        self.tracker.set(SyncStatus.said("signed_out", messages.say(messages.SIGNED_OUT)))

    # --- devices and password (online only) ---------------------------------------------

    def devices(self) -> list[DeviceView]:
        """The person's signed-in devices, this one marked ``current``."""
        return [
            device_view(d)
            for d in self.online(
                QT_TRANSLATE_NOOP("TaskLabel", "listing your devices"), account_api.devices
            )
        ]

    def sign_out_device(self, session_id: str) -> None:
        """Sign one of the person's devices out; it must sign in again to sync."""
        self.online(
            QT_TRANSLATE_NOOP("TaskLabel", "signing the device out"),
            lambda api: account_api.sign_out_device(api, session_id),
        )

    def change_password(self, current: str, new: str) -> None:
        """Change the person's password; their other devices are signed out."""
        self.online(
            QT_TRANSLATE_NOOP("TaskLabel", "changing your password"),
            lambda api: account_api.change_password(api, current, new),
        )


def device_view(device: DeviceOut) -> DeviceView:
    """A device session from the wire as the desktop and the command line show it."""
    return DeviceView(
        id=device.id,
        host_name=device.host_name,
        platform=device.platform,
        app_version=device.app_version,
        created_at=device.created_at,
        last_seen_at=device.last_seen_at,
        current=device.current,
    )
