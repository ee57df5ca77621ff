"""Live updates: listen to the server's event stream and nudge a sync; poll when it is away.

Each ``data:`` line is a nudge and triggers ``on_nudge`` at once. When the
stream breaks we nudge once (something may have changed meanwhile), wait with
backoff and reconnect; a server without the stream is polled every
``poll_interval`` seconds instead.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kshare.client.sync.api import ApiClient
from kshare.client.sync.backoff import Backoff
from kshare.client.sync.errors import ApiError, AuthRequired, NotFound, SyncError
from kshare.clock import SYSTEM, Clock

log = logging.getLogger(__name__)

WATCH_BACKOFF = Backoff(base=1.0, factor=2.0, cap=60.0)


def watch(
    make_api: Callable[[], ApiClient],
    on_nudge: Callable[[], None],
    stop: threading.Event,
    *,
    poll_interval: float = 300.0,
    read_timeout: float = 60.0,
    clock: Clock = SYSTEM,
) -> None:
    """Block until ``stop`` is set, calling ``on_nudge`` whenever the server says so."""
    failures = 0
    last_poll = clock.monotonic()
    while not stop.is_set():
        api = make_api()
        api.cancel = stop
        closer = threading.Thread(
            target=_close_on_stop, args=(api, stop), name="kshare-watch-stop", daemon=True
        )
        closer.start()
        connected = False
        try:
            for _data in api.events(read_timeout):
                connected = True
                failures = 0
                if stop.is_set():
                    return
                on_nudge()
                last_poll = clock.monotonic()
        except (NotFound, AuthRequired) as exc:
            # No stream on this server, or not signed in: fall back to plain polling.
            log.info("no live updates (%s); polling every %.0f s", exc.code, poll_interval)
            failures = max(failures, 6)
        except ApiError as exc:
            log.info("event stream refused: %s", exc)
            failures += 1
        except SyncError as exc:
            if stop.is_set():
                return
            log.info("event stream interrupted: %s", exc)
            failures += 1
        finally:
            api.close()
        if stop.is_set():
            return
        if connected:
            on_nudge()  # we may have missed a nudge while the stream was down
            last_poll = clock.monotonic()
        delay = min(WATCH_BACKOFF.delay(failures), poll_interval)
        if clock.monotonic() - last_poll >= poll_interval:
            on_nudge()
            last_poll = clock.monotonic()
        if stop.wait(delay):
            return


def _close_on_stop(api: ApiClient, stop: threading.Event) -> None:
    # Closing the client breaks a read that is blocked waiting for the next event.
    while not stop.wait(0.2):
        if api.http.is_closed:
            return
    api.interrupt()
