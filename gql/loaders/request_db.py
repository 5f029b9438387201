"""The one database connection of a request.

A request holds at most one pooled connection, opened on first use and lent in turn to
everything that reads for it (loaders, the compiled path): a request never waits for a
second connection while it holds one, so a full pool cannot deadlock on itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


class RequestDB:
    """Lends the request's connection to one reader at a time."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._conn: AsyncConnection | None = None
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        async with self._lock:
            if self._conn is None:
                self._conn = await self.engine.connect()
            yield self._conn

    async def close(self) -> None:
        """Give the connection back to the pool (the request is answered)."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await conn.close()
