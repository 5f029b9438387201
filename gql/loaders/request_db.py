"""The one database connection of a request.

A request holds at most one pooled connection, opened on first use and lent in turn to
everything that reads for it (loaders, the compiled path): a request never waits for a
second connection while it holds one, so a full pool cannot deadlock on itself.

A request cancelled (its deadline passed, its client left) stops its statement too: see
`stoppable`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.pool import PoolProxiedConnection

T = TypeVar("T")
# How often a cancelled request interrupts its SQLite statement until its work has ended (an
# interrupt reaches only the statement running at that moment).
_INTERRUPT_EVERY = 0.05
# Seconds a cancelled statement's connection waits for its cancellation before it is cut.
_CLOSE_WAIT = 2


class RequestDB:
    """Lends the request's connection to one reader at a time."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._conn: AsyncConnection | None = None
        self._connecting: asyncio.Future[AsyncConnection] | None = None
        self._lock = asyncio.Lock()
        self._interrupt: Callable[[], Awaitable[None]] | None = None
        self._cancelled: PoolProxiedConnection | None = None  # see `driver`

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

    @asynccontextmanager
    async def driver(self) -> AsyncIterator[Any]:
        """The driver's own connection (asyncpg's), for one statement the driver runs itself
        (db.statements.driver_fetchval): the request's connection where it has opened one (and
        its transaction, if any), else one taken from the pool for that statement alone.

        Taken as a pooled DBAPI connection, without a SQLAlchemy Connection around it: that
        checkout and checkin through SQLAlchemy's async layer cost three times the CPU
        (bench/RESULTS.md, session 21), for a statement that needs none of it. A statement
        that fails rolls the request's transaction back; a connection lent alone goes back
        to the pool, unless the request was cancelled mid-statement or the connection is
        gone (then it is discarded, as `close(broken=True)` does)."""
        async with self._lock:
            if self._conn is not None:
                raw = await self._conn.get_raw_connection()
                try:
                    yield raw.driver_connection
                except Exception:
                    await self._conn.rollback()
                    raise
                return
            pooled = await self.engine.raw_connection()
            try:
                yield pooled.driver_connection
            except Exception:
                if pooled.driver_connection.is_closed():
                    pooled.invalidate()
                else:
                    pooled.close()
                raise
            except BaseException:
                # Cancelled mid-statement: discarded by close(), once asyncpg has had the
                # loop's turns it takes to ask PostgreSQL to cancel the statement.
                self._cancelled = pooled
                raise
            else:
                pooled.close()

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
        if self._cancelled is not None:
            cancelled, self._cancelled = self._cancelled, None
            # asyncpg's own close waits for the statement's cancellation it sent (at most
            # _CLOSE_WAIT); SQLAlchemy's invalidate, called outside its greenlets, would
            # cut the socket at once and leave the statement running in PostgreSQL.
            with contextlib.suppress(Exception):
                await cancelled.driver_connection.close(timeout=_CLOSE_WAIT)
            cancelled.invalidate()
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
