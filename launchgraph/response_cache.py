"""Answers kept in memory, valid for exactly one data version (and one instant, for answers
that depended on the clock), so a cached answer is never stale."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Entry:
    """A rendered response and what it is valid for."""

    version: int
    instant: datetime | None  # None: the answer did not depend on the clock
    status: int
    media_type: str
    body: bytes
    etag: str
    path: str | None = None  # the execution path that answered (gql.execute)


def etag_of(body: bytes) -> str:
    """A strong ETag of a response body."""
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


class ResponseCache:
    """A bounded LRU of responses keyed by request (query, variables, operation, media type)."""

    def __init__(self, max_entries: int = 4096, max_bytes: int = 128 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Any, Entry] = OrderedDict()
        self._bytes = 0

    def get(self, key: Any, version: int, instant: datetime) -> Entry | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.version != version or (entry.instant is not None and entry.instant != instant):
            return None
        self._entries.move_to_end(key)
        return entry

    def put(self, key: Any, entry: Entry) -> None:
        if len(entry.body) > self.max_bytes // 16:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= len(old.body)
        self._entries[key] = entry
        self._bytes += len(entry.body)
        while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._entries)
