"""The kshare HTTP API as typed calls, with timeouts, retries and errors sorted by cause.

Every write carries an ``Idempotency-Key``, so retrying one after a dropped
answer can never apply it twice; that is what makes retrying writes safe here.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ValidationError

from kshare import API_VERSION, __version__
from kshare.client import updates
from kshare.client.sync import messages, replies
from kshare.client.sync.backoff import REQUEST_ATTEMPTS, REQUEST_BACKOFF, Backoff
from kshare.client.sync.errors import (
    Cancelled,
    IncompatibleServer,
    Offline,
    ServerTrouble,
    Transient,
    api_error,
)
from kshare.client.sync.transport import NetworkPolicy, client_options, describe
from kshare.clock import SYSTEM, Clock
from kshare.protocol import routes
from kshare.protocol.schemas import (
    BlobRef,
    EndorsementCreate,
    ErrorBody,
    FeedPage,
    FollowChange,
    FollowList,
    GroupListing,
    InboxState,
    ItemCreate,
    ItemOut,
    ItemUpdate,
    JoinDecision,
    JoinRequestOut,
    LoginRequest,
    LoginResponse,
    PersonOut,
    ProfileUpdate,
    PurgeAck,
    ReactionCreate,
    ReactionOut,
    ReconcileList,
    Removal,
    ServerInfo,
)

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
# Seconds per phase of a request (httpx.Timeout); httpx itself loads with the first client.
DEFAULT_TIMEOUT = {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 10.0}
MAX_RETRY_AFTER = 10.0  # wait this long inside a request; longer hints end the sync attempt


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare enough to fall back to our own backoff


def _feed_page(response: httpx.Response) -> FeedPage:
    return replies.parse_feed_page(response.content)


def _group_path(group_id: str) -> str:
    return f"{routes.GROUPS}/{quote(group_id, safe='')}"


class ApiClient:
    """One server, one token. Thread-safe for the calls the sync worker and watcher make."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout | None = None,
        attempts: int = REQUEST_ATTEMPTS,
        backoff: Backoff = REQUEST_BACKOFF,
        sleep: Callable[[float], None] | None = None,
        auth: httpx.Auth | None = None,
        network: NetworkPolicy | None = None,
        clock: Clock = SYSTEM,
    ) -> None:
        """``network`` decides trust, proxy and plain http (the organisation's policy); an
        injected ``transport`` (tests, fault hooks) replaces the network altogether."""
        import httpx  # the first client of the process loads it, not the app's start

        self.base_url = base_url.rstrip("/")
        self._clock = clock  # waits between retries
        self.attempts = attempts
        self.backoff = backoff
        self.cancel: threading.Event | None = None
        self._sleep = sleep
        self._live_socket: socket.socket | None = None
        self.last_info: ServerInfo | None = None  # what the server said it accepts, last time
        headers = {"User-Agent": f"kshare-desktop/{__version__}", "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        options: dict[str, Any] = {"transport": transport}
        if transport is None:
            options = client_options(self.base_url, network or NetworkPolicy())
        self.proxy: str | None = options.get("proxy")
        self.http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(**DEFAULT_TIMEOUT) if timeout is None else timeout,
            follow_redirects=False,
            auth=auth,  # renews an expired access token (kshare.client.account)
            **options,
        )

    def close(self) -> None:
        self.http.close()

    def interrupt(self) -> None:
        """Break a blocked read of the event stream from another thread (used on stop)."""
        sock = self._live_socket
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                log.debug("the event stream socket was already closed")

    # --- plumbing ----------------------------------------------------------------

    def _wait(self, seconds: float) -> None:
        if self._sleep is not None:
            self._sleep(seconds)
        elif self.cancel is not None:
            if self.cancel.wait(seconds):
                raise Cancelled()
        else:
            self._clock.sleep(seconds)

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()

    def _send_once(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        import httpx

        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            raise describe(exc, self.base_url, self.proxy) from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise ServerTrouble(
                f"the server is busy or failing (HTTP {response.status_code})",
                retry_after=_retry_after(response),
            )
        if response.status_code >= 400:
            raise self._error(response)
        return response

    @staticmethod
    def _error(response: httpx.Response) -> Exception:
        try:
            body = ErrorBody.model_validate_json(response.content)
            return api_error(response.status_code, body.code, body.message, body.current)
        except ValidationError:
            return api_error(response.status_code, f"http_{response.status_code}", "", None)

    def request(
        self,
        method: str,
        path: str,
        *,
        parse: Callable[[httpx.Response], Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Send with bounded retries for passing faults; parse inside the loop, so a garbled
        (truncated, corrupted) answer is fetched again rather than trusted."""
        for attempt in range(self.attempts):
            self._check_cancel()
            try:
                response = self._send_once(method, path, **kwargs)
                return parse(response) if parse else response
            except Transient as exc:
                hint = exc.retry_after
                last = attempt + 1 >= self.attempts
                if last or (hint is not None and hint > MAX_RETRY_AFTER):
                    raise
                delay = hint if hint is not None else self.backoff.delay(attempt)
                log.info("%s %s failed (%s); retrying in %.1f s", method, path, exc, delay)
                self._wait(delay)
        raise AssertionError("unreachable")  # the loop returns or raises

    @staticmethod
    def parser(model: type[M]) -> Callable[[httpx.Response], M]:
        def parse(response: httpx.Response) -> M:
            return replies.parse_record(model, response.content)

        return parse

    @staticmethod
    @staticmethod
    def list_parser(model: type[M]) -> Callable[[httpx.Response], list[M]]:
        def parse(response: httpx.Response) -> list[M]:
            return replies.parse_records(model, response.content)

        return parse

    def _write(self, method: str, path: str, key: str, model: type[M] | None, body: Any) -> Any:
        headers = {routes.IDEMPOTENCY_HEADER: key}
        content = body.model_dump_json(exclude_unset=False) if body is not None else None
        if content is not None:
            headers["Content-Type"] = "application/json"
        return self.request(
            method,
            path,
            content=content,
            headers=headers,
            parse=self.parser(model) if model else None,
        )

    # --- the API -------------------------------------------------------------------

    def info(self) -> ServerInfo:
        """Who answers at this address; refuses anything that is not a compatible kshare."""
        response = self.request("GET", routes.INFO)
        try:
            raw = json.loads(response.content)
        except ValueError as exc:
            raise IncompatibleServer(
                messages.say(messages.NOT_KSHARE_LIKE, url=self.base_url), state="error"
            ) from exc
        if not isinstance(raw, dict) or raw.get("product") != "kshare":
            raise IncompatibleServer(
                messages.say(messages.NOT_KSHARE, url=self.base_url), state="error"
            )
        info = self.parser(ServerInfo)(response)
        if info.api_version < API_VERSION:
            raise IncompatibleServer(
                messages.say(
                    messages.SERVER_TOO_OLD,
                    version=info.server_version,
                    api=info.api_version,
                    mine=API_VERSION,
                )
            )
        self.last_info = info
        if info.min_client_api > API_VERSION or updates.too_old(info):
            needed = info.min_client_version or f"API {info.min_client_api}"
            raise IncompatibleServer(
                messages.say(messages.CLIENT_TOO_OLD, mine=__version__, needed=needed),
                state="client_too_old",
            )
        return info

    def login(self, username: str, password: str, device: str) -> LoginResponse:
        body = LoginRequest(username=username, password=password, device=device)
        return self.request(  # type: ignore[no-any-return]
            "POST",
            routes.LOGIN,
            content=body.model_dump_json(),
            headers={"Content-Type": "application/json"},
            parse=self.parser(LoginResponse),
        )

    def logout(self) -> None:
        self.request("POST", routes.LOGOUT)

    def me(self) -> PersonOut:
        return self.request("GET", routes.ME, parse=self.parser(PersonOut))  # type: ignore[no-any-return]

    def feed(self, since: str, limit: int) -> FeedPage:
        params = {"since": since, "limit": limit}
        return self.request("GET", routes.FEED, params=params, parse=_feed_page)  # type: ignore[no-any-return]

    def reconcile(self) -> ReconcileList:
        return self.request("GET", routes.RECONCILE, parse=self.parser(ReconcileList))  # type: ignore[no-any-return]

    def ack_purged(self, device: str, removals: list[Removal]) -> None:
        body = PurgeAck(device=device, removals=removals)
        self.request(
            "POST",
            routes.PURGED,
            content=body.model_dump_json(),
            headers={"Content-Type": "application/json"},
        )

    def get_item(self, item_id: str) -> ItemOut:
        return self.request("GET", f"{routes.ITEMS}/{item_id}", parse=self.parser(ItemOut))  # type: ignore[no-any-return]

    def create_item(self, body: ItemCreate, key: str) -> ItemOut:
        return self._write("POST", routes.ITEMS, key, ItemOut, body)  # type: ignore[no-any-return]

    def update_item(self, item_id: str, body: ItemUpdate, key: str) -> ItemOut:
        return self._write("PUT", f"{routes.ITEMS}/{item_id}", key, ItemOut, body)  # type: ignore[no-any-return]

    def delete_item(self, item_id: str, key: str) -> None:
        self._write("DELETE", f"{routes.ITEMS}/{item_id}", key, None, None)

    def accept_answer(self, answer_id: str, key: str) -> None:
        self._write("POST", f"{routes.ITEMS}/{answer_id}/accept", key, None, None)

    def create_reaction(self, item_id: str, body: ReactionCreate, key: str) -> ReactionOut:
        return self._write(  # type: ignore[no-any-return]
            "POST", f"{routes.ITEMS}/{item_id}/reactions", key, ReactionOut, body
        )

    def delete_reaction(self, reaction_id: str, key: str) -> None:
        self._write("DELETE", f"{routes.REACTIONS}/{reaction_id}", key, None, None)

    def update_profile(self, body: ProfileUpdate, key: str) -> PersonOut:
        return self._write("PUT", routes.PROFILE, key, PersonOut, body)  # type: ignore[no-any-return]

    def endorse(self, person_id: str, body: EndorsementCreate, key: str) -> PersonOut:
        """Vouch for a colleague's skill; the answer is their row with the endorsement."""
        return self._write(  # type: ignore[no-any-return]
            "POST", f"{routes.PEOPLE}/{person_id}/endorsements", key, PersonOut, body
        )

    def follows(self) -> FollowList:
        """What the signed-in person follows (theirs alone, visible targets only)."""
        return self.request("GET", routes.FOLLOWS, parse=self.parser(FollowList))  # type: ignore[no-any-return]

    def set_follow(self, body: FollowChange, key: str) -> FollowList:
        return self._write("PUT", routes.FOLLOWS, key, FollowList, body)  # type: ignore[no-any-return]

    def inbox_state(self) -> InboxState:
        """Up to when the signed-in person read their inbox (on any desktop)."""
        return self.request("GET", routes.INBOX, parse=self.parser(InboxState))  # type: ignore[no-any-return]

    def set_inbox_state(self, body: InboxState, key: str) -> InboxState:
        return self._write("PUT", routes.INBOX, key, InboxState, body)  # type: ignore[no-any-return]

    def join_decisions(self) -> list[JoinDecision]:
        """The owners' answers to the signed-in person's requests to join, newest first."""
        return self.request(  # type: ignore[no-any-return]
            "GET", routes.JOIN_DECISIONS, parse=self.list_parser(JoinDecision)
        )

    # Group membership is decided by the server at once, never queued: these calls are
    # online only. Writes still carry a key, so a retried join files one request.

    def groups(self) -> list[GroupListing]:
        """Every group the signed-in person may know, with where they stand in each."""
        return self.request(  # type: ignore[no-any-return]
            "GET", routes.GROUPS, parse=self.list_parser(GroupListing)
        )

    def join_group(self, group_id: str, key: str) -> GroupListing:
        """Open: joined. Closed: a request for the owners (``request_pending``)."""
        return self._write(  # type: ignore[no-any-return]
            "POST", f"{_group_path(group_id)}/join", key, GroupListing, None
        )

    def leave_group(self, group_id: str, key: str) -> None:
        """Leave, or withdraw a pending request; 409 ``last_owner`` for the only owner."""
        self._write("POST", f"{_group_path(group_id)}/leave", key, None, None)

    def join_requests(self, group_id: str) -> list[JoinRequestOut]:
        """Pending requests to join a group, oldest first (owners only)."""
        return self.request(  # type: ignore[no-any-return]
            "GET", f"{_group_path(group_id)}/requests", parse=self.list_parser(JoinRequestOut)
        )

    def answer_join_request(self, group_id: str, person_id: str, approve: bool, key: str) -> None:
        """Approve (the person becomes a member) or decline a request (owners only)."""
        verb = "approve" if approve else "decline"
        path = f"{_group_path(group_id)}/requests/{quote(person_id, safe='')}/{verb}"
        self._write("POST", path, key, None, None)

    def put_blob(self, sha256: str, data: bytes, key: str) -> BlobRef:
        return self.request(  # type: ignore[no-any-return]
            "PUT",
            f"{routes.BLOBS}/{sha256}",
            content=data,
            headers={routes.IDEMPOTENCY_HEADER: key, "Content-Type": "application/octet-stream"},
            parse=self.parser(BlobRef),
        )

    def stream_blob(self, sha256: str, start: int = 0) -> Any:
        """A streaming GET from byte ``start`` (a context manager yielding the response)."""
        headers = {"Range": f"bytes={start}-"} if start else {}
        return self.http.stream("GET", f"{routes.BLOBS}/{sha256}", headers=headers)

    def events(self, read_timeout: float) -> Iterator[str]:
        """The data lines of the server's nudge stream; ends when the connection does."""
        import httpx

        timeout = httpx.Timeout(connect=5.0, read=read_timeout, write=10.0, pool=10.0)
        try:
            with self.http.stream(
                "GET", routes.EVENTS, timeout=timeout, headers={"Accept": "text/event-stream"}
            ) as response:
                if response.status_code >= 400:
                    response.read()
                    raise (
                        self._error(response)
                        if response.status_code < 500
                        else ServerTrouble(
                            f"the server's event stream failed (HTTP {response.status_code})"
                        )
                    )
                stream = response.extensions.get("network_stream")
                self._live_socket = stream.get_extra_info("socket") if stream else None
                for line in response.iter_lines():
                    if line.startswith("data:"):
                        yield line[5:].strip()
                    elif self.cancel is not None and self.cancel.is_set():
                        return
        except httpx.TimeoutException as exc:
            raise Offline("the event stream went quiet") from exc
        except httpx.TransportError as exc:
            problem = describe(exc, self.base_url, self.proxy)
            raise Offline(f"the event stream broke: {problem}") from exc
