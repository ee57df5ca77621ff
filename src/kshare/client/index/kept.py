"""Values worked out from one segment's files, kept while the segment is in use.

A Whoosh segment's files never change once written (deleting a document only
marks it), so what is read or derived from them (field lengths, word lists,
facet columns, scored filter postings) can be kept by segment id. Several
parts of the index keep such values; they share this small cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def segment_key(reader: Any) -> tuple[str, int] | None:
    """(segment id, documents in it) of a one-segment reader; None for anything else."""
    try:
        return (str(reader.segment().segment_id()), int(reader.doc_count_all()))
    except AttributeError:
        return None


class Kept(Generic[K, V]):
    """A thread-safe cache that drops the least recently used entry beyond ``size``.

    Values are computed outside the lock: two threads may compute the same value
    once each, which is harmless for values derived from files that never change.
    A computation that gives None is not kept.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, compute: Callable[[], V | None]) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
                return value
        value = compute()
        if value is not None:
            with self._lock:
                self._items[key] = value
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        return value

    def forget(self, unwanted: Callable[[K], bool]) -> None:
        """Drop the entries whose key ``unwanted`` says yes to."""
        with self._lock:
            for key in [k for k in self._items if unwanted(k)]:
                del self._items[key]


class KeptBytes(Generic[K, V]):
    """A thread-safe cache bounded in bytes: the least recently used entries go first.

    ``weigh`` tells what a value costs; a value dearer than the whole bound is handed
    back without being kept. As with :class:`Kept`, values are computed outside the
    lock, and a computation that gives None is not kept.
    """

    def __init__(self, limit: int, weigh: Callable[[V], int]) -> None:
        self._limit = limit
        self._weigh = weigh
        self._lock = threading.Lock()
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._used = 0

    @property
    def used(self) -> int:
        """The bytes the kept values take now."""
        return self._used

    def get(self, key: K, compute: Callable[[], V | None]) -> V | None:
        with self._lock:
            entry = self._items.get(key)
            if entry is not None:
                self._items.move_to_end(key)
                return entry[0]
        value = compute()
        if value is None:
            return None
        cost = self._weigh(value)
        if cost > self._limit:
            return value
        with self._lock:
            previous = self._items.pop(key, None)
            if previous is not None:
                self._used -= previous[1]
            self._items[key] = (value, cost)
            self._used += cost
            while self._used > self._limit:
                _key, (_value, dropped) = self._items.popitem(last=False)
                self._used -= dropped
        return value

    def forget(self, unwanted: Callable[[K], bool]) -> None:
        """Drop the entries whose key ``unwanted`` says yes to."""
        with self._lock:
            for key in [k for k in self._items if unwanted(k)]:
                self._used -= self._items.pop(key)[1]
