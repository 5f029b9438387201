"""The one database connection of a request.

A request holds at most one pooled connection, opened on first use and lent in turn to
everything that reads for it (loaders, the compiled path): a request never waits for a
second connection while it holds one, so a full pool cannot deadlock on itself.

A request cancelled (its deadline passed, its client left) stops its statement too: see
`stoppable`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

T = TypeVar("T")
# How often a cancelled request interrupts its SQLite statement until its work has ended (an
# interrupt reaches only the statement running at that moment).
_INTERRUPT_EVERY = 0.05


class RequestDB:
    """Lends the request's connection to one reader at a time."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._conn: AsyncConnection | None = None
        self._connecting: asyncio.Future[AsyncConnection] | None = None
        self._lock = asyncio.Lock()
        self._interrupt: Callable[[], Awaitable[None]] | None = None

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        async with self._lock:
            if self._conn is None:
                # Shielded: a request cancelled while it connects (deadline, client gone)
                # still gets the connection, so close() can give it back to the pool.
                self._connecting = asyncio.ensure_future(self.engine.connect())
                self._conn = await asyncio.shield(self._connecting)
                if self._conn.dialect.name == "sqlite":
                    raw = await self._conn.get_raw_connection()
                    self._interrupt = getattr(raw.driver_connection, "interrupt", None)
            yield self._conn

    async def stoppable(self, work: Awaitable[T]) -> T:
        """`work`'s outcome; if the caller is cancelled meanwhile, the statement `work` runs
        on this request's connection is stopped before the cancellation goes on.

        SQLite runs a statement in the driver's thread, which carries it on to its end for
        nobody once the caller is cancelled (seconds of a core for a heavy query; the
        request cannot even end before, as the driver cleans up behind the statement):
        the statement is interrupted. asyncpg asks PostgreSQL to cancel the statement of a
        cancelled call by itself (and statement_timeout bounds it besides): there `work` is
        simply awaited, without a task of its own to shield.
        """
        if self.engine.dialect.name != "sqlite":
            return await work
        inner = asyncio.ensure_future(work)
        try:
            return await asyncio.shield(inner)
        except asyncio.CancelledError:
            inner.cancel()
            while not inner.done():
                if self._interrupt is not None:
                    await self._interrupt()
                await asyncio.wait({inner}, timeout=_INTERRUPT_EVERY)
            raise

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
