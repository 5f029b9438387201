"""The data version: a counter every ingest bumps, and how servers learn of bumps.

On PostgreSQL a listener connection receives `NOTIFY launchgraph_data` from every ingest
commit, so reading the version costs nothing per request; while that connection is down the
version is unknown (None) and callers must not trust caches. On SQLite (one machine, one
file) the counter is simply read.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from launchgraph.db.tables.meta import DataVersion

CHANNEL = "launchgraph_data"
log = logging.getLogger("launchgraph.version")


async def read(conn: AsyncConnection) -> int:
    """The stored data version (0 before the first ingest)."""
    table = DataVersion.__table__
    value = (await conn.execute(select(table.c.version).where(table.c.id == 1))).scalar()
    return int(value or 0)


class VersionWatcher:
    """Knows the current data version of one database."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self._known: int | None = None
        self._listener: asyncpg.Connection | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self.postgres:
            self._task = asyncio.create_task(self._listen_forever())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._listener is not None and not self._listener.is_closed():
            await self._listener.close()

    async def version(self) -> int | None:
        """The current version, or None when it cannot be known right now."""
        if self.postgres:
            return self._known
        async with self.engine.connect() as conn:
            return await read(conn)

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        try:
            self._known = max(self._known or 0, int(payload))
        except ValueError:
            self._known = None

    def _on_lost(self, _conn: object) -> None:
        self._known = None

    async def _listen_forever(self) -> None:
        url = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while True:
            try:
                self._listener = await asyncpg.connect(url)
                self._listener.add_termination_listener(self._on_lost)
                await self._listener.add_listener(CHANNEL, self._on_notify)
                # Listen first, then read: a bump between the two is not lost.
                async with self.engine.connect() as conn:
                    self._known = await read(conn)
                while not self._listener.is_closed():
                    await asyncio.sleep(1)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # any failure: version unknown, retry shortly
                log.warning("data version listener down: %s", exc)
            self._known = None
            await asyncio.sleep(1)
