"""A request's connections: the driver's own connection lent for one statement
(RequestDB.driver), and what a failed or cancelled statement leaves in the pool."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from launchgraph.db.engine import make_engine
from launchgraph.gql.loaders.request_db import RequestDB
from tests.conftest import Store

# A connection left for the garbage collector to give back is a connection not given back.
pytestmark = [
    pytest.mark.filterwarnings("error::sqlalchemy.exc.SAWarning"),
    pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture
async def one_connection(store: Store) -> AsyncIterator[AsyncEngine]:
    """An engine whose pool holds a single connection: a second checkout would wait."""
    if store.backend != "postgresql":
        pytest.skip("the driver runs statements itself on asyncpg only")
    engine = make_engine(store.url, pool_size=1, max_overflow=0, pool_timeout=5)
    try:
        yield engine
    finally:
        await engine.dispose()


async def _backend(engine: AsyncEngine) -> int:
    db = RequestDB(engine)
    try:
        async with db.driver() as driver:
            pid: int = await driver.fetchval("SELECT pg_backend_pid()")
            return pid
    finally:
        await db.close()


async def test_a_statement_alone_holds_a_connection_for_itself_only(
    one_connection: AsyncEngine,
) -> None:
    db = RequestDB(one_connection)
    async with db.driver() as driver:
        assert await driver.fetchval("SELECT 1") == 1
        assert one_connection.pool.checkedout() == 1  # type: ignore[attr-defined]
    assert one_connection.pool.checkedout() == 0  # type: ignore[attr-defined]
    # Given back as it was: the next request's statement runs on the same backend.
    first = await _backend(one_connection)
    assert await _backend(one_connection) == first
    await db.close()


async def test_the_driver_uses_the_requests_connection_and_transaction(
    one_connection: AsyncEngine,
) -> None:
    db = RequestDB(one_connection)
    async with db.connection() as conn:
        # A setting local to the transaction SQLAlchemy begins here.
        await conn.execute(text("SELECT set_config('lg.seen', 'yes', true)"))
    # With one pooled connection, taking another would time out instead.
    async with db.driver() as driver:
        seen = await asyncio.wait_for(driver.fetchval("SELECT current_setting('lg.seen')"), 5)
    assert seen == "yes"
    await db.close()


async def test_a_failed_statement_rolls_the_requests_transaction_back(
    one_connection: AsyncEngine,
) -> None:
    db = RequestDB(one_connection)
    async with db.connection() as conn:
        await conn.execute(text("SELECT 1"))
    with pytest.raises(asyncpg.DivisionByZeroError):
        async with db.driver() as driver:
            await driver.fetchval("SELECT 1 / 0")
    # Not "current transaction is aborted": the request goes on reading.
    async with db.connection() as conn:
        assert (await conn.execute(text("SELECT 2"))).scalar_one() == 2
    await db.close()


async def test_a_failed_statement_gives_its_connection_back(
    one_connection: AsyncEngine,
) -> None:
    before = await _backend(one_connection)
    db = RequestDB(one_connection)
    with pytest.raises(asyncpg.DivisionByZeroError):
        async with db.driver() as driver:
            await driver.fetchval("SELECT 1 / 0")
    assert one_connection.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert await _backend(one_connection) == before
    await db.close()


async def test_a_statement_cancelled_midway_discards_its_connection(
    one_connection: AsyncEngine,
) -> None:
    before = await _backend(one_connection)
    db = RequestDB(one_connection)

    async def forever() -> None:
        async with db.driver() as driver:
            await driver.fetchval("SELECT pg_sleep(3600)")

    task = asyncio.ensure_future(db.stoppable(forever()))
    await asyncio.sleep(0.5)  # the statement is running
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 30)
    await db.close(broken=True)
    assert one_connection.pool.checkedout() == 0  # type: ignore[attr-defined]
    # A new backend answers; the old one's statement does not run on.
    assert await _backend(one_connection) != before
    async with one_connection.connect() as conn:
        for _ in range(100):
            sql = "SELECT count(*) FROM pg_stat_activity WHERE pid = :pid AND state = 'active'"
            running = (await conn.execute(text(sql), {"pid": before})).scalar_one()
            if not running:
                break
            await asyncio.sleep(0.1)
        assert running == 0
