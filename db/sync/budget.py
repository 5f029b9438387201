"""A budget of requests per time window (LL2 counts a client's requests per hour), and the
clock it waits on (a fake one in tests, so hours of waiting take no time)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger("launchgraph.sync")

# LL2's free tier (requests per hour) when the API does not say.
FREE_TIER = 15
HOUR = 3600.0


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic clock."""
        ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


@dataclass(frozen=True)
class Throttle:
    """What LL2's `api-throttle` endpoint reports for this client."""

    limit: int  # your_request_limit
    window: float  # limit_frequency_secs
    used: int  # current_use
    next_free_in: float  # next_use_secs


class RequestBudget:
    """At most `limit` requests in any `window` seconds, counted as they are sent."""

    def __init__(self, limit: int, clock: Clock, window: float = HOUR) -> None:
        if limit < 1:
            raise ValueError("a request budget needs at least one request per window")
        self.limit = limit
        self.window = window
        self.clock = clock
        self.sent: deque[float] = deque()

    def adopt(self, throttle: Throttle, cap: int | None = None) -> None:
        """Take LL2's figures: its limit (or `cap`, if lower) and the requests it has already
        counted, which free up when it says (a full window from now when it does not)."""
        self.limit = min(throttle.limit, cap) if cap else throttle.limit
        self.window = throttle.window or self.window
        now = self.clock.now()
        self._expire(now)
        missing = throttle.used - len(self.sent)
        if missing > 0:
            free_at = now + (throttle.next_free_in if throttle.next_free_in > 0 else self.window)
            self.sent = deque(sorted([*self.sent, *[free_at - self.window] * missing]))

    def _expire(self, now: float) -> None:
        while self.sent and self.sent[0] <= now - self.window:
            self.sent.popleft()

    def wait_time(self) -> float:
        """Seconds until one more request may be sent."""
        now = self.clock.now()
        self._expire(now)
        if len(self.sent) < self.limit:
            return 0.0
        return self.sent[len(self.sent) - self.limit] + self.window - now

    async def acquire(self) -> None:
        """Wait until a request may be sent, and count it as sent."""
        while (wait := self.wait_time()) > 0:
            if wait > 5:
                log.info(
                    "request budget used up (%d per %d s): next request in %s",
                    self.limit,
                    self.window,
                    human_duration(wait),
                )
            await self.clock.sleep(wait)
        self.sent.append(self.clock.now())

    def eta(self, requests: int) -> float:
        """Seconds until `requests` more requests can have been sent (network time aside)."""
        now = self.clock.now()
        self._expire(now)
        times = list(self.sent)
        at = now
        for _ in range(requests):
            if len(times) >= self.limit:
                at = max(at, times[len(times) - self.limit] + self.window)
            times.append(at)
        return at - now


def human_duration(seconds: float) -> str:
    """12 s, 4 min, 2 h 05 min."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
