"""Sign-in throttling: a sliding window per key, and no unbounded memory for made-up names."""

from __future__ import annotations

from datetime import timedelta

from kshare.server.auth import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_too_many_failures_wait_until_the_oldest_ages_out() -> None:
    clock = Clock()
    throttle = Throttle(timedelta(seconds=60), 3, clock=clock)
    for _ in range(3):
        assert throttle.retry_after("ana") == 0
        throttle.failed("ana")
        clock.now += 10
    assert throttle.retry_after("ana") == 30  # the first failure leaves the window at 1060
    assert throttle.retry_after("bob") == 0  # another key is not affected
    clock.now += 30
    assert throttle.retry_after("ana") == 0


def test_success_clears_the_count() -> None:
    throttle = Throttle(timedelta(seconds=60), 2, clock=Clock())
    throttle.failed("ana")
    throttle.failed("ana")
    assert throttle.retry_after("ana") > 0
    throttle.succeeded("ana")
    assert throttle.retry_after("ana") == 0


def test_aged_out_keys_are_forgotten() -> None:
    clock = Clock()
    throttle = Throttle(timedelta(seconds=60), 5, clock=clock)
    throttle.SWEEP_AT = 100
    for n in range(100):
        throttle.failed(f"made-up-{n}")
    assert len(throttle) == 100
    clock.now += 61
    throttle.failed("one more")  # the table is full: the aged-out keys are swept first
    assert len(throttle) == 1
    assert throttle.retry_after("one more") == 0 and len(throttle) == 1
    clock.now += 61
    assert throttle.retry_after("one more") == 0 and len(throttle) == 0
