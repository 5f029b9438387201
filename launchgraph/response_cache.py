"""Answers kept in memory, valid for exactly one data version (and one instant, for answers
that depended on the clock), so a cached answer is never stale."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from cachetools import LRUCache
from starlette.requests import Request
from starlette.responses import Response

Header = tuple[bytes, bytes]  # one HTTP header as ASGI sends it


@dataclass(frozen=True)
class Entry:
    """A rendered response and what it is valid for."""

    version: int
    instant: datetime | None  # None: the answer did not depend on the clock
    status: int
    media_type: str
    body: bytes
    etag: str | None  # None: not made yet (a POST answer not kept needs none)
    path: str | None = None  # the execution path that answered (gql.execute)
    points: int = 1  # what serving it again charges the client's rate-limit budget
    # The GraphQL operation answered, for the access log and the metrics of a hit.
    operation: str | None = None
    operation_type: str | None = None

    def valid_for(self, version: int, instant: datetime) -> bool:
        """Whether the answer holds at this data version and instant."""
        return self.version == version and (self.instant is None or self.instant == instant)

    @cached_property
    def content_headers(self) -> list[Header]:
        """Content-Length and Content-Type, made once per entry (a hit sends them as they are)."""
        return [
            (b"content-length", str(len(self.body)).encode()),
            (b"content-type", self.media_type.encode("latin-1")),
        ]


def reply(
    entry: Entry, method: str, if_none_match: str | None, max_age: int, headers: list[Header]
) -> tuple[int, list[Header], bytes]:
    """The status, headers and body of an answer: `headers` (the caller's own) first. A GET
    answer of 200 carries its ETag and Cache-Control (`max_age` seconds; 0: no-cache, clients
    revalidate), and answers a matching If-None-Match with 304 Not Modified."""
    if method == "GET" and entry.status == 200:
        etag = entry.etag or etag_of(entry.body)
        control = f"max-age={max_age}" if max_age > 0 else "no-cache"
        headers = [
            *headers,
            (b"etag", etag.encode()),
            (b"cache-control", control.encode()),
            (b"vary", b"accept"),
        ]
        if if_none_match and etag in _etags(if_none_match):
            return 304, headers, b""
    return entry.status, [*headers, *entry.content_headers], entry.body


def raw_headers(headers: dict[str, str]) -> list[Header]:
    """Headers as ASGI sends them."""
    return [
        (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()
    ]


def respond(
    request: Request, entry: Entry, max_age: int, headers: list[Header] | None = None
) -> Response:
    """The HTTP response of an answer (see `reply`)."""
    status, sent, body = reply(
        entry, request.method, request.headers.get("if-none-match"), max_age, headers or []
    )
    response = Response(body, status_code=status)
    response.raw_headers = sent
    return response


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def etag_of(body: bytes) -> str:
    """A strong ETag of a response body."""
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


# Bytes an entry costs beyond its key and body (the objects holding them), so a flood of
# tiny answers is bounded too.
_OVERHEAD = 512


def _key_bytes(key: Any) -> int:
    parts = key if isinstance(key, tuple) else (key,)
    return sum(len(p) for p in parts if isinstance(p, str | bytes))


class ResponseCache:
    """An LRU of responses keyed by request (query, variables, operation, media type),
    bounded in bytes: keys, bodies and a fixed overhead per entry are counted."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._entries: LRUCache[Any, tuple[Entry, int]] = LRUCache(
            max_bytes, getsizeof=lambda held: held[1]
        )

    def get(self, key: Any, version: int, instant: datetime) -> Entry | None:
        entry = self.kept(key)
        return entry if entry is not None and entry.valid_for(version, instant) else None

    def kept(self, key: Any) -> Entry | None:
        """The entry kept under `key`, whatever it is valid for."""
        held = self._entries.get(key)
        return None if held is None else held[0]

    def put(self, key: Any, entry: Entry) -> None:
        size = _key_bytes(key) + len(entry.body) + _OVERHEAD
        # One answer may not take more than a sixteenth of the cache.
        if size > self.max_bytes // 16:
            return
        self._entries[key] = (entry, size)

    def size(self) -> dict[str, int]:
        """Entries and bytes held, for /metrics."""
        return {
            "entries": len(self._entries),
            "bytes": int(self._entries.currsize),
            "max_bytes": self.max_bytes,
        }

    def __len__(self) -> int:
        return len(self._entries)
