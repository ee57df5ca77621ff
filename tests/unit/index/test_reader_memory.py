"""The desktop's watch on the reader's memory, on a real child that allocates step by step.

RLIMIT_AS bounds the reader on Linux only; this watch (psutil) is what bounds it on macOS
and Windows, so it is tested here on its own, against a process that really grows.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from kshare.client.index.limits import MB
from kshare.client.index.worker import MemoryWatch

STEP_MB = 16
CAP_MB = 100
GROWER = f"""
import sys
held = []
print("ready", flush=True)
for line in sys.stdin:
    block = bytearray({STEP_MB} * 1024 * 1024)
    for i in range(0, len(block), 4096):  # touch every page, so it is really resident
        block[i] = 1
    held.append(block)
    print("grown", flush=True)
"""


@pytest.fixture
def grower() -> Iterator[subprocess.Popen[str]]:
    child = subprocess.Popen(
        [sys.executable, "-c", GROWER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(30)
    for pipe in (child.stdin, child.stdout):
        if pipe is not None:
            pipe.close()


def test_the_watch_kills_a_child_that_grows_past_the_cap(
    grower: subprocess.Popen[str],
) -> None:
    assert grower.stdin is not None and grower.stdout is not None
    watch = MemoryWatch(grower.pid)
    assert watch._process is not None  # psutil answers on this platform
    steps = 0
    while grower.poll() is None and steps < 3 * CAP_MB // STEP_MB:
        grower.stdin.write("\n")
        grower.stdin.flush()
        assert grower.stdout.readline().strip() == "grown"
        steps += 1
        if watch.grown() > CAP_MB * MB:
            grower.kill()
            break
    grower.wait(30)

    assert grower.returncode != 0  # killed, not finished
    # stopped at the first look past the cap: within one step of it, far below 3x
    assert CAP_MB // STEP_MB <= steps <= CAP_MB // STEP_MB + 2
    assert watch.size() is None  # gone


def test_a_process_that_does_not_grow_is_left_alone(grower: subprocess.Popen[str]) -> None:
    watch = MemoryWatch(grower.pid)
    assert 0 <= watch.grown() < 4 * MB
    assert grower.poll() is None
