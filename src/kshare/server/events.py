"""Nudges for connected clients: "your feed may have changed, pull it".

Commits made by this process wake waiters at once; commits by other
processes (the admin command) are noticed by polling the change counter.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

log = logging.getLogger(__name__)


class Nudges:
    """A broadcast generation counter that async waiters can block on."""

    def __init__(self) -> None:
        self.generation = 0
        self.closed = False
        self._event = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def fire(self) -> None:
        """Wake every waiter (call on the event loop)."""
        self.generation += 1
        event, self._event = self._event, asyncio.Event()
        event.set()

    def fire_threadsafe(self) -> None:
        """Wake every waiter from any thread (e.g. after a commit in a worker thread)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self.fire)
            except RuntimeError:
                log.debug("event loop closed before a nudge could be delivered")

    def fire_threadsafe_close(self) -> None:
        """Close from a signal handler or another thread."""
        self.closed = True
        self.fire_threadsafe()

    def close(self) -> None:
        self.closed = True
        self.fire()

    async def wait(self, seen: int, timeout: float) -> int:
        """Wait until the generation moves past ``seen`` (or ``timeout``); return the new one."""
        if self.generation == seen and not self.closed:
            event = self._event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), timeout)
        return self.generation
