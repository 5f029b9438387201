"""Async engines: one per process and URL, configured for each store's strengths."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from launchgraph.db.queries.json_sql import sqlite_functions
from launchgraph.db.url import async_url

# The longest SQL text asyncpg keeps prepared (a longer one is prepared at each execution).
STATEMENT_TEXT_MAX = 256 * 1024
# PostgreSQL connections an engine keeps open, by default (the server's engines, one per
# worker process: LAUNCHGRAPH_POOL_SIZE; docs/deploy.md says how to choose it).
POOL_SIZE = 10


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets the server read while an ingest writes; foreign keys make SQLite check what
    # PostgreSQL checks, so both stores reject the same bad data.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()
    sqlite_functions(dbapi_conn)


def make_engine(
    url: str | URL | None = None,
    statement_timeout: float = 0,
    pool_size: int = POOL_SIZE,
    **kwargs: Any,
) -> AsyncEngine:
    """An AsyncEngine for a plain or async URL (None: DATABASE_URL or the default file).

    `statement_timeout` (seconds, 0: none) bounds every statement on PostgreSQL, so a query
    left running by a cancelled request stops in the database too; the server sets it, an
    ingest does not. `pool_size`: the PostgreSQL connections the engine keeps open.
    """
    target = async_url(url) if not isinstance(url, URL) else url
    if target.get_backend_name() == "sqlite":
        engine = create_async_engine(target, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    # UTC sessions: date parts in filters, and timestamps rendered as JSON, are UTC.
    # random_page_cost 1.1 (PostgreSQL's default 4 models spinning disks): the LL2 graph is
    # small and cached, and at 4 the planner reads whole link tables to join a page's few
    # rows; an index per row is 1.5x faster on the benchmark queries (bench/RESULTS.md).
    server_settings = {"timezone": "UTC", "random_page_cost": "1.1"}
    if statement_timeout > 0:
        server_settings["statement_timeout"] = str(int(statement_timeout * 1000))
    # asyncpg keeps the statements it runs itself prepared per connection (the compiled path's
    # repeated requests, `db.statements.driver_fetchval`), but by default only those under
    # 15 KB of text: q1's statement is 12 KB, and deeper queries pass that.
    kwargs.setdefault(
        "connect_args",
        {"server_settings": server_settings, "max_cacheable_statement_size": STATEMENT_TEXT_MAX},
    )
    # No overflow: a connection opened beyond the pool is closed again as soon as it is
    # returned, and a new one pays a backend start and re-prepares its statements (q1's
    # throughput at 16 connections fell by a quarter with overflow). Requests beyond the
    # pool wait for a connection instead.
    kwargs.setdefault("pool_size", pool_size)
    kwargs.setdefault("max_overflow", 0)
    kwargs.setdefault("pool_pre_ping", False)
    engine = create_async_engine(target, **kwargs)
    event.listen(engine.sync_engine, "checkout", _replace_if_in_transaction)
    return engine


def _replace_if_in_transaction(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
    # A task cancelled mid-statement (a request past its deadline, or whose client left) can
    # give its connection back still inside a transaction the driver started and SQLAlchemy
    # no longer tracks; the next user would fail with "cannot use Connection.transaction() in
    # a manually started transaction". Such a connection is replaced, not handed out.
    if dbapi_conn.driver_connection.is_in_transaction():
        raise DisconnectionError("a pooled connection was left inside a transaction")
