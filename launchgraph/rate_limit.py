"""Per-client budgets of points, refilled over time and charged by each query's computed cost.

The budget is a sliding window (the `limits` library): `LAUNCHGRAPH_RATE_LIMIT=3000/minute`
lets a client spend 3,000 points in any minute, the window sliding so that points come back
gradually. With REDIS_URL set the counters live in Redis, shared by every worker and
instance; otherwise in this process. If Redis cannot be reached the request is let through
(an outage of the limiter must not be an outage of the API) and a warning is logged.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter

log = logging.getLogger("launchgraph.ratelimit")

RATE_LIMIT_HEADERS = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset")


@dataclass(frozen=True)
class Budget:
    """The outcome of one charge, and what the client has left."""

    allowed: bool
    limit: int
    remaining: int
    reset: float  # epoch seconds when the window has refilled

    def headers(self) -> dict[str, str]:
        values = (self.limit, self.remaining, math.ceil(self.reset))
        headers = {name: str(value) for name, value in zip(RATE_LIMIT_HEADERS, values, strict=True)}
        if not self.allowed:
            headers["retry-after"] = str(max(1, math.ceil(self.reset - time.time())))
        return headers


def _storage(redis_url: str) -> Storage:
    if not redis_url:
        return MemoryStorage()
    # The limits library picks its asyncio Redis client by the URL's scheme.
    return RedisStorage(redis_url if redis_url.startswith("async+") else f"async+{redis_url}")


class RateLimiter:
    """Budgets of one rate (`"3000/minute"`) for any number of clients."""

    def __init__(self, rate: str, redis_url: str = "") -> None:
        self.item: RateLimitItem = parse(rate)
        self.shared = bool(redis_url)
        self.strategy = SlidingWindowCounterRateLimiter(_storage(redis_url))

    async def charge(self, client: str, points: int) -> Budget:
        """Spend `points` of the client's budget, unless that would overdraw it."""
        try:
            allowed = await self.strategy.hit(self.item, client, cost=points)
            stats = await self.strategy.get_window_stats(self.item, client)
        except Exception as exc:  # the store is down: let the request through
            log.warning("rate limiter store unavailable, not limiting: %s", exc)
            return Budget(True, self.item.amount, self.item.amount, time.time())
        return Budget(allowed, self.item.amount, stats.remaining, stats.reset_time)


def client_key(host: str | None, api_key: str | None) -> str:
    """Who a request is charged to: its API key when one is configured and sent (hashed, so
    keys never sit in the store), else its IP address."""
    if api_key:
        return "key:" + hashlib.blake2b(api_key.encode(), digest_size=12).hexdigest()
    return f"ip:{host or 'unknown'}"


def limiter_from(rate: str, redis_url: str) -> RateLimiter | None:
    """The limiter a setting asks for; None when rate limiting is off ("" or "0")."""
    if rate.strip() in ("", "0"):
        return None
    return RateLimiter(rate, redis_url)
