"""The session's full garbage collections walk only what is new since the last one."""

from __future__ import annotations

import gc
import weakref

from kshare.ui.app import QuietCollections


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector can free it


def test_what_survives_a_full_collection_is_set_aside_until_the_session_ends() -> None:
    quiet = QuietCollections()
    quiet.start()
    try:
        assert gc.get_freeze_count() > 0  # what the start-up loaded
        kept = [Node() for _ in range(1000)]
        frozen = gc.get_freeze_count()
        gc.collect()
        assert gc.get_freeze_count() >= frozen + len(kept)  # survivors set aside
        young = Node()
        gone = weakref.ref(young)
        del young
        gc.collect(1)
        assert gone() is None  # a new cycle is still collected
        old = weakref.ref(kept[0])
        del kept
        gc.collect()
        assert old() is not None  # set aside: not walked while the session runs
    finally:
        quiet.stop()
    assert gc.get_freeze_count() == 0
    assert quiet._on_collection not in gc.callbacks
    gc.collect()
    assert old() is None  # after the session, collected as usual
