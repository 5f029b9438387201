"""Which events and launches an ingest changed, and how servers learn of it.

An ingest notes the ids whose row it created or replaced with a newer copy (a repeat with the
same `last_updated` changes nothing and is not noted). At commit, PostgreSQL delivers them to
every listening server through `NOTIFY launchgraph_changes` (ids only, in chunks under the
payload limit; NOTIFY is transactional, so a rolled-back ingest announces nothing). SQLite has
no NOTIFY: changes are handed to the feeds of the same process (an ingest run by another
process is not seen there). Each server reads the changed objects itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import asyncpg
import orjson
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from launchgraph.db.ingest.batch import Stamp
from launchgraph.db.listening import Listening
from launchgraph.db.queries.listings import LISTINGS

CHANNEL = "launchgraph_changes"
KINDS = ("event", "launch")
# PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.
MAX_PAYLOAD = 7000
# Changes a subscriber may have waiting; one that falls further behind is dropped.
QUEUE_LIMIT = 1000

log = logging.getLogger("launchgraph.changes")


@dataclass
class Changes:
    """Ids of changed events and launches."""

    ids: dict[str, set[Any]] = field(default_factory=lambda: {k: set() for k in KINDS})

    def note(
        self, taken: Mapping[str, Mapping[Any, Stamp]], held: Mapping[str, Mapping[Any, Stamp]]
    ) -> None:
        """Note what a batch wrote (`taken`: id -> last_updated) against what was there
        (`held`: the stored or earlier-written last_updated; an id missing is a new row)."""
        for kind in KINDS:
            before = held.get(kind, {})
            for key, stamp in taken.get(kind, {}).items():
                if key not in before or _newer(stamp, before[key]):
                    self.ids[kind].add(key)

    def merge(self, other: Changes) -> None:
        for kind in KINDS:
            self.ids[kind] |= other.ids[kind]

    def __bool__(self) -> bool:
        return any(self.ids.values())


def _newer(incoming: Stamp, held: Stamp) -> bool:
    # Without stamps (API 2.0.0 copies) a change cannot be ruled out.
    return held is None or incoming is None or incoming > held


def payloads(changes: Changes) -> list[str]:
    """The changes as NOTIFY payloads, each under MAX_PAYLOAD bytes."""
    out: list[str] = []
    chunk: dict[str, list[Any]] = {k: [] for k in KINDS}
    size = 0
    for kind in KINDS:
        for key in sorted(changes.ids[kind], key=str):
            cost = len(orjson.dumps(key)) + 1
            if size + cost > MAX_PAYLOAD - 64:
                out.append(orjson.dumps(chunk).decode())
                chunk, size = {k: [] for k in KINDS}, 0
            chunk[kind].append(key)
            size += cost
    if size:
        out.append(orjson.dumps(chunk).decode())
    return out


def parse(payload: str) -> Changes:
    data = orjson.loads(payload)
    return Changes({k: set(data.get(k, ())) for k in KINDS})


async def announce(conn: AsyncConnection, changes: Changes) -> None:
    """Queue the changes for delivery at commit (PostgreSQL; elsewhere see `publish_local`)."""
    if conn.dialect.name != "postgresql":
        return
    for payload in payloads(changes):
        await conn.execute(select(func.pg_notify(CHANNEL, payload)))


# --- delivery ----------------------------------------------------------------------------

_local: dict[str, set[ChangeFeed]] = {}


def _where(engine: AsyncEngine) -> str:
    return engine.url.render_as_string(hide_password=True)


def publish_local(engine: AsyncEngine, changes: Changes) -> None:
    """Hand committed changes to this process's feeds on the same database (SQLite)."""
    if engine.dialect.name == "postgresql" or not changes:
        return
    for feed in list(_local.get(_where(engine), ())):
        feed.publish_threadsafe(changes)


class ChangeFeed(Listening):
    """Changes to one database, fanned out to any number of subscribers in this process."""

    channel = CHANNEL

    def __init__(self, engine: AsyncEngine, on_count: Callable[[int], None] | None = None) -> None:
        super().__init__(engine)
        self.on_count = on_count  # told the number of subscribers whenever it changes
        self._queues: set[asyncio.Queue[Changes | None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self.ready = asyncio.Event()  # listening (PostgreSQL) or registered (SQLite)
        self._stopped = False

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        if self.postgres:
            self._listen()
        else:
            _local.setdefault(_where(self.engine), set()).add(self)
            self.ready.set()

    async def stop(self) -> None:
        """Stop listening and end every subscription (their iterators finish)."""
        self._stopped = True
        self.ready.set()  # wakes subscribers still waiting for the listener
        _local.get(_where(self.engine), set()).discard(self)
        await self._stop_listening()
        for queue in list(self._queues):
            queue.put_nowait(None)

    def publish(self, changes: Changes) -> None:
        for queue in list(self._queues):
            if queue.qsize() >= QUEUE_LIMIT:
                log.warning("a subscriber fell %d changes behind; dropping it", QUEUE_LIMIT)
                self._queues.discard(queue)
                self._counted()
                queue.put_nowait(None)
            else:
                queue.put_nowait(changes)

    def publish_threadsafe(self, changes: Changes) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self.publish, changes)

    async def subscribe(self) -> AsyncIterator[Changes]:
        """Every change from the moment the feed listens on, until the feed stops."""
        await self.ready.wait()
        if self._stopped:
            return
        queue: asyncio.Queue[Changes | None] = asyncio.Queue()
        self._queues.add(queue)
        self._counted()
        try:
            while (changes := await queue.get()) is not None:
                yield changes
        finally:
            self._queues.discard(queue)
            self._counted()

    def _counted(self) -> None:
        if self.on_count is not None:
            self.on_count(len(self._queues))

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        try:
            changes = parse(payload)
        except (ValueError, TypeError):
            log.warning("ignoring a malformed %s payload", CHANNEL)
            return
        self.publish(changes)

    async def _listening(self, listener: asyncpg.Connection) -> None:
        self.ready.set()

    def _down(self) -> None:
        self.ready.clear()  # changes meanwhile are missed


async def changed_rows(
    conn: AsyncConnection,
    kind: str,
    ids: set[Any],
    criteria: Mapping[str, Any],
    since: datetime | None = None,
) -> list[Any]:
    """The rows of `kind` among `ids` that meet the list criteria (and, with `since`, are
    dated at or after it), in the list's default order."""
    listing = LISTINGS[kind]
    bound = {f"{'net' if kind == 'launch' else 'date'}_from": since} if since else {}
    query = (
        select(listing.table)
        .where(*listing.where(criteria), *listing.where({"ids": tuple(ids)}), *listing.where(bound))
        .order_by(*(k.order_by() for k in listing.keys(None)))
    )
    return list(await conn.execute(query))
