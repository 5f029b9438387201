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
        self._connecting: asyncio.Future[AsyncConnection] | None = None
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        async with self._lock:
            if self._conn is None:
                # Shielded: a request cancelled while it connects (deadline, client gone)
                # still gets the connection, so close() can give it back to the pool.
                self._connecting = asyncio.ensure_future(self.engine.connect())
                self._conn = await asyncio.shield(self._connecting)
            yield self._conn

    async def close(self, broken: bool = False) -> None:
        """Give the connection back to the pool (the request is answered); `broken`: the
        request was cancelled, maybe mid-statement, so the connection is discarded."""
        conn, connecting = self._conn, self._connecting
        self._conn = self._connecting = None
        if conn is None and connecting is not None:
            try:
                conn = await connecting
            except Exception:
                return
        if conn is None:
            return
        if broken:
            await conn.invalidate()
        else:
            await conn.close()
