"""The data version: a counter every ingest bumps, and how servers learn of bumps.

On PostgreSQL a listener connection receives `NOTIFY launchgraph_data` from every ingest
commit, so reading the version costs nothing per request; while that connection is down the
version is unknown (None) and callers must not trust caches. On SQLite (one machine, one
file) the counter is simply read.
"""

from __future__ import annotations

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from launchgraph.db.listening import Listening
from launchgraph.db.tables.meta import DataVersion

CHANNEL = "launchgraph_data"


async def read(conn: AsyncConnection) -> int:
    """The stored data version (0 before the first ingest)."""
    table = DataVersion.__table__
    value = (await conn.execute(select(table.c.version).where(table.c.id == 1))).scalar()
    return int(value or 0)


class VersionWatcher(Listening):
    """Knows the current data version of one database."""

    channel = CHANNEL

    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__(engine)
        self._known: int | None = None

    async def start(self) -> None:
        if self.postgres:
            self._listen()

    async def stop(self) -> None:
        await self._stop_listening()

    async def version(self) -> int | None:
        """The current version, or None when it cannot be known right now."""
        if self.postgres:
            return self._known
        async with self.engine.connect() as conn:
            return await read(conn)

    def known(self) -> int | None:
        """The current version where it is known without a statement (PostgreSQL's, heard
        by the listener), else None."""
        return self._known if self.postgres else None

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        try:
            self._known = max(self._known or 0, int(payload))
        except ValueError:
            self._known = None

    def _on_lost(self, _conn: object) -> None:
        self._known = None

    async def _listening(self, listener: asyncpg.Connection) -> None:
        listener.add_termination_listener(self._on_lost)
        # Listen first, then read: a bump between the two is not lost.
        async with self.engine.connect() as conn:
            self._known = await read(conn)

    def _down(self) -> None:
        self._known = None  # unknown until listening again
