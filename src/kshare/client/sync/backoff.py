"""Bounded exponential backoff with jitter, so many desktops do not retry in lockstep."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Backoff:
    """``delay(n)`` for the n-th consecutive failure (0-based): base·factor^n, capped, jittered."""

    base: float = 1.0
    factor: float = 2.0
    cap: float = 300.0
    jitter: float = 0.3  # up to this fraction is taken off at random

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        raw = min(self.cap, self.base * self.factor ** max(0, min(attempt, 30)))
        spread = (rng or random).random() * self.jitter
        return raw * (1.0 - spread)


# Inside one request: a few quick tries ride over a dropped connection or a busy moment.
REQUEST_BACKOFF = Backoff(base=0.2, factor=2.0, cap=4.0)
REQUEST_ATTEMPTS = 4
# Between syncs: "retrying in 30 s", growing to five minutes while the server stays away.
SYNC_BACKOFF = Backoff(base=5.0, factor=2.0, cap=300.0)
