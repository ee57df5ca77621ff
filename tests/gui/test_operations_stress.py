"""Thousands of operations while another thread keeps collecting garbage.

Before, each operation carried a QObject of its own in a reference cycle, and
the collector could free it on a worker thread; now no Qt object is created or
dropped off the GUI thread, whatever the collector does.
"""

from __future__ import annotations

import gc
import os
import sys
import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget

from kshare.ui.operations import Failure
from kshare.ui.query_ops import QueryOp

# A collector looping beside thousands of operations is slow on a loaded machine by design.
pytestmark = [pytest.mark.gui, pytest.mark.slow, pytest.mark.timeout(900)]

OPERATIONS = 3000


def test_thousands_of_operations_survive_a_collector_running_beside_them(qtbot, runner):
    stop = threading.Event()
    collections = 0

    def collect() -> None:
        nonlocal collections
        while not stop.is_set():
            # Mostly the young generation (what an allocation on a worker
            # triggers), now and then everything: a full pass over a test worker's
            # whole heap is slow, and young cycles are what the old bug was about.
            gc.collect(2 if collections % 2000 == 0 else 0)
            collections += 1
            os.sched_yield()  # lets go of the interpreter between collections

    # The collector would hold on to the interpreter between collections; it yields after
    # each one and threads switch often, so operations and collections interleave finely.
    switch = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    collector = threading.Thread(target=collect, name="collector", daemon=True)
    collector.start()
    succeeded: list[int] = []
    failed: list[Failure] = []
    pages: list[QWidget] = []
    try:
        for n in range(OPERATIONS):
            # A parentless page per operation, dropped by the test at once: only
            # the operation keeps it alive, through its callbacks.
            page = QWidget()
            if n % 3 == 0:
                runner.local(lambda n=n: n, success=succeeded.append, owner=page)
            elif n % 3 == 1:
                runner.network(_fail_on_odd(n), success=succeeded.append, failure=failed.append)
            else:
                QueryOp(parent=page, op=lambda n=n: n * 1, success=succeeded.append).failure(
                    failed.append
                ).run_in_background(runner)
            if n % 500 == 0:
                pages.append(page)  # a few pages stay open and still get their results
            del page
        qtbot.waitUntil(lambda: not runner.busy, timeout=600_000)
    finally:
        stop.set()
        collector.join()
        sys.setswitchinterval(switch)
    assert collections > OPERATIONS, "the collector ran all along, not once or twice"
    assert len(succeeded) + len(failed) == OPERATIONS
    assert all(f.message == "Something went wrong while working." for f in failed)
    assert len(failed) == len([n for n in range(OPERATIONS) if n % 3 == 1 and n % 2])
    assert all(shiboken6.isValid(page) for page in pages)


def _fail_on_odd(n: int):  # type: ignore[no-untyped-def]
    def work() -> int:
        if n % 2:
            raise ValueError(n)
        return n

    return work
