"""Alembic environment: runs migrations over the async engine LaunchGraph uses."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

import launchgraph.db.tables
from launchgraph.db.engine import make_engine
from launchgraph.db.tables.search import for_dialect
from launchgraph.db.url import async_url

config = context.config
target_metadata = launchgraph.db.tables.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=for_dialect(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


async def _online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        await connection.run_sync(_run)
        return
    engine = make_engine(async_url(config.get_main_option("sqlalchemy.url")))
    async with engine.begin() as conn:
        await conn.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_online())
