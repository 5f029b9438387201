"""The second tier of the response cache: answers shared by every instance through Redis
(REDIS_URL), behind each process's in-memory tier.

Keys carry the data version, so an ingest makes every instance stop using older answers at
once (they expire on their own). Redis is a help, never a need: any Redis error is logged,
Redis is left alone for a few seconds, and the request goes on with the in-memory tier.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
from dataclasses import fields
from datetime import datetime
from typing import Any

import orjson
import redis.asyncio as redis
from redis.exceptions import RedisError
from sqlalchemy.engine import make_url

from launchgraph.metrics import SHARED_CACHE_ERRORS
from launchgraph.response_cache import Entry

log = logging.getLogger("launchgraph.shared_cache")

PREFIX = "launchgraph:answer"
# How long an answer may sit in Redis: a version's answers are useless after the next ingest,
# so they only need to outlive the time between syncs. Clock-dependent answers are valid for
# their second only.
TTL_SECONDS = 3600
INSTANT_TTL_SECONDS = 2
# After a failure, Redis is not asked again for this long (no request waits on a dead Redis
# more than once per period).
BACKOFF_SECONDS = 5.0
TIMEOUT_SECONDS = 0.25
MAX_BODY = 8 * 1024 * 1024


def _digest(parts: Any, size: int = 20) -> str:
    digest = hashlib.blake2b(digest_size=size)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def namespace(database_url: str, schema_sdl: str) -> str:
    """Whose answers these are: one database (its primary, password left out) served by one
    schema. Deployments sharing a Redis, and old and new code during a rolling upgrade, then
    never answer with each other's entries."""
    url = make_url(database_url).render_as_string(hide_password=True)
    return _digest((url, schema_sdl), size=8)


def redis_key(space: str, key: Any, version: int) -> str:
    """The Redis key of an in-memory cache key (a tuple of str / bytes / None) at a version."""
    return f"{PREFIX}:{space}:{version}:{_digest(key)}"


def _dump(entry: Entry) -> bytes:
    """The entry as one JSON line of its fields, then its body as it is."""
    meta = {f.name: getattr(entry, f.name) for f in fields(Entry) if f.name != "body"}
    return orjson.dumps(meta) + b"\n" + entry.body


def _load(raw: bytes) -> Entry:
    head, _, body = raw.partition(b"\n")
    meta = orjson.loads(head)
    stamp = meta.pop("instant", None)
    instant = datetime.fromisoformat(stamp) if stamp else None
    known = {f.name for f in fields(Entry)}
    return Entry(**{k: v for k, v in meta.items() if k in known}, instant=instant, body=body)


class SharedCache:
    """Answers in Redis, for every instance that shares REDIS_URL."""

    def __init__(self, url: str, space: str) -> None:
        self.url = url
        self.space = space
        self.client = redis.Redis.from_url(
            url,
            socket_timeout=TIMEOUT_SECONDS,
            socket_connect_timeout=TIMEOUT_SECONDS,
            retry_on_timeout=False,
        )
        self._down_until = 0.0

    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, exc: Exception) -> None:
        SHARED_CACHE_ERRORS.inc()
        if self.available():
            log.warning("Redis at %s unavailable, using the in-memory cache: %s", self.url, exc)
        self._down_until = time.monotonic() + BACKOFF_SECONDS

    async def get(self, key: Any, version: int, instant: datetime) -> Entry | None:
        if not self.available():
            return None
        try:
            raw = await self.client.get(redis_key(self.space, key, version))
        except (RedisError, OSError) as exc:
            self._failed(exc)
            return None
        if raw is None:
            return None
        try:
            entry = _load(raw)
        except (ValueError, TypeError, KeyError) as exc:  # written by other code: ignore it
            log.warning("unreadable shared cache entry: %s", exc)
            return None
        return entry if entry.valid_for(version, instant) else None

    async def put(self, key: Any, entry: Entry) -> None:
        if not self.available() or len(entry.body) > MAX_BODY:
            return
        ttl = INSTANT_TTL_SECONDS if entry.instant is not None else TTL_SECONDS
        try:
            await self.client.set(redis_key(self.space, key, entry.version), _dump(entry), ex=ttl)
        except (RedisError, OSError) as exc:
            self._failed(exc)

    async def close(self) -> None:
        with contextlib.suppress(RedisError, OSError):
            await self.client.aclose()
